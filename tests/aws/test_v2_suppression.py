"""The SES v2 account-level suppression list and its account settings, through a real boto3 client."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from support import error_of

T0 = dt.datetime(2026, 3, 1, 12, 0, 0, tzinfo=dt.timezone.utc)


def suppress_at(client: Any, moment: dt.datetime, address: str, reason: str) -> None:
    with freeze_time(moment):
        client.put_suppressed_destination(EmailAddress=address, Reason=reason)


def addresses(response: Any) -> list[str]:
    return [summary["EmailAddress"] for summary in response["SuppressedDestinationSummaries"]]


# --- put / get / delete ------------------------------------------------------------------------------
def test_put_then_get(sesv2_client: Any, ses: Any) -> None:
    suppress_at(sesv2_client, T0, "bounced@example.com", "BOUNCE")

    entry = sesv2_client.get_suppressed_destination(EmailAddress="bounced@example.com")["SuppressedDestination"]

    assert entry == {"EmailAddress": "bounced@example.com", "Reason": "BOUNCE", "LastUpdateTime": T0}
    assert ses.store().suppressed["bounced@example.com"].reason == "BOUNCE"


def test_addresses_match_whatever_their_case(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_suppressed_destination(EmailAddress="Mixed.Case@Example.com", Reason="BOUNCE")

    entry = sesv2_client.get_suppressed_destination(EmailAddress="mixed.case@example.COM")["SuppressedDestination"]
    sesv2_client.delete_suppressed_destination(EmailAddress="MIXED.CASE@EXAMPLE.COM")

    assert entry["EmailAddress"] == "Mixed.Case@Example.com"
    assert ses.store().suppressed == {}


def test_putting_an_address_again_updates_its_reason_and_time(sesv2_client: Any) -> None:
    later = T0 + dt.timedelta(hours=2)
    suppress_at(sesv2_client, T0, "x@example.com", "BOUNCE")
    suppress_at(sesv2_client, later, "x@example.com", "COMPLAINT")

    entry = sesv2_client.get_suppressed_destination(EmailAddress="x@example.com")["SuppressedDestination"]

    assert (entry["Reason"], entry["LastUpdateTime"]) == ("COMPLAINT", later)
    assert addresses(sesv2_client.list_suppressed_destinations()) == ["x@example.com"]


def test_entries_added_by_ses_carry_their_message_and_feedback_ids(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_suppressed_destination(EmailAddress="auto@example.com", Reason="COMPLAINT")
    entry = ses.store().suppressed["auto@example.com"]
    entry.message_id, entry.feedback_id = "msg-1", "fb-1"

    got = sesv2_client.get_suppressed_destination(EmailAddress="auto@example.com")["SuppressedDestination"]

    assert got["Attributes"] == {"MessageId": "msg-1", "FeedbackId": "fb-1"}


def test_get_an_address_that_is_not_suppressed(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.get_suppressed_destination(EmailAddress="fine@example.com")

    assert error_of(excinfo) == (
        "NotFoundException",
        "Email address <fine@example.com> is not on the suppression list.",
        404,
    )


def test_delete_removes_the_entry(sesv2_client: Any) -> None:
    sesv2_client.put_suppressed_destination(EmailAddress="back@example.com", Reason="BOUNCE")

    sesv2_client.delete_suppressed_destination(EmailAddress="back@example.com")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.get_suppressed_destination(EmailAddress="back@example.com")
    assert error_of(excinfo)[0::2] == ("NotFoundException", 404)
    assert sesv2_client.list_suppressed_destinations()["SuppressedDestinationSummaries"] == []


def test_delete_an_address_that_is_not_suppressed(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.delete_suppressed_destination(EmailAddress="fine@example.com")

    assert error_of(excinfo) == (
        "NotFoundException",
        "Email address <fine@example.com> is not on the suppression list.",
        404,
    )


@pytest.mark.parametrize("address", ["no-at-sign", "two@@example.com", "spaces in@example.com", "trailing@"])
@pytest.mark.parametrize("operation", ["put", "get", "delete"])
def test_addresses_are_validated(sesv2_client: Any, address: str, operation: str) -> None:
    calls = {
        "put": lambda: sesv2_client.put_suppressed_destination(EmailAddress=address, Reason="BOUNCE"),
        "get": lambda: sesv2_client.get_suppressed_destination(EmailAddress=address),
        "delete": lambda: sesv2_client.delete_suppressed_destination(EmailAddress=address),
    }

    with pytest.raises(ClientError) as excinfo:
        calls[operation]()

    assert error_of(excinfo) == ("BadRequestException", f"Invalid email address <{address}>.", 400)


def test_put_with_an_unknown_reason(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_suppressed_destination(EmailAddress="a@example.com", Reason="SPAM")

    assert error_of(excinfo) == (
        "BadRequestException",
        "Invalid suppression reason <SPAM>: must be BOUNCE or COMPLAINT.",
        400,
    )
    assert sesv2_client.list_suppressed_destinations()["SuppressedDestinationSummaries"] == []


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.put_suppressed_destination(EmailAddress="a@example.com", Reason="BOUNCE", TenantName="acme"),
        lambda c: c.get_suppressed_destination(EmailAddress="a@example.com", TenantName="acme"),
        lambda c: c.delete_suppressed_destination(EmailAddress="a@example.com", TenantName="acme"),
        lambda c: c.list_suppressed_destinations(TenantName="acme"),
    ],
    ids=["put", "get", "delete", "list"],
)
def test_tenant_lists_are_not_modelled_so_every_tenant_is_unknown(sesv2_client: Any, call: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        call(sesv2_client)

    assert error_of(excinfo) == ("NotFoundException", "Tenant <acme> does not exist.", 404)


def test_put_is_refused_in_the_sandbox(sesv2_client: Any, ses: Any) -> None:
    ses.store().account.production_access = False

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_suppressed_destination(EmailAddress="a@example.com", Reason="BOUNCE")

    assert error_of(excinfo) == (
        "BadRequestException",
        "PutSuppressedDestination is not available while the account is in the sandbox.",
        400,
    )


def test_the_list_belongs_to_one_region(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_suppressed_destination(EmailAddress="a@example.com", Reason="BOUNCE")

    other = ses.client("sesv2", region="eu-west-1")

    assert other.list_suppressed_destinations()["SuppressedDestinationSummaries"] == []


# --- list --------------------------------------------------------------------------------------------
@pytest.fixture
def three_entries(sesv2_client: Any) -> Any:
    """c@ at T0 (BOUNCE), a@ at T0+1h (COMPLAINT), b@ at T0+2h (BOUNCE)."""
    suppress_at(sesv2_client, T0, "c@example.com", "BOUNCE")
    suppress_at(sesv2_client, T0 + dt.timedelta(hours=1), "a@example.com", "COMPLAINT")
    suppress_at(sesv2_client, T0 + dt.timedelta(hours=2), "b@example.com", "BOUNCE")
    return sesv2_client


def test_list_is_oldest_first_with_summaries(three_entries: Any) -> None:
    listed = three_entries.list_suppressed_destinations()

    assert listed["SuppressedDestinationSummaries"] == [
        {"EmailAddress": "c@example.com", "Reason": "BOUNCE", "LastUpdateTime": T0},
        {"EmailAddress": "a@example.com", "Reason": "COMPLAINT", "LastUpdateTime": T0 + dt.timedelta(hours=1)},
        {"EmailAddress": "b@example.com", "Reason": "BOUNCE", "LastUpdateTime": T0 + dt.timedelta(hours=2)},
    ]
    assert "NextToken" not in listed


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [
        (["BOUNCE"], ["c@example.com", "b@example.com"]),
        (["COMPLAINT"], ["a@example.com"]),
        (["BOUNCE", "COMPLAINT"], ["c@example.com", "a@example.com", "b@example.com"]),
    ],
)
def test_list_filters_by_reason(three_entries: Any, reasons: list[str], expected: list[str]) -> None:
    assert addresses(three_entries.list_suppressed_destinations(Reasons=reasons)) == expected


def test_list_filters_by_date_bounds_inclusive(three_entries: Any) -> None:
    one_hour = T0 + dt.timedelta(hours=1)

    assert addresses(three_entries.list_suppressed_destinations(StartDate=one_hour)) == [
        "a@example.com",
        "b@example.com",
    ]
    assert addresses(three_entries.list_suppressed_destinations(EndDate=one_hour)) == [
        "c@example.com",
        "a@example.com",
    ]
    assert addresses(three_entries.list_suppressed_destinations(StartDate=one_hour, EndDate=one_hour)) == [
        "a@example.com"
    ]
    assert addresses(three_entries.list_suppressed_destinations(Reasons=["BOUNCE"], StartDate=one_hour)) == [
        "b@example.com"
    ]


def test_list_pages(three_entries: Any) -> None:
    first = three_entries.list_suppressed_destinations(PageSize=2)
    second = three_entries.list_suppressed_destinations(PageSize=2, NextToken=first["NextToken"])

    assert addresses(first) == ["c@example.com", "a@example.com"]
    assert addresses(second) == ["b@example.com"]
    assert "NextToken" not in second


def test_a_page_token_survives_deletions_between_pages(three_entries: Any) -> None:
    first = three_entries.list_suppressed_destinations(PageSize=1)
    three_entries.delete_suppressed_destination(EmailAddress="c@example.com")

    second = three_entries.list_suppressed_destinations(PageSize=1, NextToken=first["NextToken"])

    assert addresses(first) == ["c@example.com"]
    assert addresses(second) == ["a@example.com"]


def test_list_with_a_token_it_did_not_issue(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.list_suppressed_destinations(NextToken="garbage")

    assert error_of(excinfo) == ("InvalidNextTokenException", "Invalid NextToken: garbage", 400)


@pytest.mark.parametrize("size", [0, 1001])
def test_list_page_size_is_bounded(sesv2_client: Any, size: int) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.list_suppressed_destinations(PageSize=size)

    assert error_of(excinfo) == ("BadRequestException", f"PageSize must be between 1 and 1000, got {size}.", 400)


def test_list_with_an_unknown_reason(sesv2_client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.list_suppressed_destinations(Reasons=["SPAM"])

    assert error_of(excinfo) == (
        "BadRequestException",
        "Invalid suppression reason <SPAM>: must be BOUNCE or COMPLAINT.",
        400,
    )


# --- account suppression attributes ------------------------------------------------------------------
def test_suppression_is_on_for_both_reasons_by_default(sesv2_client: Any) -> None:
    assert sesv2_client.get_account()["SuppressionAttributes"] == {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]}


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [(["COMPLAINT"], ["COMPLAINT"]), ([], []), (["BOUNCE", "BOUNCE"], ["BOUNCE"])],
)
def test_put_account_suppression_attributes(
    sesv2_client: Any, ses: Any, reasons: list[str], expected: list[str]
) -> None:
    sesv2_client.put_account_suppression_attributes(SuppressedReasons=reasons)

    assert sesv2_client.get_account()["SuppressionAttributes"]["SuppressedReasons"] == expected
    assert ses.store().account.suppressed_reasons == tuple(expected)


def test_omitting_the_reasons_turns_automatic_suppression_off(sesv2_client: Any) -> None:
    sesv2_client.put_account_suppression_attributes()

    assert sesv2_client.get_account()["SuppressionAttributes"]["SuppressedReasons"] == []


def test_account_suppression_validation_attributes_are_kept(sesv2_client: Any) -> None:
    validation = {
        "ConditionThreshold": {
            "ConditionThresholdEnabled": "ENABLED",
            "OverallConfidenceThreshold": {"ConfidenceVerdictThreshold": "HIGH"},
        }
    }

    sesv2_client.put_account_suppression_attributes(SuppressedReasons=["BOUNCE"], ValidationAttributes=validation)

    assert sesv2_client.get_account()["SuppressionAttributes"] == {
        "SuppressedReasons": ["BOUNCE"],
        "ValidationAttributes": validation,
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"SuppressedReasons": ["SPAM"]}, "Invalid suppression reason <SPAM>: must be BOUNCE or COMPLAINT."),
        (
            {"ValidationAttributes": {"ConditionThreshold": {"ConditionThresholdEnabled": "ON"}}},
            "Invalid ConditionThresholdEnabled <ON>: must be ENABLED or DISABLED.",
        ),
        (
            {
                "ValidationAttributes": {
                    "ConditionThreshold": {
                        "ConditionThresholdEnabled": "ENABLED",
                        "OverallConfidenceThreshold": {"ConfidenceVerdictThreshold": "LOW"},
                    }
                }
            },
            "Invalid ConfidenceVerdictThreshold <LOW>: must be MEDIUM, HIGH or MANAGED.",
        ),
    ],
)
def test_put_account_suppression_attributes_validation(
    sesv2_client: Any, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_account_suppression_attributes(**kwargs)

    assert error_of(excinfo) == ("BadRequestException", message, 400)
    assert sesv2_client.get_account()["SuppressionAttributes"] == {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]}
