"""The account's and the configuration set's rules applied to a send, through real boto3 clients.

Sending pauses (account, set; v1 and v2 errors, bulk statuses), suppression (account settings, set
override with its own reasons, set override off, addresses SES adds itself), IP pools (the set's pool,
the default dedicated pool, the shared pool, a pool deleted under a set, the outgoing IP), message tags
(parameter vs header, every InvalidParameterValue text, auto-tags) and the rule log of each message.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from support import error_of

from pytest_ses.core.model import DEFAULT_DEDICATED_IPS, SHARED_POOL_IPS
from pytest_ses.core.sending.outcomes import Bounce, Complaint, Delay

TO = {"ToAddresses": ["to@example.net"]}
SIMPLE = {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}}


def last_message(ses: Any) -> Any:
    return ses.session.recorder.messages()[-1]


def event_types(ses: Any) -> list[str]:
    return [e.event_type for e in last_message(ses).events]


@pytest.fixture(autouse=True)
def account(sesv2_client: Any, ses_client: Any) -> None:
    sesv2_client.create_email_identity(EmailIdentity="example.com")
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")
    ses_client.create_template(Template={"TemplateName": "t", "SubjectPart": "Hi", "TextPart": "x"})


def v1_send(ses_client: Any, to: str = "to@example.net", **extra: Any) -> str:
    message_id: str = ses_client.send_email(
        Source="me@example.com", Destination={"ToAddresses": [to]}, Message=SIMPLE, **extra
    )["MessageId"]
    return message_id


def v2_send(sesv2_client: Any, to: str = "to@example.net", **extra: Any) -> str:
    message_id: str = sesv2_client.send_email(
        FromEmailAddress="me@example.com", Destination={"ToAddresses": [to]}, Content={"Simple": SIMPLE}, **extra
    )["MessageId"]
    return message_id


def v1_bulk_status(ses_client: Any, **extra: Any) -> dict[str, Any]:
    status: dict[str, Any] = ses_client.send_bulk_templated_email(
        Source="me@example.com",
        Template="t",
        DefaultTemplateData="{}",
        Destinations=[{"Destination": TO}],
        **extra,
    )["Status"][0]
    return status


def v2_bulk_status(sesv2_client: Any, **extra: Any) -> dict[str, Any]:
    status: dict[str, Any] = sesv2_client.send_bulk_email(
        FromEmailAddress="me@example.com",
        DefaultContent={"Template": {"TemplateName": "t", "TemplateData": "{}"}},
        BulkEmailEntries=[{"Destination": TO}],
        **extra,
    )["BulkEmailEntryResults"][0]
    return status


# --- account pause -----------------------------------------------------------------------------------------
ACCOUNT_PAUSED_V1 = (
    "AccountSendingPausedException",
    "Email sending is disabled for your entire Amazon SES account.",
    400,
)
ACCOUNT_PAUSED_V2 = ("SendingPausedException", "Email sending is disabled for your account.", 400)


def test_a_paused_account_refuses_every_send(ses_client: Any, sesv2_client: Any, ses: Any) -> None:
    ses_client.update_account_sending_enabled(Enabled=False)

    with pytest.raises(ClientError) as v1:
        v1_send(ses_client)
    with pytest.raises(ClientError) as v2:
        v2_send(sesv2_client)
    with pytest.raises(ClientError) as raw:
        ses_client.send_raw_email(RawMessage={"Data": b"From: me@example.com\r\nTo: a@example.net\r\n\r\nx"})

    assert (error_of(v1), error_of(v2), error_of(raw)) == (ACCOUNT_PAUSED_V1, ACCOUNT_PAUSED_V2, ACCOUNT_PAUSED_V1)
    assert v1_bulk_status(ses_client) == {"Status": "AccountSendingPaused", "Error": ACCOUNT_PAUSED_V1[1]}
    assert v2_bulk_status(sesv2_client) == {"Status": "ACCOUNT_SENDING_PAUSED", "Error": ACCOUNT_PAUSED_V2[1]}
    record = last_message(ses)
    assert (record.accepted, record.error_code) == (False, "SendingPausedException")
    assert [(r.rule, r.outcome) for r in record.rules] == [("account-sending", "paused")]


def test_the_account_pause_is_checked_before_the_sender(ses_client: Any) -> None:
    ses_client.update_account_sending_enabled(Enabled=False)

    with pytest.raises(ClientError) as excinfo:
        ses_client.send_email(Source="me@unverified.com", Destination=TO, Message=SIMPLE)

    assert error_of(excinfo) == ACCOUNT_PAUSED_V1


def test_resuming_the_account_through_v2_resumes_v1_sends(ses_client: Any, sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_account_sending_attributes(SendingEnabled=False)
    with pytest.raises(ClientError):
        v1_send(ses_client)

    sesv2_client.put_account_sending_attributes(SendingEnabled=True)
    v1_send(ses_client)

    assert last_message(ses).rule("account-sending").outcome == "enabled"


# --- set pause ---------------------------------------------------------------------------------------------------
def test_a_paused_set_refuses_sends_through_it_in_both_apis(ses_client: Any, sesv2_client: Any, ses: Any) -> None:
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName="tx", Enabled=False)

    with pytest.raises(ClientError) as v1:
        v1_send(ses_client, ConfigurationSetName="tx")
    with pytest.raises(ClientError) as v2:
        v2_send(sesv2_client, ConfigurationSetName="tx")

    assert error_of(v1) == (
        "ConfigurationSetSendingPausedException",
        "Email sending is disabled for configuration set <tx>.",
        400,
    )
    assert error_of(v2) == ("SendingPausedException", "Email sending is disabled for configuration set tx.", 400)
    record = last_message(ses)
    assert (record.accepted, record.configuration_set) == (False, "tx")
    assert (record.rules[-1].rule, record.rules[-1].outcome) == ("sending", "paused")


def test_a_paused_set_fails_each_bulk_destination(ses_client: Any, sesv2_client: Any) -> None:
    sesv2_client.put_configuration_set_sending_options(ConfigurationSetName="tx", SendingEnabled=False)

    assert v1_bulk_status(ses_client, ConfigurationSetName="tx") == {
        "Status": "ConfigurationSetSendingPaused",
        "Error": "Email sending is disabled for configuration set <tx>.",
    }
    assert v2_bulk_status(sesv2_client, ConfigurationSetName="tx") == {
        "Status": "CONFIGURATION_SET_SENDING_PAUSED",
        "Error": "Email sending is disabled for configuration set tx.",
    }


def test_a_paused_set_does_not_stop_sends_without_it(ses_client: Any, ses: Any) -> None:
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName="tx", Enabled=False)

    v1_send(ses_client)

    assert last_message(ses).accepted


def test_a_paused_default_set_stops_sends_through_the_identity(sesv2_client: Any) -> None:
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="tx"
    )
    sesv2_client.put_configuration_set_sending_options(ConfigurationSetName="tx", SendingEnabled=False)

    with pytest.raises(ClientError) as excinfo:
        v2_send(sesv2_client)

    assert error_of(excinfo)[0] == "SendingPausedException"


def test_re_enabling_the_set_resumes_sending(ses_client: Any, ses: Any) -> None:
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName="tx", Enabled=False)
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName="tx", Enabled=True)

    v1_send(ses_client, ConfigurationSetName="tx")

    assert last_message(ses).rule("sending").outcome == "enabled"


# --- suppression ------------------------------------------------------------------------------------------------
def suppress(sesv2_client: Any, address: str, reason: str) -> None:
    sesv2_client.put_suppressed_destination(EmailAddress=address, Reason=reason)


def test_a_suppressed_address_is_accepted_then_bounced_without_delivery(sesv2_client: Any, ses: Any) -> None:
    suppress(sesv2_client, "gone@example.net", "BOUNCE")

    v2_send(sesv2_client, "gone@example.net", ConfigurationSetName="tx")

    assert event_types(ses) == ["Send", "Bounce"]
    bounce = last_message(ses).events[1].details
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "OnAccountSuppressionList")
    assert bounce["bouncedRecipients"] == [{"emailAddress": "gone@example.net"}]
    rule = last_message(ses).rule("suppression")
    assert (rule.outcome, rule.reason) == ("BOUNCE,COMPLAINT", "suppression reasons of the account")


def test_suppression_matches_addresses_case_insensitively(sesv2_client: Any, ses: Any) -> None:
    suppress(sesv2_client, "Gone@Example.net", "COMPLAINT")

    v2_send(sesv2_client, "gone@example.NET")

    assert event_types(ses) == ["Send", "Bounce"]


def test_only_the_suppressed_recipients_of_a_message_bounce(sesv2_client: Any, ses: Any) -> None:
    suppress(sesv2_client, "gone@example.net", "BOUNCE")

    sesv2_client.send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": ["gone@example.net", "here@example.net"]},
        Content={"Simple": SIMPLE},
    )

    bounce, delivery = sorted(last_message(ses).events[1:], key=lambda e: e.event_type)
    assert (delivery.event_type, delivery.recipients) == ("Delivery", ("here@example.net",))
    assert (bounce.event_type, bounce.recipients) == ("Bounce", ("gone@example.net",))


def test_an_entry_whose_reason_the_account_no_longer_suppresses_is_delivered(sesv2_client: Any, ses: Any) -> None:
    suppress(sesv2_client, "gone@example.net", "BOUNCE")
    sesv2_client.put_account_suppression_attributes(SuppressedReasons=["COMPLAINT"])

    v2_send(sesv2_client, "gone@example.net")

    assert event_types(ses) == ["Send", "Delivery"]
    assert last_message(ses).rule("suppression").outcome == "COMPLAINT"


def test_account_suppression_turned_off(sesv2_client: Any, ses: Any) -> None:
    suppress(sesv2_client, "gone@example.net", "BOUNCE")
    sesv2_client.put_account_suppression_attributes(SuppressedReasons=[])

    v2_send(sesv2_client, "gone@example.net")

    assert event_types(ses) == ["Send", "Delivery"]
    rule = last_message(ses).rule("suppression")
    assert (rule.outcome, rule.reason) == ("off", "suppression is off for the account")


def test_a_set_override_uses_only_the_sets_reasons(sesv2_client: Any, ses: Any) -> None:
    suppress(sesv2_client, "complained@example.net", "COMPLAINT")
    suppress(sesv2_client, "bounced@example.net", "BOUNCE")
    sesv2_client.put_configuration_set_suppression_options(ConfigurationSetName="tx", SuppressedReasons=["BOUNCE"])

    v2_send(sesv2_client, "complained@example.net", ConfigurationSetName="tx")
    complained = event_types(ses)
    v2_send(sesv2_client, "bounced@example.net", ConfigurationSetName="tx")

    assert (complained, event_types(ses)) == (["Send", "Delivery"], ["Send", "Bounce"])
    rule = last_message(ses).rule("suppression")
    assert (rule.outcome, rule.reason) == ("BOUNCE", "suppression reasons of the configuration set tx")


def test_a_set_override_with_no_reasons_turns_suppression_off(sesv2_client: Any, ses: Any) -> None:
    suppress(sesv2_client, "gone@example.net", "BOUNCE")
    sesv2_client.put_configuration_set_suppression_options(ConfigurationSetName="tx", SuppressedReasons=[])

    v2_send(sesv2_client, "gone@example.net", ConfigurationSetName="tx")
    through_set = event_types(ses)
    v2_send(sesv2_client, "gone@example.net")

    assert (through_set, event_types(ses)) == (["Send", "Delivery"], ["Send", "Bounce"])
    rule = last_message(ses).rules
    assert ("suppression", "BOUNCE,COMPLAINT") in [(r.rule, r.outcome) for r in rule]


def reason_listed(sesv2_client: Any, address: str) -> str | None:
    try:
        entry = sesv2_client.get_suppressed_destination(EmailAddress=address)["SuppressedDestination"]
    except ClientError:
        return None
    reason: str = entry["Reason"]
    return reason


@pytest.mark.parametrize(
    ("outcome", "listed"),
    [
        (Bounce(), "BOUNCE"),
        (Bounce("Permanent", "NoEmail"), "BOUNCE"),
        (Bounce("Transient", "MailboxFull", "4.2.2", "smtp; 452 4.2.2 mailbox full", "delayed"), None),
        (Complaint(), "COMPLAINT"),
        (Delay(then=Bounce()), "BOUNCE"),
    ],
    ids=["hard-bounce", "no-email", "soft-bounce", "complaint", "delay-then-bounce"],
)
def test_ses_adds_hard_bounces_and_complaints_to_the_account_list(
    sesv2_client: Any, ses: Any, outcome: Any, listed: str | None
) -> None:
    ses.session.program(["victim@example.net"], outcome)

    v2_send(sesv2_client, "victim@example.net")

    assert reason_listed(sesv2_client, "victim@example.net") == listed


def test_the_next_send_to_an_address_ses_added_is_suppressed(sesv2_client: Any, ses: Any) -> None:
    ses.session.program(["victim@example.net"], Bounce())
    v2_send(sesv2_client, "victim@example.net")

    v2_send(sesv2_client, "victim@example.net")

    assert last_message(ses).events[1].details["bounceSubType"] == "OnAccountSuppressionList"


def test_an_address_given_twice_is_not_suppressed_by_its_own_bounce(sesv2_client: Any, ses: Any) -> None:
    ses.session.program(["victim@example.net"], Bounce())

    sesv2_client.send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": ["victim@example.net"], "CcAddresses": ["victim@example.net"]},
        Content={"Simple": SIMPLE},
    )

    bounces = [e.details for e in last_message(ses).events if e.event_type == "Bounce"]
    assert [b["bounceSubType"] for b in bounces] == ["General"]


def test_the_sets_reasons_decide_what_ses_adds(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_configuration_set_suppression_options(
        ConfigurationSetName="tx", SuppressedReasons=["COMPLAINT"]
    )
    ses.session.program(["bounced@example.net"], Bounce())
    ses.session.program(["complained@example.net"], Complaint())

    v2_send(sesv2_client, "bounced@example.net", ConfigurationSetName="tx")
    v2_send(sesv2_client, "complained@example.net", ConfigurationSetName="tx")

    assert reason_listed(sesv2_client, "bounced@example.net") is None
    assert reason_listed(sesv2_client, "complained@example.net") == "COMPLAINT"


def test_a_set_with_suppression_off_adds_nothing(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_configuration_set_suppression_options(ConfigurationSetName="tx", SuppressedReasons=[])
    ses.session.program(["bounced@example.net"], Bounce())

    v2_send(sesv2_client, "bounced@example.net", ConfigurationSetName="tx")

    assert reason_listed(sesv2_client, "bounced@example.net") is None


def test_simulator_addresses_are_never_added(sesv2_client: Any) -> None:
    v2_send(sesv2_client, "bounce@simulator.amazonses.com")
    v2_send(sesv2_client, "complaint@simulator.amazonses.com")

    assert sesv2_client.list_suppressed_destinations()["SuppressedDestinationSummaries"] == []


# --- IP pools and the outgoing IP -------------------------------------------------------------------------
def pool_of(ses: Any) -> tuple[str, str]:
    record = last_message(ses)
    return record.sending_pool, record.outgoing_ip


def test_without_a_set_the_default_dedicated_pool_sends(sesv2_client: Any, ses: Any) -> None:
    v2_send(sesv2_client)

    pool, ip = pool_of(ses)
    assert (pool, ip in DEFAULT_DEDICATED_IPS) == ("ses-default-dedicated-pool", True)
    assert last_message(ses).rule("ip-pool").reason == "no configuration set; the account has dedicated IPs"


def test_a_set_without_a_pool_sends_from_the_default_dedicated_pool(sesv2_client: Any, ses: Any) -> None:
    v2_send(sesv2_client, ConfigurationSetName="tx")

    assert pool_of(ses)[0] == "ses-default-dedicated-pool"
    assert (
        last_message(ses).rule("ip-pool").reason
        == "no pool on the configuration set; the account has dedicated IPs"
    )


def test_the_sets_pool_sends_from_its_own_ips(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="marketing")
    sesv2_client.put_dedicated_ip_in_pool(Ip=DEFAULT_DEDICATED_IPS[1], DestinationPoolName="marketing")
    sesv2_client.put_configuration_set_delivery_options(ConfigurationSetName="tx", SendingPoolName="marketing")

    v2_send(sesv2_client, ConfigurationSetName="tx")
    through_set = pool_of(ses)
    v2_send(sesv2_client)

    assert through_set == ("marketing", DEFAULT_DEDICATED_IPS[1])
    assert pool_of(ses)[0] == "ses-default-dedicated-pool"
    assert pool_of(ses)[1] != DEFAULT_DEDICATED_IPS[1]
    assert last_message(ses).rule("ip-pool").outcome == "ses-default-dedicated-pool"


def test_a_set_on_the_shared_pool_sends_from_shared_ips(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_configuration_set_delivery_options(
        ConfigurationSetName="tx", SendingPoolName="ses-shared-pool"
    )

    v2_send(sesv2_client, ConfigurationSetName="tx")

    pool, ip = pool_of(ses)
    assert (pool, ip in SHARED_POOL_IPS) == ("ses-shared-pool", True)


@pytest.mark.ses(dedicated_ips=[])
def test_an_account_without_dedicated_ips_sends_from_the_shared_pool(sesv2_client: Any, ses: Any) -> None:
    v2_send(sesv2_client, ConfigurationSetName="tx")

    pool, ip = pool_of(ses)
    assert (pool, ip in SHARED_POOL_IPS) == ("ses-shared-pool", True)
    assert last_message(ses).rule("ip-pool").reason == "the account has no dedicated IPs"


def test_a_pool_left_without_ips_falls_back_to_shared_ips(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="empty")
    sesv2_client.put_configuration_set_delivery_options(ConfigurationSetName="tx", SendingPoolName="empty")

    v2_send(sesv2_client, ConfigurationSetName="tx")

    pool, ip = pool_of(ses)
    assert (pool, ip in SHARED_POOL_IPS) == ("empty", True)
    assert last_message(ses).rule("ip-pool").reason.endswith("the pool has no IPs, so shared IPs are used")


def test_a_pool_deleted_under_its_set_fails_sends_through_the_set(
    ses_client: Any, sesv2_client: Any, ses: Any
) -> None:
    sesv2_client.create_dedicated_ip_pool(PoolName="marketing")
    sesv2_client.put_configuration_set_delivery_options(ConfigurationSetName="tx", SendingPoolName="marketing")
    sesv2_client.delete_dedicated_ip_pool(PoolName="marketing")

    with pytest.raises(ClientError) as v1:
        v1_send(ses_client, ConfigurationSetName="tx")
    with pytest.raises(ClientError) as v2:
        v2_send(sesv2_client, ConfigurationSetName="tx")

    message = "Sending pool <marketing> does not exist."
    assert (error_of(v1), error_of(v2)) == (
        ("MessageRejected", message, 400),
        ("BadRequestException", message, 400),
    )
    assert v1_bulk_status(ses_client, ConfigurationSetName="tx") == {
        "Status": "InvalidSendingPoolName",
        "Error": message,
    }
    assert v2_bulk_status(sesv2_client, ConfigurationSetName="tx") == {
        "Status": "INVALID_SENDING_POOL_NAME",
        "Error": message,
    }
    assert last_message(ses).rule("ip-pool").outcome == "marketing"


def test_the_outgoing_ip_is_tagged_on_delivery_only(sesv2_client: Any, ses: Any) -> None:
    ses.session.program(["complains@example.net"], Complaint())
    ses.session.program(["late@example.net"], Delay())
    sesv2_client.send_email(
        FromEmailAddress="me@example.com",
        Destination={
            "ToAddresses": ["complains@example.net", "late@example.net", "bounce@simulator.amazonses.com"]
        },
        Content={"Simple": SIMPLE},
        ConfigurationSetName="tx",
    )

    record = last_message(ses)
    tagged = {e.event_type: e.record["mail"]["tags"].get("ses:outgoing-ip") for e in record.events}
    assert tagged == {
        "Send": None,
        "DeliveryDelay": None,
        "Delivery": [record.outgoing_ip],
        "Bounce": None,
        "Complaint": None,
    }
    delivery = next(e for e in record.events if e.event_type == "Delivery").details
    _a, _b, c, d = record.outgoing_ip.split(".")
    assert delivery["reportingMTA"] == f"a{c}-{d}.smtp-out.us-east-1.amazonses.com"
    assert record.rule("outgoing-ip").outcome == record.outgoing_ip


def test_outgoing_ips_stay_within_the_pool_across_many_sends(sesv2_client: Any, ses: Any) -> None:
    for _ in range(12):
        v2_send(sesv2_client)

    used = {m.outgoing_ip for m in ses.session.recorder.messages()}
    assert used <= set(DEFAULT_DEDICATED_IPS)
    assert len(used) > 1


# --- message tags -----------------------------------------------------------------------------------------------
def raw_with_tags(header: str) -> bytes:
    return f"From: me@example.com\r\nTo: a@example.net\r\nX-SES-MESSAGE-TAGS: {header}\r\n\r\nbody".encode()


def tags_of(ses: Any) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = last_message(ses).events[0].record["mail"]["tags"]
    return tags


def test_parameter_tags_are_published_with_the_auto_tags(ses_client: Any, ses: Any) -> None:
    v1_send(ses_client, ConfigurationSetName="tx", Tags=[{"Name": "campaign", "Value": "spring.2026@x"}])

    assert tags_of(ses) == {
        "ses:operation": ["SendEmail"],
        "ses:configuration-set": ["tx"],
        "ses:source-ip": ["127.0.0.1"],
        "ses:from-domain": ["example.com"],
        "ses:caller-identity": ["moto"],
        "campaign": ["spring.2026@x"],
    }
    record = last_message(ses)
    assert record.tags == (("campaign", "spring.2026@x"),)
    assert record.rule("message-tags").reason == "from the tags parameter"


def test_header_tags_are_used_when_no_parameter_tags_are_given(ses_client: Any, ses: Any) -> None:
    ses_client.send_raw_email(RawMessage={"Data": raw_with_tags("a=1, b=two")})

    assert (tags_of(ses)["a"], tags_of(ses)["b"]) == (["1"], ["two"])
    assert last_message(ses).rule("message-tags").reason == "from the X-SES-MESSAGE-TAGS header"


@pytest.mark.parametrize("api", ["v1", "v2"])
def test_parameter_tags_replace_header_tags_entirely(
    ses_client: Any, sesv2_client: Any, ses: Any, api: str
) -> None:
    data = raw_with_tags("a=1, b=2")
    if api == "v1":
        ses_client.send_raw_email(RawMessage={"Data": data}, Tags=[{"Name": "c", "Value": "3"}])
    else:
        sesv2_client.send_email(Content={"Raw": {"Data": data}}, EmailTags=[{"Name": "c", "Value": "3"}])

    custom = {k: v for k, v in tags_of(ses).items() if not k.startswith("ses:")}
    assert custom == {"c": ["3"]}
    assert (
        last_message(ses).rule("message-tags").reason
        == "from the tags parameter (X-SES-MESSAGE-TAGS header ignored)"
    )


NAME_TEXT = "Invalid tag name <{}>: only alphanumeric ASCII characters, '_',  '-' are allowed."
VALUE_TEXT = "Invalid tag value <{}>: only alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed."
BAD_TAGS = [
    ({"Name": "has space", "Value": "v"}, NAME_TEXT.format("has space")),
    ({"Name": "colon:name", "Value": "v"}, NAME_TEXT.format("colon:name")),
    ({"Name": "n", "Value": "has space"}, VALUE_TEXT.format("has space")),
    ({"Name": "n", "Value": "slash/value"}, VALUE_TEXT.format("slash/value")),
    ({"Name": "n" * 256, "Value": "v"}, "Tag name cannot exceed 255 characters."),
    ({"Name": "n", "Value": "v" * 256}, "Tag value cannot exceed 255 characters."),
    ({"Name": "", "Value": "v"}, "The tag name must be specified."),
    ({"Name": "n", "Value": ""}, "The tag value must be specified."),
    ({"Name": "bad name", "Value": "v" * 300}, NAME_TEXT.format("bad name")),
]


@pytest.mark.parametrize(("tag", "text"), BAD_TAGS)
def test_invalid_tags_are_refused_with_aws_texts(
    ses_client: Any, sesv2_client: Any, ses: Any, tag: dict[str, str], text: str
) -> None:
    with pytest.raises(ClientError) as v1:
        v1_send(ses_client, Tags=[tag])
    with pytest.raises(ClientError) as v2:
        v2_send(sesv2_client, EmailTags=[tag])

    assert error_of(v1) == ("InvalidParameterValue", text, 400)
    assert error_of(v2) == ("BadRequestException", text, 400)
    assert (last_message(ses).rule("message-tags").outcome, last_message(ses).accepted) == ("invalid", False)


def test_invalid_header_tags_are_refused_too(ses_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        ses_client.send_raw_email(RawMessage={"Data": raw_with_tags("ok=1, bad name=2")})

    assert error_of(excinfo) == ("InvalidParameterValue", NAME_TEXT.format("bad name"), 400)


@pytest.mark.parametrize("name", ["ses:feedback-id-a", "ses:feedback-id-b"])
def test_the_feedback_id_tags_are_allowed_despite_their_colon(ses_client: Any, ses: Any, name: str) -> None:
    v1_send(ses_client, Tags=[{"Name": name, "Value": "campaign-7"}])

    assert last_message(ses).tags == ((name, "campaign-7"),)


def test_tags_of_exactly_255_characters_are_allowed(ses_client: Any, ses: Any) -> None:
    v1_send(ses_client, Tags=[{"Name": "n" * 255, "Value": "v" * 255}])

    assert last_message(ses).accepted


def test_without_a_set_there_is_no_configuration_set_auto_tag(ses_client: Any, ses: Any) -> None:
    ses_client.send_raw_email(RawMessage={"Data": b"To: a@example.net\r\n\r\nx"}, Source="me@example.com")

    assert set(tags_of(ses)) == {"ses:operation", "ses:source-ip", "ses:caller-identity"}


# --- the rule log ----------------------------------------------------------------------------------------------
def test_an_accepted_message_logs_every_rule_in_order(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_configuration_set_delivery_options(
        ConfigurationSetName="tx", TlsPolicy="REQUIRE", MaxDeliverySeconds=600
    )
    sesv2_client.put_configuration_set_reputation_options(ConfigurationSetName="tx", ReputationMetricsEnabled=True)

    v2_send(sesv2_client, ConfigurationSetName="tx")

    rules = [(r.rule, r.outcome) for r in last_message(ses).rules]
    assert rules == [
        ("account-sending", "enabled"),
        ("identity", "verified"),
        ("configuration-set", "tx"),
        ("sending", "enabled"),
        ("message-tags", "0"),
        ("ip-pool", "ses-default-dedicated-pool"),
        ("tls", "REQUIRE"),
        ("max-delivery", "600"),
        ("tracking", "default"),
        ("reputation", "on"),
        ("outgoing-ip", last_message(ses).outgoing_ip),
        ("suppression", "BOUNCE,COMPLAINT"),
        ("outcome", "deliver"),
    ]
