"""The send pipeline in plain Python: handlers, plan, outcomes and publishing with a fake World (no moto).

What goes out to each destination kind (payload and headline), what the world is told to keep, how a
failed delivery is recorded, how the outgoing IP is chosen, and the handlers' robustness to odd input.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from freezegun import freeze_time

from pytest_ses.core.api import send_v1, send_v2
from pytest_ses.core.api.context import OpContext
from pytest_ses.core.eventtypes import EventType
from pytest_ses.core.model import (
    DEFAULT_DEDICATED_POOL,
    ConfigurationSet,
    Dimension,
    EventDestination,
    SuppressedDestination,
)
from pytest_ses.core.records import RuleDecision
from pytest_ses.core.sending import pipeline
from pytest_ses.core.sending.outcomes import Bounce, simulator_outcome
from pytest_ses.core.sending.plan import Plan
from pytest_ses.core.sending.publishing import SNS_SUBJECT
from pytest_ses.core.sending.request import SendRequest
from pytest_ses.core.session import Session
from pytest_ses.core.store import Store
from pytest_ses.errors import AwsError

TOPIC = "arn:aws:sns:us-east-1:123456789012:events"
STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/events"
BUS = "arn:aws:events:us-east-1:123456789012:event-bus/default"
APP = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/app"
ALL = tuple(EventType)


@dataclass
class FakeWorld:
    """example.com is verified; deliveries are kept, and fail for targets listed in ``broken``."""

    delivered: list[tuple[str, str, str, str]] = field(default_factory=list)
    sent: list[Mapping[str, Any]] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)

    def sns_topic_exists(self, topic_arn: str) -> bool:
        return topic_arn == TOPIC

    def identity_exists(self, identity: str) -> bool:
        return identity == "example.com"

    def verified_identity(self, address: str) -> str | None:
        return "example.com" if address.lower().endswith("@example.com") else None

    def deliver(self, kind: str, target: str, payload: str, headline: str) -> tuple[bool, str]:
        if target in self.broken:
            return False, f"{target} is gone"
        self.delivered.append((kind, target, payload, headline))
        return True, "ok"

    def store_sent(self, sent: Mapping[str, Any]) -> None:
        self.sent.append(sent)

    def notification_topic(self, identity: str, notification_type: str) -> str | None:
        return None


@pytest.fixture
def world() -> FakeWorld:
    return FakeWorld()


@pytest.fixture
def store() -> Store:
    store = Store.create("123456789012", "us-east-1", ("198.51.100.1", "198.51.100.2"))
    store.sets["tx"] = ConfigurationSet(name="tx", created=None)  # type: ignore[arg-type]
    return store


@pytest.fixture
def ctx(store: Store, world: FakeWorld) -> OpContext:
    return OpContext(store=store, world=world, underlying=dict, session=Session())


def destination(name: str, kind: str, target: str = "", **extra: Any) -> EventDestination:
    return EventDestination(name=name, enabled=True, matching=ALL, kind=kind, target=target, **extra)


def request(**extra: Any) -> SendRequest:
    fields: dict[str, Any] = {
        "operation": "SendEmail",
        "api": "v2",
        "source": "me@example.com",
        "to": ("to@example.net",),
        "subject": "Hello",
        "text": "Hi",
        "configuration_set": "tx",
    }
    return SendRequest(**(fields | extra))


# --- what each destination kind receives ----------------------------------------------------------------
def test_each_destination_kind_gets_its_own_payload(ctx: OpContext, store: Store, world: FakeWorld) -> None:
    dimension = Dimension("campaign", "MESSAGE_TAG", "none")
    store.sets["tx"].destinations = {
        "sns": destination("sns", "sns", TOPIC),
        "fh": destination("fh", "firehose", STREAM),
        "cw": destination("cw", "cloudwatch", dimensions=(dimension,)),
        "eb": destination("eb", "eventbridge", BUS),
        "pp": destination("pp", "pinpoint", APP),
    }

    message_id = pipeline.send(ctx, request(tags=(("campaign", "spring"),)))

    record = ctx.session.recorder.message(message_id)
    assert record is not None
    send_json = record.events[0].record_json
    sent = [d for d in world.delivered if json.loads(send_json)["eventType"] in d[2] or d[0] == "cloudwatch"][:5]
    by_kind = {kind: (target, payload, headline) for kind, target, payload, headline in sent}
    assert by_kind["sns"] == (TOPIC, send_json, SNS_SUBJECT)
    assert by_kind["firehose"] == (STREAM, send_json + "\n", "")
    assert by_kind["pinpoint"] == (APP, send_json, "Send")
    datum = json.loads(by_kind["cloudwatch"][1])
    assert datum["Dimensions"] == [{"Name": "campaign", "Value": "spring"}]
    assert (datum["Namespace"], datum["MetricName"], by_kind["cloudwatch"][2]) == ("AWS/SES", "Send", "Send")
    entry = json.loads(by_kind["eventbridge"][1])
    assert entry == {
        "Source": "aws.ses",
        "DetailType": "Email Sent",
        "Detail": send_json,
        "Resources": ["arn:aws:ses:us-east-1:123456789012:configuration-set/tx"],
        "EventBusName": BUS,
    }


def test_a_failed_delivery_is_recorded_and_the_send_still_succeeds(
    ctx: OpContext, store: Store, world: FakeWorld
) -> None:
    store.sets["tx"].destinations = {"sns": destination("sns", "sns", TOPIC)}
    world.broken.add(TOPIC)

    message_id = pipeline.send(ctx, request())

    record = ctx.session.recorder.message(message_id)
    assert record is not None
    assert record.accepted
    assert [(p.delivered, p.detail) for e in record.events for p in e.publications] == [
        (False, f"{TOPIC} is gone")
    ] * 2


def test_pinpoint_does_not_take_delivery_delays(ctx: OpContext, store: Store, world: FakeWorld) -> None:
    """The control plane refuses such a destination; a store edited by hand still must not publish."""
    from pytest_ses.core.sending.outcomes import Delay

    store.sets["tx"].destinations = {"pp": destination("pp", "pinpoint", APP)}
    ctx.session.program(["to@example.net"], Delay())

    message_id = pipeline.send(ctx, request())

    record = ctx.session.recorder.message(message_id)
    assert record is not None
    delay = next(e for e in record.events if e.type is EventType.DELIVERY_DELAY)
    assert [s.reason for s in delay.skipped] == ["Pinpoint destinations do not receive DELIVERY_DELAY events"]


def test_the_world_keeps_each_accepted_message(ctx: OpContext, world: FakeWorld) -> None:
    message_id = pipeline.send(ctx, request(cc=("cc@example.net",), html="<p>Hi</p>"))

    assert world.sent == [
        {
            "message_id": message_id,
            "operation": "SendEmail",
            "source": "me@example.com",
            "destinations": ["to@example.net", "cc@example.net"],
            "to": ["to@example.net"],
            "cc": ["cc@example.net"],
            "bcc": [],
            "subject": "Hello",
            "body": "<p>Hi</p>",
            "raw": None,
            "raw_headers": (),
            "template": None,
            "template_data": None,
        }
    ]


def test_a_rejected_send_is_recorded_and_nothing_is_kept(ctx: OpContext, world: FakeWorld) -> None:
    with pytest.raises(AwsError) as excinfo:
        pipeline.send(ctx, request(source="me@elsewhere.com"))

    assert excinfo.value.code == "MessageRejected"
    (record,) = ctx.session.recorder.messages()
    assert (record.accepted, record.error_code, world.sent, world.delivered) == (False, "MessageRejected", [], [])


# --- the outgoing IP ---------------------------------------------------------------------------------------
def test_the_outgoing_ip_depends_only_on_the_message_id() -> None:
    plan = Plan("example.com", [], pool=DEFAULT_DEDICATED_POOL, pool_ips=("10.0.0.3", "10.0.0.1", "10.0.0.2"))
    same_pool_other_order = Plan("example.com", [], pool_ips=("10.0.0.2", "10.0.0.3", "10.0.0.1"))
    ids = [f"{i:016x}-00000000-0000-4000-8000-000000000000-000000" for i in range(60)]

    chosen = [plan.outgoing_ip(i) for i in ids]

    assert chosen == [plan.outgoing_ip(i) for i in ids]
    assert chosen == [same_pool_other_order.outgoing_ip(i) for i in ids]
    assert set(chosen) == {"10.0.0.1", "10.0.0.2", "10.0.0.3"}


def test_two_sessions_with_the_same_seed_make_the_same_choices(store: Store, world: FakeWorld) -> None:
    def run() -> list[tuple[str | None, str | None]]:
        ctx = OpContext(store=store, world=world, underlying=dict, session=Session())
        with freeze_time("2026-03-01 12:00:00"):
            for _ in range(5):
                pipeline.send(ctx, request())
        return [(m.message_id, m.outgoing_ip) for m in ctx.session.recorder.messages()]

    assert run() == run()


# --- suppression and outcomes without moto ----------------------------------------------------------------------
def test_suppression_uses_the_list_as_it_was_when_the_message_was_accepted(ctx: OpContext, store: Store) -> None:
    store.suppressed["old@example.net"] = SuppressedDestination("old@example.net", "BOUNCE", None)  # type: ignore[arg-type]
    ctx.session.program(["new@example.net"], Bounce())

    message_id = pipeline.send(ctx, request(to=("old@example.net", "new@example.net", "new@example.net")))

    record = ctx.session.recorder.message(message_id)
    assert record is not None
    outcomes = [r for r in record.rules if r.rule == "outcome"]
    assert [o.outcome for o in outcomes] == ["suppressed", "bounce Permanent/General", "bounce Permanent/General"]
    assert set(store.suppressed) == {"old@example.net", "new@example.net"}
    assert store.suppressed["new@example.net"].reason == "BOUNCE"


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("success@simulator.amazonses.com", "Deliver"),
        ("bounce+x+y@simulator.amazonses.com", "Bounce"),
        ("OOTO@SIMULATOR.AMAZONSES.COM", "AutoReply"),
        ("complaint@simulator.amazonses.com", "Complaint"),
        ("suppressionlist+1@simulator.amazonses.com", "Bounce"),
        ("bounce@simulator.amazonses.com.evil.com", None),
        ("bounce@example.com", None),
    ],
)
def test_simulator_addresses(address: str, expected: str | None) -> None:
    outcome = simulator_outcome(address)

    assert (type(outcome).__name__ if outcome is not None else None) == expected


# --- handlers: odd input never crashes ---------------------------------------------------------------------
def answer(handler: Any, ctx: OpContext, params: dict[str, Any]) -> str:
    """The error code, or ``MessageId`` when the message was accepted."""
    try:
        response = handler(ctx, params)
    except AwsError as error:
        return error.code
    assert set(response) == {"MessageId"}
    return "MessageId"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"Source": "me@example.com"},
        {"Source": "me@example.com", "Destination": None, "Message": None},
        {"Source": "me@example.com", "Destination": {"ToAddresses": None}, "Message": {"Body": None}},
    ],
)
def test_v1_send_email_answers_odd_input_with_an_aws_error_or_a_message(
    ctx: OpContext, params: dict[str, Any]
) -> None:
    assert answer(send_v1.send_email, ctx, params) in {"InvalidParameterValue", "MessageRejected", "MessageId"}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"Content": None},
        {"Content": {"Simple": None}, "FromEmailAddress": "me@example.com"},
        {"Content": {"Template": None}, "FromEmailAddress": "me@example.com"},
        {"Content": {"Raw": None}},
    ],
)
def test_v2_send_email_answers_odd_input_with_an_aws_error_or_a_message(
    ctx: OpContext, params: dict[str, Any]
) -> None:
    assert answer(send_v2.send_email, ctx, params) in {
        "BadRequestException",
        "NotFoundException",
        "MessageRejected",
        "MessageId",
    }


@pytest.mark.parametrize(
    "data",
    [
        b"From: me@example.com\r\nTo: a@example.net\r\n\r\nbody",
        base64.b64encode(b"From: me@example.com\r\nTo: a@example.net\r\n\r\nbody").decode(),
    ],
    ids=["bytes", "base64-text"],
)
def test_raw_data_arrives_as_bytes_or_base64(ctx: OpContext, data: Any) -> None:
    response = send_v1.send_raw_email(ctx, {"RawMessage": {"Data": data}})

    record = ctx.session.recorder.message(response["MessageId"])
    assert record is not None
    assert (record.source, record.destinations) == ("me@example.com", ("a@example.net",))


def test_the_rule_log_is_made_of_rule_decisions(ctx: OpContext) -> None:
    message_id = pipeline.send(ctx, request())

    record = ctx.session.recorder.message(message_id)
    assert record is not None
    assert all(isinstance(rule, RuleDecision) and rule.reason for rule in record.rules)
    assert record.rule("nonexistent") is None
