"""Dedicated IP pools and the account's dedicated IPs, changed at random through SES v2.

The model keeps what every successful call changed: pools and their scaling mode, each IP's pool and
warm-up percentage.  After each step the pool list must be the model; on demand, every pool and IP
read (GetDedicatedIpPool, GetDedicatedIp, GetDedicatedIps with and without a pool) must show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fuzz_strategies import POOL
from fuzz_world import WorldMachine, call, code_of, fuzz_settings
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule

from pytest_ses.core.model import DEFAULT_DEDICATED_IPS, DEFAULT_DEDICATED_POOL, SHARED_POOL

POOL_NAMES = st.sampled_from(["p1", "p1", "p2", "p2", POOL, DEFAULT_DEDICATED_POOL, SHARED_POOL, "bad pool!"])
IPS = st.sampled_from([*DEFAULT_DEDICATED_IPS, "203.0.113.99"])
MODES = st.sampled_from(["STANDARD", "STANDARD", "MANAGED", "standard"])
PERCENTAGES = st.sampled_from([0, 1, 50, 100, 101, -1])


@dataclass
class IpModel:
    pool: str = DEFAULT_DEDICATED_POOL
    percentage: int = 100


class DedicatedIps(WorldMachine):
    def __init__(self) -> None:
        super().__init__()
        self.pools: dict[str, str] = {POOL: "STANDARD"}
        """Pool name → scaling mode, of the pools the account created (the fuzz world made one)."""
        self.ips = {ip: IpModel() for ip in DEFAULT_DEDICATED_IPS}

    @rule(name=POOL_NAMES, mode=MODES)
    def create_pool(self, name: str, mode: str) -> None:
        outcome = self._noted(call("sesv2", "CreateDedicatedIpPool", {"PoolName": name, "ScalingMode": mode}))
        if code_of(outcome) is None:
            assert name not in self.pools, f"pool {name} created twice"
            assert mode in ("STANDARD", "MANAGED"), f"scaling mode {mode} accepted"
            self.pools[name] = mode
        elif name in self.pools:
            assert code_of(outcome) in ("AlreadyExistsException", "BadRequestException", "LimitExceededException")

    @rule(name=POOL_NAMES)
    def delete_pool(self, name: str) -> None:
        outcome = self._noted(call("sesv2", "DeleteDedicatedIpPool", {"PoolName": name}))
        if code_of(outcome) is None:
            mode = self.pools.pop(name)
            for ip, model in list(self.ips.items()):
                if model.pool != name:
                    continue
                if mode == "MANAGED":  # SES relinquishes a managed pool's IPs (DG managed-dedicated-sending)
                    del self.ips[ip]
                else:  # a standard pool's IPs go back to the default pool
                    model.pool = DEFAULT_DEDICATED_POOL
        else:
            assert name not in self.pools or name in (DEFAULT_DEDICATED_POOL, SHARED_POOL), outcome

    @rule(name=POOL_NAMES, mode=MODES)
    def scale_pool(self, name: str, mode: str) -> None:
        params = {"PoolName": name, "ScalingMode": mode}
        outcome = self._noted(call("sesv2", "PutDedicatedIpPoolScalingAttributes", params))
        if code_of(outcome) is None:
            assert name in self.pools
            self.pools[name] = mode

    @rule(ip=IPS, destination=POOL_NAMES)
    def move_ip(self, ip: str, destination: str) -> None:
        outcome = self._noted(
            call("sesv2", "PutDedicatedIpInPool", {"Ip": ip, "DestinationPoolName": destination})
        )
        if code_of(outcome) is None:
            assert ip in self.ips
            already_there = self.ips[ip].pool == destination  # a no-op, whatever the pool
            assert (
                already_there or destination == DEFAULT_DEDICATED_POOL or self.pools.get(destination) == "STANDARD"
            )
            self.ips[ip].pool = destination
        elif ip not in self.ips:
            assert code_of(outcome) == "NotFoundException"

    @rule(ip=IPS, percentage=PERCENTAGES)
    def warm_up(self, ip: str, percentage: int) -> None:
        params = {"Ip": ip, "WarmupPercentage": percentage}
        outcome = self._noted(call("sesv2", "PutDedicatedIpWarmupAttributes", params))
        if code_of(outcome) is None:
            assert 0 <= percentage <= 100
            self.ips[ip].percentage = percentage

    @invariant()
    def the_pool_list_is_the_model(self) -> None:
        listed = call("sesv2", "ListDedicatedIpPools", {"PageSize": 100})
        assert isinstance(listed, dict)
        assert sorted(listed["DedicatedIpPools"]) == sorted(self.pools)

    @rule()
    def every_read_shows_the_model(self) -> None:
        for name, mode in self.pools.items():
            got = call("sesv2", "GetDedicatedIpPool", {"PoolName": name})
            assert isinstance(got, dict)
            assert got["DedicatedIpPool"] == {"PoolName": name, "ScalingMode": mode}
        everything = call("sesv2", "GetDedicatedIps", {"PageSize": 100})
        assert isinstance(everything, dict)
        assert {ip["Ip"]: ip for ip in everything["DedicatedIps"]} == {ip: self._shape(ip) for ip in self.ips}
        for ip in self.ips:
            one = call("sesv2", "GetDedicatedIp", {"Ip": ip})
            assert isinstance(one, dict)
            assert one["DedicatedIp"] == self._shape(ip)
        for pool in [*self.pools, DEFAULT_DEDICATED_POOL]:
            in_pool = call("sesv2", "GetDedicatedIps", {"PoolName": pool, "PageSize": 100})
            assert isinstance(in_pool, dict)
            assert sorted(ip["Ip"] for ip in in_pool["DedicatedIps"]) == sorted(
                ip for ip, model in self.ips.items() if model.pool == pool
            )

    def _shape(self, ip: str) -> dict[str, object]:
        model = self.ips[ip]
        if self.pools.get(model.pool) == "MANAGED":  # SES warms up a managed pool's IPs itself
            percentage, status = -1, "NOT_APPLICABLE"
        else:
            percentage, status = model.percentage, "DONE" if model.percentage >= 100 else "IN_PROGRESS"
        return {"Ip": ip, "WarmupStatus": status, "WarmupPercentage": percentage, "PoolName": model.pool}

    @staticmethod
    def _noted(outcome: object) -> object:
        event(f"outcome: {code_of(outcome) or 'success'}")  # type: ignore[arg-type]
        return outcome


DedicatedIps.TestCase.settings = fuzz_settings(quick=5, long=2)
TestDedicatedIps = DedicatedIps.TestCase
