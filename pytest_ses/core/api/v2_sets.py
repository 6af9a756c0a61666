"""SES v2 (``sesv2``) configuration sets: create, get, list, update, delete.

The sets live in the store shared with v1, so a set made here is the same set v1 describes.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ...errors import AwsError
from ..model import ConfigurationSet, SuppressionOverride, TrackingOptions
from .context import Handler, OpContext, Params, Response
from .paging import paginate
from .shapes import create_set, get_set
from .v2_set_options import (
    DeliverySettings,
    apply_delivery,
    apply_sending,
    check_redirect_domain,
    check_sending_pool,
    parse_archive_arn,
    parse_delivery,
    parse_enabled,
    parse_message_security,
    parse_suppression,
    parse_tracking,
    parse_vdm,
)
from .v2_validation import block, check_tag_count, enum_value, tags, tags_to_v2

LIST_FILTER_KEYS = ("CONFIGURATION_SET_NAME_CONTAINS",)


@dataclass(frozen=True)
class _NewSetOptions:
    """Every option group of a ``CreateConfigurationSet`` request, validated; ``None`` = left out."""

    delivery: DeliverySettings | None
    reputation_metrics_enabled: bool | None
    sending_enabled: bool | None
    suppression: SuppressionOverride | None
    tracking: TrackingOptions | None
    vdm: dict[str, Any] | None
    archive_arn: str | None
    message_security: dict[str, Any] | None
    tags: dict[str, str]


def _parse_new_set(params: Params) -> _NewSetOptions:
    delivery = block(params, "DeliveryOptions")
    reputation = block(params, "ReputationOptions")
    sending = block(params, "SendingOptions")
    suppression = block(params, "SuppressionOptions")
    tracking = block(params, "TrackingOptions")
    archiving = block(params, "ArchivingOptions")
    new_tags = tags(params.get("Tags"))
    check_tag_count(len(new_tags))
    return _NewSetOptions(
        delivery=None if delivery is None else parse_delivery(delivery, "deliveryOptions"),
        reputation_metrics_enabled=(
            None if reputation is None else parse_enabled(reputation, "ReputationMetricsEnabled", default=False)
        ),
        sending_enabled=None if sending is None else parse_enabled(sending, "SendingEnabled", default=True),
        suppression=None if suppression is None else parse_suppression(suppression, "suppressionOptions"),
        tracking=None if tracking is None else parse_tracking(tracking, "trackingOptions"),
        vdm=parse_vdm(block(params, "VdmOptions"), "vdmOptions"),
        archive_arn=None if archiving is None else parse_archive_arn(archiving, "archivingOptions"),
        message_security=parse_message_security(block(params, "MessageSecurityOptions"), "messageSecurityOptions"),
        tags=new_tags,
    )


def _apply_new_set(config_set: ConfigurationSet, options: _NewSetOptions, ctx: OpContext) -> None:
    if options.delivery is not None:
        check_sending_pool(ctx.store, options.delivery.sending_pool_name)
        apply_delivery(config_set, options.delivery)
    if options.reputation_metrics_enabled is not None:
        config_set.reputation_metrics_enabled = options.reputation_metrics_enabled
    if options.sending_enabled is not None:
        apply_sending(config_set, options.sending_enabled, ctx.now)
    config_set.suppression = options.suppression
    config_set.tracking = options.tracking
    config_set.vdm_options = options.vdm
    config_set.archive_arn = options.archive_arn
    config_set.message_security = options.message_security
    config_set.tags = dict(options.tags)


def create_configuration_set(ctx: OpContext, params: Params) -> Response:
    """All or nothing: a request that fails after the name was accepted leaves no set behind."""
    options = _parse_new_set(params)
    check_redirect_domain(ctx, options.tracking)
    with ctx.store.lock:
        config_set = create_set(ctx.store, params.get("ConfigurationSetName"), "v2", ctx.now)
        try:
            _apply_new_set(config_set, options, ctx)
        except AwsError:
            del ctx.store.sets[config_set.name]
            raise
    return {}


def set_to_v2(config_set: ConfigurationSet) -> Response:
    """``GetConfigurationSet``: reputation, sending and tags always; every other group once it is set.

    Delivery options appear only after they were given (at creation or by a v1/v2 ``Put``), like AWS,
    which Terraform's provider relies on (``delivery_options`` is not a computed attribute there).
    """
    reputation: dict[str, Any] = {"ReputationMetricsEnabled": config_set.reputation_metrics_enabled}
    if config_set.last_fresh_start is not None:
        reputation["LastFreshStart"] = config_set.last_fresh_start
    shape: Response = {
        "ConfigurationSetName": config_set.name,
        "ReputationOptions": reputation,
        "SendingOptions": {"SendingEnabled": config_set.sending_enabled},
        "Tags": tags_to_v2(config_set.tags),
    }
    if config_set.delivery_options_set:
        shape["DeliveryOptions"] = _delivery_to_v2(config_set)
    if config_set.tracking is not None:
        shape["TrackingOptions"] = {"CustomRedirectDomain": config_set.tracking.custom_redirect_domain}
        if config_set.tracking.https_policy is not None:
            shape["TrackingOptions"]["HttpsPolicy"] = config_set.tracking.https_policy
    if config_set.suppression is not None:
        shape["SuppressionOptions"] = _suppression_to_v2(config_set.suppression)
    if config_set.vdm_options is not None:
        shape["VdmOptions"] = copy.deepcopy(config_set.vdm_options)
    if config_set.archive_arn is not None:
        shape["ArchivingOptions"] = {"ArchiveArn": config_set.archive_arn}
    if config_set.message_security is not None:
        shape["MessageSecurityOptions"] = copy.deepcopy(config_set.message_security)
    return shape


def _delivery_to_v2(config_set: ConfigurationSet) -> dict[str, Any]:
    delivery: dict[str, Any] = {"TlsPolicy": config_set.tls_policy}
    optional = {
        "SendingPoolName": config_set.sending_pool_name,
        "MaxDeliverySeconds": config_set.max_delivery_seconds,
        "SharedPoolDeliveryMode": config_set.shared_pool_delivery_mode,
    }
    delivery.update({key: value for key, value in optional.items() if value is not None})
    return delivery


def _suppression_to_v2(suppression: SuppressionOverride) -> dict[str, Any]:
    shape: dict[str, Any] = {"SuppressedReasons": list(suppression.reasons)}
    if suppression.scope is not None:
        shape["SuppressionScope"] = suppression.scope
    if suppression.validation is not None:
        shape["ValidationOptions"] = copy.deepcopy(suppression.validation)
    return shape


def get_configuration_set(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        return set_to_v2(get_set(ctx.store, str(params.get("ConfigurationSetName", "")), "v2"))


def list_configuration_sets(ctx: OpContext, params: Params) -> Response:
    """Names in name order, paged like the other v2 lists (the token survives deletions)."""
    contains = _name_filter(params.get("Filter"))
    with ctx.store.lock:
        names = [name for name in ctx.store.sets if contains in name]
    page, token = paginate(names, lambda name: name, params)
    response: Response = {"ConfigurationSets": page}
    if token:
        response["NextToken"] = token
    return response


def _name_filter(filters: object) -> str:
    """The substring of ``CONFIGURATION_SET_NAME_CONTAINS`` (case-sensitive); ``""`` matches every set."""
    if not isinstance(filters, Mapping):
        return ""
    for key in filters:
        enum_value(key, LIST_FILTER_KEYS, "filter")
    return str(filters.get("CONFIGURATION_SET_NAME_CONTAINS", ""))


def update_configuration_set(ctx: OpContext, params: Params) -> Response:
    """A partial update: only the groups present change (today the model has only message security)."""
    message_security = parse_message_security(block(params, "MessageSecurityOptions"), "messageSecurityOptions")
    with ctx.store.lock:
        config_set = get_set(ctx.store, str(params.get("ConfigurationSetName", "")), "v2")
        if message_security is not None:
            config_set.message_security = message_security
    return {}


def delete_configuration_set(ctx: OpContext, params: Params) -> Response:
    name = str(params.get("ConfigurationSetName", ""))
    with ctx.store.lock:
        get_set(ctx.store, name, "v2")
        del ctx.store.sets[name]
    return {}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateConfigurationSet": create_configuration_set,
        "GetConfigurationSet": get_configuration_set,
        "ListConfigurationSets": list_configuration_sets,
        "UpdateConfigurationSet": update_configuration_set,
        "DeleteConfigurationSet": delete_configuration_set,
    }
)
