"""SES v1 event destinations: create, update, delete (many per set, at most ten).

The shared builder in shapes.py accepts every spelling of event types and dimension sources so that
both APIs can use it; v1 is stricter first, accepting only its own camelCase spellings, and checks the
shape of Firehose ARNs, which v1 reports with its own ``InvalidFirehoseDestination`` code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..eventtypes import EventType
from ..model import EventDestination
from . import errors
from .context import Handler, OpContext, Params, Response
from .shapes import add_destination, announce_destination, destination_from_request
from .v1_common import invalid_cloudwatch, invalid_firehose, named_set, structure, text

V1_EVENT_TYPES = frozenset(t.v1_name for t in EventType)
V1_DIMENSION_SOURCES = ("messageTag", "emailHeader", "linkTag")
_FIREHOSE_STREAM_ARN = re.compile(r"arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream/[A-Za-z0-9_.-]{1,64}")
_IAM_ROLE_ARN = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}")


def create_event_destination(ctx: OpContext, params: Params) -> Response:
    definition = structure(params, "EventDestination")
    with ctx.store.lock:
        config_set = named_set(ctx, params)
        destination = _build(ctx, definition)
        add_destination(ctx.store, config_set, destination, "v1")
    announce_destination(ctx.world, destination)
    return {}


def update_event_destination(ctx: OpContext, params: Params) -> Response:
    """Replaces the destination with the same name, keeping its place in the set's order."""
    definition = structure(params, "EventDestination")
    with ctx.store.lock:
        config_set = named_set(ctx, params)
        if text(definition, "Name") not in config_set.destinations:
            raise errors.v1_destination_not_found(config_set.name)
        destination = _build(ctx, definition)
        config_set.destinations[destination.name] = destination
    return {}


def delete_event_destination(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        config_set = named_set(ctx, params)
        name = text(params, "EventDestinationName")
        if name not in config_set.destinations:
            raise errors.v1_destination_not_found(config_set.name)
        del config_set.destinations[name]
    return {}


def _build(ctx: OpContext, definition: Mapping[str, Any]) -> EventDestination:
    _check_v1_spellings(definition)
    return destination_from_request(
        text(definition, "Name"), definition, "v1", ctx.store, ctx.world.sns_topic_exists
    )


def _check_v1_spellings(definition: Mapping[str, Any]) -> None:
    """What v1 rejects although the shared builder would accept it."""
    event_types = definition.get("MatchingEventTypes")
    for value in event_types if isinstance(event_types, list) else []:
        if not isinstance(value, str) or value not in V1_EVENT_TYPES:
            raise errors.invalid_parameter(f"Invalid event type: {value}.")
    firehose = definition.get("KinesisFirehoseDestination")
    if isinstance(firehose, Mapping):
        stream, role = text(firehose, "DeliveryStreamARN"), text(firehose, "IAMRoleARN")
        if not _FIREHOSE_STREAM_ARN.fullmatch(stream):
            raise invalid_firehose(f"Invalid Kinesis Firehose delivery stream ARN <{stream}>.")
        if not _IAM_ROLE_ARN.fullmatch(role):
            raise invalid_firehose(f"Invalid IAM role ARN <{role}>.")
    cloudwatch = definition.get("CloudWatchDestination")
    if isinstance(cloudwatch, Mapping):
        configs = cloudwatch.get("DimensionConfigurations")
        for config in configs if isinstance(configs, list) else []:
            source = config.get("DimensionValueSource") if isinstance(config, Mapping) else None
            if source not in V1_DIMENSION_SOURCES:
                raise invalid_cloudwatch(f"Invalid dimension value source: {source}.")


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateConfigurationSetEventDestination": create_event_destination,
        "UpdateConfigurationSetEventDestination": update_event_destination,
        "DeleteConfigurationSetEventDestination": delete_event_destination,
    }
)
