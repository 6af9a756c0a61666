"""SES v1 sending through a real boto3 ``ses`` client: SendEmail, SendRawEmail, SendTemplatedEmail and
SendBulkTemplatedEmail.

What each operation accepts, what it returns, what it records, and every error it answers.  How a
configuration set is found is in test_send_resolution.py, the set's rules in test_send_rules.py, what
happens at each recipient in test_send_outcomes.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from support import error_of

MESSAGE_ID = re.compile(r"^[0-9a-f]{16}-[0-9a-f-]{36}-000000$")
T0 = dt.datetime(2026, 3, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
SIMPLE = {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi there"}}}
TO = {"ToAddresses": ["to@example.net"]}


def last_message(ses: Any) -> Any:
    return ses.session.recorder.messages()[-1]


def send_record(ses: Any) -> dict[str, Any]:
    record: dict[str, Any] = last_message(ses).events[0].record
    assert record["eventType"] == "Send"
    return record


@pytest.fixture(autouse=True)
def domain(ses_client: Any) -> str:
    ses_client.verify_domain_identity(Domain="example.com")
    return "example.com"


# --- SendEmail ---------------------------------------------------------------------------------------
def test_send_email_returns_an_ses_shaped_message_id_stamped_with_the_send_time(ses_client: Any) -> None:
    with freeze_time(T0):
        message_id = ses_client.send_email(Source="me@example.com", Destination=TO, Message=SIMPLE)["MessageId"]

    assert MESSAGE_ID.match(message_id)
    assert int(message_id[4:16], 16) == int(T0.timestamp() * 1000)


def test_every_send_gets_its_own_message_id(ses_client: Any) -> None:
    ids = {
        ses_client.send_email(Source="me@example.com", Destination=TO, Message=SIMPLE)["MessageId"] for _ in "abc"
    }

    assert len(ids) == 3


def test_send_email_is_recorded_with_what_was_asked(ses_client: Any, ses: Any) -> None:
    destination = {
        "ToAddresses": ["a@example.net"],
        "CcAddresses": ["b@example.net"],
        "BccAddresses": ["c@example.net"],
    }
    with freeze_time(T0):
        message_id = ses_client.send_email(Source="me@example.com", Destination=destination, Message=SIMPLE)[
            "MessageId"
        ]

    record = last_message(ses)
    assert (record.message_id, record.operation, record.api_version) == (message_id, "SendEmail", "v1")
    assert (record.source, record.subject, record.accepted, record.error_code) == (
        "me@example.com",
        "Hello",
        True,
        None,
    )
    assert record.destinations == ("a@example.net", "b@example.net", "c@example.net")
    assert (record.region, record.account_id, record.timestamp) == ("us-east-1", "123456789012", T0)
    assert (record.configuration_set, record.configuration_set_source) == (None, None)
    assert ses.session.recorder.message(message_id) is record


def test_send_email_headers_are_the_ones_ses_writes(ses_client: Any, ses: Any) -> None:
    destination = {
        "ToAddresses": ["a@example.net"],
        "CcAddresses": ["b@example.net"],
        "BccAddresses": ["c@example.net"],
    }
    ses_client.send_email(
        Source="Me <me@example.com>",
        Destination=destination,
        Message=SIMPLE,
        ReplyToAddresses=["reply@example.com"],
    )

    mail = send_record(ses)["mail"]
    assert mail["headers"] == [
        {"name": "From", "value": "Me <me@example.com>"},
        {"name": "Reply-To", "value": "reply@example.com"},
        {"name": "To", "value": "a@example.net"},
        {"name": "CC", "value": "b@example.net"},
        {"name": "Subject", "value": "Hello"},
        {"name": "MIME-Version", "value": "1.0"},
        {"name": "Content-Type", "value": "text/plain; charset=UTF-8"},
        {"name": "Content-Transfer-Encoding", "value": "7bit"},
    ]
    assert mail["commonHeaders"] == {
        "from": ["Me <me@example.com>"],
        "replyTo": ["reply@example.com"],
        "to": ["a@example.net"],
        "cc": ["b@example.net"],
        "messageId": mail["messageId"],
        "subject": "Hello",
    }
    assert mail["destination"] == ["a@example.net", "b@example.net", "c@example.net"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ({"Html": {"Data": "<p>hi</p>"}}, ["text/html; charset=UTF-8", "7bit"]),
        ({"Text": {"Data": "hi"}, "Html": {"Data": "<p>hi</p>"}}, ["multipart/alternative;"]),
    ],
)
def test_the_content_type_follows_the_body_parts(
    ses_client: Any, ses: Any, body: dict[str, Any], content_type: list[str]
) -> None:
    ses_client.send_email(
        Source="me@example.com", Destination=TO, Message={"Subject": {"Data": "s"}, "Body": body}
    )

    headers = {h["name"]: h["value"] for h in send_record(ses)["mail"]["headers"]}
    assert headers["Content-Type"].startswith(content_type[0])
    assert headers.get("Content-Transfer-Encoding") == (content_type[1] if len(content_type) > 1 else None)


def test_without_a_configuration_set_events_are_recorded_but_published_nowhere(ses_client: Any, ses: Any) -> None:
    ses_client.send_email(Source="me@example.com", Destination=TO, Message=SIMPLE)

    events = last_message(ses).events
    assert [e.event_type for e in events] == ["Send", "Delivery"]
    assert all(e.configuration_set is None and e.publications == () and e.skipped == () for e in events)
    assert "ses:configuration-set" not in events[0].record["mail"]["tags"]


def test_accepted_mail_lands_in_motos_sent_messages_and_quota(ses_client: Any) -> None:
    destination = {"ToAddresses": ["a@example.net", "b@example.net"], "BccAddresses": ["c@example.net"]}
    ses_client.send_email(Source="me@example.com", Destination=destination, Message=SIMPLE)

    assert ses_client.get_send_quota()["SentLast24Hours"] == 3


def test_mail_to_the_simulator_does_not_count_against_the_quota(ses_client: Any) -> None:
    destination = {"ToAddresses": ["success@simulator.amazonses.com", "a@example.net"]}
    ses_client.send_email(Source="me@example.com", Destination=destination, Message=SIMPLE)

    assert ses_client.get_send_quota()["SentLast24Hours"] == 1


def test_the_source_arn_names_the_identity_that_allowed_the_send(ses_client: Any, ses: Any) -> None:
    ses_client.verify_email_identity(EmailAddress="own@example.com")

    ses_client.send_email(Source="own@example.com", Destination=TO, Message=SIMPLE)
    own = send_record(ses)["mail"]["sourceArn"]
    ses_client.send_email(Source="other@example.com", Destination=TO, Message=SIMPLE)
    through_domain = send_record(ses)["mail"]["sourceArn"]

    assert own == "arn:aws:ses:us-east-1:123456789012:identity/own@example.com"
    assert through_domain == "arn:aws:ses:us-east-1:123456789012:identity/example.com"


def test_a_domain_identity_covers_its_addresses_whatever_their_case(ses_client: Any, ses: Any) -> None:
    ses_client.send_email(Source="Me@EXAMPLE.com", Destination=TO, Message=SIMPLE)

    assert send_record(ses)["mail"]["sourceArn"].endswith(":identity/example.com")


def test_an_unverified_sender_is_rejected_and_the_attempt_recorded(ses_client: Any, ses: Any) -> None:
    with freeze_time(T0), pytest.raises(ClientError) as excinfo:
        ses_client.send_email(Source="me@unverified.com", Destination=TO, Message=SIMPLE)

    assert error_of(excinfo) == (
        "MessageRejected",
        "Email address is not verified. The following identities failed the check in region US-EAST-1: "
        "me@unverified.com",
        400,
    )
    record = last_message(ses)
    assert (record.accepted, record.message_id, record.error_code) == (False, None, "MessageRejected")
    assert record.error_message == error_of(excinfo)[1]
    assert (record.operation, record.timestamp, record.events) == ("SendEmail", T0, ())
    assert [(r.rule, r.outcome) for r in record.rules] == [
        ("account-sending", "enabled"),
        ("identity", "not verified"),
    ]
    assert ses_client.get_send_quota()["SentLast24Hours"] == 0


@pytest.mark.parametrize(
    ("source", "destination"),
    [
        ("me@example.com", {"ToAddresses": ["no-at-sign"]}),
        ("me@example.com", {"CcAddresses": ["user@"]}),
        ("me@example.com", {"BccAddresses": ["@example.net"]}),
        ("not-an-address", TO),
    ],
)
def test_an_address_without_a_domain_is_an_invalid_parameter(
    ses_client: Any, ses: Any, source: str, destination: dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_email(Source=source, Destination=destination, Message=SIMPLE)

    assert error_of(excinfo) == ("InvalidParameterValue", "Missing final '@domain'", 400)
    assert last_message(ses).error_code == "InvalidParameterValue"


def test_at_most_fifty_recipients(ses_client: Any) -> None:
    fifty = [f"r{i}@example.net" for i in range(50)]
    ses_client.send_email(
        Source="me@example.com",
        Destination={"ToAddresses": fifty[:40], "BccAddresses": fifty[40:]},
        Message=SIMPLE,
    )

    with pytest.raises(ClientError) as excinfo:
        ses_client.send_email(
            Source="me@example.com",
            Destination={"ToAddresses": fifty, "CcAddresses": ["one@example.net"]},
            Message=SIMPLE,
        )

    assert error_of(excinfo) == ("InvalidParameterValue", "Recipient count exceeds 50.", 400)


def test_a_message_without_any_recipient_is_rejected(ses_client: Any, ses: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_email(Source="me@example.com", Destination={}, Message=SIMPLE)

    assert error_of(excinfo) == ("MessageRejected", "There are no recipients specified", 400)
    assert last_message(ses).error_code == "MessageRejected"


def test_raw_mail_without_destinations_or_recipient_headers_lacks_its_to_header(ses_client: Any) -> None:
    raw = b"From: me@example.com\r\nSubject: x\r\n\r\nbody"
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_raw_email(RawMessage={"Data": raw})

    assert error_of(excinfo) == ("InvalidParameterValue", "Missing required header 'To'.", 400)


def test_raw_mail_keeps_motos_shape_in_sent_messages_even_with_a_folded_from_header(
    ses_client: Any, ses: Any
) -> None:
    from moto.ses.models import ses_backends

    raw = b"From: Me\r\n <me@example.com>\r\nTo: A <a@example.net>\r\nSubject: x\r\n\r\nbody"
    ses_client.send_raw_email(RawMessage={"Data": raw})

    (stored,) = ses_backends[ses.account_id][ses.region].sent_messages
    assert (stored.source, stored.destinations) == ("me@example.com", ["A <a@example.net>"])


def test_raw_mail_with_only_a_cc_header_is_sent(ses_client: Any, ses: Any) -> None:
    raw = b"From: me@example.com\r\nCc: c@example.net\r\nSubject: x\r\n\r\nbody"

    message_id = ses_client.send_raw_email(RawMessage={"Data": raw})["MessageId"]

    assert ses.message(message_id).destinations == ("c@example.net",)


# --- SendRawEmail --------------------------------------------------------------------------------------
RAW = (
    "From: Me <me@example.com>\r\n"
    "To: A <a@example.net>, b@example.net\r\n"
    "CC: c@example.net\r\n"
    "BCC: d@example.net\r\n"
    "Subject: Raw hello\r\n"
    "X-Custom: kept\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "Body\r\n"
)


def test_send_raw_email_takes_source_and_recipients_from_the_headers(ses_client: Any, ses: Any) -> None:
    message_id = ses_client.send_raw_email(RawMessage={"Data": RAW.encode()})["MessageId"]

    record = last_message(ses)
    assert MESSAGE_ID.match(message_id)
    assert (record.operation, record.api_version, record.message_id) == ("SendRawEmail", "v1", message_id)
    assert record.source == "Me <me@example.com>"
    assert record.destinations == ("a@example.net", "b@example.net", "c@example.net", "d@example.net")
    assert record.subject == "Raw hello"
    assert record.raw == RAW


def test_source_and_destinations_parameters_win_over_the_headers(ses_client: Any, ses: Any) -> None:
    ses_client.send_raw_email(
        Source="envelope@example.com", Destinations=["only@example.net"], RawMessage={"Data": RAW.encode()}
    )

    mail = send_record(ses)["mail"]
    assert (mail["source"], mail["destination"]) == ("envelope@example.com", ["only@example.net"])
    assert mail["commonHeaders"]["from"] == ["Me <me@example.com>"]


def test_raw_headers_are_reported_as_submitted_and_digested(ses_client: Any, ses: Any) -> None:
    raw = "Date: Sun, 1 Mar 2026 12:00:00 +0000\r\n" + RAW
    ses_client.send_raw_email(RawMessage={"Data": raw.encode()})

    mail = send_record(ses)["mail"]
    assert [h["name"] for h in mail["headers"]] == [
        "Date", "From", "To", "CC", "BCC", "Subject", "X-Custom", "MIME-Version", "Content-Type",
    ]  # fmt: skip
    assert mail["commonHeaders"] == {
        "from": ["Me <me@example.com>"],
        "to": ["A <a@example.net>", "b@example.net"],
        "cc": ["c@example.net"],
        "bcc": ["d@example.net"],
        "date": "Sun, 1 Mar 2026 12:00:00 +0000",
        "messageId": mail["messageId"],
        "subject": "Raw hello",
    }
    assert mail["tags"]["ses:from-domain"] == ["example.com"]
    assert mail["tags"]["ses:operation"] == ["SendRawEmail"]


def test_folded_headers_are_unfolded(ses_client: Any, ses: Any) -> None:
    raw = "From: me@example.com\r\nTo: a@example.net\r\nSubject: a long\r\n subject line\r\n\r\nbody"
    ses_client.send_raw_email(RawMessage={"Data": raw.encode()})

    assert send_record(ses)["mail"]["commonHeaders"]["subject"] == "a long subject line"


def test_an_empty_raw_message_with_source_and_destinations_is_accepted(ses_client: Any, ses: Any) -> None:
    """As recorded from real SES: no headers, a bare commonHeaders and no ses:from-domain."""
    ses_client.send_raw_email(Source="me@example.com", Destinations=["a@example.net"], RawMessage={"Data": b""})

    mail = send_record(ses)["mail"]
    assert (mail["headers"], mail["commonHeaders"]) == ([], {"messageId": mail["messageId"]})
    assert "ses:from-domain" not in mail["tags"]
    assert [e.event_type for e in last_message(ses).events] == ["Send", "Delivery"]


def test_an_eight_bit_raw_message_is_still_a_message(ses_client: Any, ses: Any) -> None:
    raw = b"From: me@example.com\r\nTo: a@example.net\r\nSubject: plain\r\n\r\ncaf\xe9\r\n"
    ses_client.send_raw_email(RawMessage={"Data": raw})

    record = last_message(ses)
    assert (record.source, record.destinations, record.subject) == ("me@example.com", ("a@example.net",), "plain")


def test_a_raw_message_without_any_sender_is_rejected(ses_client: Any, ses: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_raw_email(RawMessage={"Data": b"To: a@example.net\r\nSubject: x\r\n\r\nbody"})

    assert error_of(excinfo) == ("MessageRejected", "Source not specified", 400)
    assert ses.session.recorder.messages() == ()


def test_a_raw_message_from_an_unverified_sender_is_rejected(ses_client: Any, ses: Any) -> None:
    raw = b"From: me@unverified.com\r\nTo: a@example.net\r\n\r\nbody"
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_raw_email(RawMessage={"Data": raw})

    assert error_of(excinfo)[0::2] == ("MessageRejected", 400)
    assert last_message(ses).operation == "SendRawEmail"


# --- SendTemplatedEmail ----------------------------------------------------------------------------------
@pytest.fixture
def template(ses_client: Any) -> str:
    ses_client.create_template(
        Template={
            "TemplateName": "welcome",
            "SubjectPart": "Hi {{name}}",
            "TextPart": "Hello {{name}}",
            "HtmlPart": "<p>Hello {{name}}</p>",
        }
    )
    return "welcome"


def test_send_templated_email_renders_after_the_send_event(ses_client: Any, ses: Any, template: str) -> None:
    message_id = ses_client.send_templated_email(
        Source="me@example.com", Destination=TO, Template=template, TemplateData=json.dumps({"name": "Ann"})
    )["MessageId"]

    record = last_message(ses)
    assert MESSAGE_ID.match(message_id)
    assert (record.operation, record.template, record.subject) == ("SendTemplatedEmail", "welcome", "Hi Ann")
    send, delivery = (e.record for e in record.events)
    assert "sourceArn" not in send["mail"]
    assert [h["name"] for h in send["mail"]["headers"]] == ["From", "To", "MIME-Version"]
    assert "subject" not in send["mail"]["commonHeaders"]
    assert delivery["mail"]["commonHeaders"]["subject"] == "Hi Ann"
    assert delivery["mail"]["sourceArn"].endswith(":identity/example.com")


def test_a_template_that_fails_to_render_is_accepted_then_not_delivered(
    ses_client: Any, ses: Any, template: str
) -> None:
    ses_client.send_templated_email(Source="me@example.com", Destination=TO, Template=template, TemplateData="{}")

    record = last_message(ses)
    assert [e.event_type for e in record.events] == ["Send", "Rendering Failure"]
    assert record.events[1].details == {
        "errorMessage": "Attribute 'name' is not present in the rendering data.",
        "templateName": "welcome",
    }
    assert record.rule("template") is not None


def test_a_missing_template_is_template_does_not_exist(ses_client: Any, ses: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_templated_email(
            Source="me@example.com", Destination=TO, Template="nope", TemplateData="{}"
        )

    assert error_of(excinfo) == ("TemplateDoesNotExist", "Template nope does not exist.", 400)
    assert last_message(ses).error_code == "TemplateDoesNotExist"


# --- SendBulkTemplatedEmail ---------------------------------------------------------------------------
def test_bulk_sends_one_message_per_destination_with_its_own_data_and_tags(
    ses_client: Any, ses: Any, template: str
) -> None:
    response = ses_client.send_bulk_templated_email(
        Source="me@example.com",
        Template=template,
        DefaultTemplateData=json.dumps({"name": "friend"}),
        DefaultTags=[{"Name": "campaign", "Value": "spring"}, {"Name": "tier", "Value": "free"}],
        Destinations=[
            {"Destination": {"ToAddresses": ["a@example.net"]}},
            {
                "Destination": {"ToAddresses": ["b@example.net"]},
                "ReplacementTemplateData": json.dumps({"name": "Bea"}),
                "ReplacementTags": [{"Name": "tier", "Value": "gold"}],
            },
        ],
    )

    statuses = response["Status"]
    assert [s["Status"] for s in statuses] == ["Success", "Success"]
    assert all(MESSAGE_ID.match(s["MessageId"]) for s in statuses)
    first, second = (ses.session.recorder.message(s["MessageId"]) for s in statuses)
    assert (first.subject, first.destinations, first.operation) == (
        "Hi friend",
        ("a@example.net",),
        "SendBulkTemplatedEmail",
    )
    assert (second.subject, second.destinations) == ("Hi Bea", ("b@example.net",))
    assert dict(first.tags) == {"campaign": "spring", "tier": "free"}
    assert dict(second.tags) == {"campaign": "spring", "tier": "gold"}


def test_bulk_reports_failures_per_destination(ses_client: Any, ses: Any, template: str) -> None:
    response = ses_client.send_bulk_templated_email(
        Source="me@example.com",
        Template=template,
        DefaultTemplateData="{}",
        Destinations=[
            {"Destination": {"ToAddresses": ["ok@example.net"]}, "ReplacementTemplateData": '{"name": "x"}'},
            {"Destination": {"ToAddresses": ["broken"]}},
            {
                "Destination": {"ToAddresses": ["ok@example.net"]},
                "ReplacementTags": [{"Name": "bad tag", "Value": "v"}],
            },
        ],
    )

    assert response["Status"][0]["Status"] == "Success"
    assert response["Status"][1:] == [
        {"Status": "InvalidParameterValue", "Error": "Missing final '@domain'"},
        {
            "Status": "InvalidParameterValue",
            "Error": "Invalid tag name <bad tag>: only alphanumeric ASCII characters, '_',  '-' are allowed.",
        },
    ]


def test_bulk_with_a_missing_template_fails_the_whole_call(ses_client: Any, ses: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_bulk_templated_email(
            Source="me@example.com",
            Template="nope",
            DefaultTemplateData="{}",
            Destinations=[{"Destination": TO}] * 2,
        )

    assert error_of(excinfo) == ("TemplateDoesNotExist", "Template nope does not exist.", 400)
    assert [m.error_code for m in ses.session.recorder.messages()] == ["TemplateDoesNotExist"]


def test_bulk_from_an_unverified_sender_fails_the_whole_call(ses_client: Any, template: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_bulk_templated_email(
            Source="me@unverified.com",
            Template=template,
            DefaultTemplateData="{}",
            Destinations=[{"Destination": TO}],
        )

    assert error_of(excinfo) == (
        "MessageRejected",
        "Email address is not verified. The following identities failed the check in region US-EAST-1: "
        "me@unverified.com",
        400,
    )


def test_bulk_takes_at_most_fifty_destinations(ses_client: Any, ses: Any, template: str) -> None:
    entry = {"Destination": TO, "ReplacementTemplateData": '{"name": "x"}'}
    accepted = ses_client.send_bulk_templated_email(
        Source="me@example.com", Template=template, DefaultTemplateData="{}", Destinations=[entry] * 50
    )["Status"]

    with pytest.raises(ClientError) as excinfo:
        ses_client.send_bulk_templated_email(
            Source="me@example.com", Template=template, DefaultTemplateData="{}", Destinations=[entry] * 51
        )

    assert [s["Status"] for s in accepted] == ["Success"] * 50
    assert error_of(excinfo) == ("MessageRejected", "Too many destinations.", 400)
    assert len(ses.session.recorder.messages()) == 50


def test_a_bulk_destination_that_fails_to_render_still_reports_success(
    ses_client: Any, ses: Any, template: str
) -> None:
    """Rendering happens after acceptance: the failure is an event, not a status."""
    status = ses_client.send_bulk_templated_email(
        Source="me@example.com", Template=template, DefaultTemplateData="{}", Destinations=[{"Destination": TO}]
    )["Status"][0]

    assert status["Status"] == "Success"
    record = ses.session.recorder.message(status["MessageId"])
    assert [e.event_type for e in record.events] == ["Send", "Rendering Failure"]


def test_each_refused_bulk_destination_is_recorded(ses_client: Any, ses: Any, template: str) -> None:
    ses_client.send_bulk_templated_email(
        Source="me@example.com",
        Template=template,
        DefaultTemplateData="{}",
        Destinations=[{"Destination": {"ToAddresses": ["bad"]}}, {"Destination": {"ToAddresses": ["worse"]}}],
    )

    records = ses.session.recorder.messages()
    assert [(r.accepted, r.error_code, r.destinations) for r in records] == [
        (False, "InvalidParameterValue", ("bad",)),
        (False, "InvalidParameterValue", ("worse",)),
    ]
