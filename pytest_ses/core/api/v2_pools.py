"""SES v2 dedicated IP pools and the account's dedicated IPs.

Pools live in the core store; moto is still told about created and deleted pools so that its tagging
API (``ListTagsForResource`` on a pool ARN) and the Resource Groups Tagging API keep seeing them.

The two reserved pools are not resources: ``ses-default-dedicated-pool`` is where every IP not moved
elsewhere sits (and where a deleted standard pool's IPs return), ``ses-shared-pool`` holds no IP of the
account.  IPs of a managed pool are SES's to warm up and place, so they report ``WarmupPercentage`` -1.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ...errors import AwsError
from ..model import DEFAULT_DEDICATED_POOL, RESERVED_POOLS, SHARED_POOL, DedicatedIp, DedicatedIpPool
from ..store import Store
from . import errors
from .context import Handler, OpContext, Params, Response
from .paging import paginate
from .shapes import name_is_valid

SCALING_MODES = ("STANDARD", "MANAGED")
MAX_MANAGED_POOLS = 5
MAX_TAGS = 50
MAX_TAG_KEY = 128
MAX_TAG_VALUE = 256


# --- errors ------------------------------------------------------------------------------------------
def _pool_not_found(name: str) -> AwsError:
    return errors.v2_not_found(f"Pool <{name}> does not exist.")


def _ip_not_found(ip: str) -> AwsError:
    return errors.v2_not_found(f"Dedicated IP <{ip}> does not exist.")


def _reserved(name: str) -> AwsError:
    return errors.v2_bad_request(f"Pool name <{name}> is reserved by Amazon SES and cannot be modified.")


# --- lookups -----------------------------------------------------------------------------------------
def _pool(store: Store, name: str) -> DedicatedIpPool:
    """A pool the account created (reserved names are refused as not modifiable)."""
    if name in RESERVED_POOLS:
        raise _reserved(name)
    found = store.pools.get(name)
    if found is None:
        raise _pool_not_found(name)
    return found


def _ip(store: Store, ip: str) -> DedicatedIp:
    found = store.ips.get(ip)
    if found is None:
        raise _ip_not_found(ip)
    return found


def _is_managed(store: Store, pool_name: str) -> bool:
    pool = store.pools.get(pool_name)
    return pool is not None and pool.scaling_mode == "MANAGED"


def _ip_shape(store: Store, ip: DedicatedIp) -> dict[str, Any]:
    if _is_managed(store, ip.pool_name):
        percentage, status = -1, "NOT_APPLICABLE"
    else:
        percentage, status = ip.warmup_percentage, ip.warmup_status
    return {"Ip": ip.ip, "WarmupStatus": status, "WarmupPercentage": percentage, "PoolName": ip.pool_name}


def _ip_sort_key(ip: DedicatedIp) -> str:
    """Numeric order of addresses, as a string that sorts the same way."""
    try:
        return f"{int(ipaddress.ip_address(ip.ip)):039d}"
    except ValueError:
        return ip.ip


# --- validation --------------------------------------------------------------------------------------
def _scaling_mode(value: object) -> str:
    if value not in SCALING_MODES:
        raise errors.v2_bad_request(f"Invalid ScalingMode <{value}>: must be STANDARD or MANAGED.")
    assert isinstance(value, str)
    return value


def _tags(value: object) -> dict[str, str]:
    items = value if isinstance(value, list) else []
    if len(items) > MAX_TAGS:
        raise errors.v2_bad_request(f"A resource can have at most {MAX_TAGS} tags.")
    tags: dict[str, str] = {}
    for item in items:
        if not isinstance(item, Mapping):
            raise errors.v2_bad_request("Tags must be Key and Value pairs.")
        key = str(item.get("Key", ""))
        tag_value = str(item.get("Value", ""))
        if not 1 <= len(key) <= MAX_TAG_KEY:
            raise errors.v2_bad_request(f"Tag keys must be 1 to {MAX_TAG_KEY} characters long.")
        if len(tag_value) > MAX_TAG_VALUE:
            raise errors.v2_bad_request(f"Tag values must be at most {MAX_TAG_VALUE} characters long.")
        tags[key] = tag_value
    return tags


# --- pools -------------------------------------------------------------------------------------------
def create_dedicated_ip_pool(ctx: OpContext, params: Params) -> Response:
    name = params.get("PoolName")
    if name in RESERVED_POOLS:
        raise _reserved(str(name))
    if not name_is_valid(name):
        raise errors.v2_bad_request(
            f"Invalid pool name <{name}>: only alphanumeric ASCII characters, '_', and '-' are allowed, "
            "up to 64 characters."
        )
    assert isinstance(name, str)
    mode = _scaling_mode(params.get("ScalingMode", "STANDARD"))
    tags = _tags(params.get("Tags"))
    with ctx.store.lock:
        if name in ctx.store.pools:
            raise errors.v2_exists(f"Pool <{name}> already exists.")
        if mode == "MANAGED":
            _check_managed_quota(ctx.store)
        ctx.store.pools[name] = DedicatedIpPool(name=name, scaling_mode=mode, tags=tags)
    ctx.underlying()  # moto's copy feeds its tagging APIs (ListTagsForResource on the pool ARN)
    return {}


def _check_managed_quota(store: Store) -> None:
    managed = sum(1 for pool in store.pools.values() if pool.scaling_mode == "MANAGED")
    if managed >= MAX_MANAGED_POOLS:
        raise errors.v2_limit(f"You can have at most {MAX_MANAGED_POOLS} managed dedicated IP pools per Region.")


def get_dedicated_ip_pool(ctx: OpContext, params: Params) -> Response:
    name = str(params.get("PoolName", ""))
    with ctx.store.lock:
        pool = ctx.store.pools.get(name)
        if pool is None:
            raise _pool_not_found(name)
        return {"DedicatedIpPool": {"PoolName": pool.name, "ScalingMode": pool.scaling_mode}}


def list_dedicated_ip_pools(ctx: OpContext, params: Params) -> Response:
    """Only the pools the account created: the two reserved pools are not listed."""
    with ctx.store.lock:
        names = list(ctx.store.pools)
    chunk, token = paginate(names, lambda name: name, params)
    response: Response = {"DedicatedIpPools": chunk}
    if token:
        response["NextToken"] = token
    return response


def delete_dedicated_ip_pool(ctx: OpContext, params: Params) -> Response:
    """A standard pool's IPs return to the default pool; a managed pool's IPs are relinquished."""
    name = str(params.get("PoolName", ""))
    with ctx.store.lock:
        pool = _pool(ctx.store, name)
        for ip in ctx.store.ips_in_pool(name):
            if pool.scaling_mode == "MANAGED":
                del ctx.store.ips[ip.ip]
            else:
                ip.pool_name = DEFAULT_DEDICATED_POOL
        del ctx.store.pools[name]
    ctx.underlying()
    return {}


def put_dedicated_ip_pool_scaling_attributes(ctx: OpContext, params: Params) -> Response:
    name = str(params.get("PoolName", ""))
    mode = _scaling_mode(params.get("ScalingMode"))
    with ctx.store.lock:
        pool = _pool(ctx.store, name)
        if pool.scaling_mode == mode:
            return {}
        if pool.scaling_mode == "MANAGED":
            raise errors.v2_bad_request(
                f"Pool <{name}> is MANAGED: MANAGED pools cannot be converted to STANDARD."
            )
        _check_managed_quota(ctx.store)
        pool.scaling_mode = mode
    return {}


# --- IPs ---------------------------------------------------------------------------------------------
def get_dedicated_ip(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        ip = _ip(ctx.store, str(params.get("Ip", "")))
        return {"DedicatedIp": _ip_shape(ctx.store, ip)}


def get_dedicated_ips(ctx: OpContext, params: Params) -> Response:
    """All the account's IPs, or those of ``PoolName`` (the default pool included; unknown pools are 404)."""
    pool_name = params.get("PoolName")
    with ctx.store.lock:
        ips = list(ctx.store.ips.values())
        if pool_name is not None:
            pool_name = str(pool_name)
            if pool_name not in ctx.store.pools and pool_name not in RESERVED_POOLS:
                raise _pool_not_found(pool_name)
            ips = [ip for ip in ips if ip.pool_name == pool_name]
        chunk, token = paginate(ips, _ip_sort_key, params)
        response: Response = {"DedicatedIps": [_ip_shape(ctx.store, ip) for ip in chunk]}
    if token:
        response["NextToken"] = token
    return response


def put_dedicated_ip_in_pool(ctx: OpContext, params: Params) -> Response:
    """Move an IP; it leaves its previous pool.  Managed pools place their own IPs, so they are refused."""
    address = str(params.get("Ip", ""))
    destination = str(params.get("DestinationPoolName", ""))
    with ctx.store.lock:
        ip = _ip(ctx.store, address)
        if destination == SHARED_POOL:
            raise errors.v2_bad_request(f"Dedicated IPs cannot be moved into <{SHARED_POOL}>.")
        if destination != DEFAULT_DEDICATED_POOL and destination not in ctx.store.pools:
            raise _pool_not_found(destination)
        if destination == ip.pool_name:
            return {}
        for pool_name in (ip.pool_name, destination):
            if _is_managed(ctx.store, pool_name):
                raise errors.v2_bad_request(
                    f"Pool <{pool_name}> is MANAGED: Amazon SES decides which IPs it contains."
                )
        ip.pool_name = destination
    return {}


def put_dedicated_ip_warmup_attributes(ctx: OpContext, params: Params) -> Response:
    percentage = params.get("WarmupPercentage")
    with ctx.store.lock:
        ip = _ip(ctx.store, str(params.get("Ip", "")))
        if not isinstance(percentage, int) or isinstance(percentage, bool) or not 0 <= percentage <= 100:
            raise errors.v2_bad_request(f"WarmupPercentage must be between 0 and 100, got {percentage}.")
        if _is_managed(ctx.store, ip.pool_name):
            raise errors.v2_bad_request(
                f"Dedicated IP <{ip.ip}> is in a MANAGED pool: Amazon SES manages its warm-up."
            )
        ip.warmup_percentage = percentage
    return {}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateDedicatedIpPool": create_dedicated_ip_pool,
        "GetDedicatedIpPool": get_dedicated_ip_pool,
        "ListDedicatedIpPools": list_dedicated_ip_pools,
        "DeleteDedicatedIpPool": delete_dedicated_ip_pool,
        "PutDedicatedIpPoolScalingAttributes": put_dedicated_ip_pool_scaling_attributes,
        "GetDedicatedIp": get_dedicated_ip,
        "GetDedicatedIps": get_dedicated_ips,
        "PutDedicatedIpInPool": put_dedicated_ip_in_pool,
        "PutDedicatedIpWarmupAttributes": put_dedicated_ip_warmup_attributes,
    }
)
