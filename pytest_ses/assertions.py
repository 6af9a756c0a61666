"""One-line assertions on what SES did, with failures that say what happened instead and why.

The module-level functions act on the active fake (the ``ses`` fixture); the same methods exist on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import render
from .core.eventtypes import EventType
from .core.records import EventRecord, MessageRecord
from .errors import UsageError
from .explain import explain_missing_event
from .matching import Check, event_checks, event_type_of, matches, message_checks, value_matches

if TYPE_CHECKING:
    from .fake import FakeSES


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


def _describe_wanted(
    configuration_set: str | None, event_type: EventType, extra: dict[str, Any], plural: bool = False
) -> str:
    where = f" for configuration set '{configuration_set}'" if configuration_set is not None else ""
    details = render.criteria(extra)
    noun = "events" if plural else "event"
    return f"{event_type.record_name} {noun}{where}" + (f" ({details})" if details else "")


def _exactly(count: int | None, found: list[Any]) -> bool:
    """``count=None``: at least one; otherwise exactly ``count`` (so ``count=0`` asks for none)."""
    return bool(found) if count is None else len(found) == count


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"


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

    ``configuration_set=None`` accepts any set.  ``count`` asks for exactly that many such events.
    Returns the matching events.
    """
    __tracebackhide__ = True
    active = _active(fake)
    criteria = _event_criteria(configuration_set, event_type, recipient, message_id, fields)
    wanted_type = criteria["event_type"]
    events = list(active.events)
    scored = [(event, _published_checks(event, criteria, destination)) for event in events]
    found = [event for event, checks in scored if matches(checks)]
    if _exactly(count, found):
        return found
    shown = {k: v for k, v in criteria.items() if k not in ("event_type", "configuration_set")}
    if destination is not None:
        shown["destination"] = destination
    if found:
        wanted = _describe_wanted(configuration_set, wanted_type, shown, plural=count != 1)
        raise AssertionError(
            f"Expected exactly {count} published {wanted}, found {len(found)}"
            + render.listing(render.event_line(e) for e in found)
        )
    wanted = _describe_wanted(configuration_set, wanted_type, shown)
    why = explain_missing_event(active, configuration_set, wanted_type, criteria, destination)
    expected = f"Expected {count} published {_describe_wanted(configuration_set, wanted_type, shown, True)}, "
    headline = f"No {wanted} was published." if count is None else f"{expected}found none."
    raise AssertionError(f"{headline}\nWhy: {why}\n{render.near_misses('events', scored, render.event_line)}")


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
    """Pass when no such event reached any destination (events SES generated but did not publish pass)."""
    __tracebackhide__ = True
    active = _active(fake)
    criteria = _event_criteria(configuration_set, event_type, recipient, message_id, fields)
    found = [e for e in active.events if matches(_published_checks(e, criteria, destination))]
    if found:
        shown = {k: v for k, v in criteria.items() if k not in ("event_type", "configuration_set")}
        if destination is not None:
            shown["destination"] = destination
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
    if _exactly(count, found):
        return found
    wanted = _describe_messages({k: v for k, v in criteria.items() if k != "accepted"})
    if found:
        raise AssertionError(
            f"Expected exactly {count} {_plural(count or 0, 'message')} sent{wanted}, found {len(found)}"
            + render.listing(render.message_line(m) for m in found)
        )
    headline = (
        f"No message{wanted} was sent."
        if count is None
        else f"Expected {count} {_plural(count, 'message')} sent{wanted}, found none."
    )
    raise AssertionError(f"{headline}\n{render.near_misses('send attempts', scored, render.message_line)}")


def _describe_messages(criteria: dict[str, Any]) -> str:
    return f" matching {render.criteria(criteria)}" if criteria else ""


def assert_not_sent(*, fake: FakeSES | None = None, **criteria: Any) -> None:
    """Pass when SES accepted no message matching the criteria (rejected send attempts pass)."""
    __tracebackhide__ = True
    active = _active(fake)
    criteria = {"accepted": True} | criteria
    found = [m for m in active.messages if matches(message_checks(m, criteria))]
    if found:
        wanted = _describe_messages({k: v for k, v in criteria.items() if k != "accepted"})
        raise AssertionError(
            f"Expected no message sent{wanted}, found {len(found)}"
            + render.listing(render.message_line(m) for m in found)
        )
