"""The account-level suppression list and account switches, changed at random through v1 and v2.

The model keeps what every successful call changed: suppressed addresses (matched case-insensitively,
kept as last spelt) with their reason, the account's suppressed reasons and its sending switch.
After each step ListSuppressedDestinations must list the model; on demand every Get, the filtered
lists, GetAccount and v1 GetAccountSendingEnabled must show it.
"""

from __future__ import annotations

from fuzz_strategies import SUPPRESSED
from fuzz_world import WorldMachine, call, code_of, fuzz_settings
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule

ADDRESSES = st.sampled_from(
    ["a@example.net", "A@Example.NET", "b@example.net", SUPPRESSED, "not-an-address", "c@example.net"]
)
REASONS = st.sampled_from(["BOUNCE", "COMPLAINT", "bounce", "SPAM"])
VALID_REASONS = ("BOUNCE", "COMPLAINT")


class SuppressionList(WorldMachine):
    def __init__(self) -> None:
        super().__init__()
        self.suppressed: dict[str, tuple[str, str]] = {SUPPRESSED.lower(): (SUPPRESSED, "BOUNCE")}
        """Lower-case address → (address as last put, reason)."""
        self.account_reasons: list[str] = ["BOUNCE", "COMPLAINT"]
        self.sending = True

    @rule(address=ADDRESSES, reason=REASONS)
    def put(self, address: str, reason: str) -> None:
        outcome = _noted(call("sesv2", "PutSuppressedDestination", {"EmailAddress": address, "Reason": reason}))
        if code_of(outcome) is None:
            assert reason in VALID_REASONS, f"reason {reason} accepted"
            self.suppressed[address.lower()] = (address, reason)

    @rule(address=ADDRESSES)
    def delete(self, address: str) -> None:
        outcome = _noted(call("sesv2", "DeleteSuppressedDestination", {"EmailAddress": address}))
        if code_of(outcome) is None:
            assert address.lower() in self.suppressed
            del self.suppressed[address.lower()]
        elif address.lower() in self.suppressed:
            raise AssertionError(f"deleting suppressed {address} failed: {outcome}")

    @rule(reasons=st.lists(REASONS, max_size=3))
    def account_suppression(self, reasons: list[str]) -> None:
        outcome = _noted(call("sesv2", "PutAccountSuppressionAttributes", {"SuppressedReasons": reasons}))
        if code_of(outcome) is None:
            assert set(reasons) <= set(VALID_REASONS)
            self.account_reasons = list(dict.fromkeys(reasons))

    @rule(api=st.sampled_from(["v1", "v2"]), enabled=st.booleans())
    def account_sending(self, api: str, enabled: bool) -> None:
        if api == "v1":
            outcome = call("ses", "UpdateAccountSendingEnabled", {"Enabled": enabled})
        else:
            outcome = call("sesv2", "PutAccountSendingAttributes", {"SendingEnabled": enabled})
        assert code_of(_noted(outcome)) is None
        self.sending = enabled

    @invariant()
    def the_list_is_the_model(self) -> None:
        listed = call("sesv2", "ListSuppressedDestinations", {"PageSize": 100})
        assert isinstance(listed, dict)
        found = {s["EmailAddress"]: s["Reason"] for s in listed["SuppressedDestinationSummaries"]}
        assert found == dict(self.suppressed.values())

    @rule()
    def every_read_shows_the_model(self) -> None:
        for address, reason in self.suppressed.values():
            for spelling in (address, address.upper()):
                got = call("sesv2", "GetSuppressedDestination", {"EmailAddress": spelling})
                assert isinstance(got, dict)
                entry = got["SuppressedDestination"]
                assert (entry["EmailAddress"], entry["Reason"]) == (address, reason)
        for wanted in VALID_REASONS:
            listed = call("sesv2", "ListSuppressedDestinations", {"Reasons": [wanted], "PageSize": 100})
            assert isinstance(listed, dict)
            found = sorted(s["EmailAddress"] for s in listed["SuppressedDestinationSummaries"])
            assert found == sorted(a for a, r in self.suppressed.values() if r == wanted)
        account = call("sesv2", "GetAccount", {})
        assert isinstance(account, dict)
        assert account["SuppressionAttributes"]["SuppressedReasons"] == self.account_reasons
        assert account["SendingEnabled"] is self.sending
        v1 = call("ses", "GetAccountSendingEnabled", {})
        assert isinstance(v1, dict)
        assert v1["Enabled"] is self.sending


def _noted(outcome: object) -> object:
    event(f"outcome: {code_of(outcome) or 'success'}")  # type: ignore[arg-type]
    return outcome


SuppressionList.TestCase.settings = fuzz_settings(quick=5, long=2)
TestSuppressionList = SuppressionList.TestCase
