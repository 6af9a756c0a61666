"""Configuration sets, their event destinations and option groups, changed through v1 and v2 at random.

A model keeps what every *successful* call changed; after each step both APIs' lists, and on demand
every Get/Describe, must show exactly the model.  A failed call must change nothing, and it must fail
AWS-shaped.  Names, event types, topics, pools and domains are drawn so that calls both succeed and
fail (missing set, duplicate name, invalid name, missing topic or pool, unverified domain).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fuzz_strategies import DOMAIN, POOL, TOPIC_ARN
from fuzz_world import WorldMachine, call, code_of, fuzz_settings
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

from pytest_ses.core.eventtypes import EventType

SET_NAMES = st.sampled_from(["fz-set", "alpha", "alpha", "beta", "beta", "gamma_2", "bad name!", "x" * 65])
"""Mostly names that exist (the fuzz world's set, the two made at the start), some new, some invalid."""
DESTINATION_NAMES = st.sampled_from(["d1", "d2", "bad dest!"])
APIS = st.sampled_from(["v1", "v2"])
TOPICS = st.sampled_from([TOPIC_ARN, TOPIC_ARN + "-missing"])
EVENT_TYPES = st.lists(st.sampled_from(list(EventType)), min_size=0, max_size=4)
POOLS = st.sampled_from([None, POOL, "ses-shared-pool", "fz-no-such-pool"])
DOMAINS = st.sampled_from([f"track.{DOMAIN}", DOMAIN, "track.unverified.org"])
V1_TLS = st.sampled_from(["Require", "Optional", "REQUIRE", "bogus"])
V2_TLS = st.sampled_from([None, "REQUIRE", "OPTIONAL", "Require"])
MAX_SECONDS = st.sampled_from([None, 300, 50_400, 299])


@dataclass(frozen=True)
class Destination:
    enabled: bool
    types: frozenset[EventType]
    topic: str


@dataclass
class SetModel:
    """What the set must show; the defaults are a new set's."""

    sending: bool = True
    reputation: bool = False
    tls: str = "OPTIONAL"
    delivery_given: bool = False
    pool: str | None = None
    max_seconds: int | None = None
    tracking: str | None = None
    destinations: dict[str, Destination] = field(default_factory=dict)


class ConfigurationSets(WorldMachine):
    def __init__(self) -> None:
        super().__init__()
        # the fuzz world's own set is part of the state too
        self.model: dict[str, SetModel] = {
            "fz-set": SetModel(
                destinations={"fz-dest": Destination(False, frozenset({EventType.SEND}), TOPIC_ARN)}
            )
        }

    def every_read_shows_the_model(self) -> None:
        for name in self.model:
            self._check_set(name)

    # --- sets -------------------------------------------------------------------------------------------
    @initialize()
    def two_sets(self) -> None:
        """One set made through each API, so that most steps find a set to change."""
        for api, name in (("v1", "alpha"), ("v2", "beta")):
            service = "ses" if api == "v1" else "sesv2"
            params = {"ConfigurationSet": {"Name": name}} if api == "v1" else {"ConfigurationSetName": name}
            assert code_of(call(service, "CreateConfigurationSet", params)) is None
            self.model[name] = SetModel()

    @rule(api=APIS, name=SET_NAMES, data=st.data())
    def create_set(self, api: str, name: str, data: st.DataObject) -> None:
        if api == "v1":
            outcome = call("ses", "CreateConfigurationSet", {"ConfigurationSet": {"Name": name}})
            created = SetModel()
        else:
            options, created = data.draw(_v2_set_options(), label="options")
            outcome = call("sesv2", "CreateConfigurationSet", {"ConfigurationSetName": name, **options})
        if code_of(outcome) is None:
            assert name not in self.model, f"{name} was created twice"
            self.model[name] = created
        elif name in self.model and api == "v1":
            assert code_of(outcome) == "ConfigurationSetAlreadyExists"

    @rule(api=APIS, name=SET_NAMES)
    def delete_set(self, api: str, name: str) -> None:
        service = "ses" if api == "v1" else "sesv2"
        outcome = call(service, "DeleteConfigurationSet", {"ConfigurationSetName": name})
        self._expect_found(outcome, name, api)
        if code_of(outcome) is None:
            del self.model[name]

    # --- destinations -----------------------------------------------------------------------------------
    @rule(
        api=APIS,
        name=SET_NAMES,
        destination=DESTINATION_NAMES,
        enabled=st.booleans(),
        types=EVENT_TYPES,
        topic=TOPICS,
        update=st.booleans(),
    )
    def put_destination(
        self,
        api: str,
        name: str,
        destination: str,
        enabled: bool,
        types: list[EventType],
        topic: str,
        update: bool,
    ) -> None:
        operation = ("Update" if update else "Create") + "ConfigurationSetEventDestination"
        if api == "v1":
            definition = {
                "Name": destination,
                "Enabled": enabled,
                "MatchingEventTypes": [t.v1_name for t in types],
                "SNSDestination": {"TopicARN": topic},
            }
            outcome = call("ses", operation, {"ConfigurationSetName": name, "EventDestination": definition})
        else:
            v2_definition = {
                "Enabled": enabled,
                "MatchingEventTypes": [t.value for t in types],
                "SnsDestination": {"TopicArn": topic},
            }
            params = {"ConfigurationSetName": name, "EventDestinationName": destination}
            outcome = call("sesv2", operation, {**params, "EventDestination": v2_definition})
        self._expect_found(outcome, name, api)
        if code_of(outcome) is None:
            existing = self.model[name].destinations
            assert (destination in existing) == update, f"{operation} of {destination} succeeded"
            existing[destination] = Destination(enabled, frozenset(types), topic)

    @rule(api=APIS, name=SET_NAMES, destination=DESTINATION_NAMES)
    def delete_destination(self, api: str, name: str, destination: str) -> None:
        service = "ses" if api == "v1" else "sesv2"
        params = {"ConfigurationSetName": name, "EventDestinationName": destination}
        outcome = call(service, "DeleteConfigurationSetEventDestination", params)
        self._expect_found(outcome, name, api)
        if code_of(outcome) is None:
            assert destination in self.model[name].destinations
            del self.model[name].destinations[destination]

    # --- option groups ----------------------------------------------------------------------------------
    @rule(api=APIS, name=SET_NAMES, enabled=st.booleans())
    def sending(self, api: str, name: str, enabled: bool) -> None:
        v1 = ("UpdateConfigurationSetSendingEnabled", "Enabled")
        if self._switch(api, name, enabled, v1, ("PutConfigurationSetSendingOptions", "SendingEnabled")):
            self.model[name].sending = enabled

    @rule(api=APIS, name=SET_NAMES, enabled=st.booleans())
    def reputation(self, api: str, name: str, enabled: bool) -> None:
        v1 = ("UpdateConfigurationSetReputationMetricsEnabled", "Enabled")
        v2 = ("PutConfigurationSetReputationOptions", "ReputationMetricsEnabled")
        if self._switch(api, name, enabled, v1, v2):
            self.model[name].reputation = enabled

    def _switch(self, api: str, name: str, enabled: bool, v1: tuple[str, str], v2: tuple[str, str]) -> bool:
        """Turn an option on or off through the API's own operation and member; whether the set existed."""
        service, (operation, member) = ("ses", v1) if api == "v1" else ("sesv2", v2)
        outcome = call(service, operation, {"ConfigurationSetName": name, member: enabled})
        return self._expect_found(outcome, name, api)

    @rule(name=SET_NAMES, tls=V1_TLS)
    def v1_delivery(self, name: str, tls: str) -> None:
        params = {"ConfigurationSetName": name, "DeliveryOptions": {"TlsPolicy": tls}}
        outcome = call("ses", "PutConfigurationSetDeliveryOptions", params)
        if code_of(outcome) is None:
            assert tls in ("Require", "Optional"), f"TLS policy {tls} accepted"
            model = self.model[name]
            model.tls, model.delivery_given = tls.upper(), True  # v1 cannot express the pool: it stays

    @rule(name=SET_NAMES, tls=V2_TLS, pool=POOLS, seconds=MAX_SECONDS)
    def v2_delivery(self, name: str, tls: str | None, pool: str | None, seconds: int | None) -> None:
        given = {"TlsPolicy": tls, "SendingPoolName": pool, "MaxDeliverySeconds": seconds}
        params = {key: value for key, value in given.items() if value is not None}
        outcome = call("sesv2", "PutConfigurationSetDeliveryOptions", {"ConfigurationSetName": name, **params})
        if self._expect_found(outcome, name, "v2"):
            model = self.model[name]
            model.tls, model.pool, model.max_seconds = tls or "OPTIONAL", pool, seconds
            model.delivery_given = True

    @rule(name=SET_NAMES, domain=DOMAINS, action=st.sampled_from(["Create", "Update", "Delete"]))
    def v1_tracking(self, name: str, domain: str, action: str) -> None:
        params: dict[str, Any] = {"ConfigurationSetName": name}
        if action != "Delete":
            params["TrackingOptions"] = {"CustomRedirectDomain": domain}
        outcome = call("ses", f"{action}ConfigurationSetTrackingOptions", params)
        if code_of(outcome) is None:
            model = self.model[name]
            assert (model.tracking is None) == (action == "Create"), f"{action} tracking succeeded"
            model.tracking = None if action == "Delete" else domain

    @rule(name=SET_NAMES, domain=st.one_of(st.none(), DOMAINS))
    def v2_tracking(self, name: str, domain: str | None) -> None:
        params = {"ConfigurationSetName": name}
        if domain is not None:
            params["CustomRedirectDomain"] = domain
        outcome = call("sesv2", "PutConfigurationSetTrackingOptions", params)
        if code_of(outcome) is None:
            self.model[name].tracking = domain

    # --- reads ------------------------------------------------------------------------------------------
    @invariant()
    def both_apis_list_the_model(self) -> None:
        v1 = call("ses", "ListConfigurationSets", {})
        v2 = call("sesv2", "ListConfigurationSets", {"PageSize": 1000})
        assert isinstance(v1, dict)
        assert isinstance(v2, dict)
        assert sorted(s["Name"] for s in v1["ConfigurationSets"]) == sorted(self.model)
        assert sorted(v2["ConfigurationSets"]) == sorted(self.model)

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def read_a_set(self, data: st.DataObject) -> None:
        self._check_set(data.draw(st.sampled_from(sorted(self.model)), label="set"))

    @rule(name=SET_NAMES)
    def read_a_set_by_any_name(self, name: str) -> None:
        if name in self.model:
            self._check_set(name)
        else:
            described = call("ses", "DescribeConfigurationSet", {"ConfigurationSetName": name})
            fetched = call("sesv2", "GetConfigurationSet", {"ConfigurationSetName": name})
            assert (code_of(described), code_of(fetched)) == ("ConfigurationSetDoesNotExist", "NotFoundException")

    # --- helpers ----------------------------------------------------------------------------------------
    def _expect_found(self, outcome: Any, name: str, api: str) -> bool:
        """A call on a set the model does not have must fail as not found; ``True`` when it succeeded."""
        event(f"outcome: {code_of(outcome) or 'success'}")
        if name not in self.model:
            expected = "ConfigurationSetDoesNotExist" if api == "v1" else "NotFoundException"
            assert code_of(outcome) in (expected, "InvalidParameterValue", "BadRequestException"), outcome
        return code_of(outcome) is None

    def _check_set(self, name: str) -> None:
        model = self.model[name]
        attributes = ["eventDestinations", "trackingOptions", "deliveryOptions", "reputationOptions"]
        v1 = call(
            "ses",
            "DescribeConfigurationSet",
            {"ConfigurationSetName": name, "ConfigurationSetAttributeNames": attributes},
        )
        v2 = call("sesv2", "GetConfigurationSet", {"ConfigurationSetName": name})
        v2_destinations = call("sesv2", "GetConfigurationSetEventDestinations", {"ConfigurationSetName": name})
        assert isinstance(v1, dict)
        assert isinstance(v2, dict)
        assert isinstance(v2_destinations, dict)

        assert v1["ReputationOptions"]["SendingEnabled"] is model.sending
        assert v1["ReputationOptions"]["ReputationMetricsEnabled"] is model.reputation
        assert v1["DeliveryOptions"] == {"TlsPolicy": model.tls.title()}
        assert v1.get("TrackingOptions") == (
            None if model.tracking is None else {"CustomRedirectDomain": model.tracking}
        )
        assert {d["Name"]: _v1_destination(d) for d in v1["EventDestinations"]} == model.destinations

        assert v2["SendingOptions"] == {"SendingEnabled": model.sending}
        assert v2["ReputationOptions"]["ReputationMetricsEnabled"] is model.reputation
        expected_delivery = {
            "TlsPolicy": model.tls,
            "SendingPoolName": model.pool,
            "MaxDeliverySeconds": model.max_seconds,
        }
        assert v2.get("DeliveryOptions") == (
            {k: v for k, v in expected_delivery.items() if v is not None} if model.delivery_given else None
        )
        assert v2.get("TrackingOptions") == (
            None if model.tracking is None else {"CustomRedirectDomain": model.tracking}
        )
        found = {d["Name"]: _v2_destination(d) for d in v2_destinations["EventDestinations"]}
        assert found == model.destinations


def _v2_set_options() -> st.SearchStrategy[tuple[dict[str, Any], SetModel]]:
    """``CreateConfigurationSet`` option groups and the set they make if the call succeeds."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[dict[str, Any], SetModel]:
        options: dict[str, Any] = {}
        created = SetModel()
        if draw(st.booleans()):
            created.sending = draw(st.booleans())
            options["SendingOptions"] = {"SendingEnabled": created.sending}
        if draw(st.booleans()):
            created.reputation = draw(st.booleans())
            options["ReputationOptions"] = {"ReputationMetricsEnabled": created.reputation}
        if draw(st.booleans()):
            tls, pool = draw(st.sampled_from(["REQUIRE", "OPTIONAL"])), draw(POOLS)
            options["DeliveryOptions"] = {"TlsPolicy": tls, **({"SendingPoolName": pool} if pool else {})}
            created.tls, created.pool, created.delivery_given = tls, pool, True
        if draw(st.booleans()):
            created.tracking = draw(DOMAINS)
            options["TrackingOptions"] = {"CustomRedirectDomain": created.tracking}
        return options, created

    return build()


def _v1_destination(shape: dict[str, Any]) -> Destination:
    types = frozenset(EventType.parse(t) for t in shape["MatchingEventTypes"])
    return Destination(shape["Enabled"], types, shape["SNSDestination"]["TopicARN"])


def _v2_destination(shape: dict[str, Any]) -> Destination:
    types = frozenset(EventType.parse(t) for t in shape["MatchingEventTypes"])
    return Destination(shape["Enabled"], types, shape["SnsDestination"]["TopicArn"])


ConfigurationSets.TestCase.settings = fuzz_settings(quick=5, long=2)
TestConfigurationSets = ConfigurationSets.TestCase
