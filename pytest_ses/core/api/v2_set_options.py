"""The option groups of a v2 configuration set: parsing, applying, and the ``PutConfigurationSet*Options`` calls.

Each group is parsed (and validated against the model) before the set is looked up, as AWS validates
a request before it runs it; each ``Put`` replaces its whole group, so a member left out returns to
its default.  ``CreateConfigurationSet`` reuses the same parsers.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..model import RESERVED_POOLS, ConfigurationSet, SuppressionOverride, TrackingOptions
from ..store import Store
from . import errors
from .context import Handler, OpContext, Params, Response
from .shapes import get_set
from .v2_validation import (
    block,
    enum_list,
    enum_member,
    int_member,
    member_path,
    pattern_member,
    string_member,
)

TLS_POLICIES = ("REQUIRE", "OPTIONAL")
SHARED_POOL_DELIVERY_MODES = ("GLOBAL", "REGIONAL", "ACCOUNT")
HTTPS_POLICIES = ("REQUIRE", "REQUIRE_OPEN_ONLY", "OPTIONAL")
SUPPRESSION_REASONS = ("BOUNCE", "COMPLAINT")
SUPPRESSION_SCOPES = ("ACCOUNT", "TENANT")
FEATURE_STATUSES = ("ENABLED", "DISABLED")
CONFIDENCE_VERDICTS = ("MEDIUM", "HIGH", "MANAGED")
SIGNATURE_FORMATS = ("DETACHED",)
MIN_DELIVERY_SECONDS, MAX_DELIVERY_SECONDS = 300, 50_400
ARCHIVE_ARN_PATTERN = (
    r"arn:(aws|aws-[a-z-]+):ses:[a-z]{2,4}-[a-z-]+-[0-9]:[0-9]{1,20}:mailmanager-archive/a-[a-z0-9]{24,62}"
)


@dataclass(frozen=True)
class DeliverySettings:
    tls_policy: str
    sending_pool_name: str | None
    max_delivery_seconds: int | None
    shared_pool_delivery_mode: str | None


# --- parsing (pure) ------------------------------------------------------------------------------
def parse_delivery(options: Mapping[str, Any], prefix: str = "") -> DeliverySettings:
    tls = enum_member(options, "TlsPolicy", TLS_POLICIES, prefix)
    pool = options.get("SendingPoolName")
    seconds = int_member(options, "MaxDeliverySeconds", MIN_DELIVERY_SECONDS, MAX_DELIVERY_SECONDS, prefix)
    mode = enum_member(options, "SharedPoolDeliveryMode", SHARED_POOL_DELIVERY_MODES, prefix)
    return DeliverySettings(tls or "OPTIONAL", str(pool) if pool else None, seconds, mode)


def parse_enabled(options: Mapping[str, Any], member: str, default: bool) -> bool:
    """A switch left out takes the API's default (sending on, reputation metrics off)."""
    value = options.get(member)
    return default if value is None else bool(value)


def parse_suppression(options: Mapping[str, Any], prefix: str = "") -> SuppressionOverride | None:
    """``None`` (no ``SuppressedReasons``) defers to the account; an empty list turns suppression off."""
    reasons = enum_list(options, "SuppressedReasons", SUPPRESSION_REASONS, prefix)
    scope = enum_member(options, "SuppressionScope", SUPPRESSION_SCOPES, prefix)
    validation = _parse_validation_options(options, member_path(prefix, "ValidationOptions"))
    if reasons is None:
        return None
    return SuppressionOverride(tuple(reasons), scope, validation)


def _parse_validation_options(options: Mapping[str, Any], path: str) -> dict[str, Any] | None:
    given = block(options, "ValidationOptions")
    if given is None:
        return None
    condition = block(given, "ConditionThreshold") or {}
    condition_path = member_path(path, "ConditionThreshold")
    parsed: dict[str, Any] = {}
    enabled = enum_member(condition, "ConditionThresholdEnabled", FEATURE_STATUSES, condition_path)
    if enabled is not None:
        parsed["ConditionThresholdEnabled"] = enabled
    overall = block(condition, "OverallConfidenceThreshold")
    if overall is not None:
        verdict = enum_member(
            overall,
            "ConfidenceVerdictThreshold",
            CONFIDENCE_VERDICTS,
            member_path(condition_path, "OverallConfidenceThreshold"),
        )
        parsed["OverallConfidenceThreshold"] = {"ConfidenceVerdictThreshold": verdict}
    return {"ConditionThreshold": parsed}


def parse_tracking(options: Mapping[str, Any], prefix: str = "") -> TrackingOptions | None:
    """No ``CustomRedirectDomain`` means the set goes back to SES's own tracking domain."""
    https = enum_member(options, "HttpsPolicy", HTTPS_POLICIES, prefix)
    domain = options.get("CustomRedirectDomain")
    return TrackingOptions(str(domain), https) if domain else None


_VDM_SWITCHES = (("DashboardOptions", "EngagementMetrics"), ("GuardianOptions", "OptimizedSharedDelivery"))


def parse_vdm(options: Mapping[str, Any] | None, prefix: str) -> dict[str, Any] | None:
    if options is None:
        return None
    parsed: dict[str, Any] = {}
    for group, member in _VDM_SWITCHES:
        given = block(options, group)
        if given is not None:
            status = enum_member(given, member, FEATURE_STATUSES, member_path(prefix, group))
            parsed[group] = {} if status is None else {member: status}
    return parsed


def parse_archive_arn(options: Mapping[str, Any], prefix: str = "") -> str | None:
    """No ``ArchiveArn`` detaches the set from its MailManager archive."""
    arn = string_member(options, "ArchiveArn", prefix, low=20, high=1011)
    return None if arn is None else pattern_member(arn, ARCHIVE_ARN_PATTERN, member_path(prefix, "ArchiveArn"))


def parse_message_security(options: Mapping[str, Any] | None, prefix: str) -> dict[str, Any] | None:
    """``SigningScheme`` is a union (boto3 enforces exactly one member); kept in the request's shape."""
    if options is None:
        return None
    scheme = block(options, "SigningScheme")
    if scheme is None:
        return {}
    scheme_path = member_path(prefix, "SigningScheme")
    smime = block(scheme, "SmimeScheme")
    if smime is not None:
        smime_path = member_path(scheme_path, "SmimeScheme")
        signature = enum_member(smime, "SignatureFormat", SIGNATURE_FORMATS, smime_path)
        smime_shape = {} if signature is None else {"SignatureFormat": signature}
        return {"SigningScheme": {"SmimeScheme": smime_shape}}
    return {"SigningScheme": {"DefaultScheme": {}}}


# --- applying (needs the store) ------------------------------------------------------------------
def check_sending_pool(store: Store, pool_name: str | None) -> None:
    """The pool must exist, or be one of the two pools SES reserves (default dedicated, shared)."""
    if pool_name is not None and pool_name not in RESERVED_POOLS and pool_name not in store.pools:
        raise errors.v2_not_found(f"SendingPool <{pool_name}> doesn't exist.")


def check_redirect_domain(ctx: OpContext, tracking: TrackingOptions | None) -> None:
    """A custom redirect domain must be verified in the account, itself or through a parent domain (as in v1)."""
    if tracking is None:
        return
    domain = tracking.custom_redirect_domain
    labels = domain.lower().split(".")
    candidates = [".".join(labels[i:]) for i in range(max(len(labels) - 1, 1))]
    if not any(ctx.world.identity_exists(candidate) for candidate in candidates):
        raise errors.v2_bad_request(
            f"Custom redirect domain <{domain}> is not verified in this account and Region."
        )


def apply_delivery(config_set: ConfigurationSet, settings: DeliverySettings) -> None:
    """``SharedPoolDeliveryMode`` left out keeps its value (the model says so); the rest is replaced."""
    config_set.tls_policy = settings.tls_policy
    config_set.sending_pool_name = settings.sending_pool_name
    config_set.max_delivery_seconds = settings.max_delivery_seconds
    if settings.shared_pool_delivery_mode is not None:
        config_set.shared_pool_delivery_mode = settings.shared_pool_delivery_mode
    config_set.delivery_options_set = True


def apply_sending(config_set: ConfigurationSet, enabled: bool, now: _dt.datetime) -> None:
    config_set.set_sending_enabled(enabled, now)


# --- operations ----------------------------------------------------------------------------------
def _set_name(params: Params) -> str:
    return str(params.get("ConfigurationSetName", ""))


def put_delivery_options(ctx: OpContext, params: Params) -> Response:
    settings = parse_delivery(params)
    with ctx.store.lock:
        config_set = get_set(ctx.store, _set_name(params), "v2")
        check_sending_pool(ctx.store, settings.sending_pool_name)
        apply_delivery(config_set, settings)
    return {}


def put_reputation_options(ctx: OpContext, params: Params) -> Response:
    enabled = parse_enabled(params, "ReputationMetricsEnabled", default=False)
    with ctx.store.lock:
        get_set(ctx.store, _set_name(params), "v2").reputation_metrics_enabled = enabled
    return {}


def put_sending_options(ctx: OpContext, params: Params) -> Response:
    enabled = parse_enabled(params, "SendingEnabled", default=True)
    with ctx.store.lock:
        apply_sending(get_set(ctx.store, _set_name(params), "v2"), enabled, ctx.now)
    return {}


def put_suppression_options(ctx: OpContext, params: Params) -> Response:
    suppression = parse_suppression(params)
    with ctx.store.lock:
        get_set(ctx.store, _set_name(params), "v2").suppression = suppression
    return {}


def put_tracking_options(ctx: OpContext, params: Params) -> Response:
    tracking = parse_tracking(params)
    check_redirect_domain(ctx, tracking)
    with ctx.store.lock:
        get_set(ctx.store, _set_name(params), "v2").tracking = tracking
    return {}


def put_vdm_options(ctx: OpContext, params: Params) -> Response:
    vdm = parse_vdm(block(params, "VdmOptions"), "vdmOptions")
    with ctx.store.lock:
        get_set(ctx.store, _set_name(params), "v2").vdm_options = vdm
    return {}


def put_archiving_options(ctx: OpContext, params: Params) -> Response:
    archive_arn = parse_archive_arn(params)
    with ctx.store.lock:
        get_set(ctx.store, _set_name(params), "v2").archive_arn = archive_arn
    return {}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "PutConfigurationSetDeliveryOptions": put_delivery_options,
        "PutConfigurationSetReputationOptions": put_reputation_options,
        "PutConfigurationSetSendingOptions": put_sending_options,
        "PutConfigurationSetSuppressionOptions": put_suppression_options,
        "PutConfigurationSetTrackingOptions": put_tracking_options,
        "PutConfigurationSetVdmOptions": put_vdm_options,
        "PutConfigurationSetArchivingOptions": put_archiving_options,
    }
)
