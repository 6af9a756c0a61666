"""One-line assertions on what SES did, with failures that say what happened instead and why.

The module-level functions act on the active fake (the ``ses`` fixture); the same methods exist on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import render
from .core.eventtypes import EventType
from .core.records import EventRecord, MessageRecord
from .errors import UsageError
from .matching import (
    Check,
    describe_value,
    event_checks,
    event_type_of,
    matches,
    message_checks,
    value_matches,
)

if TYPE_CHECKING:
    from .fake import FakeSES

NEAR_MISSES = 10


def _active(fake: FakeSES | None) -> FakeSES:
    if fake is not None:
        return fake
    from .bridge import BRIDGE

    active: FakeSES | None = BRIDGE.active
    if active is None:
        raise UsageError("no FakeSES is active: use the `ses` fixture (or start a FakeSES) before asserting")
    return active


def _event_criteria(
    configuration_set: str | None,
    event_type: str | EventType,
    recipient: Any,
    message_id: Any,
    fields: dict[str, Any],
) -> dict[str, Any]:
    criteria: dict[str, Any] = {"event_type": event_type_of(event_type)}
    if configuration_set is not None:
        criteria["configuration_set"] = configuration_set
    if recipient is not None:
        criteria["recipient"] = recipient
    if message_id is not None:
        criteria["message_id"] = message_id
    return criteria | fields


def _published_checks(event: EventRecord, criteria: dict[str, Any], destination: Any) -> list[Check]:
    checks = event_checks(event, criteria)
    delivered = [p.destination for p in event.publications if p.delivered]
    if destination is not None:
        checks.append(Check("destination", destination, delivered, value_matches(destination, delivered)))
    else:
        checks.append(Check("published", True, bool(delivered), bool(delivered)))
    return checks


def _describe_wanted(configuration_set: str | None, event_type: EventType, extra: dict[str, Any]) -> str:
    where = f" for configuration set '{configuration_set}'" if configuration_set is not None else ""
    details = render.criteria(extra)
    return f"{event_type.record_name} event{where}" + (f" ({details})" if details else "")


def assert_event_published(
    configuration_set: str | None,
    event_type: str | EventType,
    *,
    recipient: Any = None,
    destination: Any = None,
    message_id: Any = None,
    count: int | None = None,
    fake: FakeSES | None = None,
    **fields: Any,
) -> list[EventRecord]:
    """Pass when an event of this type, for a message sent with this set, reached at least one destination.

    ``count`` asks for exactly that many such events.  Returns the matching events.
    """
    __tracebackhide__ = True
    active = _active(fake)
    criteria = _event_criteria(configuration_set, event_type, recipient, message_id, fields)
    wanted_type = criteria["event_type"]
    events = list(active.events)
    scored = [(event, _published_checks(event, criteria, destination)) for event in events]
    found = [event for event, checks in scored if matches(checks)]
    if found and (count is None or len(found) == count):
        return found
    shown = {k: v for k, v in criteria.items() if k not in ("event_type", "configuration_set")}
    if destination is not None:
        shown["destination"] = destination
    wanted = _describe_wanted(configuration_set, wanted_type, shown)
    if found:
        raise AssertionError(
            f"Expected exactly {count} published {wanted}, found {len(found)}"
            + render.listing(render.event_line(e) for e in found)
        )
    why = explain_missing_event(active, configuration_set, wanted_type, recipient, destination, scored)
    ranked = sorted(scored, key=lambda pair: -sum(check.ok for check in pair[1]))[:NEAR_MISSES]
    lines = [render.event_line(event, checks) for event, checks in ranked]
    closest = "closest first" if len(events) > 1 else "the only one"
    listing = render.listing(lines) if lines else ": none"
    raise AssertionError(
        f"No {wanted} was published.\nWhy: {why}\nRecorded events ({len(events)}, {closest}){listing}"
    )


def assert_no_event_published(
    configuration_set: str | None,
    event_type: str | EventType,
    *,
    recipient: Any = None,
    destination: Any = None,
    message_id: Any = None,
    fake: FakeSES | None = None,
    **fields: Any,
) -> None:
    """Pass when no such event reached any destination of the set."""
    __tracebackhide__ = True
    active = _active(fake)
    criteria = _event_criteria(configuration_set, event_type, recipient, message_id, fields)
    found = [e for e in active.events if matches(_published_checks(e, criteria, destination))]
    if found:
        shown = {k: v for k, v in criteria.items() if k not in ("event_type", "configuration_set")}
        wanted = _describe_wanted(configuration_set, criteria["event_type"], shown)
        raise AssertionError(
            f"Expected no published {wanted}, found {len(found)}"
            + render.listing(render.event_line(e) for e in found)
        )


def assert_sent(*, count: int | None = None, fake: FakeSES | None = None, **criteria: Any) -> list[MessageRecord]:
    """Pass when SES accepted a message matching the criteria (``count``: exactly that many)."""
    __tracebackhide__ = True
    active = _active(fake)
    criteria = {"accepted": True} | criteria
    messages = list(active.messages)
    scored = [(m, message_checks(m, criteria)) for m in messages]
    found = [m for m, checks in scored if matches(checks)]
    if found and (count is None or len(found) == count):
        return found
    wanted = render.criteria({k: v for k, v in criteria.items() if k != "accepted"}) or "any criteria"
    if found:
        raise AssertionError(
            f"Expected exactly {count} messages sent matching {wanted}, found {len(found)}"
            + render.listing(render.message_line(m) for m in found)
        )
    ranked = sorted(scored, key=lambda pair: -sum(check.ok for check in pair[1]))[:NEAR_MISSES]
    lines = [render.message_line(m) + _differs(checks) for m, checks in ranked]
    listing = render.listing(lines) if lines else ": none"
    raise AssertionError(
        f"No message matching {wanted} was sent.\nRecorded send attempts ({len(messages)}){listing}"
    )


def assert_not_sent(*, fake: FakeSES | None = None, **criteria: Any) -> None:
    """Pass when SES accepted no message matching the criteria."""
    __tracebackhide__ = True
    active = _active(fake)
    criteria = {"accepted": True} | criteria
    found = [m for m in active.messages if matches(message_checks(m, criteria))]
    if found:
        wanted = render.criteria({k: v for k, v in criteria.items() if k != "accepted"}) or "any criteria"
        raise AssertionError(
            f"Expected no message sent matching {wanted}, found {len(found)}"
            + render.listing(render.message_line(m) for m in found)
        )


def _differs(checks: list[Check]) -> str:
    differing = [c for c in checks if not c.ok]
    if not differing:
        return ""
    return "  <-- " + ", ".join(f"{c.name} is {c.actual!r}" for c in differing)


def explain_missing_event(
    fake: FakeSES,
    configuration_set: str | None,
    event_type: EventType,
    recipient: Any,
    destination: Any,
    scored: list[tuple[EventRecord, list[Check]]],
) -> str:
    """The most specific reason the rule log gives for a missing event."""
    messages = list(fake.messages)
    if not messages:
        return "no message was sent through the fake"
    relevant = [m for m in messages if recipient is None or value_matches(recipient, list(m.destinations))]
    if not relevant:
        return f"no message was sent to {describe_value(recipient)}"
    in_set = [m for m in relevant if configuration_set is None or m.configuration_set == configuration_set]
    if not in_set:
        return _other_set(relevant[-1], configuration_set)
    accepted = [m for m in in_set if m.accepted]
    if not accepted:
        last = in_set[-1]
        return f"the send was rejected: {last.error_code}: {last.error_message}"
    typed = [e for m in accepted for e in m.events if e.type is event_type]
    if not typed:
        return _no_such_event(accepted, event_type, recipient)
    return _not_published(fake, configuration_set, event_type, typed, destination)


def _other_set(message: MessageRecord, configuration_set: str | None) -> str:
    to = ", ".join(message.destinations)
    if message.configuration_set is None:
        return (
            f"the message to {to} was sent without a configuration set (no ConfigurationSetName parameter, "
            "no X-SES-CONFIGURATION-SET header, no identity default)"
        )
    phrase = render.set_phrase(message.configuration_set, message.configuration_set_source)
    return f"the message to {to} was sent with {phrase}, not '{configuration_set}'"


def _no_such_event(accepted: list[MessageRecord], event_type: EventType, recipient: Any) -> str:
    if event_type in (EventType.OPEN, EventType.CLICK, EventType.SUBSCRIPTION):
        trigger = {
            EventType.OPEN: "ses.open",
            EventType.CLICK: "ses.click",
            EventType.SUBSCRIPTION: "ses.unsubscribe",
        }
        name = event_type.record_name
        return f"{name} events happen only when the test calls {trigger[event_type]}(message_id, ...)"
    outcomes = [
        f"{rule.reason} → {rule.outcome}"
        for m in accepted
        for rule in m.rules
        if rule.rule == "outcome" and (recipient is None or value_matches(recipient, rule.reason.split(":")[0]))
    ]
    happened = ", ".join(sorted({e.event_type for m in accepted for e in m.events}))
    detail = f" (outcomes: {'; '.join(outcomes)})" if outcomes else ""
    return f"no {event_type.record_name} event happened; the message had: {happened}{detail}"


def _not_published(
    fake: FakeSES, configuration_set: str | None, event_type: EventType, typed: list[EventRecord], destination: Any
) -> str:
    failed = [p for e in typed for p in e.publications if not p.delivered]
    delivered = sorted({p.destination for e in typed for p in e.publications if p.delivered})
    if delivered and destination is not None:
        went = ", ".join(delivered)
        return f"the {event_type.record_name} event went to {went}, not {describe_value(destination)}"
    if failed:
        return "; ".join(f"delivery to {p.destination} failed: {p.detail}" for p in failed)
    name = configuration_set or typed[-1].configuration_set
    config_set = fake.find_configuration_set(name, typed[-1].message_id) if name else None
    if config_set is None:
        return f"configuration set '{name}' no longer exists"
    if not config_set.destinations:
        return f"configuration set '{name}' has no event destinations"
    described = "; ".join(
        f"{d.name}{'' if d.enabled else ' (disabled)'}: {', '.join(t.value for t in d.matching) or 'no events'}"
        for d in config_set.destinations.values()
    )
    if any(d.enabled and d.matches(event_type) for d in config_set.destinations.values()):
        return f"the matching destinations of '{name}' did not receive it (destinations: {described})"
    return f"no enabled destination of '{name}' matches {event_type.value} (destinations: {described})"
