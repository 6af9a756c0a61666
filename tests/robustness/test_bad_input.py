"""Bad input to the send endpoints: malformed MIME, non-ASCII headers and addresses, messages over the
size limit, thousands of recipients, huge and deeply nested template data.

Each answers as SES does where its answer is recorded (the error code, text and status asserted here),
and otherwise the fake's documented choice (docs/aws-fidelity.md) - never a Python exception.
"""

from __future__ import annotations

import base64
import json
import sys
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from support import error_of

from pytest_ses import FakeSES
from pytest_ses.bridge import BRIDGE
from pytest_ses.core.api import operations
from pytest_ses.core.sending import mime
from pytest_ses.errors import AwsError

SENDER = "sender@example.com"
TO = {"ToAddresses": ["to@example.net"]}
HEADERS = b"From: sender@example.com\r\nTo: to@example.net\r\nSubject: Hi\r\n"
V1_LIMIT, V2_LIMIT = 10 * 1024 * 1024, 40 * 1024 * 1024
TEMPLATE_DATA_LIMIT = 262_144


@pytest.fixture(autouse=True)
def verified(ses: FakeSES) -> None:
    ses.verify("example.com")
    ses.client("sesv2").create_email_template(
        TemplateName="greeting", TemplateContent={"Subject": "Hi {{name}}", "Text": "Hello {{name}}"}
    )


def send_raw(ses: FakeSES, api: str, raw: bytes) -> str:
    """A raw send through v1 SendRawEmail or v2 SendEmail (Raw content); returns the message id."""
    if api == "v1":
        response = ses.client("ses").send_raw_email(
            Source=SENDER, Destinations=["to@example.net"], RawMessage={"Data": raw}
        )
    else:
        response = ses.client("sesv2").send_email(
            FromEmailAddress=SENDER, Destination=TO, Content={"Raw": {"Data": raw}}
        )
    return str(response["MessageId"])


def call_handler(service: str, operation: str, params: dict[str, Any]) -> dict[str, Any]:
    """The core handler with the parameters a client sends (for inputs too big to send through boto3 quickly)."""
    return operations(service)[operation](BRIDGE.context("123456789012", "us-east-1"), params)


# --- malformed MIME ------------------------------------------------------------------------------
MALFORMED = {
    "no header block": b"just a body, no header block at all\r\n",
    "binary junk": bytes(range(256)) * 4,
    "unterminated multipart": HEADERS
    + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
    + b"Content-Type: text/plain\r\n\r\nhello\r\n--b1\r\nContent-Type: text/html\r\n\r\n<p>no closing boundary",
    "invalid base64 part": HEADERS
    + b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n"
    + b"\r\n!!not base64**\r\n",
    "unknown charset": HEADERS + b"Content-Type: text/html; charset=x-no-such-charset\r\n\r\n<p>\xe9</p>\r\n",
    "broken encoded words": b"From: =?bogus?Q?=ZZ?= <sender@example.com>\r\nTo: to@example.net\r\n"
    + b"Subject: =?utf-8?B?!!!?=\r\n\r\nbody\r\n",
    "NUL bytes": HEADERS + b"X-Nul: a\x00b\r\n\r\nbo\x00dy",
}


def stack_depth() -> int:
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1  # type: ignore[assignment]
    return depth


def nested_multiparts(depth: int) -> str:
    parts = "".join(f'--b{i}\r\nContent-Type: multipart/mixed; boundary="b{i + 1}"\r\n\r\n' for i in range(depth))
    return HEADERS.decode() + 'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n' + parts


@pytest.mark.parametrize("api", ["v1", "v2"])
@pytest.mark.parametrize("raw", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_mime_is_taken_and_recorded_as_submitted(ses: FakeSES, api: str, raw: bytes) -> None:
    """SES records no error text for these; the fake accepts them as it finds them (docs/aws-fidelity.md)."""
    message_id = send_raw(ses, api, raw)

    record = ses.message(message_id)
    assert record.accepted
    assert record.raw == raw.decode("utf-8", errors="replace")
    assert [e.event_type for e in record.events][:1] == ["Send"]


def test_multiparts_nested_deeper_than_the_stack_do_not_exhaust_it() -> None:
    """A message nested 2,000 deep crashed SendRawEmail with RecursionError (the parser recursed into every
    part just to read the headers).  Reproduced cheaply: 200 levels with 100 frames of stack left."""
    raw = nested_multiparts(200)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(stack_depth() + 100)
    try:
        headers = mime.parse_raw_headers(raw)
        bodies = mime.raw_body_text(raw)
    finally:
        sys.setrecursionlimit(limit)

    assert mime.header_value(headers, "Subject") == "Hi"
    assert bodies == (None, None)


@pytest.mark.parametrize(
    ("api", "code"), [("v1", "InvalidParameterValue"), ("v2", "BadRequestException")], ids=["v1", "v2"]
)
def test_a_header_with_an_empty_name_is_refused_as_ses_does(ses: FakeSES, api: str, code: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        send_raw(ses, api, HEADERS + b": no name\r\n\r\nbody\r\n")

    assert error_of(excinfo) == (code, "Empty header names are illegal.", 400)


# --- non-ASCII headers and addresses ------------------------------------------------------------
@pytest.mark.parametrize("api", ["v1", "v2"])
def test_raw_8bit_headers_are_taken_and_their_text_kept(ses: FakeSES, api: str) -> None:
    raw = "From: Jörg <sender@example.com>\r\nTo: Zoë <to@example.net>\r\nSubject: Grüße ✉ 名前\r\n\r\nbody\r\n"

    message_id = send_raw(ses, api, raw.encode())

    send = ses.message(message_id).events[0].record
    assert send["mail"]["commonHeaders"]["subject"] == "Grüße ✉ 名前"
    assert send["mail"]["commonHeaders"]["from"] == ["Jörg <sender@example.com>"]


ADDRESS_ERRORS = [
    ("dån@example.net", "Local address contains control or whitespace"),
    ("some one@example.net", "Local address contains control or whitespace"),
    ("to@exämple.net", "Domain contains illegal character"),
    ("to@example .net", "Domain contains control or whitespace"),
]


@pytest.mark.parametrize(("address", "message"), ADDRESS_ERRORS)
def test_v1_refuses_addresses_that_are_not_7bit_ascii(ses_client: Any, address: str, message: str) -> None:
    body = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_email(Source=SENDER, Destination={"ToAddresses": [address]}, Message=body)

    assert error_of(excinfo) == ("InvalidParameterValue", message, 400)


@pytest.mark.parametrize(("address", "message"), ADDRESS_ERRORS)
def test_v2_refuses_addresses_that_are_not_7bit_ascii(sesv2_client: Any, address: str, message: str) -> None:
    content = {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}}
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(FromEmailAddress=SENDER, Destination={"ToAddresses": [address]}, Content=content)

    assert error_of(excinfo) == ("BadRequestException", message, 400)


def test_a_unicode_display_name_is_fine(ses_client: Any, ses: FakeSES) -> None:
    body = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}
    message_id = ses_client.send_email(
        Source="Jörg <sender@example.com>", Destination={"ToAddresses": ["Zoë <to@example.net>"]}, Message=body
    )["MessageId"]

    assert ses.message(message_id).accepted


def simple_with_headers(headers: list[dict[str, str]]) -> dict[str, Any]:
    return {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}, "Headers": headers}}


@pytest.mark.parametrize(
    ("header", "member", "constraint"),
    [
        (
            {"Name": "X-Grüße", "Value": "v"},
            "name",
            "Member must satisfy regular expression pattern: ^[!-9;-@A-~]+$",
        ),
        (
            {"Name": "X-A:B", "Value": "v"},
            "name",
            "Member must satisfy regular expression pattern: ^[!-9;-@A-~]+$",
        ),
        ({"Name": "X-Ok", "Value": "Grüße"}, "value", "Member must satisfy regular expression pattern: [ -~]*"),
        ({"Name": "X-" + "a" * 125, "Value": "v"}, "name", "Member must have length less than or equal to 126"),
        ({"Name": "X-Ok", "Value": "v" * 996}, "value", "Member must have length less than or equal to 995"),
    ],
    ids=["non-ASCII name", "colon in name", "non-ASCII value", "name too long", "value too long"],
)
def test_v2_simple_headers_must_be_printable_ascii(
    sesv2_client: Any, header: dict[str, str], member: str, constraint: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(FromEmailAddress=SENDER, Destination=TO, Content=simple_with_headers([header]))

    path = f"content.simple.headers.1.member.{member}"
    message = f"1 validation error detected: Value at '{path}' failed to satisfy constraint: {constraint}"
    assert error_of(excinfo) == ("BadRequestException", message, 400)


def test_v2_simple_content_takes_at_most_15_headers(sesv2_client: Any) -> None:
    headers = [{"Name": f"X-H{i}", "Value": "v"} for i in range(16)]
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(FromEmailAddress=SENDER, Destination=TO, Content=simple_with_headers(headers))

    message = (
        "1 validation error detected: Value at 'content.simple.headers' failed to satisfy constraint: "
        "Member must have length less than or equal to 15"
    )
    assert error_of(excinfo) == ("BadRequestException", message, 400)


def test_v2_simple_headers_within_the_model_are_sent(sesv2_client: Any, ses: FakeSES) -> None:
    headers = [{"Name": f"X-H{i}", "Value": "printable ~ ascii"} for i in range(15)]
    message_id = sesv2_client.send_email(
        FromEmailAddress=SENDER, Destination=TO, Content=simple_with_headers(headers)
    )["MessageId"]

    sent = dict(ses.message(message_id).events[0].record["mail"]["headers"][-1].items())
    assert sent == {"name": "X-H14", "value": "printable ~ ascii"}


# --- message size -------------------------------------------------------------------------------
def test_v1_refuses_a_message_over_10_mb(ses_client: Any) -> None:
    """Recorded from real SES v1 (aws/aws-sdk-go-v2 #1774); the parts SES builds the message from count."""
    body = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "a" * V1_LIMIT}}}
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_email(Source=SENDER, Destination=TO, Message=body)

    assert error_of(excinfo) == (
        "InvalidParameterValue",
        f"Message length is more than {V1_LIMIT} bytes long: '{V1_LIMIT + 1}'.",
        400,
    )


# Raw messages of 10 and 40 MB take seconds to base64- and URL-encode through boto3; the handlers get the
# same parameters a client sends, as bytes (v1, decoded by moto's parser) and base64 text (v2, JSON).
def test_v1_raw_limit_is_10_mb_of_raw_message(ses: FakeSES) -> None:
    at_limit = HEADERS + b"\r\n" + b"a" * (V1_LIMIT - len(HEADERS) - 2)
    with pytest.raises(AwsError) as excinfo:
        call_handler("ses", "SendRawEmail", {"RawMessage": {"Data": at_limit + b"a"}})
    assert (excinfo.value.code, excinfo.value.message) == (
        "InvalidParameterValue",
        f"Message length is more than {V1_LIMIT} bytes long: '{V1_LIMIT + 1}'.",
    )

    assert call_handler("ses", "SendRawEmail", {"RawMessage": {"Data": at_limit}})["MessageId"]


def test_v2_raw_limit_is_40_mb_of_raw_message(ses: FakeSES) -> None:
    over = base64.b64encode(HEADERS + b"\r\n" + b"a" * (V2_LIMIT - len(HEADERS) - 1)).decode()
    with pytest.raises(AwsError) as excinfo:
        call_handler("sesv2", "SendEmail", {"FromEmailAddress": SENDER, "Content": {"Raw": {"Data": over}}})

    assert (excinfo.value.code, excinfo.value.message, excinfo.value.status) == (
        "BadRequestException",
        f"Message length is more than {V2_LIMIT} bytes long: '{V2_LIMIT + 1}'.",
        400,
    )


def test_v2_attachments_count_base64_encoded(ses: FakeSES) -> None:
    """30 MB of attachment is 40 MB once base64-encoded: over v2's limit with the text."""
    attachment = {"RawContent": b"\x00" * (30 * 1024 * 1024), "FileName": "big.bin"}
    content = {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}, "Attachments": [attachment]}}
    with pytest.raises(AwsError) as excinfo:
        call_handler("sesv2", "SendEmail", {"FromEmailAddress": SENDER, "Destination": TO, "Content": content})

    assert excinfo.value.code == "BadRequestException"
    assert excinfo.value.message.startswith(f"Message length is more than {V2_LIMIT} bytes long:")


# --- recipients ---------------------------------------------------------------------------------
MANY = [f"r{i}@example.net" for i in range(10_000)]


def test_v1_refuses_10000_recipients(ses_client: Any) -> None:
    body = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_email(Source=SENDER, Destination={"ToAddresses": MANY}, Message=body)

    assert error_of(excinfo) == ("InvalidParameterValue", "Recipient count exceeds 50.", 400)


def test_v1_raw_refuses_51_destinations(ses_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_raw_email(
            Source=SENDER, Destinations=MANY[:51], RawMessage={"Data": HEADERS + b"\r\nbody"}
        )

    assert error_of(excinfo) == ("InvalidParameterValue", "Recipient count exceeds 50.", 400)


def test_v2_refuses_10000_recipients(sesv2_client: Any) -> None:
    content = {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}}
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_email(FromEmailAddress=SENDER, Destination={"BccAddresses": MANY}, Content=content)

    assert error_of(excinfo) == ("BadRequestException", "Recipient count exceeds 50.", 400)


def test_v2_bulk_refuses_51_entries(sesv2_client: Any) -> None:
    entries = [{"Destination": {"ToAddresses": [address]}} for address in MANY[:51]]
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.send_bulk_email(
            FromEmailAddress=SENDER,
            DefaultContent={"Template": {"TemplateName": "greeting", "TemplateData": "{}"}},
            BulkEmailEntries=entries,
        )

    assert error_of(excinfo) == ("BadRequestException", "Too many destinations.", 400)


# --- template data ------------------------------------------------------------------------------
def padded_data(length: int) -> str:
    """A JSON object of exactly ``length`` characters."""
    skeleton = json.dumps({"name": ""})
    return json.dumps({"name": "a" * (length - len(skeleton))})


def too_long(path: str) -> str:
    return (
        f"1 validation error detected: Value at '{path}' failed to satisfy constraint: "
        f"Member must have length less than or equal to {TEMPLATE_DATA_LIMIT}"
    )


def unvalidated(ses: FakeSES, service: str) -> Any:
    """A client without botocore's checks: TemplateData over its model maximum reaches the fake."""
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    return session.client(service, region_name=ses.region, config=Config(parameter_validation=False))  # type: ignore[call-overload]


def test_v1_template_data_up_to_its_maximum_is_sent(ses_client: Any, ses: FakeSES) -> None:
    data = padded_data(TEMPLATE_DATA_LIMIT)
    message_id = ses_client.send_templated_email(
        Source=SENDER, Destination=TO, Template="greeting", TemplateData=data
    )["MessageId"]

    assert ses.message(message_id).accepted


def test_v1_template_data_over_its_maximum_is_a_validation_error(ses: FakeSES) -> None:
    with pytest.raises(ClientError) as excinfo:
        unvalidated(ses, "ses").send_templated_email(
            Source=SENDER, Destination=TO, Template="greeting", TemplateData=padded_data(TEMPLATE_DATA_LIMIT + 1)
        )

    assert error_of(excinfo) == ("ValidationError", too_long("templateData"), 400)


def test_v1_bulk_replacement_data_over_its_maximum_is_a_validation_error(ses: FakeSES) -> None:
    destinations = [{"Destination": TO, "ReplacementTemplateData": padded_data(TEMPLATE_DATA_LIMIT + 1)}]
    with pytest.raises(ClientError) as excinfo:
        unvalidated(ses, "ses").send_bulk_templated_email(
            Source=SENDER, Template="greeting", DefaultTemplateData="{}", Destinations=destinations
        )

    path = "destinations.1.member.replacementTemplateData"
    assert error_of(excinfo) == ("ValidationError", too_long(path), 400)


def test_v2_template_data_over_its_maximum_is_a_bad_request(ses: FakeSES) -> None:
    template = {"TemplateName": "greeting", "TemplateData": padded_data(TEMPLATE_DATA_LIMIT + 1)}
    with pytest.raises(ClientError) as excinfo:
        unvalidated(ses, "sesv2").send_email(
            FromEmailAddress=SENDER, Destination=TO, Content={"Template": template}
        )

    assert error_of(excinfo) == ("BadRequestException", too_long("content.template.templateData"), 400)


def test_test_render_template_data_over_its_maximum_is_a_validation_error(ses: FakeSES) -> None:
    with pytest.raises(ClientError) as excinfo:
        unvalidated(ses, "ses").test_render_template(
            TemplateName="greeting", TemplateData=padded_data(TEMPLATE_DATA_LIMIT + 1)
        )

    assert error_of(excinfo) == ("ValidationError", too_long("templateData"), 400)


DEEP = '{"name": ' + "[" * 100_000 + "]" * 100_000 + "}"
"""Valid JSON within the length limit, nested deeper than any JSON parser goes (AWS's stops at 1000)."""


def test_deeply_nested_template_data_is_a_rendering_failure(ses_client: Any, ses: FakeSES) -> None:
    message_id = ses_client.send_templated_email(
        Source=SENDER, Destination=TO, Template="greeting", TemplateData=DEEP
    )["MessageId"]

    events = ses.message(message_id).events
    assert [e.event_type for e in events] == ["Send", "Rendering Failure"]
    assert events[1].record["failure"]["errorMessage"] == "Template rendering data is nested too deeply."


@pytest.mark.parametrize(
    ("service", "operation", "code"),
    [
        ("ses", "test_render_template", "InvalidRenderingParameter"),
        ("sesv2", "test_render_email_template", "BadRequestException"),
    ],
    ids=["v1", "v2"],
)
def test_test_render_refuses_deeply_nested_template_data(
    ses: Any, service: str, operation: str, code: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        getattr(ses.client(service), operation)(TemplateName="greeting", TemplateData=DEEP)

    assert error_of(excinfo) == (code, "Template rendering data is invalid: it is nested too deeply.", 400)
