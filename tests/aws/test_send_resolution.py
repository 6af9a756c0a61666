"""Which configuration set a message uses, for every send operation of both APIs.

Paths, in precedence order: the ``ConfigurationSetName`` parameter, the ``X-SES-CONFIGURATION-SET`` header
(raw content only, v1 and v2), then the default set of the identity that allowed the send (an address
identity's default beats its domain's; a verified address without a default does not inherit the
domain's).  A named set that does not exist fails the send (v1 ``ConfigurationSetDoesNotExist``, v2
``NotFoundException``, bulk: per destination); a deleted default set fails it as a bad request.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError

MESSAGE_ID = re.compile(r"^[0-9a-f]{16}-[0-9a-f-]{36}-000000$")
TO = {"ToAddresses": ["to@example.net"]}
SUBJECT_BODY = {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}}
DATA = '{"name": "Ann"}'


def raw(source: str, header: str | None) -> bytes:
    extra = f"X-SES-CONFIGURATION-SET: {header}\r\n" if header else ""
    return f"From: {source}\r\nTo: to@example.net\r\n{extra}Subject: Hello\r\n\r\nHi\r\n".encode()


def params(set_name: str | None) -> dict[str, Any]:
    return {} if set_name is None else {"ConfigurationSetName": set_name}


@dataclass(frozen=True)
class Sender:
    """One send operation, called with a sender address, an optional set parameter and raw header."""

    name: str
    api: str
    bulk: bool
    raw: bool
    call: Callable[[Any, Any, str, str | None, str | None], Any]

    def __str__(self) -> str:
        return self.name


SENDERS = [
    Sender(
        "v1-SendEmail", "v1", False, False,
        lambda v1, v2, src, cs, h: v1.send_email(Source=src, Destination=TO, Message=SUBJECT_BODY, **params(cs)),
    ),
    Sender(
        "v1-SendRawEmail", "v1", False, True,
        lambda v1, v2, src, cs, h: v1.send_raw_email(RawMessage={"Data": raw(src, h)}, **params(cs)),
    ),
    Sender(
        "v1-SendTemplatedEmail", "v1", False, False,
        lambda v1, v2, src, cs, h: v1.send_templated_email(
            Source=src, Destination=TO, Template="t", TemplateData=DATA, **params(cs)
        ),
    ),
    Sender(
        "v1-SendBulkTemplatedEmail", "v1", True, False,
        lambda v1, v2, src, cs, h: v1.send_bulk_templated_email(
            Source=src, Template="t", DefaultTemplateData=DATA, Destinations=[{"Destination": TO}], **params(cs)
        ),
    ),
    Sender(
        "v2-SendEmail-Simple", "v2", False, False,
        lambda v1, v2, src, cs, h: v2.send_email(
            FromEmailAddress=src, Destination=TO, Content={"Simple": SUBJECT_BODY}, **params(cs)
        ),
    ),
    Sender(
        "v2-SendEmail-Raw", "v2", False, True,
        lambda v1, v2, src, cs, h: v2.send_email(Content={"Raw": {"Data": raw(src, h)}}, **params(cs)),
    ),
    Sender(
        "v2-SendEmail-Template", "v2", False, False,
        lambda v1, v2, src, cs, h: v2.send_email(
            FromEmailAddress=src,
            Destination=TO,
            Content={"Template": {"TemplateName": "t", "TemplateData": DATA}},
            **params(cs),
        ),
    ),
    Sender(
        "v2-SendBulkEmail", "v2", True, False,
        lambda v1, v2, src, cs, h: v2.send_bulk_email(
            FromEmailAddress=src,
            DefaultContent={"Template": {"TemplateName": "t", "TemplateData": DATA}},
            BulkEmailEntries=[{"Destination": TO}],
            **params(cs),
        ),
    ),
]  # fmt: skip
RAW_SENDERS = [s for s in SENDERS if s.raw]


@pytest.fixture
def attempt(ses_client: Any, sesv2_client: Any, ses: Any) -> Callable[..., tuple[Any, ...]]:
    """Send once; ``("ok", set name, how)`` from the message record, or the error as SES reported it."""

    def run(
        sender: Sender, source: str = "me@example.com", set_name: str | None = None, header: str | None = None
    ):
        try:
            response = sender.call(ses_client, sesv2_client, source, set_name, header)
        except ClientError as error:
            meta: Any = error.response
            return (
                "error",
                meta["Error"]["Code"],
                meta["Error"]["Message"],
                meta["ResponseMetadata"]["HTTPStatusCode"],
            )
        if sender.bulk:
            entry = (response.get("Status") or response["BulkEmailEntryResults"])[0]
            if "MessageId" not in entry:
                return ("bulk", entry["Status"], entry["Error"])
            message_id = entry["MessageId"]
        else:
            message_id = response["MessageId"]
        assert MESSAGE_ID.match(message_id)
        record = ses.session.recorder.message(message_id)
        return ("ok", record.configuration_set, record.configuration_set_source)

    return run


@pytest.fixture(autouse=True)
def account(ses_client: Any, sesv2_client: Any) -> None:
    """example.com verified, three sets, and the template the templated senders use."""
    sesv2_client.create_email_identity(EmailIdentity="example.com")
    for name in ("param", "header", "domain-default", "address-default"):
        sesv2_client.create_configuration_set(ConfigurationSetName=name)
    ses_client.create_template(Template={"TemplateName": "t", "SubjectPart": "Hi {{name}}", "TextPart": "x"})


def missing_set_error(sender: Sender, name: str) -> tuple[Any, ...]:
    message = f"Configuration set <{name}> does not exist."
    if sender.bulk:
        return (
            "bulk",
            "ConfigurationSetDoesNotExist" if sender.api == "v1" else "CONFIGURATION_SET_NOT_FOUND",
            message,
        )
    if sender.api == "v1":
        return ("error", "ConfigurationSetDoesNotExist", message, 400)
    return ("error", "NotFoundException", message, 404)


# --- no set, parameter --------------------------------------------------------------------------------------
@pytest.mark.parametrize("sender", SENDERS, ids=str)
def test_without_parameter_header_or_default_no_set_applies(attempt: Any, sender: Sender) -> None:
    assert attempt(sender) == ("ok", None, None)


@pytest.mark.parametrize("sender", SENDERS, ids=str)
def test_the_parameter_names_the_set(attempt: Any, sender: Sender) -> None:
    assert attempt(sender, set_name="param") == ("ok", "param", "parameter")


@pytest.mark.parametrize("sender", SENDERS, ids=str)
def test_the_parameter_beats_the_identity_default(attempt: Any, sender: Sender, sesv2_client: Any) -> None:
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain-default"
    )

    assert attempt(sender, set_name="param") == ("ok", "param", "parameter")


# --- header (raw content) -------------------------------------------------------------------------------------
@pytest.mark.parametrize("sender", RAW_SENDERS, ids=str)
def test_raw_content_can_name_the_set_in_a_header(attempt: Any, sender: Sender, ses: Any) -> None:
    assert attempt(sender, header="header") == ("ok", "header", "header")

    headers = ses.session.recorder.messages()[-1].events[0].record["mail"]["headers"]
    assert {"name": "X-SES-CONFIGURATION-SET", "value": "header"} in headers


@pytest.mark.parametrize("sender", RAW_SENDERS, ids=str)
def test_the_parameter_beats_the_header(attempt: Any, sender: Sender) -> None:
    assert attempt(sender, set_name="param", header="header") == ("ok", "param", "parameter")


@pytest.mark.parametrize("sender", RAW_SENDERS, ids=str)
def test_the_header_beats_the_identity_default(attempt: Any, sender: Sender, sesv2_client: Any) -> None:
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain-default"
    )

    assert attempt(sender, header="header") == ("ok", "header", "header")


@pytest.mark.parametrize("sender", RAW_SENDERS, ids=str)
def test_a_header_naming_a_missing_set_fails_like_the_parameter(attempt: Any, sender: Sender) -> None:
    assert attempt(sender, header="nope") == missing_set_error(sender, "nope")


def test_the_header_means_nothing_outside_raw_content(ses_client: Any, ses: Any) -> None:
    """SendEmail builds its own headers: a header-like subject is just a subject."""
    message = {"Subject": {"Data": "X-SES-CONFIGURATION-SET: header"}, "Body": {"Text": {"Data": "x"}}}
    ses_client.send_email(Source="me@example.com", Destination=TO, Message=message)

    assert ses.session.recorder.messages()[-1].configuration_set is None


# --- identity defaults -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("sender", SENDERS, ids=str)
def test_the_domain_default_applies_to_its_addresses(attempt: Any, sender: Sender, sesv2_client: Any) -> None:
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain-default"
    )

    assert attempt(sender) == ("ok", "domain-default", "identity-default")


@pytest.mark.parametrize("sender", SENDERS, ids=str)
def test_an_address_default_beats_the_domain_default(attempt: Any, sender: Sender, sesv2_client: Any) -> None:
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain-default"
    )
    sesv2_client.create_email_identity(EmailIdentity="me@example.com", ConfigurationSetName="address-default")

    assert attempt(sender, source="me@example.com") == ("ok", "address-default", "identity-default")
    assert attempt(sender, source="other@example.com") == ("ok", "domain-default", "identity-default")


@pytest.mark.parametrize("sender", SENDERS[:2], ids=str)
def test_a_verified_address_without_a_default_does_not_inherit_the_domains(
    attempt: Any, sender: Sender, sesv2_client: Any
) -> None:
    """DG managing-configuration-sets: the domain default applies "unless you verify specific addresses"."""
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain-default"
    )
    sesv2_client.create_email_identity(EmailIdentity="me@example.com")

    assert attempt(sender, source="me@example.com") == ("ok", None, None)


def test_the_rule_says_which_identity_gave_the_default(attempt: Any, sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain-default"
    )
    attempt(SENDERS[0])

    rule = ses.session.recorder.messages()[-1].rule("configuration-set")
    assert (rule.outcome, rule.reason) == ("domain-default", "default configuration set of identity example.com")


def test_clearing_the_default_stops_applying_it(attempt: Any, sesv2_client: Any) -> None:
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain-default"
    )
    sesv2_client.put_email_identity_configuration_set_attributes(EmailIdentity="example.com")

    assert attempt(SENDERS[0]) == ("ok", None, None)


# --- missing sets ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sender", SENDERS, ids=str)
def test_a_missing_set_fails_the_send(attempt: Any, sender: Sender, ses: Any) -> None:
    assert attempt(sender, set_name="nope") == missing_set_error(sender, "nope")

    record = ses.session.recorder.messages()[-1]
    assert (record.accepted, record.message_id, record.configuration_set) == (False, None, "nope")
    assert record.configuration_set_source == "parameter"
    assert record.rule("configuration-set").reason.endswith("but the set does not exist")


@pytest.mark.parametrize("sender", SENDERS, ids=str)
def test_a_deleted_default_set_fails_the_send_as_a_bad_request(
    attempt: Any, sender: Sender, sesv2_client: Any
) -> None:
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain-default"
    )
    sesv2_client.delete_configuration_set(ConfigurationSetName="domain-default")

    message = "Configuration set <domain-default> does not exist."
    expected: dict[tuple[str, bool], tuple[Any, ...]] = {
        ("v1", False): ("error", "ConfigurationSetDoesNotExist", message, 400),
        ("v2", False): ("error", "BadRequestException", message, 400),
        ("v1", True): ("bulk", "ConfigurationSetDoesNotExist", message),
        ("v2", True): ("bulk", "CONFIGURATION_SET_NOT_FOUND", message),
    }
    assert attempt(sender) == expected[(sender.api, sender.bulk)]


def test_a_deleted_default_set_is_recorded_as_the_default(attempt: Any, sesv2_client: Any, ses: Any) -> None:
    sesv2_client.create_email_identity(EmailIdentity="me@example.com", ConfigurationSetName="address-default")
    sesv2_client.delete_configuration_set(ConfigurationSetName="address-default")

    attempt(SENDERS[0])

    record = ses.session.recorder.messages()[-1]
    assert (record.accepted, record.configuration_set, record.configuration_set_source) == (
        False,
        "address-default",
        "identity-default",
    )


def test_a_deleted_default_set_can_be_bypassed_with_the_parameter(attempt: Any, sesv2_client: Any) -> None:
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain-default"
    )
    sesv2_client.delete_configuration_set(ConfigurationSetName="domain-default")

    assert attempt(SENDERS[4], set_name="param") == ("ok", "param", "parameter")


def test_a_set_is_per_region(ses: Any, attempt: Any) -> None:
    """A set made in us-east-1 does not exist for a send in eu-west-1."""
    west = ses.client("ses", region="eu-west-1")
    west.verify_domain_identity(Domain="example.com")

    with pytest.raises(ClientError) as excinfo:
        west.send_email(
            Source="me@example.com", Destination=TO, Message=SUBJECT_BODY, ConfigurationSetName="param"
        )

    assert excinfo.value.response["Error"]["Code"] == "ConfigurationSetDoesNotExist"
    assert attempt(SENDERS[0], set_name="param") == ("ok", "param", "parameter")
