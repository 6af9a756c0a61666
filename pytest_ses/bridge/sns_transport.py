"""How one SNS HTTP/S POST travels, and what is remembered of it.

A routed URL goes to its app (or, for a network route, to its loopback address); an unrouted one goes over
the network only when it is a loopback address or an active ``responses`` mock answers it, and is otherwise
recorded as refused.  Each delivery is recorded on the test's ``WebhookRouter`` and summarised on moto's
``Topic`` for the SES publication record.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
import responses
from moto.core import models as moto_core
from moto.sns.models import Subscription, Topic

from ..core.session import Session
from ..webhooks import envelope
from ..webhooks.apps import HttpRequest, HttpResponse, post_over_network
from ..webhooks.routing import Route, WebhookDelivery, credentials, is_loopback, strip_credentials

_TOPIC_STATE = "_pytest_ses_http"


@dataclass
class Grant:
    """What a confirmation token confirms: a subscription, or (after Unsubscribe) its restoration."""

    endpoint: str
    protocol: str
    subscription_arn: str


@dataclass
class TopicState:
    """Kept on moto's ``Topic`` so that moto's reset discards it with the topic."""

    grants: dict[str, Grant] = field(default_factory=dict)
    outcomes: dict[str, list[str]] = field(default_factory=dict)


def topic_state(topic: Topic) -> TopicState:
    state = topic.__dict__.get(_TOPIC_STATE)
    if state is None:
        state = TopicState()
        setattr(topic, _TOPIC_STATE, state)
    assert isinstance(state, TopicState)
    return state


def describe_deliveries(topic: Topic, sns_message_id: str) -> str:
    """How the HTTP/S subscribers answered one SNS message (``""`` when it had none), for publication records."""
    outcomes = topic_state(topic).outcomes.get(sns_message_id, [])
    return "; ".join(outcomes)


def content_type(subscription: Subscription) -> str:
    """``headerContentType`` of the subscription's delivery policy, else the topic's, else SNS's default."""
    for policy_text, path in (
        (subscription.attributes.get("DeliveryPolicy"), ("requestPolicy",)),
        (getattr(subscription.topic, "delivery_policy", ""), ("http", "defaultRequestPolicy")),
    ):
        try:
            policy = json.loads(policy_text) if policy_text else {}
        except (TypeError, ValueError):
            continue
        for key in path:
            policy = policy.get(key, {}) if isinstance(policy, dict) else {}
        if isinstance(policy, dict) and policy.get("headerContentType"):
            return str(policy["headerContentType"])
    return envelope.DEFAULT_CONTENT_TYPE


class HttpTransport:
    """Delivers POSTs for the bridge and records them on the current test's router."""

    def __init__(self, session_source: Callable[[], Session]) -> None:
        self._session_source = session_source

    def post(
        self, subscription: Subscription, message_type: str, message_id: str, body: str, *, raw: bool = False
    ) -> None:
        endpoint = subscription.endpoint
        url = strip_credentials(endpoint)
        data = body.encode("utf-8")
        headers = envelope.request_headers(
            message_type=message_type,
            message_id=message_id,
            topic_arn=subscription.topic.arn,
            subscription_arn=subscription.arn,
            host=urlsplit(url).netloc,
            content_length=len(data),
            content_type=content_type(subscription),
            raw=raw,
        )
        route = self._session_source().webhooks.find(url)
        request = HttpRequest("POST", url, headers, data)
        response: HttpResponse | None = None
        error: str | None = None
        raised: BaseException | None = None
        attempts = 1
        try:
            response = self._send(route, request)
            login = credentials(endpoint)
            if response is not None and response.status == 401 and login is not None:
                # SNS sends an endpoint's basic-auth credentials only after a 401 challenge.
                token = base64.b64encode(f"{login[0]}:{login[1]}".encode()).decode("ascii")
                request = HttpRequest("POST", url, {**headers, "Authorization": f"Basic {token}"}, data)
                response = self._send(route, request)
                attempts = 2
            if response is None:
                error = (
                    f"not delivered: pytest-ses makes no request to {urlsplit(url).hostname} "
                    f"(route the URL to an app with ses.route_webhook(url, app), or use a loopback address)"
                )
        except Exception as exception:  # the app's or the connection's failure, recorded like SNS would
            raised = exception
            error = f"{type(exception).__name__}: {exception}"
        delivery = WebhookDelivery(
            url=url,
            message_type=message_type,
            topic_arn=subscription.topic.arn,
            subscription_arn=subscription.arn,
            sns_message_id=message_id,
            headers=dict(request.headers),
            body=body,
            status=response.status if response else None,
            response_body=response.body.decode("utf-8", "replace") if response else "",
            error=error,
            route=route.url if route else None,
            attempts=attempts,
            exception=raised,
        )
        self._record(subscription.topic, delivery)

    def _send(self, route: Route | None, request: HttpRequest) -> HttpResponse | None:
        if route is not None:
            return route.call(request, post_over_network)
        if is_loopback(request.url) or _answered_by_a_mock(request):
            return post_over_network(request)
        return None

    def record_skip(self, subscription: Subscription, message_id: str, reason: str) -> None:
        route = self._session_source().webhooks.find(subscription.endpoint)
        self._record(
            subscription.topic,
            WebhookDelivery(
                url=strip_credentials(subscription.endpoint),
                message_type=envelope.NOTIFICATION,
                topic_arn=subscription.topic.arn,
                subscription_arn=subscription.arn,
                sns_message_id=message_id,
                headers={},
                body="",
                status=None,
                error=f"not delivered: {reason}",
                route=route.url if route else None,
                attempts=0,
            ),
        )

    def _record(self, topic: Topic, delivery: WebhookDelivery) -> None:
        self._session_source().webhooks.record(delivery)
        outcome = f"HTTP {delivery.status}" if delivery.status is not None else (delivery.error or "no answer")
        topic_state(topic).outcomes.setdefault(delivery.sns_message_id, []).append(
            f"{delivery.message_type} POST {delivery.url}: {outcome}"
        )


def _answered_by_a_mock(request: HttpRequest) -> bool:
    """Whether an active ``responses`` mock (moto's, or the test's own) has a response for this request.

    Then ``requests`` never reaches the network, so tests that mock their endpoint with ``responses``, as
    they would with plain moto, keep working.
    """
    moto_mock = moto_core.responses_mock
    default_mock = responses.mock
    candidates: list[Any] = []
    if getattr(moto_mock, "_patcher", None) is not None:
        # moto's registry also consults the default mock's responses.
        candidates += [*moto_mock.registered(), *default_mock.registered()]
    elif getattr(default_mock, "_patcher", None) is not None:
        candidates += default_mock.registered()
    if not candidates:
        return False
    prepared = requests.Request(
        request.method, request.url, headers=dict(request.headers), data=request.body
    ).prepare()
    for candidate in candidates:
        try:
            matched, _reason = candidate.matches(prepared)
        except Exception:  # a user's matcher that cannot read this request does not match it
            continue
        if matched:
            return True
    return False
