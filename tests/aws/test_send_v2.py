"""SES v2 sending through a real boto3 ``sesv2`` client: SendEmail (Simple, Raw, Template) and SendBulkEmail.

What each content kind accepts, returns and records, v1 parity of the records, and every error.  How a
configuration set is found is in test_send_resolution.py, the set's rules in test_send_rules.py.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError
from support import error_of

MESSAGE_ID = re.compile(r"^[0-9a-f]{16}-[0-9a-f-]{36}-000000$")
SIMPLE = {"Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi there"}}}}
TO = {"ToAddresses": ["to@example.net"]}
RAW = b"From: Me <me@example.com>\r\nTo: a@example.net\r\nCC: b@example.net\r\nSubject: Raw v2\r\n\r\nbody\r\n"


def last_message(ses: Any) -> Any:
    return ses.session.recorder.messages()[-1]


def mail_of(ses: Any, index: int = 0) -> dict[str, Any]:
    mail: dict[str, Any] = last_message(ses).events[index].record["mail"]
    return mail


@pytest.fixture(autouse=True)
def domain(sesv2_client: Any) -> str:
    sesv2_client.create_email_identity(EmailIdentity="example.com")
    return "example.com"


@pytest.fixture
def template(sesv2_client: Any) -> str:
    sesv2_client.create_email_template(
        TemplateName="welcome",
        TemplateContent={"Subject": "Hi {{name}}", "Text": "Hello {{name}}", "Html": "<p>Hello {{name}}</p>"},
    )
    return "welcome"


# --- Simple ---------------------------------------------------------------------------------------------
def test_simple_content_is_sent_and_recorded(sesv2_client: Any, ses: Any) -> None:
    destination = {
        "ToAddresses": ["a@example.net"],
        "CcAddresses": ["b@example.net"],
        "BccAddresses": ["c@example.net"],
    }
    message_id = sesv2_client.send_email(
        FromEmailAddress="me@example.com",
        Destination=destination,
        Content=SIMPLE,
        ReplyToAddresses=["r@example.com"],
    )["MessageId"]

    record = last_message(ses)
    assert MESSAGE_ID.match(message_id)
    assert (record.message_id, record.operation, record.api_version) == (message_id, "SendEmail", "v2")
    assert (record.source, record.subject, record.accepted) == ("me@example.com", "Hello", True)
    assert record.destinations == ("a@example.net", "b@example.net", "c@example.net")
    assert [e.event_type for e in record.events] == ["Send", "Delivery"]
    assert [h["name"] for h in mail_of(ses)["headers"]] == [
        "From", "Reply-To", "To", "CC", "Subject", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    ]  # fmt: skip


def test_v1_and_v2_simple_sends_produce_the_same_mail_object(sesv2_client: Any, ses_client: Any, ses: Any) -> None:
    sesv2_client.send_email(FromEmailAddress="me@example.com", Destination=TO, Content=SIMPLE)
    v2 = mail_of(ses)
    ses_client.send_email(Source="me@example.com", Destination=TO, Message=SIMPLE["Simple"])
    v1 = mail_of(ses)

    def comparable(mail: dict[str, Any]) -> dict[str, Any]:
        common = {k: v for k, v in mail["commonHeaders"].items() if k != "messageId"}
        return {**mail, "messageId": None, "timestamp": None, "commonHeaders": common}

    assert comparable(v1) == comparable(v2)


def test_v2_mail_is_counted_by_motos_send_quota(sesv2_client: Any, ses_client: Any) -> None:
    sesv2_client.send_email(FromEmailAddress="me@example.com", Destination=TO, Content=SIMPLE)

    assert ses_client.get_send_quota()["SentLast24Hours"] == 1


# --- Raw ------------------------------------------------------------------------------------------------
def test_raw_content_takes_sender_and_recipients_from_the_headers(sesv2_client: Any, ses: Any) -> None:
    message_id = sesv2_client.send_email(Content={"Raw": {"Data": RAW}})["MessageId"]

    record = last_message(ses)
    assert MESSAGE_ID.match(message_id)
    assert (record.operation, record.api_version) == ("SendEmail", "v2")
    assert (record.source, record.destinations, record.subject) == (
        "Me <me@example.com>",
        ("a@example.net", "b@example.net"),
        "Raw v2",
    )
    assert mail_of(ses)["tags"]["ses:operation"] == ["SendEmail"]


def test_raw_content_with_from_address_and_destination_parameters(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.send_email(
        FromEmailAddress="envelope@example.com",
        Destination={"ToAddresses": ["x@example.net"], "BccAddresses": ["y@example.net"]},
        Content={"Raw": {"Data": RAW}},
    )

    mail = mail_of(ses)
    assert (mail["source"], mail["destination"]) == ("envelope@example.com", ["x@example.net", "y@example.net"])
    assert mail["commonHeaders"]["to"] == ["a@example.net"]


def test_raw_eight_bit_content_is_still_a_message(sesv2_client: Any, ses: Any) -> None:
    raw = b"From: me@example.com\r\nTo: a@example.net\r\nSubject: plain\r\n\r\ncaf\xe9\r\n"
    sesv2_client.send_email(Content={"Raw": {"Data": raw}})

    assert (last_message(ses).source, last_message(ses).subject) == ("me@example.com", "plain")


def test_raw_content_without_any_sender_is_a_bad_request(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(Content={"Raw": {"Data": b"To: a@example.net\r\n\r\nbody"}})

    assert error_of(excinfo) == ("BadRequestException", "Source not specified", 400)


# --- Template ---------------------------------------------------------------------------------------------
def test_a_stored_template_is_rendered(sesv2_client: Any, ses: Any, template: str) -> None:
    sesv2_client.send_email(
        FromEmailAddress="me@example.com",
        Destination=TO,
        Content={"Template": {"TemplateName": template, "TemplateData": json.dumps({"name": "Ann"})}},
    )

    record = last_message(ses)
    assert (record.template, record.subject) == ("welcome", "Hi Ann")
    assert "sourceArn" not in mail_of(ses, 0)
    assert mail_of(ses, 1)["commonHeaders"]["subject"] == "Hi Ann"


def test_a_template_can_be_named_by_arn(sesv2_client: Any, ses: Any, template: str) -> None:
    arn = f"arn:aws:ses:us-east-1:123456789012:template/{template}"
    sesv2_client.send_email(
        FromEmailAddress="me@example.com",
        Destination=TO,
        Content={"Template": {"TemplateArn": arn, "TemplateData": json.dumps({"name": "Ann"})}},
    )

    assert last_message(ses).subject == "Hi Ann"


def test_an_inline_template_is_rendered(sesv2_client: Any, ses: Any) -> None:
    content = {"Subject": "Order {{id}}", "Text": "Order {{id}} shipped"}
    sesv2_client.send_email(
        FromEmailAddress="me@example.com",
        Destination=TO,
        Content={"Template": {"TemplateContent": content, "TemplateData": json.dumps({"id": 7})}},
    )

    record = last_message(ses)
    assert (record.subject, record.template) == ("Order 7", None)
    assert [e.event_type for e in record.events] == ["Send", "Delivery"]


def test_an_inline_template_missing_data_fails_to_render(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.send_email(
        FromEmailAddress="me@example.com",
        Destination=TO,
        Content={"Template": {"TemplateContent": {"Subject": "Order {{id}}"}, "TemplateData": "{}"}},
    )

    assert [e.event_type for e in last_message(ses).events] == ["Send", "Rendering Failure"]


def test_a_missing_template_is_not_found(sesv2_client: Any, ses: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(
            FromEmailAddress="me@example.com",
            Destination=TO,
            Content={"Template": {"TemplateName": "nope", "TemplateData": "{}"}},
        )

    assert error_of(excinfo) == ("NotFoundException", "Template nope does not exist.", 404)
    assert last_message(ses).error_code == "NotFoundException"


# --- errors shared by every content kind -------------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [{}, {"Simple": SIMPLE["Simple"], "Raw": {"Data": RAW}}],
    ids=["no-content-kind", "two-content-kinds"],
)
def test_content_needs_exactly_one_kind(sesv2_client: Any, content: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(FromEmailAddress="me@example.com", Destination=TO, Content=content)

    assert error_of(excinfo) == (
        "BadRequestException",
        "Content must contain exactly one of Simple, Raw or Template.",
        400,
    )


def test_an_unverified_sender_is_rejected(sesv2_client: Any, ses: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(FromEmailAddress="me@unverified.com", Destination=TO, Content=SIMPLE)

    assert error_of(excinfo) == (
        "MessageRejected",
        "Email address is not verified. The following identities failed the check in region US-EAST-1: "
        "me@unverified.com",
        400,
    )
    assert (last_message(ses).accepted, last_message(ses).api_version) == (False, "v2")


def test_an_address_without_a_domain_is_a_bad_request(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(
            FromEmailAddress="me@example.com", Destination={"ToAddresses": ["x"]}, Content=SIMPLE
        )

    assert error_of(excinfo) == ("BadRequestException", "Missing final '@domain'", 400)


def test_more_than_fifty_recipients_is_a_bad_request(sesv2_client: Any) -> None:
    many = {"ToAddresses": [f"r{i}@example.net" for i in range(51)]}
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(FromEmailAddress="me@example.com", Destination=many, Content=SIMPLE)

    assert error_of(excinfo) == ("BadRequestException", "Recipient count exceeds 50.", 400)


@pytest.mark.parametrize(
    "content",
    [SIMPLE, {"Raw": {"Data": b"From: me@example.com\r\nSubject: x\r\n\r\nbody"}}],
    ids=["simple", "raw"],
)
def test_a_message_without_any_recipient_is_rejected(sesv2_client: Any, ses: Any, content: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(FromEmailAddress="me@example.com", Destination={}, Content=content)

    assert error_of(excinfo) == ("MessageRejected", "There are no recipients specified", 400)
    assert last_message(ses).error_code == "MessageRejected"


# --- SendBulkEmail ---------------------------------------------------------------------------------------
def test_bulk_sends_one_message_per_entry(sesv2_client: Any, ses: Any, template: str) -> None:
    response = sesv2_client.send_bulk_email(
        FromEmailAddress="me@example.com",
        DefaultContent={"Template": {"TemplateName": template, "TemplateData": json.dumps({"name": "friend"})}},
        DefaultEmailTags=[{"Name": "campaign", "Value": "spring"}, {"Name": "tier", "Value": "free"}],
        BulkEmailEntries=[
            {"Destination": {"ToAddresses": ["a@example.net"]}},
            {
                "Destination": {"ToAddresses": ["b@example.net"]},
                "ReplacementEmailContent": {"ReplacementTemplate": {"ReplacementTemplateData": '{"name": "Bea"}'}},
                "ReplacementTags": [{"Name": "tier", "Value": "gold"}],
            },
        ],
    )

    results = response["BulkEmailEntryResults"]
    assert [r["Status"] for r in results] == ["SUCCESS", "SUCCESS"]
    assert all(MESSAGE_ID.match(r["MessageId"]) for r in results)
    first, second = (ses.session.recorder.message(r["MessageId"]) for r in results)
    assert (first.operation, first.api_version, first.subject) == ("SendBulkEmail", "v2", "Hi friend")
    assert (second.subject, second.destinations) == ("Hi Bea", ("b@example.net",))
    assert dict(first.tags) == {"campaign": "spring", "tier": "free"}
    assert dict(second.tags) == {"campaign": "spring", "tier": "gold"}
    assert first.events[0].record["mail"]["tags"]["ses:operation"] == ["SendBulkEmail"]


def test_bulk_with_inline_template_content(sesv2_client: Any, ses: Any) -> None:
    response = sesv2_client.send_bulk_email(
        FromEmailAddress="me@example.com",
        DefaultContent={"Template": {"TemplateContent": {"Subject": "Hey {{n}}"}, "TemplateData": '{"n": 1}'}},
        BulkEmailEntries=[{"Destination": TO}],
    )

    assert response["BulkEmailEntryResults"][0]["Status"] == "SUCCESS"
    assert last_message(ses).subject == "Hey 1"


def test_bulk_reports_failures_per_entry(sesv2_client: Any, template: str) -> None:
    response = sesv2_client.send_bulk_email(
        FromEmailAddress="me@example.com",
        DefaultContent={"Template": {"TemplateName": template, "TemplateData": '{"name": "x"}'}},
        BulkEmailEntries=[
            {"Destination": TO},
            {"Destination": {"ToAddresses": ["broken"]}},
            {"Destination": TO, "ReplacementTags": [{"Name": "t", "Value": "no spaces"}]},
        ],
    )

    results = response["BulkEmailEntryResults"]
    assert results[0]["Status"] == "SUCCESS"
    assert results[1:] == [
        {"Status": "INVALID_PARAMETER", "Error": "Missing final '@domain'"},
        {
            "Status": "INVALID_PARAMETER",
            "Error": "Invalid tag value <no spaces>: only alphanumeric ASCII characters, "
            "'_',  '-' , '.', '@' are allowed.",
        },
    ]


def test_bulk_with_a_missing_template_fails_the_whole_call(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_bulk_email(
            FromEmailAddress="me@example.com",
            DefaultContent={"Template": {"TemplateName": "nope", "TemplateData": "{}"}},
            BulkEmailEntries=[{"Destination": TO}] * 2,
        )

    assert error_of(excinfo) == ("NotFoundException", "Template nope does not exist.", 404)


def test_bulk_from_an_unverified_sender_fails_the_whole_call(sesv2_client: Any, template: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_bulk_email(
            FromEmailAddress="me@unverified.com",
            DefaultContent={"Template": {"TemplateName": template, "TemplateData": "{}"}},
            BulkEmailEntries=[{"Destination": TO}],
        )

    assert error_of(excinfo)[0] == "MessageRejected"


def test_bulk_takes_at_most_fifty_entries(sesv2_client: Any, template: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_bulk_email(
            FromEmailAddress="me@example.com",
            DefaultContent={"Template": {"TemplateName": template, "TemplateData": '{"name": "x"}'}},
            BulkEmailEntries=[{"Destination": TO}] * 51,
        )

    assert error_of(excinfo) == ("BadRequestException", "Too many destinations.", 400)
