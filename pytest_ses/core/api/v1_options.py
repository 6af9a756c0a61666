"""SES v1 option groups of a set (tracking, delivery, reputation, sending) and account-wide sending.

v1 can express only part of what v2 stores: putting v1 delivery options changes the TLS policy and
keeps a v2 sending pool; v1 tracking options keep a v2 HTTPS policy.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from ..model import TrackingOptions
from .context import Handler, OpContext, Params, Response
from .v1_common import (
    TLS_FROM_V1,
    flag,
    invalid_delivery,
    invalid_tracking,
    named_set,
    structure,
    text,
    tracking_exists,
    tracking_not_found,
)

_DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_MAX_DOMAIN_LENGTH = 253


# --- tracking options: a sub-resource in v1 (create / update / delete) ----------------------------
def create_tracking_options(ctx: OpContext, params: Params) -> Response:
    domain = _redirect_domain(ctx, params)
    with ctx.store.lock:
        config_set = named_set(ctx, params)
        if config_set.tracking is not None:
            raise tracking_exists(config_set.name)
        config_set.tracking = TrackingOptions(custom_redirect_domain=domain)
    return {}


def update_tracking_options(ctx: OpContext, params: Params) -> Response:
    domain = _redirect_domain(ctx, params)
    with ctx.store.lock:
        config_set = named_set(ctx, params)
        if config_set.tracking is None:
            raise tracking_not_found(config_set.name)
        config_set.tracking.custom_redirect_domain = domain
    return {}


def delete_tracking_options(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        config_set = named_set(ctx, params)
        if config_set.tracking is None:
            raise tracking_not_found(config_set.name)
        config_set.tracking = None
    return {}


def _redirect_domain(ctx: OpContext, params: Params) -> str:
    """The requested domain, if it is a well-formed domain name that the account has verified.

    AWS names both causes for ``InvalidTrackingOptions``; like sending, a verified parent domain
    covers its subdomains.  Checked before the set is looked up, as input validation comes first.
    """
    domain = text(structure(params, "TrackingOptions"), "CustomRedirectDomain")
    if not domain:
        raise invalid_tracking("A custom redirect domain must be specified.")
    if not domain_is_valid(domain):
        raise invalid_tracking(f"Custom redirect domain <{domain}> is not a valid domain or subdomain.")
    labels = domain.lower().split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    if not any(ctx.world.identity_exists(candidate) for candidate in candidates):
        raise invalid_tracking(f"Custom redirect domain <{domain}> is not verified in this account and Region.")
    return domain


def domain_is_valid(domain: str) -> bool:
    """A DNS host name of two or more labels whose top-level label is not numeric."""
    if len(domain) > _MAX_DOMAIN_LENGTH:
        return False
    labels = domain.split(".")
    return len(labels) >= 2 and all(_DOMAIN_LABEL.match(label) for label in labels) and not labels[-1].isdigit()


# --- delivery, reputation, sending ----------------------------------------------------------------
def put_delivery_options(ctx: OpContext, params: Params) -> Response:
    """Only ``Require``/``Optional`` (v1 casing); omitting the policy resets it to AWS's default."""
    policy = text(structure(params, "DeliveryOptions"), "TlsPolicy") or "Optional"
    if policy not in TLS_FROM_V1:
        raise invalid_delivery(f"Invalid TLS policy <{policy}>: valid values are Require and Optional.")
    with ctx.store.lock:
        config_set = named_set(ctx, params)
        config_set.tls_policy = TLS_FROM_V1[policy]
        config_set.delivery_options_set = True
    return {}


def update_reputation_metrics_enabled(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        named_set(ctx, params).reputation_metrics_enabled = flag(params, "Enabled")
    return {}


def update_sending_enabled(ctx: OpContext, params: Params) -> Response:
    """Re-enabling a paused set is a fresh start (``LastFreshStart``), see the model."""
    with ctx.store.lock:
        named_set(ctx, params).set_sending_enabled(flag(params, "Enabled"), ctx.now)
    return {}


# --- account ----------------------------------------------------------------------------------------
def update_account_sending_enabled(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        ctx.store.account.sending_enabled = flag(params, "Enabled")
    return {}


def get_account_sending_enabled(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        return {"Enabled": ctx.store.account.sending_enabled}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateConfigurationSetTrackingOptions": create_tracking_options,
        "UpdateConfigurationSetTrackingOptions": update_tracking_options,
        "DeleteConfigurationSetTrackingOptions": delete_tracking_options,
        "PutConfigurationSetDeliveryOptions": put_delivery_options,
        "UpdateConfigurationSetReputationMetricsEnabled": update_reputation_metrics_enabled,
        "UpdateConfigurationSetSendingEnabled": update_sending_enabled,
        "UpdateAccountSendingEnabled": update_account_sending_enabled,
        "GetAccountSendingEnabled": get_account_sending_enabled,
    }
)
