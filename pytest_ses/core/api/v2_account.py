"""SES v2 account settings and the account-level suppression list.

``SendingEnabled`` here is the same switch as v1 ``Get/UpdateAccountSendingEnabled``
(``store.account.sending_enabled``).  moto has no ``GetAccount``, so the whole response is built here.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ...errors import AwsError
from ..model import SuppressedDestination
from . import errors
from .context import Handler, OpContext, Params, Response
from .paging import paginate

SUPPRESSION_REASONS = ("BOUNCE", "COMPLAINT")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_FEATURE_STATUSES = ("ENABLED", "DISABLED")
_VERDICT_THRESHOLDS = ("MEDIUM", "HIGH", "MANAGED")

SANDBOX_QUOTA = {"Max24HourSend": 200.0, "MaxSendRate": 1.0}
PRODUCTION_QUOTA = {"Max24HourSend": 50000.0, "MaxSendRate": 14.0}


# --- errors ------------------------------------------------------------------------------------------
def _not_suppressed(address: str) -> AwsError:
    return errors.v2_not_found(f"Email address <{address}> is not on the suppression list.")


def _invalid_next_token(message: str) -> AwsError:
    return AwsError("InvalidNextTokenException", message)


# --- validation --------------------------------------------------------------------------------------
def _email_address(params: Params) -> str:
    """The address as given; the list itself is keyed by its lower-case form (matching is case-insensitive)."""
    address = params.get("EmailAddress")
    if not isinstance(address, str) or not _EMAIL.match(address):
        raise errors.v2_bad_request(f"Invalid email address <{address}>.")
    return address


def _reason(value: object) -> str:
    if value not in SUPPRESSION_REASONS:
        raise errors.v2_bad_request(f"Invalid suppression reason <{value}>: must be BOUNCE or COMPLAINT.")
    assert isinstance(value, str)
    return value


def _reasons(values: object) -> tuple[str, ...]:
    """A list of reasons, de-duplicated in the order given."""
    reasons: list[str] = []
    for value in values if isinstance(values, list | tuple) else []:
        reason = _reason(value)
        if reason not in reasons:
            reasons.append(reason)
    return tuple(reasons)


def _no_tenants(params: Params) -> None:
    """The fake models no tenants, so every tenant name is unknown."""
    tenant = params.get("TenantName")
    if tenant is not None:
        raise errors.v2_not_found(f"Tenant <{tenant}> does not exist.")


def _validation_attributes(value: object) -> dict[str, Any]:
    """``SuppressionValidationAttributes`` with its enums checked (botocore checks only presence)."""
    if not isinstance(value, Mapping):
        raise errors.v2_bad_request("ValidationAttributes must be an object.")
    threshold = value.get("ConditionThreshold")
    if not isinstance(threshold, Mapping):
        raise errors.v2_bad_request("ValidationAttributes.ConditionThreshold is required.")
    enabled = threshold.get("ConditionThresholdEnabled")
    if enabled not in _FEATURE_STATUSES:
        raise errors.v2_bad_request(f"Invalid ConditionThresholdEnabled <{enabled}>: must be ENABLED or DISABLED.")
    shape: dict[str, Any] = {"ConditionThreshold": {"ConditionThresholdEnabled": enabled}}
    overall = threshold.get("OverallConfidenceThreshold")
    if overall is not None:
        verdict = overall.get("ConfidenceVerdictThreshold") if isinstance(overall, Mapping) else None
        if verdict not in _VERDICT_THRESHOLDS:
            raise errors.v2_bad_request(
                f"Invalid ConfidenceVerdictThreshold <{verdict}>: must be MEDIUM, HIGH or MANAGED."
            )
        shape["ConditionThreshold"]["OverallConfidenceThreshold"] = {"ConfidenceVerdictThreshold": verdict}
    return shape


# --- suppression list --------------------------------------------------------------------------------
def put_suppressed_destination(ctx: OpContext, params: Params) -> Response:
    """Add or replace an entry; putting an address again updates its reason, spelling and ``LastUpdateTime``."""
    address = _email_address(params)
    reason = _reason(params.get("Reason"))
    _no_tenants(params)
    with ctx.store.lock:
        if not ctx.store.account.production_access:
            raise errors.v2_bad_request(
                "PutSuppressedDestination is not available while the account is in the sandbox."
            )
        ctx.store.suppressed[address.lower()] = SuppressedDestination(
            email=address, reason=reason, last_update=ctx.now
        )
    return {}


def get_suppressed_destination(ctx: OpContext, params: Params) -> Response:
    address = _email_address(params)
    _no_tenants(params)
    with ctx.store.lock:
        entry = ctx.store.suppressed.get(address.lower())
        if entry is None:
            raise _not_suppressed(address)
        shape: dict[str, Any] = {
            "EmailAddress": entry.email,
            "Reason": entry.reason,
            "LastUpdateTime": entry.last_update,
        }
        attributes = {
            name: value
            for name, value in (("MessageId", entry.message_id), ("FeedbackId", entry.feedback_id))
            if value is not None
        }
    if attributes:
        shape["Attributes"] = attributes
    return {"SuppressedDestination": shape}


def delete_suppressed_destination(ctx: OpContext, params: Params) -> Response:
    address = _email_address(params)
    _no_tenants(params)
    with ctx.store.lock:
        if ctx.store.suppressed.pop(address.lower(), None) is None:
            raise _not_suppressed(address)
    return {}


def _entry_key(entry: SuppressedDestination) -> str:
    """Oldest first, then by address; ISO-8601 UTC text sorts chronologically."""
    return f"{entry.last_update.astimezone(_dt.timezone.utc).isoformat()}|{entry.email}"


def list_suppressed_destinations(ctx: OpContext, params: Params) -> Response:
    """Filters: ``Reasons`` (any of), ``StartDate``/``EndDate`` (both inclusive) on ``LastUpdateTime``."""
    _no_tenants(params)
    reasons = _reasons(params.get("Reasons"))
    start = _date(params, "StartDate")
    end = _date(params, "EndDate")
    with ctx.store.lock:
        entries = [
            entry
            for entry in ctx.store.suppressed.values()
            if (not reasons or entry.reason in reasons)
            and (start is None or entry.last_update >= start)
            and (end is None or entry.last_update <= end)
        ]
    chunk, token = paginate(entries, _entry_key, params, bad_token=_invalid_next_token)
    response: Response = {
        "SuppressedDestinationSummaries": [
            {"EmailAddress": e.email, "Reason": e.reason, "LastUpdateTime": e.last_update} for e in chunk
        ]
    }
    if token:
        response["NextToken"] = token
    return response


def _date(params: Params, name: str) -> _dt.datetime | None:
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, _dt.datetime):
        raise errors.v2_bad_request(f"Invalid {name} <{value}>.")
    return value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)


# --- account -----------------------------------------------------------------------------------------
def put_account_suppression_attributes(ctx: OpContext, params: Params) -> Response:
    """Replace the reasons (an absent or empty list turns automatic suppression off)."""
    reasons = _reasons(params.get("SuppressedReasons"))
    validation = params.get("ValidationAttributes")
    checked = None if validation is None else _validation_attributes(validation)
    with ctx.store.lock:
        ctx.store.account.suppressed_reasons = reasons
        if checked is not None:
            ctx.store.account.suppression_validation = checked
    return {}


def put_account_sending_attributes(ctx: OpContext, params: Params) -> Response:
    """The v2 face of v1 ``UpdateAccountSendingEnabled``; an absent flag means ``false``."""
    with ctx.store.lock:
        ctx.store.account.sending_enabled = bool(params.get("SendingEnabled", False))
    return {}


def put_account_dedicated_ip_warmup_attributes(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        ctx.store.account.dedicated_ip_auto_warmup = bool(params.get("AutoWarmupEnabled", False))
    return {}


def get_account(ctx: OpContext, params: Params) -> Response:
    """The account as AWS describes it; quotas follow ``production_access`` (sandbox: 200/day, 1/s)."""
    with ctx.store.lock:
        account = ctx.store.account
        suppression: dict[str, Any] = {"SuppressedReasons": list(account.suppressed_reasons)}
        if account.suppression_validation is not None:
            suppression["ValidationAttributes"] = account.suppression_validation
        quota = PRODUCTION_QUOTA if account.production_access else SANDBOX_QUOTA
        return {
            "DedicatedIpAutoWarmupEnabled": account.dedicated_ip_auto_warmup,
            "EnforcementStatus": "HEALTHY",
            "ProductionAccessEnabled": account.production_access,
            "SendQuota": {**quota, "SentLast24Hours": 0.0},
            "SendingEnabled": account.sending_enabled,
            "SuppressionAttributes": suppression,
        }


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "PutSuppressedDestination": put_suppressed_destination,
        "GetSuppressedDestination": get_suppressed_destination,
        "DeleteSuppressedDestination": delete_suppressed_destination,
        "ListSuppressedDestinations": list_suppressed_destinations,
        "PutAccountSuppressionAttributes": put_account_suppression_attributes,
        "PutAccountSendingAttributes": put_account_sending_attributes,
        "PutAccountDedicatedIpWarmupAttributes": put_account_dedicated_ip_warmup_attributes,
        "GetAccount": get_account,
    }
)
