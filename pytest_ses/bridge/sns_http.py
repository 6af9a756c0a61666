"""moto's SNS HTTP/S deliveries made the way SNS makes them, to apps routed in-process.

moto POSTs a notification with ``requests`` to any http/https endpoint, without SNS's headers, with a
signature its own clients cannot check, and never asks for a subscription to be confirmed.  Installed, this
module instead:

* builds the envelope, headers and SignatureVersion 1/2 signature SNS sends (``pytest_ses.webhooks``);
* hands the POST to the app routed for the URL (``Session.webhooks``), else makes it for real only to a
  loopback address or a URL an active ``responses`` mock answers, and otherwise records a refused delivery;
* serves the signing certificate at its ``SigningCertURL`` through moto's ``responses`` mock;
* for routed URLs that do not pre-confirm: POSTs a SubscriptionConfirmation on Subscribe, keeps the
  subscription pending until ConfirmSubscription (or a visit to ``SubscribeURL``) presents its token, and
  POSTs an UnsubscribeConfirmation on Unsubscribe.  Subscriptions to other URLs keep moto's behaviour
  (confirmed at once), so tests written against plain moto see no change but better-formed requests.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

import requests
import responses
from moto.core import models as moto_core
from moto.core.responses import ActionResult
from moto.sns.exceptions import SNSInvalidParameter
from moto.sns.models import SNSBackend, Subscription, Topic, sns_backends
from moto.sns.responses import SNSResponse

from ..core.clock import iso_millis, utcnow
from ..core.session import Session
from ..webhooks import envelope
from ..webhooks.signing import SIGNATURE_VERSIONS, DeferredSignature, SigningIdentity
from .sns_queues import deliver_envelope, message_for, notification_for, takes_envelope, truthy
from .sns_transport import Grant, HttpTransport, topic_state

_HTTP = ("http", "https")
_CREATED_PENDING = "_pytest_ses_created_pending"
_CERTIFICATE_URL = re.compile(
    r"https://sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/SimpleNotificationService-[0-9a-f]+\.pem"
)


def _find_topic(topic_arn: str) -> tuple[SNSBackend, Topic] | None:
    parts = (topic_arn or "").split(":")
    if len(parts) != 6 or parts[0] != "arn":
        return None
    try:
        backend: SNSBackend = sns_backends[parts[4]][parts[3]]
    except (KeyError, ValueError):
        return None
    topic = backend.topics.get(topic_arn)
    return None if topic is None else (backend, topic)


def _as_listed(subscription: Any) -> Any:
    """ListSubscriptions shows a subscription waiting for confirmation as ``PendingConfirmation``."""
    if (
        not isinstance(subscription, Subscription)
        or subscription.attributes.get("PendingConfirmation") is not True
    ):
        return subscription
    return {
        "SubscriptionArn": "PendingConfirmation",
        "Owner": subscription.account_id,
        "Protocol": subscription.protocol,
        "Endpoint": subscription.endpoint,
        "TopicArn": subscription.topic.arn,
    }


class SnsHttpBridge:
    """The patches on moto's SNS classes (installed with the rest of the bridge, reversibly)."""

    def __init__(self, session_source: Callable[[], Session]) -> None:
        self._session_source = session_source
        self._originals: dict[tuple[type, str], Any] = {}
        self._lock = threading.Lock()
        self._identity: SigningIdentity | None = None
        self._certificate_route: responses.CallbackResponse | None = None
        self._certificate_registry: object = None
        self._transport = HttpTransport(session_source)

    # --- installation -------------------------------------------------------------------------------
    def install(self) -> None:
        bridge = self
        publish = Subscription.publish
        subscribe = SNSBackend.subscribe
        unsubscribe = SNSBackend.unsubscribe
        subscribe_action = SNSResponse.subscribe
        confirm_action = SNSResponse.confirm_subscription

        def patched_publish(subscription: Subscription, message: str, message_id: str, **options: Any) -> None:
            if subscription.protocol in _HTTP:
                bridge.notify(subscription, message, message_id, **options)
            elif takes_envelope(subscription):
                deliver_envelope(subscription, message, message_id, bridge.sign_later, **options)
            else:
                publish(subscription, message, message_id, **options)

        def patched_subscribe(backend: SNSBackend, topic_arn: str, endpoint: str, protocol: str) -> Subscription:
            existing = backend._find_subscription(topic_arn, endpoint, protocol)
            subscription: Subscription = subscribe(backend, topic_arn, endpoint, protocol)
            if protocol in _HTTP and existing is None:
                bridge.subscribed(subscription)
            return subscription

        def patched_unsubscribe(backend: SNSBackend, subscription_arn: str) -> None:
            subscription = backend.subscriptions.get(subscription_arn)
            unsubscribe(backend, subscription_arn)
            if subscription is not None and subscription.protocol in _HTTP:
                bridge.unsubscribed(subscription)

        def patched_subscribe_action(response: SNSResponse) -> ActionResult:
            result: ActionResult = subscribe_action(response)
            payload = result.result
            arn = str(payload.get("SubscriptionArn", "")) if isinstance(payload, dict) else ""
            subscription = response.backend.subscriptions.get(arn)
            pending = subscription is not None and subscription.__dict__.get(_CREATED_PENDING, False)
            if pending and not truthy(response._get_param("ReturnSubscriptionArn")):
                return ActionResult({"SubscriptionArn": "pending confirmation"})
            return result

        def patched_confirm_action(response: SNSResponse) -> ActionResult:
            confirmed = bridge.confirm(
                response._get_param("TopicArn"),
                response._get_param("Token"),
                authenticated="Authorization" in response.headers,
            )
            return confirm_action(response) if confirmed is None else confirmed

        def listing(original: Any) -> Any:
            def patched_listing(response: SNSResponse) -> ActionResult:
                result: ActionResult = original(response)
                payload = result.result
                if isinstance(payload, dict):
                    payload["Subscriptions"] = [_as_listed(s) for s in payload.get("Subscriptions") or []]
                return result

            return patched_listing

        list_all, list_by_topic = SNSResponse.list_subscriptions, SNSResponse.list_subscriptions_by_topic

        with self._lock:
            if self._originals:
                return
            for cls, name, original, replacement in (
                (SNSResponse, "list_subscriptions", list_all, listing(list_all)),
                (SNSResponse, "list_subscriptions_by_topic", list_by_topic, listing(list_by_topic)),
                (Subscription, "publish", publish, patched_publish),
                (SNSBackend, "subscribe", subscribe, patched_subscribe),
                (SNSBackend, "unsubscribe", unsubscribe, patched_unsubscribe),
                (SNSResponse, "subscribe", subscribe_action, patched_subscribe_action),
                (SNSResponse, "confirm_subscription", confirm_action, patched_confirm_action),
            ):
                self._originals[(cls, name)] = original
                setattr(cls, name, replacement)

    def uninstall(self) -> None:
        with self._lock:
            for (cls, name), original in self._originals.items():
                setattr(cls, name, original)
            self._originals.clear()
            route = self._certificate_route
            if route is not None and any(r is route for r in moto_core.responses_mock.registered()):
                moto_core.responses_mock.remove(route)
            self._certificate_registry = None

    # --- signing ------------------------------------------------------------------------------------
    @property
    def identity(self) -> SigningIdentity:
        """One key per process: generating one costs tens of milliseconds, and its URL never changes."""
        with self._lock:
            if self._identity is None:
                self._identity = SigningIdentity.generate()
            return self._identity

    def _publish_certificate(self) -> None:
        """(Re-)register the certificate's URL on moto's ``responses`` mock, which moto resets on each start."""
        with self._lock:
            if self._certificate_route is None:
                self._certificate_route = responses.CallbackResponse(
                    method="GET", url=_CERTIFICATE_URL, callback=self._serve_certificate
                )
            # moto's reset gives the mock a new registry: adding once per registry is enough (looking for the
            # route among moto's ~1,300 registrations on every signature cost more than the signature).
            registry = moto_core.responses_mock.get_registry()
            if self._certificate_registry is not registry:
                moto_core.responses_mock.add(self._certificate_route)
                self._certificate_registry = registry

    def _serve_certificate(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], bytes]:
        identity = self.identity
        if str(request.url).rsplit("/", 1)[-1] != identity.certificate_name:
            return 404, {"Content-Type": "text/plain"}, b"Not Found"
        return 200, {"Content-Type": "application/x-x509-ca-cert"}, identity.certificate_pem

    def sign(self, document: Mapping[str, Any], topic: Topic) -> dict[str, Any]:
        """Sign with the topic's ``SignatureVersion`` (SNS's default is 1) and publish the certificate."""
        return self.identity.sign(document, self._signature_version(topic), envelope.region_of(topic.arn))

    def sign_later(self, document: Mapping[str, Any], topic: Topic) -> tuple[dict[str, Any], DeferredSignature]:
        """As ``sign``, the signature left to compute when first read (``SigningIdentity.sign_later``)."""
        return self.identity.sign_later(document, self._signature_version(topic), envelope.region_of(topic.arn))

    def _signature_version(self, topic: Topic) -> str:
        self._publish_certificate()
        version = str(getattr(topic, "signature_version", "1"))
        return version if version in SIGNATURE_VERSIONS else "1"

    def _signed_body(self, document: Mapping[str, Any], topic: Topic) -> str:
        return envelope.body_text(self.sign(document, topic))

    # --- the three kinds of POST ---------------------------------------------------------------------
    def notify(
        self,
        subscription: Subscription,
        message: str,
        message_id: str,
        *,
        subject: str | None = None,
        message_attributes: dict[str, Any] | None = None,
        message_structure: str | None = None,
        **_fifo: Any,
    ) -> None:
        chosen = message_for(subscription, message, message_attributes, message_structure)
        if chosen is None:
            return
        if subscription.attributes.get("PendingConfirmation") is True:
            self._transport.record_skip(subscription, message_id, "the subscription is pending confirmation")
            return
        raw = truthy(subscription.attributes.get("RawMessageDelivery"))
        if raw:
            body = chosen
        else:
            document = notification_for(subscription, chosen, message_id, subject, message_attributes)
            body = self._signed_body(document, subscription.topic)
        self._transport.post(subscription, envelope.NOTIFICATION, message_id, body, raw=raw)

    def subscribed(self, subscription: Subscription) -> None:
        """A new HTTP/S subscription: routed URLs that do not pre-confirm are asked to confirm."""
        route = self._session_source().webhooks.find(subscription.endpoint)
        if route is None or route.confirm:
            return
        subscription.attributes["PendingConfirmation"] = True
        subscription.attributes["ConfirmationWasAuthenticated"] = False
        setattr(subscription, _CREATED_PENDING, True)
        token = self._grant(subscription)
        message_id = self._session_source().ids.uuid()
        document = envelope.subscription_confirmation(
            message_id=message_id, topic_arn=subscription.topic.arn, token=token, timestamp=iso_millis(utcnow())
        )
        body = self._signed_body(document, subscription.topic)
        self._transport.post(subscription, envelope.SUBSCRIPTION_CONFIRMATION, message_id, body)

    def unsubscribed(self, subscription: Subscription) -> None:
        if self._session_source().webhooks.find(subscription.endpoint) is None:
            return
        token = self._grant(subscription)
        message_id = self._session_source().ids.uuid()
        document = envelope.unsubscribe_confirmation(
            message_id=message_id,
            topic_arn=subscription.topic.arn,
            subscription_arn=subscription.arn,
            token=token,
            timestamp=iso_millis(utcnow()),
        )
        body = self._signed_body(document, subscription.topic)
        self._transport.post(subscription, envelope.UNSUBSCRIBE_CONFIRMATION, message_id, body)

    def _grant(self, subscription: Subscription) -> str:
        ids = self._session_source().ids
        token = "".join(ids.uuid().replace("-", "") for _ in range(4))
        grant = Grant(subscription.endpoint, subscription.protocol, subscription.arn)
        topic_state(subscription.topic).grants[token] = grant
        return token

    # --- confirmation ---------------------------------------------------------------------------------
    def confirm(self, topic_arn: str, token: str, *, authenticated: bool) -> ActionResult | None:
        """ConfirmSubscription for a token this module issued; ``None`` leaves the call to moto.

        A topic that this module issued tokens for rejects any other token, as SNS does.
        """
        found = _find_topic(topic_arn)
        if found is None:
            return None
        backend, topic = found
        grants = topic_state(topic).grants
        if not grants:
            return None
        grant = grants.get(token)
        if grant is None:
            raise SNSInvalidParameter("Invalid parameter: Token")
        subscription = backend.subscriptions.get(grant.subscription_arn)
        if subscription is None:
            # Restoring an unsubscribed endpoint: moto's own subscribe, so no new confirmation is asked.
            subscription = self._originals[(SNSBackend, "subscribe")](
                backend, topic_arn, grant.endpoint, grant.protocol
            )
            grant.subscription_arn = subscription.arn
        if subscription.attributes.get("PendingConfirmation") is True:
            subscription.attributes["PendingConfirmation"] = False
            subscription.attributes["ConfirmationWasAuthenticated"] = authenticated
        return ActionResult({"SubscriptionArn": subscription.arn})

    # --- transport ----------------------------------------------------------------------------------
