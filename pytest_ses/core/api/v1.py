"""SES v1 (``ses``) configuration-set operations."""

from __future__ import annotations

from types import MappingProxyType

from .context import Handler, OpContext, Params, Response
from .shapes import create_set, get_set


def create_configuration_set(ctx: OpContext, params: Params) -> Response:
    name = params.get("ConfigurationSet", {}).get("Name")
    with ctx.store.lock:
        create_set(ctx.store, name, "v1", ctx.now)
    return {}


def delete_configuration_set(ctx: OpContext, params: Params) -> Response:
    name = str(params.get("ConfigurationSetName", ""))
    with ctx.store.lock:
        get_set(ctx.store, name, "v1")
        del ctx.store.sets[name]
    return {}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateConfigurationSet": create_configuration_set,
        "DeleteConfigurationSet": delete_configuration_set,
    }
)
