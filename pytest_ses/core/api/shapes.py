"""Conversions between the model and the request/response shapes of both APIs, with AWS's validation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...errors import AwsError
from ..eventtypes import EventType
from ..model import ConfigurationSet, Dimension, EventDestination
from ..store import Store
from . import errors

NAME_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_CONFIGURATION_SETS = 10_000
MAX_DESTINATIONS = 10
MAX_DIMENSIONS = 10
_DIMENSION_NAME = re.compile(r"^[A-Za-z0-9_:-]{1,256}$")
_DIMENSION_VALUE = re.compile(r"^[A-Za-z0-9_@.-]{1,256}$")

_V1_SOURCES = {"messageTag": "MESSAGE_TAG", "emailHeader": "EMAIL_HEADER", "linkTag": "LINK_TAG"}
_V2_SOURCES = {v2: v1 for v1, v2 in _V1_SOURCES.items()}


def name_is_valid(name: object) -> bool:
    """Set and destination names: ASCII letters, digits, ``_`` and ``-``, at most 64 characters."""
    return isinstance(name, str) and NAME_PATTERN.match(name) is not None


def get_set(store: Store, name: str, api: str) -> ConfigurationSet:
    """The named set, or the not-found error of ``api`` (``"v1"`` or ``"v2"``)."""
    found = store.sets.get(name)
    if found is None:
        raise errors.v1_set_not_found(name) if api == "v1" else errors.v2_set_not_found(name)
    return found


def parse_event_types(values: object, api: str) -> tuple[EventType, ...]:
    """``MatchingEventTypes`` in either spelling, de-duplicated in the order given."""
    if not isinstance(values, list | tuple):
        values = []
    parsed: list[EventType] = []
    for value in values:
        try:
            event_type = EventType.parse(str(value))
        except ValueError:
            raise _bad_destination(api, f"Invalid event type: {value}.") from None
        if event_type not in parsed:
            parsed.append(event_type)
    return tuple(parsed)


def _bad_destination(api: str, message: str) -> AwsError:
    return errors.invalid_parameter(message) if api == "v1" else errors.v2_bad_request(message)


def destination_from_request(
    name: str, definition: Mapping[str, Any], api: str, store: Store, topic_exists: Any
) -> EventDestination:
    """Build and validate a destination from v1 ``EventDestination`` or v2 ``EventDestinationDefinition``."""
    v1 = api == "v1"
    if not name_is_valid(name):
        raise _bad_destination(
            api,
            f"Invalid event destination name <{name}>: only alphanumeric ASCII characters, '_', and '-' "
            "are allowed, up to 64 characters.",
        )
    kinds = {
        "sns": definition.get("SNSDestination" if v1 else "SnsDestination"),
        "firehose": definition.get("KinesisFirehoseDestination"),
        "cloudwatch": definition.get("CloudWatchDestination"),
        "eventbridge": None if v1 else definition.get("EventBridgeDestination"),
        "pinpoint": None if v1 else definition.get("PinpointDestination"),
    }
    present = [kind for kind, value in kinds.items() if isinstance(value, Mapping)]  # a raw request: anything
    if len(present) != 1:
        raise _bad_destination(api, "Exactly one destination type must be specified.")
    kind = present[0]
    spec: Mapping[str, Any] = kinds[kind] or {}
    matching = parse_event_types(definition.get("MatchingEventTypes", []), api)
    enabled = bool(definition.get("Enabled", False))
    if kind == "sns":
        topic = str(spec.get("TopicARN" if v1 else "TopicArn", ""))
        if not topic_exists(topic):
            error = errors.invalid_sns_destination(topic)
            raise error if v1 else errors.v2_bad_request(error.message)
        return EventDestination(name, enabled, matching, kind, target=topic)
    if kind == "firehose":
        stream = str(spec.get("DeliveryStreamARN" if v1 else "DeliveryStreamArn", ""))
        role = str(spec.get("IAMRoleARN" if v1 else "IamRoleArn", ""))
        return EventDestination(name, enabled, matching, kind, target=stream, iam_role_arn=role)
    if kind == "cloudwatch":
        dimensions = _dimensions(spec.get("DimensionConfigurations", []), api)
        return EventDestination(name, enabled, matching, kind, dimensions=dimensions)
    if kind == "eventbridge":
        bus = str(spec.get("EventBusArn", ""))
        if not re.fullmatch(r"arn:aws[a-z-]*:events:[^:]+:\d+:event-bus/default", bus):
            raise errors.v2_bad_request(f"Only the default event bus is supported: {bus}.")
        return EventDestination(name, enabled, matching, kind, target=bus)
    if EventType.DELIVERY_DELAY in matching or EventType.SUBSCRIPTION in matching:
        raise errors.v2_bad_request("Pinpoint destinations do not support DELIVERY_DELAY or SUBSCRIPTION events.")
    return EventDestination(name, enabled, matching, kind, target=str(spec.get("ApplicationArn", "")))


def _dimensions(configs: object, api: str) -> tuple[Dimension, ...]:
    items = configs if isinstance(configs, list) else []
    error = (
        (lambda message: AwsError("InvalidCloudWatchDestination", message))
        if api == "v1"
        else (errors.v2_bad_request)
    )
    if not items:
        raise error("At least one dimension configuration is required.")
    if len(items) > MAX_DIMENSIONS:
        raise error(f"A CloudWatch destination can have at most {MAX_DIMENSIONS} dimensions.")
    dimensions = []
    for item in items:
        name = str(item.get("DimensionName", ""))
        source = str(item.get("DimensionValueSource", ""))
        default = str(item.get("DefaultDimensionValue", ""))
        canonical = _V1_SOURCES.get(source, source) if api == "v1" else source
        if canonical not in _V2_SOURCES:
            raise error(f"Invalid dimension value source: {source}.")
        if not _DIMENSION_NAME.match(name):
            raise error(f"Invalid dimension name: {name}.")
        if not _DIMENSION_VALUE.match(default):
            raise error(f"Invalid default dimension value: {default}.")
        dimensions.append(Dimension(name, canonical, default))
    return tuple(dimensions)


def destination_to_v1(destination: EventDestination) -> dict[str, Any]:
    """v1 ``EventDestination``; v2-only kinds (EventBridge, Pinpoint) appear without a target block."""
    shape: dict[str, Any] = {
        "Name": destination.name,
        "Enabled": destination.enabled,
        "MatchingEventTypes": [t.v1_name for t in destination.matching],
    }
    if destination.kind == "sns":
        shape["SNSDestination"] = {"TopicARN": destination.target}
    elif destination.kind == "firehose":
        shape["KinesisFirehoseDestination"] = {
            "IAMRoleARN": destination.iam_role_arn,
            "DeliveryStreamARN": destination.target,
        }
    elif destination.kind == "cloudwatch":
        shape["CloudWatchDestination"] = {
            "DimensionConfigurations": [
                {
                    "DimensionName": d.name,
                    "DimensionValueSource": _V2_SOURCES[d.source],
                    "DefaultDimensionValue": d.default,
                }
                for d in destination.dimensions
            ]
        }
    return shape


def destination_to_v2(destination: EventDestination) -> dict[str, Any]:
    shape: dict[str, Any] = {
        "Name": destination.name,
        "Enabled": destination.enabled,
        "MatchingEventTypes": [t.value for t in destination.matching],
    }
    if destination.kind == "sns":
        shape["SnsDestination"] = {"TopicArn": destination.target}
    elif destination.kind == "firehose":
        shape["KinesisFirehoseDestination"] = {
            "IamRoleArn": destination.iam_role_arn,
            "DeliveryStreamArn": destination.target,
        }
    elif destination.kind == "cloudwatch":
        shape["CloudWatchDestination"] = {
            "DimensionConfigurations": [
                {
                    "DimensionName": d.name,
                    "DimensionValueSource": d.source,
                    "DefaultDimensionValue": d.default,
                }
                for d in destination.dimensions
            ]
        }
    elif destination.kind == "eventbridge":
        shape["EventBridgeDestination"] = {"EventBusArn": destination.target}
    else:
        shape["PinpointDestination"] = {"ApplicationArn": destination.target}
    return shape


def add_destination(store: Store, config_set: ConfigurationSet, destination: EventDestination, api: str) -> None:
    """Enforce the per-set limit and name uniqueness, then add."""
    if destination.name in config_set.destinations:
        raise (
            errors.v1_destination_exists(destination.name, config_set.name)
            if api == "v1"
            else errors.v2_exists(f"Event destination {destination.name} already exists.")
        )
    if len(config_set.destinations) >= MAX_DESTINATIONS:
        message = f"Configuration set {config_set.name} already has {MAX_DESTINATIONS} event destinations."
        raise errors.v1_limit(message) if api == "v1" else errors.v2_limit(message)
    config_set.destinations[destination.name] = destination


SNS_VALIDATION_MESSAGE = "Successfully validated SNS topic for Amazon SES event publishing."


def announce_destination(world: Any, destination: EventDestination) -> None:
    """SES publishes a one-off plain-text message, without a subject, to a newly added SNS destination."""
    if destination.kind == "sns":
        world.deliver("sns", destination.target, SNS_VALIDATION_MESSAGE, "")


def create_set(store: Store, name: object, api: str, now: Any) -> ConfigurationSet:
    """Validate the name and the quota, then create an empty set with AWS's defaults."""
    if not name_is_valid(name):
        message = (
            f"Configuration set name <{name}> is invalid: only alphanumeric ASCII characters, '_', and '-' "
            "are allowed, up to 64 characters."
        )
        raise errors.v1_invalid_set(message) if api == "v1" else errors.v2_bad_request(message)
    assert isinstance(name, str)
    if name in store.sets:
        raise (
            errors.v1_set_exists(name)
            if api == "v1"
            else errors.v2_exists(f"Configuration set <{name}> already exists.")
        )
    if len(store.sets) >= MAX_CONFIGURATION_SETS:
        message = f"Maximum number of configuration sets ({MAX_CONFIGURATION_SETS}) reached."
        raise errors.v1_limit(message) if api == "v1" else errors.v2_limit(message)
    config_set = ConfigurationSet(name=name, created=now)
    store.sets[name] = config_set
    return config_set
