"""SES v2 email identities, as far as configuration sets reach them: the identity's default set.

moto keeps the identities themselves (shared by v1 and v2); these handlers run moto's implementation
and keep the default set in ``store.identity_defaults``, which is what both ``GetEmailIdentity`` and
sending read.  Deleting a configuration set leaves defaults naming it in place, as AWS does: sends
through such an identity then fail instead of silently going out without the set.
"""

from __future__ import annotations

from types import MappingProxyType

from ...errors import AwsError
from . import errors
from .context import Handler, OpContext, Params, Response
from .shapes import get_set
from .v2_validation import invalid


def _identity_not_found(identity: str) -> AwsError:
    return errors.v2_not_found(f"Email identity <{identity}> does not exist.")


def _default_set_name(ctx: OpContext, params: Params) -> str | None:
    """The requested default set (``None`` when absent or empty); it must exist."""
    name = params.get("ConfigurationSetName")
    if name is None or name == "":
        return None
    get_set(ctx.store, str(name), "v2")
    return str(name)


def create_email_identity(ctx: OpContext, params: Params) -> Response:
    """A duplicate is refused (moto would overwrite it) and a default set must exist before anything is created."""
    identity = str(params.get("EmailIdentity", ""))
    if not identity:  # moto cannot create an identity without a name
        raise invalid("emailIdentity", "Member must have length greater than or equal to 1")
    with ctx.store.lock:
        if ctx.world.identity_exists(identity):
            # Text seen from real SES (sst issue #4556), grammar included.
            raise errors.v2_exists(f"Email identity {identity} already exist.")
        default = _default_set_name(ctx, params)
        response = ctx.underlying()
        if default is None:
            ctx.store.identity_defaults.pop(identity, None)
        else:
            ctx.store.identity_defaults[identity] = default
    return response


def get_email_identity(ctx: OpContext, params: Params) -> Response:
    """moto's answer, without its nulls, and with the default set taken from the store (absent if none)."""
    identity = str(params.get("EmailIdentity", ""))
    if not ctx.world.identity_exists(identity):
        raise _identity_not_found(identity)
    response = {key: value for key, value in ctx.underlying().items() if value is not None}
    with ctx.store.lock:
        default = ctx.store.identity_defaults.get(identity)
    response.setdefault("Tags", [])
    response.pop("ConfigurationSetName", None)
    if default is not None:
        response["ConfigurationSetName"] = default
    return response


def put_email_identity_configuration_set_attributes(ctx: OpContext, params: Params) -> Response:
    """Set the identity's default set, or clear it when ``ConfigurationSetName`` is omitted."""
    identity = str(params.get("EmailIdentity", ""))
    with ctx.store.lock:
        if not ctx.world.identity_exists(identity):
            raise _identity_not_found(identity)
        default = _default_set_name(ctx, params)
        if default is None:
            ctx.store.identity_defaults.pop(identity, None)
        else:
            ctx.store.identity_defaults[identity] = default
    return {}


def delete_email_identity(ctx: OpContext, params: Params) -> Response:
    """An unknown identity is 404 (moto ignores it); a deleted identity's default set goes with it."""
    identity = str(params.get("EmailIdentity", ""))
    with ctx.store.lock:
        if not ctx.world.identity_exists(identity):
            raise _identity_not_found(identity)
        ctx.underlying()
        ctx.store.identity_defaults.pop(identity, None)
    return {}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateEmailIdentity": create_email_identity,
        "GetEmailIdentity": get_email_identity,
        "PutEmailIdentityConfigurationSetAttributes": put_email_identity_configuration_set_attributes,
        "DeleteEmailIdentity": delete_email_identity,
    }
)
