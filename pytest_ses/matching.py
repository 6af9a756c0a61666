"""One vocabulary of criteria for querying and asserting on messages and events.

A criterion is a keyword and an expected value: a plain value (equality; for list fields, membership), a
compiled regex (searched in the text) or a callable (a predicate).  Event criteria beyond the named ones
(``bounce_type="Permanent"``, ``complaint_feedback_type="abuse"``) are looked up in the AWS record, with
the keyword matched to the record's camelCase keys ignoring case and underscores.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .core.eventtypes import EventType
from .core.records import EventRecord, MessageRecord
from .errors import UsageError

MISSING = object()


def did_you_mean(value: object, allowed: Iterable[str]) -> str:
    """`` (did you mean 'Permanent'?)`` for a near spelling of an accepted value, else nothing."""
    options = list(allowed)
    text = str(value)
    same = [option for option in options if option.lower() == text.lower()]
    close = same or difflib.get_close_matches(text, options, n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fold(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def value_matches(expected: Any, actual: Any) -> bool:
    """Whether ``actual`` satisfies ``expected`` (value, regex or predicate; lists match by membership)."""
    if actual is MISSING:
        return False
    if isinstance(expected, re.Pattern):
        if isinstance(actual, list | tuple):
            return any(value_matches(expected, item) for item in actual)
        return actual is not None and expected.search(str(actual)) is not None
    if callable(expected) and not isinstance(expected, type):
        try:
            return bool(expected(actual))
        except Exception:
            return False
    if isinstance(actual, list | tuple) and not isinstance(expected, list | tuple):
        return any(value_matches(expected, item) for item in actual)
    if isinstance(expected, Mapping) and isinstance(actual, Mapping):
        return all(key in actual and value_matches(value, actual[key]) for key, value in expected.items())
    if isinstance(expected, str) and isinstance(actual, str) and "@" in expected:
        return expected.lower() == actual.lower()
    return bool(expected == actual)


def describe_value(value: Any) -> str:
    if isinstance(value, re.Pattern):
        return f"re.compile({value.pattern!r})"
    if callable(value) and not isinstance(value, type):
        return getattr(value, "__name__", "<predicate>")
    return repr(value)


def _find_in(container: Any, folded: str) -> Any:
    if isinstance(container, Mapping):
        for key, value in container.items():
            if _fold(str(key)) == folded:
                return value
    return MISSING


def record_field(record: Mapping[str, Any], event_type: EventType, name: str) -> Any:
    """A field of an event record by snake_case or camelCase name: type object, then mail, then headers,
    then the type object's per-recipient entries (a list of the values found there)."""
    folded = _fold(name)
    for container in (
        record.get(event_type.record_key, {}),
        record.get("mail", {}),
        record.get("mail", {}).get("commonHeaders", {}),
        record,
    ):
        found = _find_in(container, folded)
        if found is not MISSING:
            return found
    details = record.get(event_type.record_key, {})
    for key in _PER_RECIPIENT:
        if key in details:
            if folded in ("recipients", "emailaddress", "emailaddresses"):
                return [entry.get("emailAddress") for entry in details[key]]
            found = [value for entry in details[key] if (value := _find_in(entry, folded)) is not MISSING]
            if found:
                return found
    return MISSING


# Bounce, complaint and delay records keep per-recipient details (``status``, ``diagnosticCode``...) in
# a list; a criterion on such a field matches when any recipient's entry has it.
_PER_RECIPIENT = ("bouncedRecipients", "complainedRecipients", "delayedRecipients")


def field_names(record: Mapping[str, Any], event_type: EventType) -> list[str]:
    """Every field name a criterion can use on this record, in snake_case (for "did you mean" hints)."""
    details = record.get(event_type.record_key, {})
    mail = record.get("mail", {})
    containers = [details, mail, mail.get("commonHeaders", {}), record]
    containers += [entry for key in _PER_RECIPIENT for entry in details.get(key, [])]
    names = [key for container in containers if isinstance(container, Mapping) for key in container]
    return list(dict.fromkeys(re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() for name in names))


def event_type_of(spelling: str | EventType) -> EventType:
    if isinstance(spelling, EventType):
        return spelling
    try:
        return EventType.parse(spelling)
    except ValueError:
        names = [t.value.lower() for t in EventType]
        hint = did_you_mean(spelling, names)
        raise UsageError(
            f"unknown event type {spelling!r}{hint}; use one of: {', '.join(names)} (any AWS spelling)"
        ) from None


def event_recipients(event: EventRecord) -> tuple[str, ...]:
    """Who an event concerns: its recipients, or the mail's destinations (Send, Reject, Rendering Failure)."""
    if event.recipients:
        return event.recipients
    destination = event.record.get("mail", {}).get("destination", [])
    return tuple(destination)


_EVENT_FIELDS: dict[str, Callable[[EventRecord], Any]] = {
    "message_id": lambda e: e.message_id,
    "configuration_set": lambda e: e.configuration_set,
    "recipient": event_recipients,
    "destination": lambda e: [p.destination for p in e.publications if p.delivered],
    "destination_type": lambda e: [p.kind for p in e.publications if p.delivered],
}

_MESSAGE_FIELDS: dict[str, Callable[[MessageRecord], Any]] = {
    "message_id": lambda m: m.message_id,
    "operation": lambda m: m.operation,
    "api_version": lambda m: m.api_version,
    "source": lambda m: [m.source, _bare(m.source)],
    "recipient": lambda m: m.destinations,
    "destination": lambda m: m.destinations,
    "subject": lambda m: m.subject,
    "configuration_set": lambda m: m.configuration_set,
    "configuration_set_source": lambda m: m.configuration_set_source,
    "accepted": lambda m: m.accepted,
    "error_code": lambda m: m.error_code,
    "error_message": lambda m: m.error_message,
    "template": lambda m: m.template,
    "sending_pool": lambda m: m.sending_pool,
    "outgoing_ip": lambda m: m.outgoing_ip,
    "tags": lambda m: dict(m.tags),
    "event_type": lambda m: [e.type for e in m.events],
}


def _bare(address: str) -> str:
    match = re.search(r"<([^>]+)>", address)
    return match.group(1) if match else address


@dataclass(frozen=True)
class Check:
    """One criterion's verdict on one record: used to rank near misses and to mark differing fields."""

    name: str
    expected: Any
    actual: Any
    ok: bool


def event_checks(event: EventRecord, criteria: Mapping[str, Any]) -> list[Check]:
    checks = []
    for name, expected in criteria.items():
        if name == "event_type":
            wanted = event_type_of(expected)
            checks.append(Check(name, wanted.record_name, event.event_type, event.type is wanted))
            continue
        getter = _EVENT_FIELDS.get(name)
        actual = getter(event) if getter else record_field(event.record, event.type, name)
        checks.append(Check(name, expected, actual, value_matches(expected, actual)))
    return checks


def message_checks(message: MessageRecord, criteria: Mapping[str, Any]) -> list[Check]:
    checks = []
    for name, expected in criteria.items():
        getter = _MESSAGE_FIELDS.get(name)
        if getter is None:
            allowed = ", ".join(sorted(_MESSAGE_FIELDS))
            raise UsageError(f"unknown message criterion {name!r}; use one of: {allowed}")
        if name == "event_type":
            wanted = event_type_of(expected)
            types = getter(message)
            checks.append(Check(name, wanted.record_name, [t.record_name for t in types], wanted in types))
            continue
        actual = getter(message)
        checks.append(Check(name, expected, actual, value_matches(expected, actual)))
    return checks


def matches(checks: list[Check]) -> bool:
    return all(check.ok for check in checks)
