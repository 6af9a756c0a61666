"""SES v2 (``sesv2``) event destinations of a configuration set.

The destination model and its validation are shared with v1 (``shapes``); this module adds what only
the v2 wire has: the strict upper-case ``MatchingEventTypes`` enum and the v2 error codes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ...errors import AwsError
from ..eventtypes import EventType
from ..model import ConfigurationSet
from . import errors
from .context import Handler, OpContext, Params, Response
from .shapes import add_destination, announce_destination, destination_from_request, destination_to_v2, get_set
from .v2_validation import block, enum_value

V2_EVENT_TYPES = tuple(event_type.value for event_type in EventType)
_FIREHOSE_STREAM_ARN = re.compile(r"arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream/[A-Za-z0-9_.-]{1,64}")
_IAM_ROLE_ARN = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}")


def _definition(params: Params) -> Mapping[str, Any]:
    """The ``EventDestination`` member, after the checks only the v2 wire needs.

    The event-type enum is strict (the shared builder also takes v1 spellings); Firehose ARNs are
    checked for shape as v1 does, so that both APIs accept the same destinations.
    """
    definition = block(params, "EventDestination") or {}
    given = definition.get("MatchingEventTypes")
    for index, value in enumerate(given if isinstance(given, list) else [], start=1):
        enum_value(value, V2_EVENT_TYPES, f"eventDestination.matchingEventTypes.{index}.member")
    firehose = block(definition, "KinesisFirehoseDestination")
    if firehose is not None:
        stream, role = str(firehose.get("DeliveryStreamArn", "")), str(firehose.get("IamRoleArn", ""))
        if not _FIREHOSE_STREAM_ARN.fullmatch(stream):
            raise errors.v2_bad_request(f"Invalid Kinesis Firehose delivery stream ARN <{stream}>.")
        if not _IAM_ROLE_ARN.fullmatch(role):
            raise errors.v2_bad_request(f"Invalid IAM role ARN <{role}>.")
    return definition


def _destination_not_found(config_set: ConfigurationSet) -> AwsError:
    """The wording AWS records for v1 (it names the set, not the destination)."""
    return errors.v2_not_found(f"No EventDestination found for {config_set.name}")


def create_event_destination(ctx: OpContext, params: Params) -> Response:
    definition = _definition(params)
    name = str(params.get("EventDestinationName", ""))
    with ctx.store.lock:
        config_set = get_set(ctx.store, str(params.get("ConfigurationSetName", "")), "v2")
        destination = destination_from_request(name, definition, "v2", ctx.store, ctx.world.sns_topic_exists)
        add_destination(ctx.store, config_set, destination, "v2")
    announce_destination(ctx.world, destination)
    return {}


def get_event_destinations(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        config_set = get_set(ctx.store, str(params.get("ConfigurationSetName", "")), "v2")
        return {"EventDestinations": [destination_to_v2(d) for d in config_set.destinations.values()]}


def update_event_destination(ctx: OpContext, params: Params) -> Response:
    """Replaces the whole definition (the kind may change); the destination keeps its place in the list."""
    definition = _definition(params)
    name = str(params.get("EventDestinationName", ""))
    with ctx.store.lock:
        config_set = get_set(ctx.store, str(params.get("ConfigurationSetName", "")), "v2")
        if name not in config_set.destinations:
            raise _destination_not_found(config_set)
        destination = destination_from_request(name, definition, "v2", ctx.store, ctx.world.sns_topic_exists)
        config_set.destinations[name] = destination
    return {}


def delete_event_destination(ctx: OpContext, params: Params) -> Response:
    name = str(params.get("EventDestinationName", ""))
    with ctx.store.lock:
        config_set = get_set(ctx.store, str(params.get("ConfigurationSetName", "")), "v2")
        if config_set.destinations.pop(name, None) is None:
            raise _destination_not_found(config_set)
    return {}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateConfigurationSetEventDestination": create_event_destination,
        "GetConfigurationSetEventDestinations": get_event_destinations,
        "UpdateConfigurationSetEventDestination": update_event_destination,
        "DeleteConfigurationSetEventDestination": delete_event_destination,
    }
)
