"""Why an expected event was not published: the most specific reason the record and the rule log give.

Each step narrows the record the way the assertion's criteria do (message id, recipient, set, accepted,
event type, details, publication) and reports the first step that leaves nothing, in the test's words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import render
from .core.eventtypes import EventType
from .core.records import EventRecord, MessageRecord, RuleDecision
from .matching import (
    MISSING,
    describe_value,
    did_you_mean,
    event_checks,
    event_recipients,
    field_names,
    matches,
    value_matches,
)

if TYPE_CHECKING:
    from .fake import FakeSES

_TRIGGERS = {
    EventType.OPEN: "ses.open",
    EventType.CLICK: "ses.click",
    EventType.SUBSCRIPTION: "ses.unsubscribe",
}
_OUTCOMES = {
    EventType.BOUNCE: "bounce",
    EventType.COMPLAINT: "complaint",
    EventType.DELIVERY_DELAY: "delay",
    EventType.REJECT: "reject",
    EventType.DELIVERY: "deliver",
}
_SELECTORS = ("event_type", "configuration_set", "recipient", "message_id")


def explain_missing_event(
    fake: FakeSES,
    configuration_set: str | None,
    event_type: EventType,
    criteria: dict[str, Any],
    destination: Any,
) -> str:
    """The first reason, from the send to the destinations, that no matching event was published."""
    messages = list(fake.messages)
    if not messages:
        return "no message was sent through the fake"
    message_id = criteria.get("message_id")
    if message_id is not None:
        messages = [m for m in messages if value_matches(message_id, m.message_id)]
        if not messages:
            return f"no message with id {describe_value(message_id)} was sent through the fake"
    recipient = criteria.get("recipient")
    relevant = [m for m in messages if recipient is None or value_matches(recipient, list(m.destinations))]
    if not relevant:
        sent_to = ", ".join(dict.fromkeys(r for m in messages for r in m.destinations))
        return f"no message was sent to {describe_value(recipient)} (messages went to {sent_to})"
    in_set = [m for m in relevant if _could_be_in(m, configuration_set)]
    if not in_set:
        return _other_set(relevant[-1], configuration_set)
    accepted = [m for m in in_set if m.accepted]
    if not accepted:
        return _rejected(in_set[-1])
    typed = [
        e
        for m in accepted
        for e in m.events
        if e.type is event_type and (recipient is None or value_matches(recipient, list(event_recipients(e))))
    ]
    if not typed:
        return _no_such_event(accepted, event_type, recipient)
    fields = {k: v for k, v in criteria.items() if k not in _SELECTORS}
    detailed = [e for e in typed if matches(event_checks(e, fields))]
    if not detailed:
        return _other_details(typed, event_type, fields)
    return _not_published(fake, event_type, detailed, destination)


def _could_be_in(message: MessageRecord, configuration_set: str | None) -> bool:
    """In the set, or rejected before SES got as far as choosing one."""
    if configuration_set is None or message.configuration_set == configuration_set:
        return True
    return not message.accepted and message.configuration_set is None


def _other_set(message: MessageRecord, configuration_set: str | None) -> str:
    to = ", ".join(message.destinations)
    if message.configuration_set is None:
        return (
            f"the message to {to} was sent without a configuration set (no ConfigurationSetName parameter, "
            "no X-SES-CONFIGURATION-SET header, no identity default)"
        )
    return f"the message to {to} was sent with {_set_with_source(message)}, not '{configuration_set}'"


def _set_with_source(message: MessageRecord) -> str:
    decision = message.rule("configuration-set")
    if decision is not None:
        return f"configuration set '{message.configuration_set}' ({decision.reason})"
    return render.set_phrase(message.configuration_set, message.configuration_set_source)


def _rejected(message: MessageRecord) -> str:
    to = ", ".join(message.destinations)
    return f"SES rejected the {message.operation} call to {to}: {message.error_code}: {message.error_message}"


def _no_such_event(accepted: list[MessageRecord], event_type: EventType, recipient: Any) -> str:
    name = event_type.record_name
    if event_type in _TRIGGERS:
        return f"{name} events happen only when the test calls {_TRIGGERS[event_type]}(message_id, ...)"
    happened = ", ".join(dict.fromkeys(e.event_type for m in accepted for e in m.events)) or "none"
    outcomes = [
        _outcome_phrase(rule)
        for m in accepted
        for rule in m.rules
        if rule.rule == "outcome" and (recipient is None or value_matches(recipient, _address_of(rule)))
    ]
    reason = f"no {name} event happened"
    if outcomes:
        reason += f": {'; '.join(outcomes)}"
    reason += f". The message's events: {happened}"
    if event_type in _OUTCOMES:
        address = recipient if isinstance(recipient, str) else (*accepted[-1].destinations, "recipient")[0]
        reason += f". Program one with ses.outcome({address!r}, {_OUTCOMES[event_type]!r}) before sending"
    elif event_type is EventType.RENDERING_FAILURE:
        reason += ". Rendering failures happen only in templated sends whose template cannot be rendered"
    return reason


def _address_of(rule: RuleDecision) -> str:
    """The recipient an ``outcome`` decision is about: its reason starts with the address."""
    return rule.reason.replace(":", " ").split(" ", 1)[0]


def _outcome_phrase(rule: RuleDecision) -> str:
    address, separator, why = rule.reason.partition(": ")
    if separator:
        return f"{address} → {rule.outcome} ({why})"
    return f"{rule.outcome}: {rule.reason}"


def _other_details(typed: list[EventRecord], event_type: EventType, fields: dict[str, Any]) -> str:
    name = event_type.record_name
    differing: dict[str, None] = {}
    for field, expected in fields.items():
        checks = [event_checks(event, {field: expected})[0] for event in typed]
        if all(check.actual is MISSING for check in checks):
            known = field_names(typed[-1].record, event_type)
            differing[f"{field} is not a field of a {name} record{did_you_mean(field, known)}"] = None
            continue
        for check in checks:
            if not check.ok:
                differing[f"{field} is {render.actual(check.actual)}, expected {describe_value(expected)}"] = None
    happened = (
        f"a {name} event happened, but its"
        if len(typed) == 1
        else f"{len(typed)} {name} events happened, but their"
    )
    return f"{happened} details differ: {'; '.join(differing)}"


def _not_published(fake: FakeSES, event_type: EventType, typed: list[EventRecord], destination: Any) -> str:
    name = event_type.record_name
    delivered = list(dict.fromkeys(p.destination for e in typed for p in e.publications if p.delivered))
    if delivered and destination is not None:
        skipped = dict.fromkeys(
            f"{s.destination} skipped it: {s.reason}"
            for e in typed
            for s in e.skipped
            if value_matches(destination, s.destination)
        )
        why_not = f" ({'; '.join(skipped)})" if skipped else ""
        return f"the {name} event went to {', '.join(delivered)}, not {describe_value(destination)}{why_not}"
    failed = [p for e in typed for p in e.publications if not p.delivered]
    if failed:
        return "; ".join(f"delivery to {p.destination} ({p.kind}) failed: {p.detail}" for p in failed)
    last = typed[-1]
    if last.configuration_set is None:
        to = ", ".join(event_recipients(last))
        return (
            f"the message to {to} was sent without a configuration set, so SES published its events nowhere "
            "(no ConfigurationSetName parameter, no X-SES-CONFIGURATION-SET header, no identity default)"
        )
    return _skipped(fake, event_type, last)


def _skipped(fake: FakeSES, event_type: EventType, event: EventRecord) -> str:
    """Every destination passed the event by: say so from the set as it is, or as it was if it changed."""
    set_name, happened = event.configuration_set, f"when the {event.event_type} event happened"
    at_the_time = "; ".join(f"{s.destination}: {s.reason}" for s in event.skipped)
    config_set = fake.find_configuration_set(set_name or "", event.message_id)
    if config_set is None:
        had = f"its destinations skipped it ({at_the_time})" if at_the_time else "it had no event destinations"
        return f"configuration set '{set_name}' has been deleted; {happened}, {had}"
    if not config_set.destinations and not event.skipped:
        return f"configuration set '{set_name}' has no event destinations"
    not_for_rules = {s.destination for s in event.skipped if not _rule_skip(s.reason)}
    changed = [
        d.name
        for d in config_set.destinations.values()
        if d.enabled and d.matches(event_type) and d.name not in not_for_rules
    ]
    if changed or not_for_rules or not config_set.destinations:
        took = (
            f"no destination of '{set_name}' took it ({at_the_time})"
            if at_the_time
            else f"configuration set '{set_name}' had no event destinations"
        )
        since = "; destinations added or changed later do not receive past events" if changed else ""
        return f"{happened}, {took}{since}"
    described = "; ".join(
        f"{d.name}{'' if d.enabled else ' (disabled)'}: {', '.join(t.value for t in d.matching) or 'no events'}"
        for d in config_set.destinations.values()
    )
    return f"no enabled destination of '{set_name}' matches {event_type.value} (destinations: {described})"


def _rule_skip(reason: str) -> bool:
    """Skipped for being disabled or not matching: reasons the set's current state can also tell."""
    return reason == "destination is disabled" or reason.startswith("does not match")
