"""SES v1 configuration sets themselves: create, delete, describe, list."""

from __future__ import annotations

import base64
import binascii
import bisect
from types import MappingProxyType
from typing import Any

from ..model import ConfigurationSet
from . import errors
from .context import Handler, OpContext, Params, Response
from .shapes import create_set, destination_to_v1, name_is_valid
from .v1_common import TLS_TO_V1, named_set, strings, structure, text

MAX_LIST_PAGE = 1000
DESCRIBE_ATTRIBUTES = ("eventDestinations", "trackingOptions", "deliveryOptions", "reputationOptions")


def create_configuration_set(ctx: OpContext, params: Params) -> Response:
    name = structure(params, "ConfigurationSet").get("Name")
    with ctx.store.lock:
        create_set(ctx.store, name, "v1", ctx.now)
    return {}


def delete_configuration_set(ctx: OpContext, params: Params) -> Response:
    """The set's destinations, tracking and options go with it: a re-created set starts empty."""
    with ctx.store.lock:
        config_set = named_set(ctx, params)
        del ctx.store.sets[config_set.name]
    return {}


def describe_configuration_set(ctx: OpContext, params: Params) -> Response:
    """Always the name; each option block only when asked for, as recorded from AWS."""
    requested = strings(params, "ConfigurationSetAttributeNames")
    unknown = [name for name in requested if name not in DESCRIBE_ATTRIBUTES]
    if unknown:
        raise errors.invalid_parameter(
            f"Invalid configuration set attribute name <{unknown[0]}>: valid names are "
            + ", ".join(DESCRIBE_ATTRIBUTES)
            + "."
        )
    with ctx.store.lock:
        config_set = named_set(ctx, params)
        return _describe(config_set, set(requested))


def _describe(config_set: ConfigurationSet, requested: set[str]) -> Response:
    response: Response = {"ConfigurationSet": {"Name": config_set.name}}
    if "eventDestinations" in requested:
        response["EventDestinations"] = [destination_to_v1(d) for d in config_set.destinations.values()]
    if "trackingOptions" in requested and config_set.tracking is not None:
        response["TrackingOptions"] = {"CustomRedirectDomain": config_set.tracking.custom_redirect_domain}
    if "deliveryOptions" in requested:
        policy = config_set.tls_policy
        response["DeliveryOptions"] = {"TlsPolicy": TLS_TO_V1.get(policy, policy.title())}
    if "reputationOptions" in requested:
        reputation: dict[str, Any] = {
            "SendingEnabled": config_set.sending_enabled,
            "ReputationMetricsEnabled": config_set.reputation_metrics_enabled,
        }
        if config_set.last_fresh_start is not None:
            reputation["LastFreshStart"] = config_set.last_fresh_start
        response["ReputationOptions"] = reputation
    return response


def list_configuration_sets(ctx: OpContext, params: Params) -> Response:
    """Pages in name order; the token names the last set returned, so deletions between pages are harmless."""
    limit = _page_size(params.get("MaxItems"))
    after = _token_position(text(params, "NextToken"))
    with ctx.store.lock:
        names = sorted(ctx.store.sets)
    start = bisect.bisect_right(names, after) if after is not None else 0
    page = names[start : start + limit]
    response: Response = {"ConfigurationSets": [{"Name": name} for name in page]}
    if start + limit < len(names):
        response["NextToken"] = _token_for(page[-1])
    return response


def _page_size(value: object) -> int:
    if value is None:
        return MAX_LIST_PAGE
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise errors.invalid_parameter(f"MaxItems must be a positive integer, got <{value}>.")
    return min(value, MAX_LIST_PAGE)


_TOKEN_PREFIX = "after:"


def _token_for(last_name: str) -> str:
    return base64.urlsafe_b64encode((_TOKEN_PREFIX + last_name).encode("ascii")).decode("ascii")


def _token_position(token: str) -> str | None:
    """The name a ``NextToken`` continues after; ``None`` for the first page."""
    if not token:
        return None
    try:
        decoded = base64.urlsafe_b64decode(token.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        decoded = ""
    prefix, _, name = decoded.partition(_TOKEN_PREFIX)
    if prefix or not name_is_valid(name):
        raise errors.invalid_parameter(f"Invalid NextToken <{token}>.")
    return name


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateConfigurationSet": create_configuration_set,
        "DeleteConfigurationSet": delete_configuration_set,
        "DescribeConfigurationSet": describe_configuration_set,
        "ListConfigurationSets": list_configuration_sets,
    }
)
