"""``FakeSES``: the fake's lifecycle and the handle tests use.  Works without pytest (``with FakeSES():``)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Any

import boto3
from moto import mock_aws

from . import assertions, outcome_spec
from .arrange import ConfigurationSetHandle, create_configuration_set
from .bridge import BRIDGE
from .bridge.priming import prime_cryptography
from .clients import ClientFactory
from .core.model import DEFAULT_DEDICATED_IPS, ConfigurationSet
from .core.records import EventRecord, MessageRecord
from .core.sending import engagement
from .core.sending.outcomes import Outcome
from .core.session import Session
from .core.store import Store
from .environment import FakeEnvironment
from .errors import UsageError
from .guard import NetworkGuard
from .query import Events, Messages
from .webhooks.routing import Route, WebhookRouter

DEFAULT_REGION = "us-east-1"
DEFAULT_ACCOUNT_ID = "123456789012"


class FakeSES:
    """An in-process Amazon SES with configuration-set behaviour, on top of moto.

    Starting it activates moto's mock, fake credentials and the Region; stopping it discards every
    resource and restores the environment.
    """

    def __init__(
        self,
        *,
        region: str = DEFAULT_REGION,
        account_id: str = DEFAULT_ACCOUNT_ID,
        dedicated_ips: Iterable[str] = DEFAULT_DEDICATED_IPS,
        outcomes: Mapping[str, Outcome] | None = None,
        clients: ClientFactory | None = None,
    ) -> None:
        if not (account_id.isdigit() and len(account_id) == 12):
            raise UsageError(f"account_id must be 12 digits, got {account_id!r}")
        self.region = region
        self.account_id = account_id
        self.dedicated_ips = tuple(dedicated_ips)
        self._clients = clients or ClientFactory()
        self._mock: Any = None
        self._environment = FakeEnvironment(region, account_id)
        self._guard = NetworkGuard()
        self._saved_default_session: boto3.session.Session | None = None
        self._saved_setup: Any = None
        self.session = Session(dedicated_ips=self.dedicated_ips)
        for recipient, outcome in (outcomes or {}).items():
            self.session.program([recipient], outcome)
        self._saved_session: Session | None = None

    # --- lifecycle ---------------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self._mock is not None

    def start(self) -> FakeSES:
        if self.started:
            raise UsageError("this FakeSES is already started")
        if BRIDGE.active is not None:
            raise UsageError(
                "another FakeSES is already active in this process; stop it first "
                "(tests get one through the `ses` fixture)"
            )
        prime_cryptography()
        self._environment.enter()
        self._guard.install()
        # A default session made before the fake (say, at import time) holds the developer's credentials:
        # set it aside so that boto3.client() inside the fake builds one from the fake's environment.
        self._saved_default_session = boto3.DEFAULT_SESSION
        boto3.DEFAULT_SESSION = None  # made on first use, by the patched setup below
        self._saved_setup = boto3.setup_default_session
        boto3.setup_default_session = self._setup_default_session
        BRIDGE.install()
        self._saved_session = BRIDGE.session
        BRIDGE.session = self.session
        BRIDGE.active = self
        # moto's own fake keys would replace the fake's in the environment: keep ours (``testing``).
        self._mock = mock_aws(config={"core": {"reset_boto3_session": False, "mock_credentials": False}})
        self._mock.start()
        return self

    def stop(self) -> None:
        if not self.started:
            return
        self._mock.stop()
        self._mock = None
        BRIDGE.active = None
        if self._saved_session is not None:
            BRIDGE.session = self._saved_session
        BRIDGE.uninstall()
        # A client whose event handlers a test changed (a hook, a Stubber) must not reach the next test.
        self._clients.forget()
        boto3.setup_default_session = self._saved_setup
        boto3.DEFAULT_SESSION = self._saved_default_session
        self._guard.uninstall()
        self._environment.exit()

    def _setup_default_session(self, **kwargs: Any) -> None:
        """boto3's lazy default session, made from the fake's environment with the factory's loaded models."""
        boto3.DEFAULT_SESSION = self._clients.default_session() if not kwargs else boto3.session.Session(**kwargs)

    def __enter__(self) -> FakeSES:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- access ------------------------------------------------------------------------------------
    def client(self, service_name: str, region: str | None = None) -> Any:
        """A boto3 client for any service, bound to the fake (``ses``, ``sesv2``, ``sns``, ``sqs``...)."""
        self._require_started()
        return self._clients.client(service_name, region or self.region)

    def store(self, region: str | None = None) -> Store:
        """The core state of this account in ``region`` (default: the fake's Region)."""
        self._require_started()
        return BRIDGE.store_for(self.account_id, region or self.region)

    # --- what happened ---------------------------------------------------------------------------------
    @property
    def messages(self) -> Messages:
        """Every send attempt (accepted or rejected), oldest first."""
        return Messages(self.session.recorder.messages())

    @property
    def events(self) -> Events:
        """Every event SES generated, oldest first, with its publications and skipped destinations."""
        return Events(self.session.recorder.events())

    def message(self, message_id: str) -> MessageRecord:
        """The record of one message, by the id the send call returned."""
        found = self.session.recorder.message(message_id)
        if found is None:
            raise UsageError(f"no message with id {message_id!r} was sent through this fake")
        return found

    def find_configuration_set(self, name: str, message_id: str | None = None) -> ConfigurationSet | None:
        """The current state of a set, in the Region of ``message_id``'s send (default: the fake's Region)."""
        message = self.session.recorder.message(message_id) if message_id else None
        region = message.region if message else self.region
        account = message.account_id if message else self.account_id
        return BRIDGE.store_for(account, region).sets.get(name)

    # --- arranging ----------------------------------------------------------------------------------------
    def outcome(self, recipients: str | list[str], outcome: str, **details: Any) -> None:
        """Program what happens to later sends to these addresses: ``"bounce"``, ``"complaint"``,
        ``"delay"``, ``"reject"``, ``"deliver"`` or ``"auto-reply"``, with details as keywords."""
        __tracebackhide__ = True
        addresses = [recipients] if isinstance(recipients, str) else list(recipients)
        self.session.program(addresses, outcome_spec.build(outcome, **details))

    def verify(self, *identities: str) -> None:
        """Make email addresses or domains verified identities of the account."""
        client = self.client("sesv2")
        for identity in identities:
            with contextlib.suppress(client.exceptions.AlreadyExistsException):
                client.create_email_identity(EmailIdentity=identity)

    def configuration_set(
        self,
        name: str,
        *,
        destinations: Iterable[str | dict[str, Any]] = ("sns",),
        events: list[str] | None = None,
        **options: Any,
    ) -> ConfigurationSetHandle:
        """Create a set with destinations and what they need (topic + SQS queue, stream + bucket, rule + queue).

        ``options`` are ``CreateConfigurationSet`` blocks (``DeliveryOptions={...}``, ``SendingOptions=...``).
        """
        self._require_started()
        return create_configuration_set(self, name, destinations=destinations, events=events, options=options)

    # --- engagement -------------------------------------------------------------------------------------
    def _engagement_context(self, message_id: str) -> tuple[Any, MessageRecord]:
        message = self.message(message_id)
        return BRIDGE.context(message.account_id, message.region), message

    def open(
        self,
        message_id: str,
        recipient: str | None = None,
        *,
        ip_address: str = engagement.DEFAULT_IP,
        user_agent: str = engagement.DEFAULT_USER_AGENT,
    ) -> EventRecord:
        """The recipient opens the message: an Open event, published like any other."""
        ctx, message = self._engagement_context(message_id)
        return engagement.open_message(ctx, message, recipient, ip_address, user_agent)

    def click(
        self,
        message_id: str,
        link: str,
        recipient: str | None = None,
        *,
        link_tags: dict[str, list[str]] | None = None,
        ip_address: str = engagement.DEFAULT_IP,
        user_agent: str = engagement.DEFAULT_USER_AGENT,
    ) -> EventRecord:
        """The recipient clicks a link of the message: a Click event."""
        ctx, message = self._engagement_context(message_id)
        return engagement.click_link(ctx, message, link, recipient, ip_address, user_agent, link_tags or {})

    def unsubscribe(
        self,
        message_id: str,
        recipient: str | None = None,
        *,
        contact_list: str = "default",
        topics: dict[str, str] | None = None,
        unsubscribe_all: bool = True,
        source: str = "UnsubscribeHeader",
    ) -> EventRecord:
        """The recipient changes their subscription preferences: a Subscription event."""
        ctx, message = self._engagement_context(message_id)
        return engagement.unsubscribe(ctx, message, recipient, contact_list, topics or {}, unsubscribe_all, source)

    # --- assertions ---------------------------------------------------------------------------------------
    def assert_event_published(
        self, configuration_set: str | None, event_type: str, **criteria: Any
    ) -> list[EventRecord]:
        """See ``pytest_ses.assert_event_published``."""
        __tracebackhide__ = True
        return assertions.assert_event_published(configuration_set, event_type, fake=self, **criteria)

    def assert_no_event_published(self, configuration_set: str | None, event_type: str, **criteria: Any) -> None:
        """See ``pytest_ses.assert_no_event_published``."""
        __tracebackhide__ = True
        assertions.assert_no_event_published(configuration_set, event_type, fake=self, **criteria)

    def assert_sent(self, **criteria: Any) -> list[MessageRecord]:
        """See ``pytest_ses.assert_sent``."""
        __tracebackhide__ = True
        return assertions.assert_sent(fake=self, **criteria)

    def assert_not_sent(self, **criteria: Any) -> None:
        """See ``pytest_ses.assert_not_sent``."""
        __tracebackhide__ = True
        assertions.assert_not_sent(fake=self, **criteria)

    def _require_started(self) -> None:
        if not self.started:
            raise UsageError("FakeSES is not started: use it as a context manager or call start()")

    # --- webhooks: SNS HTTP/S deliveries to the app under test --------------------------------------------
    # (kept at the end of the class on purpose: pytest_ses.webhooks and bridge/sns_http.py do the work)
    @property
    def webhooks(self) -> WebhookRouter:
        """This test's routes for SNS HTTP/S endpoints and the record of every POST SNS made (``.deliveries``)."""
        return self.session.webhooks

    def route_webhook(self, url: str, app: Any = None, *, confirm: bool = True, kind: str | None = None) -> Route:
        """Deliver SNS's POSTs for ``url`` (and URLs below it) to ``app``, a WSGI or ASGI app, in-process.

        ``confirm=True`` confirms new subscriptions to the URL at once; ``confirm=False`` POSTs the
        SubscriptionConfirmation and leaves the subscription pending until the app visits its ``SubscribeURL``
        (or calls ConfirmSubscription).  Without ``app``, POSTs go over the network to ``url``, which must be a
        loopback address.  ``kind`` (``"wsgi"``/``"asgi"``) overrides the guess from the app's signature.
        The returned route lists the POSTs it received in ``.deliveries``.
        """
        __tracebackhide__ = True
        try:
            return self.session.webhooks.add(url, app, confirm=confirm, kind=kind)
        except ValueError as error:
            raise UsageError(str(error)) from None
