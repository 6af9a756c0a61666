"""SES v2 tagging of configuration sets; every other ARN (identities, contact lists...) stays with moto."""

from __future__ import annotations

import re
from types import MappingProxyType

from . import errors
from .context import Handler, OpContext, Params, Response
from .shapes import get_set
from .v2_validation import check_tag_count, tags, tags_to_v2

_SET_ARN = re.compile(r"arn:aws[a-z-]*:ses:(?P<region>[^:]*):(?P<account>[^:]*):configuration-set/(?P<name>.*)")


def _set_name(ctx: OpContext, arn: str) -> str | None:
    """The set an ARN names, or ``None`` when it is not a configuration-set ARN (moto's business).

    A set ARN of another account or Region names a set this store cannot hold: not found.
    """
    match = _SET_ARN.fullmatch(arn)
    if match is None:
        return None
    if (match["region"], match["account"]) != (ctx.store.region, ctx.store.account_id):
        raise errors.v2_set_not_found(match["name"])
    return match["name"]


def tag_resource(ctx: OpContext, params: Params) -> Response:
    """Tags are validated whatever the resource: moto cannot handle a tag without a key."""
    new_tags = tags(params.get("Tags"))
    name = _set_name(ctx, str(params.get("ResourceArn", "")))
    if name is None:
        return ctx.underlying()
    with ctx.store.lock:
        config_set = get_set(ctx.store, name, "v2")
        check_tag_count(len(config_set.tags.keys() | new_tags.keys()))
        config_set.tags.update(new_tags)
    return {}


def untag_resource(ctx: OpContext, params: Params) -> Response:
    name = _set_name(ctx, str(params.get("ResourceArn", "")))
    if name is None:
        return ctx.underlying()
    with ctx.store.lock:
        config_set = get_set(ctx.store, name, "v2")
        for key in params.get("TagKeys") or []:
            config_set.tags.pop(str(key), None)
    return {}


def list_tags_for_resource(ctx: OpContext, params: Params) -> Response:
    name = _set_name(ctx, str(params.get("ResourceArn", "")))
    if name is None:
        return ctx.underlying()
    with ctx.store.lock:
        return {"Tags": tags_to_v2(get_set(ctx.store, name, "v2").tags)}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "TagResource": tag_resource,
        "UntagResource": untag_resource,
        "ListTagsForResource": list_tags_for_resource,
    }
)
