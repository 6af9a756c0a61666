"""Human-readable lines for messages, events and criteria: failure messages and report sections."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .core.records import EventRecord, MessageRecord
from .matching import Check, describe_value, event_recipients


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
            "not published (no configuration set)" if event.configuration_set is None else "not published"
        )
    return "; ".join(parts)


def event_line(event: EventRecord, checks: list[Check] | None = None) -> str:
    recipients = ", ".join(event_recipients(event)) or "-"
    name = f"'{event.configuration_set}'" if event.configuration_set else "none"
    line = f"{event.event_type} to {recipients}, set {name}, message {short_id(event.message_id)}: {where(event)}"
    differing = [check for check in checks or [] if not check.ok]
    if differing:
        line += "  <-- " + ", ".join(f"{c.name} is {_actual(c.actual)}" for c in differing)
    return line


def _actual(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return "absent" if value is None or value.__class__ is object else repr(value)


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
