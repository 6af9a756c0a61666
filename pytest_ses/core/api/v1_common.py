"""What the SES v1 handlers share: tolerant request readers, v1 spellings and v1-only error texts.

moto's query parser already turns the request into typed values (``Enabled`` arrives as ``bool``,
lists as ``list``), but a client may legally omit members the model marks optional, and an empty
structure (``DeliveryOptions={}``) is not sent at all.  The readers here never raise on such input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import AwsError
from ..model import ConfigurationSet
from .context import OpContext, Params
from .shapes import get_set

TLS_TO_V1 = {"REQUIRE": "Require", "OPTIONAL": "Optional"}
TLS_FROM_V1 = {v1: model for model, v1 in TLS_TO_V1.items()}


def text(params: Params, key: str) -> str:
    """A string member, ``""`` when absent."""
    value = params.get(key, "")
    return value if isinstance(value, str) else str(value)


def flag(params: Params, key: str) -> bool:
    """A boolean member; absent means ``false``, as the query protocol has no other default."""
    value = params.get(key, False)
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def structure(params: Params, key: str) -> Mapping[str, Any]:
    """A nested structure, ``{}`` when absent (an empty structure is never put on the wire)."""
    value = params.get(key)
    return value if isinstance(value, Mapping) else {}


def strings(params: Params, key: str) -> list[str]:
    """A list of strings, ``[]`` when absent."""
    value = params.get(key)
    if isinstance(value, str):
        return [value] if value else []
    if not isinstance(value, list | tuple):
        return []
    return [item if isinstance(item, str) else str(item) for item in value]


def named_set(ctx: OpContext, params: Params) -> ConfigurationSet:
    """The set named by ``ConfigurationSetName`` or v1's recorded not-found error."""
    return get_set(ctx.store, text(params, "ConfigurationSetName"), "v1")


# --- v1 errors that only the v1 API has (texts not recorded from AWS; see docs/aws-fidelity.md) -----
def tracking_exists(set_name: str) -> AwsError:
    return AwsError(
        "TrackingOptionsAlreadyExistsException",
        f"Tracking options already exist for configuration set <{set_name}>.",
    )


def tracking_not_found(set_name: str) -> AwsError:
    return AwsError(
        "TrackingOptionsDoesNotExistException",
        f"Tracking options do not exist for configuration set <{set_name}>.",
    )


def invalid_tracking(message: str) -> AwsError:
    return AwsError("InvalidTrackingOptions", message)


def invalid_delivery(message: str) -> AwsError:
    return AwsError("InvalidDeliveryOptions", message)


def invalid_firehose(message: str) -> AwsError:
    return AwsError("InvalidFirehoseDestination", message)


def invalid_cloudwatch(message: str) -> AwsError:
    return AwsError("InvalidCloudWatchDestination", message)
