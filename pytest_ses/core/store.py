"""One store per AWS account and Region, shared by the v1 and v2 APIs."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import (
    DEFAULT_DEDICATED_POOL,
    AccountSettings,
    ConfigurationSet,
    DedicatedIp,
    DedicatedIpPool,
    SuppressedDestination,
    Template,
)


@dataclass
class Store:
    """Everything SES keeps for one account in one Region.  Hold ``lock`` while changing it."""

    account_id: str
    region: str
    sets: dict[str, ConfigurationSet] = field(default_factory=dict)
    identity_defaults: dict[str, str] = field(default_factory=dict)
    pools: dict[str, DedicatedIpPool] = field(default_factory=dict)
    ips: dict[str, DedicatedIp] = field(default_factory=dict)
    suppressed: dict[str, SuppressedDestination] = field(default_factory=dict)
    account: AccountSettings = field(default_factory=AccountSettings)
    templates: dict[str, Template] = field(default_factory=dict)
    notification_headers: dict[str, set[str]] = field(default_factory=dict)
    """Identity → notification types (Bounce, Complaint, Delivery) that include the original headers."""
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @classmethod
    def create(cls, account_id: str, region: str, dedicated_ips: Iterable[str] = ()) -> Store:
        """A fresh account; its dedicated IPs start warmed up in the default dedicated pool."""
        store = cls(account_id=account_id, region=region)
        for ip in dedicated_ips:
            store.ips[ip] = DedicatedIp(ip=ip, pool_name=DEFAULT_DEDICATED_POOL)
        return store

    def set_arn(self, name: str) -> str:
        return f"arn:aws:ses:{self.region}:{self.account_id}:configuration-set/{name}"

    def identity_arn(self, identity: str) -> str:
        return f"arn:aws:ses:{self.region}:{self.account_id}:identity/{identity}"

    def ips_in_pool(self, pool_name: str) -> list[DedicatedIp]:
        return [ip for ip in self.ips.values() if ip.pool_name == pool_name]
