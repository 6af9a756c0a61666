"""``pytest_ses.snapshot`` without pytest's side: normalisation, rendering, file names and the file check."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from pytest_ses.core.eventtypes import EventType
from pytest_ses.core.recorder import Recorder
from pytest_ses.core.records import EventRecord, MessageRecord, Publication, RuleDecision, Skip
from pytest_ses.errors import UsageError
from pytest_ses.snapshot import (
    MESSAGE_PARTS,
    check,
    diff,
    file_safe,
    normalise,
    owns,
    render,
    ses_activity,
    snapshot_file,
    stem_for,
)

MOMENT = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.timezone.utc)
FIRST_ID = "0100018f3a1b2c3d-11111111-2222-4333-8444-555555555555-000000"
SECOND_ID = "0100018f3a1b2c3e-66666666-7777-4888-9999-aaaaaaaaaaaa-000000"
FEEDBACK_ID = "0100018f3a1b2c3f-bbbbbbbb-cccc-4ddd-8eee-ffffffffffff-000000"
SNS_MESSAGE_ID = "0f0e0d0c-0b0a-4909-8807-060504030201"


def event(
    event_type: EventType,
    record: dict[str, Any],
    *,
    message_id: str = FIRST_ID,
    recipients: tuple[str, ...] = (),
    publications: tuple[Publication, ...] = (),
    skipped: tuple[Skip, ...] = (),
) -> EventRecord:
    return EventRecord(event_type, message_id, "tx", recipients, json.dumps(record), MOMENT, publications, skipped)


def message(**changes: Any) -> MessageRecord:
    fields: dict[str, Any] = {
        "message_id": FIRST_ID,
        "operation": "SendEmail",
        "api_version": "v2",
        "source": "me@example.com",
        "destinations": ("you@example.com",),
        "subject": "hello",
        "timestamp": MOMENT,
        "region": "us-east-1",
        "account_id": "123456789012",
        "accepted": True,
        "configuration_set": "tx",
        "configuration_set_source": "parameter",
        "sending_pool": "ses-default-dedicated-pool",
        "outgoing_ip": "198.51.100.10",
    }
    return MessageRecord(**(fields | changes))


def send_record(message_id: str = FIRST_ID, at: str = "2024-05-01T12:00:00.000Z") -> dict[str, Any]:
    return {"eventType": "Send", "mail": {"messageId": message_id, "timestamp": at}, "send": {}}


# --- placeholders -----------------------------------------------------------------------------------
def test_the_same_value_gets_the_same_placeholder_and_kinds_count_separately_in_file_order() -> None:
    first = message(events=(event(EventType.SEND, send_record()),))
    second = message(
        message_id=SECOND_ID,
        events=(event(EventType.SEND, send_record(SECOND_ID, "2024-05-01T12:00:00.250Z"), message_id=SECOND_ID),),
    )

    activity = normalise([first, second])

    records = [m["events"][0]["record"]["mail"] for m in activity["messages"]]
    assert records == [
        {"messageId": "<message-id:1>", "timestamp": "<timestamp:1>"},
        {"messageId": "<message-id:2>", "timestamp": "<timestamp:2>"},
    ]
    assert [m["message_id"] for m in activity["messages"]] == ["<message-id:1>", "<message-id:2>"]


def test_numbering_follows_the_rendered_file_from_top_to_bottom() -> None:
    """Keys are sorted in the file, so ``a_first`` is numbered before ``b_second`` whatever the dict order."""
    record = {"z": {"b_second": "2024-01-01T00:00:02.000Z", "a_first": "2024-01-01T00:00:01.000Z"}}

    activity = normalise([message(events=(event(EventType.SEND, record),))], include=["events"])

    assert activity["messages"][0]["events"][0]["record"] == {
        "z": {"a_first": "<timestamp:1>", "b_second": "<timestamp:2>"}
    }


def test_feedback_ids_are_told_apart_from_message_ids_by_their_key_everywhere() -> None:
    bounce = {
        "eventType": "Bounce",
        "bounce": {"feedbackId": FEEDBACK_ID, "reportingMTA": "dsn; a100-10.smtp-out.us-east-1.amazonses.com"},
        "mail": {"messageId": FIRST_ID},
    }
    notification = Publication("identity:me@example.com:Bounce", "sns", "arn:t", json.dumps(bounce))
    record = message(events=(event(EventType.BOUNCE, bounce),), notifications=(notification,))

    activity = normalise([record], include=["events", "notifications"])

    normalised = activity["messages"][0]
    assert normalised["events"][0]["record"] == {
        "bounce": {"feedbackId": "<feedback-id:1>", "reportingMTA": "dsn; <reporting-mta>"},
        "eventType": "Bounce",
        "mail": {"messageId": "<message-id:1>"},
    }
    assert normalised["notifications"][0]["payload"] == normalised["events"][0]["record"]


def test_volatile_values_by_key_shape_and_embedded_in_text() -> None:
    delivery = {
        "delivery": {
            "processingTimeMillis": 517,
            "remoteMtaIp": "198.51.100.10",
            "reportingMTA": "a100-10.smtp-out.us-east-1.amazonses.com",
        },
        "mail": {
            "headers": [{"name": "Date", "value": "Wed, 01 May 2024 12:00:00 +0000"}],
            "tags": {"ses:source-ip": ["127.0.0.1"], "ses:outgoing-ip": ["198.51.100.10"]},
        },
        "open": {"ipAddress": "192.0.2.1", "timestamp": "2024-05-01T12:00:00+00:00"},
    }
    sns = Publication(
        "to-sns", "sns", "arn:aws:sns:us-east-1:123456789012:t", "not json", True, f"SNS message {SNS_MESSAGE_ID}"
    )
    record = message(
        events=(event(EventType.DELIVERY, delivery, publications=(sns,)),),
        rules=(RuleDecision("outgoing-ip", "198.51.100.10", "chosen among 3 addresses"),),
    )

    normalised = normalise([record], include=["events", "rules"])["messages"][0]

    assert normalised["events"][0]["record"] == {
        "delivery": {
            "processingTimeMillis": "<processing-time:1>",
            "remoteMtaIp": "<outgoing-ip>",
            "reportingMTA": "<reporting-mta>",
        },
        "mail": {
            "headers": [{"name": "Date", "value": "<timestamp:1>"}],
            "tags": {"ses:outgoing-ip": ["<outgoing-ip>"], "ses:source-ip": ["<ip:1>"]},
        },
        "open": {"ipAddress": "<ip:2>", "timestamp": "<timestamp:2>"},
    }
    assert normalised["events"][0]["publications"][0]["detail"] == "SNS message <uuid:1>"
    assert normalised["events"][0]["publications"][0]["payload"] == "not json"
    assert normalised["rules"] == [
        {"rule": "outgoing-ip", "outcome": "<outgoing-ip>", "reason": "chosen among 3 addresses"}
    ]


def test_stable_values_are_left_alone() -> None:
    text = "Chrome/120.0.6099.71 at 10:30 on 2024-05-01, version 1.2.3"
    record = message(events=(event(EventType.SEND, {"userAgent": text, "count": 3, "ok": True}),))

    normalised = normalise([record], include=["events"])["messages"][0]["events"][0]["record"]

    assert normalised == {"userAgent": text, "count": 3, "ok": True}


def test_payloads_are_decoded_including_an_eventbridge_entrys_detail() -> None:
    record = send_record()
    text = json.dumps(record)
    publications = (
        Publication("to-sns", "sns", "arn:topic", text),
        Publication("to-firehose", "firehose", "arn:stream", text + "\n"),
        Publication("to-bus", "eventbridge", "arn:bus", json.dumps({"Detail": text, "Source": "aws.ses"})),
    )
    rendered = normalise([message(events=(event(EventType.SEND, record, publications=publications),))])

    payloads = [p["payload"] for p in rendered["messages"][0]["events"][0]["publications"]]
    expected = {
        "eventType": "Send",
        "mail": {"messageId": "<message-id:1>", "timestamp": "<timestamp:1>"},
        "send": {},
    }
    assert payloads == [expected, expected, {"Detail": expected, "Source": "aws.ses"}]


# --- structure ---------------------------------------------------------------------------------------
def test_a_message_holds_every_part_in_plain_json_values() -> None:
    record = message(
        tags=(("campaign", "spring"),),
        template="welcome",
        template_data='{"name": "Ana"}',
        rules=(RuleDecision("sending", "enabled", "sending is enabled"),),
        events=(
            event(
                EventType.SEND,
                {"eventType": "Send"},
                recipients=("you@example.com",),
                skipped=(Skip("to-cw", "does not match SEND"),),
            ),
        ),
    )

    normalised = normalise([record])["messages"][0]

    assert list(normalised) == sorted(MESSAGE_PARTS), "keys come sorted, as the file shows them"
    assert normalised | {"events": None} == {
        "message_id": "<message-id:1>",
        "operation": "SendEmail",
        "api_version": "v2",
        "source": "me@example.com",
        "destinations": ["you@example.com"],
        "subject": "hello",
        "configuration_set": "tx",
        "configuration_set_source": "parameter",
        "tags": [{"name": "campaign", "value": "spring"}],
        "template": "welcome",
        "template_data": {"name": "Ana"},
        "sending_pool": "ses-default-dedicated-pool",
        "accepted": True,
        "error": None,
        "rules": [{"rule": "sending", "outcome": "enabled", "reason": "sending is enabled"}],
        "events": None,
        "notifications": [],
    }
    assert normalised["events"] == [
        {
            "event_type": "Send",
            "recipients": ["you@example.com"],
            "record": {"eventType": "Send"},
            "publications": [],
            "skipped": [{"destination": "to-cw", "reason": "does not match SEND"}],
        }
    ]


def test_a_rejected_send_shows_its_error() -> None:
    rejected = message(
        message_id=None,
        accepted=False,
        error_code="MessageRejected",
        error_message="Email address is not verified.",
    )

    normalised = normalise([rejected], include=("message_id", "accepted", "error"))

    assert normalised == {
        "messages": [
            {
                "message_id": None,
                "accepted": False,
                "error": {"code": "MessageRejected", "message": "Email address is not verified."},
            }
        ]
    }


def test_later_events_join_their_message_and_foreign_ones_are_listed_apart() -> None:
    send = event(EventType.SEND, send_record())
    opened = event(EventType.OPEN, {"eventType": "Open"}, recipients=("you@example.com",))
    foreign = event(EventType.OPEN, {"eventType": "Open", "mail": {"messageId": SECOND_ID}}, message_id=SECOND_ID)
    record = message(events=(send,))

    activity = normalise([record], [send, opened, foreign], include=["events"])

    assert [e["event_type"] for e in activity["messages"][0]["events"]] == ["Send", "Open"]
    assert activity["unattached_events"] == [
        {
            "event_type": "Open",
            "recipients": [],
            "record": {"eventType": "Open", "mail": {"messageId": "<message-id:2>"}},
            "publications": [],
            "skipped": [],
        }
    ]
    assert "unattached_events" not in normalise([record], [send, opened])


def test_include_keeps_the_named_parts_only() -> None:
    record = message(events=(event(EventType.SEND, send_record()),))

    assert list(normalise([record], include=("subject", "events"))["messages"][0]) == ["events", "subject"]
    assert normalise([record], include="subject") == {"messages": [{"subject": "hello"}]}


def test_include_rejects_an_unknown_part_and_names_the_known_ones() -> None:
    with pytest.raises(UsageError) as error:
        normalise([message()], include=("subject", "body"))

    assert str(error.value) == f"unknown snapshot part(s) body; choose from {', '.join(MESSAGE_PARTS)}"


def test_normalise_is_pure() -> None:
    record = message(events=(event(EventType.SEND, send_record()),))

    assert normalise([record]) == normalise([record])
    assert record.events[0].record == send_record()


def test_ses_activity_reads_a_recorder_and_refuses_anything_else() -> None:
    recorder = Recorder()
    recorder.add_message(message(events=(event(EventType.SEND, send_record()),)))

    assert ses_activity(recorder, include=["subject"]) == {"messages": [{"subject": "hello"}]}
    with pytest.raises(UsageError, match=r"^ses_activity\(\) takes a FakeSES or its recorder, not dict$"):
        ses_activity({})  # type: ignore[arg-type]


def test_render_sorts_keys_indents_keeps_unicode_and_ends_with_a_newline() -> None:
    assert render({"b": [1], "a": "café"}) == '{\n  "a": "café",\n  "b": [\n    1\n  ]\n}\n'


# --- file names --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("test_send", "test_send"),
        ("test_send[v1-ok,2=3+4.5]", "test_send[v1-ok,2=3+4.5]"),
        ("test_send[a/b]", "test_send[a_b]-8cd6f082"),
        ("test_send[a:b]", "test_send[a_b]-a11099ce"),
        ("test_send[x y]", "test_send[x_y]-ec0b4c59"),
        ("test_é[1]", "test__[1]-0a7608d0"),
    ],
)
def test_file_safe_names(name: str, safe: str) -> None:
    """Names with characters some file systems refuse are cleaned and get a hash of the original name."""
    assert file_safe(name) == safe


def test_long_names_are_capped_and_kept_unique() -> None:
    long = file_safe("test_" + "x" * 300)
    assert len(long) == 120
    assert long.startswith("test_xxx")


def test_snapshot_files_live_next_to_the_module_and_are_named_after_the_test() -> None:
    module = Path("/project/tests/test_mail.py")

    assert stem_for("tests/test_mail.py::TestSignup::test_welcome[v2]") == "TestSignup.test_welcome[v2]"
    assert snapshot_file(module, "tests/test_mail.py::test_welcome") == Path(
        "/project/tests/__ses_snapshots__/test_mail/test_welcome.json"
    )
    assert snapshot_file(module, "tests/test_mail.py::test_welcome", "after retry").name == (
        f"test_welcome.{file_safe('after retry')}.json"
    )


def test_a_test_owns_its_file_and_its_named_files_only() -> None:
    directory = Path("/d")
    assert owns("test_a", directory / "test_a.json")
    assert owns("test_a", directory / "test_a.2.json")
    assert not owns("test_a", directory / "test_ab.json")
    assert not owns("test_a", directory / "test_a[1].json")


# --- checking a file ---------------------------------------------------------------------------------
def test_a_missing_snapshot_fails_with_the_hint_and_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "s" / "test_a.json"

    verdict = check(path, "{}\n", update=False, shown_as="s/test_a.json")

    assert (verdict.status, verdict.passed) == ("missing", False)
    assert verdict.message == (
        "SES snapshot s/test_a.json does not exist.\nRe-run pytest with --ses-snapshot-update to write it."
    )
    assert not path.exists()


def test_a_different_snapshot_fails_with_a_unified_diff_and_the_hint(tmp_path: Path) -> None:
    path = tmp_path / "test_a.json"
    path.write_text(render({"subject": "hi", "to": "a"}))

    verdict = check(path, render({"subject": "bye", "to": "a"}), update=False, shown_as="test_a.json")

    assert verdict.status == "differs"
    assert verdict.message == (
        "SES activity differs from snapshot test_a.json:\n"
        "--- test_a.json\n"
        "+++ recorded activity\n"
        "@@ -1,4 +1,4 @@\n"
        " {\n"
        '-  "subject": "hi",\n'
        '+  "subject": "bye",\n'
        '   "to": "a"\n'
        " }\n"
        "Re-run pytest with --ses-snapshot-update to accept the new activity."
    )
    assert path.read_text() == render({"subject": "hi", "to": "a"})


def test_update_writes_a_missing_snapshot_then_refreshes_a_different_one(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "test_a.json"

    assert check(path, "[1]\n", update=True, shown_as="x").status == "written"
    assert check(path, "[1]\n", update=True, shown_as="x").status == "matched"
    assert check(path, "[2]\n", update=True, shown_as="x").status == "updated"
    assert path.read_text() == "[2]\n"
    assert [p.name for p in path.parent.iterdir()] == ["test_a.json"]


def test_a_snapshot_reformatted_by_hand_still_matches_but_broken_json_differs(tmp_path: Path) -> None:
    path = tmp_path / "test_a.json"
    path.write_text('{"a": 1,\n "b": [2]}')

    assert check(path, render({"b": [2], "a": 1}), update=False, shown_as="x").passed
    path.write_text('{"a": 1,')
    assert check(path, render({"a": 1}), update=False, shown_as="x").status == "differs"


def test_diff_of_equal_texts_is_empty() -> None:
    assert diff("a\n", "a\n", "x") == ""
