"""Human-readable lines for messages, events and criteria: failure messages and report sections."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from .core.records import EventRecord, MessageRecord
from .matching import MISSING, Check, describe_value, event_recipients

T = TypeVar("T")
NEAR_MISSES = 10
_IMPLIED = ("published", "destination", "accepted")


def closeness(checks: list[Check]) -> tuple[int, int]:
    """Sort key of a near miss: the most of the test's own criteria met first, then the implied ones
    (published, accepted), so an unpublished event of the right type beats a published one of another."""
    stated = sum(check.ok for check in checks if check.name not in _IMPLIED)
    implied = sum(check.ok for check in checks if check.name in _IMPLIED)
    return -stated, -implied


def near_misses(what: str, scored: Sequence[tuple[T, list[Check]]], describe: Callable[[T], str]) -> str:
    """``Recorded <what> (n, closest first):`` and the closest records, each marked with what differs."""
    if not scored:
        return f"Recorded {what}: none"
    ranked = sorted(scored, key=lambda pair: closeness(pair[1]))[:NEAR_MISSES]
    lines = [describe(item) + differences(checks) for item, checks in ranked]
    order = "closest first" if len(scored) > 1 else "the only one"
    more = f", {len(scored) - len(lines)} more not shown" if len(scored) > len(lines) else ""
    return f"Recorded {what} ({len(scored)}, {order}{more}){listing(lines)}"


def short_id(message_id: str | None) -> str:
    return f"{message_id[:12]}…" if message_id else "-"


def criteria(values: Mapping[str, Any]) -> str:
    return ", ".join(f"{name}={describe_value(value)}" for name, value in values.items())


def listing(lines: Iterable[str], indent: str = "  - ") -> str:
    text = "\n".join(f"{indent}{line}" for line in lines)
    return f":\n{text}" if text else "."


def set_phrase(name: str | None, source: str | None) -> str:
    if name is None:
        return "no configuration set"
    how = {
        "parameter": "parameter",
        "header": "header X-SES-CONFIGURATION-SET",
        "identity-default": "identity default",
    }
    return f"set '{name}' ({how.get(source or '', source or 'unknown')})"


def message_line(message: MessageRecord) -> str:
    recipients = ", ".join(message.destinations) or "nobody"
    config_set = set_phrase(message.configuration_set, message.configuration_set_source)
    head = f"{message.operation} {message.source} → {recipients}, {config_set}"
    if not message.accepted:
        return f"{head}: rejected, {message.error_code}: {message.error_message}"
    kinds = ", ".join(e.event_type for e in message.events) or "no events"
    return f"{head}: message {short_id(message.message_id)} [{kinds}]"


def where(event: EventRecord) -> str:
    delivered = [f"{p.destination} ({p.kind})" for p in event.publications if p.delivered]
    failed = [f"{p.destination} ({p.kind}) failed: {p.detail}" for p in event.publications if not p.delivered]
    skipped = [f"{s.destination}: {s.reason}" for s in event.skipped]
    parts = []
    if delivered:
        parts.append("published to " + ", ".join(delivered))
    if failed:
        parts.append(", ".join(failed))
    if skipped:
        parts.append("skipped " + "; ".join(skipped))
    if not parts:
        parts.append(
            "not published" if event.configuration_set is None else "not published (no event destinations)"
        )
    return "; ".join(parts)


def event_line(event: EventRecord) -> str:
    recipients = ", ".join(event_recipients(event)) or "-"
    config_set = f"set '{event.configuration_set}'" if event.configuration_set else "no configuration set"
    return (
        f"{event.event_type} to {recipients}, {config_set}, message {short_id(event.message_id)}: {where(event)}"
    )


def differences(checks: list[Check]) -> str:
    """A marker after a near miss: each criterion it fails, with the value it has instead."""
    differing = [_difference(check) for check in checks if not check.ok]
    return "  <-- " + ", ".join(differing) if differing else ""


def _difference(check: Check) -> str:
    if check.name == "published":
        return "not published"
    if check.name == "accepted":
        return "rejected"
    if check.name == "configuration_set" and check.actual is None:
        return "no configuration set"
    return f"{check.name} is {actual(check.actual)}"


def actual(value: Any) -> str:
    """A recorded value as a failure message shows it: lists bare, missing fields as ``absent``."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return "absent" if value is None or value is MISSING else repr(value)


def activity(messages: Iterable[MessageRecord]) -> str:
    """The report section: each message with its set, rules, events and where they went."""
    blocks = []
    for message in messages:
        lines = [message_line(message)]
        lines += [f"    rule {rule.rule}: {rule.outcome} ({rule.reason})" for rule in message.rules]
        lines += [f"    event {event_line(event)}" for event in message.events]
        lines += [f"    notification {n.destination} → {n.target}" for n in message.notifications]
        blocks.append("\n".join(lines))
    return "\n".join(blocks) if blocks else "no SES activity"
