"""Open, Click and Subscription events, triggered by the test on a message the fake already delivered.

SES only sees engagement it tracks: opens and clicks of HTML mail sent through a configuration set with an
enabled destination for OPEN (or CLICK) events; subscription changes of delivered mail.  Asking for
engagement SES could not have seen is a mistake in the test, reported as a ``UsageError``.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import TYPE_CHECKING, Any

from ...errors import UsageError
from ..eventtypes import EventType
from ..records import EventRecord, MessageRecord
from . import events
from .publishing import DimensionContext, publish

if TYPE_CHECKING:
    from ..api.context import OpContext

DEFAULT_IP = "192.0.2.1"
DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
)


def _delivered_mail(
    message: MessageRecord, recipient: str | None, action: str, keep_source_arn: bool = False
) -> tuple[dict[str, Any], str]:
    """The ``mail`` object SES reports for engagement, and the recipient it concerns."""
    if not message.accepted or message.message_id is None:
        raise UsageError(f"the message was rejected ({message.error_code}): nobody can {action} it")
    deliveries = [e for e in message.events if e.type is EventType.DELIVERY]
    delivered = [r for e in deliveries for r in e.recipients]
    if not delivered:
        raise UsageError(f"message {message.message_id} was not delivered to anyone, so nobody can {action} it")
    if recipient is None:
        recipient = delivered[0]
    elif recipient.lower() not in {r.lower() for r in delivered}:
        raise UsageError(
            f"message {message.message_id} was not delivered to {recipient} (delivered to: {', '.join(delivered)})"
        )
    mail: dict[str, Any] = deliveries[0].record["mail"]
    if not keep_source_arn:
        mail.pop("sourceArn", None)
    mail["tags"].pop("ses:outgoing-ip", None)
    return mail, recipient


def _tracked(ctx: OpContext, message: MessageRecord, event_type: EventType, needs_html: bool) -> None:
    if needs_html and not message.html:
        raise UsageError(
            f"message {message.message_id} has no HTML part: SES tracks opens and clicks only in HTML mail"
        )
    name = message.configuration_set
    config_set = ctx.store.sets.get(name) if name else None
    if config_set is None:
        why = (
            f"its configuration set '{name}' no longer exists"
            if name
            else "it was sent without a configuration set"
        )
        raise UsageError(
            f"message {message.message_id}: {why}, so SES does not track {event_type.value} events for it"
        )
    # A snapshot first: another thread may change the set's destinations while this one looks at them.
    if not any(d.enabled and d.matches(event_type) for d in tuple(config_set.destinations.values())):
        raise UsageError(
            f"configuration set '{name}' has no enabled destination for {event_type.value} events, "
            "so SES does not track them"
        )


def _emit(
    ctx: OpContext,
    message: MessageRecord,
    event_type: EventType,
    record: dict[str, Any],
    recipient: str,
    at: _dt.datetime,
    link_tags: dict[str, list[str]] | None = None,
) -> EventRecord:
    record_json = json.dumps(record)
    mail = record["mail"]
    headers = [(h["name"], h["value"]) for h in mail.get("headers", [])]
    context = DimensionContext(mail.get("tags", {}), headers, link_tags=link_tags, timestamp=at)
    set_name = message.configuration_set
    config_set = ctx.store.sets.get(set_name) if set_name else None
    published, skipped = publish(
        ctx.world, config_set, event_type, record_json, context, ctx.store.set_arn(set_name or "")
    )
    event = EventRecord(
        event_type, message.message_id or "", set_name, (recipient,), record_json, at, published, skipped
    )
    ctx.session.recorder.add_events((event,))
    return event


def open_message(
    ctx: OpContext, message: MessageRecord, recipient: str | None, ip: str, user_agent: str
) -> EventRecord:
    _tracked(ctx, message, EventType.OPEN, needs_html=True)
    mail, recipient = _delivered_mail(message, recipient, "open")
    at = ctx.now
    return _emit(ctx, message, EventType.OPEN, events.open_(mail, at, ip, user_agent), recipient, at)


def click_link(
    ctx: OpContext,
    message: MessageRecord,
    link: str,
    recipient: str | None,
    ip: str,
    user_agent: str,
    link_tags: dict[str, list[str]],
) -> EventRecord:
    _tracked(ctx, message, EventType.CLICK, needs_html=True)
    mail, recipient = _delivered_mail(message, recipient, "click")
    at = ctx.now
    record = events.click(mail, at, ip, user_agent, link, link_tags)
    return _emit(ctx, message, EventType.CLICK, record, recipient, at, link_tags)


def unsubscribe(
    ctx: OpContext,
    message: MessageRecord,
    recipient: str | None,
    contact_list: str,
    topics: dict[str, str],
    unsubscribe_all: bool,
    source: str,
) -> EventRecord:
    """A recipient changed their preferences (List-Unsubscribe header or the subscription page)."""
    _tracked(ctx, message, EventType.SUBSCRIPTION, needs_html=False)
    mail, recipient = _delivered_mail(message, recipient, "unsubscribe from", keep_source_arn=True)
    known = ctx.world.contact_preferences(contact_list, recipient)
    if known is None:  # no such contact list: the topics named were all opted in
        was_all, was = False, dict.fromkeys(topics, "OptIn")
    else:  # every topic of the list, as the contact had them, then the change recorded on the contact
        was_all, was = known[0], {name: _event_status(status) for name, status in known[1].items()}
        api_statuses = {name: _api_status(status) for name, status in topics.items()}
        ctx.world.set_contact_preferences(contact_list, recipient, unsubscribe_all, api_statuses)
    old = {"unsubscribeAll": was_all, "topicSubscriptionStatus": _statuses(was)}
    now = {**was, **{name: _event_status(status) for name, status in topics.items()}}
    new = {"unsubscribeAll": unsubscribe_all, "topicSubscriptionStatus": _statuses(now)}
    at = ctx.now
    record = events.subscription(mail, at, contact_list, source, new, old)
    return _emit(ctx, message, EventType.SUBSCRIPTION, record, recipient, at)


# The API spells topic statuses OPT_IN/OPT_OUT; Subscription event records spell them OptIn/OptOut.
_EVENT_STATUSES = {"OPT_IN": "OptIn", "OPT_OUT": "OptOut"}


def _event_status(status: str) -> str:
    return _EVENT_STATUSES.get(status, status)


def _api_status(status: str) -> str:
    return {event: api for api, event in _EVENT_STATUSES.items()}.get(status, status)


def _statuses(topics: dict[str, str]) -> list[dict[str, str]]:
    return [{"topicName": name, "subscriptionStatus": status} for name, status in topics.items()]
