"""The send pipeline: plan the send, then generate, publish and record every event it leads to."""

from __future__ import annotations

import datetime as _dt
import json
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any

from ..eventtypes import EventType
from ..records import EventRecord, MessageRecord, Publication, RuleDecision
from . import events, mime
from . import tags as tag_rules
from .notifications import notify
from .outcomes import AutoReply, Bounce, Complaint, Delay, Deliver, Outcome, Reject
from .plan import Plan, Rejected, plan
from .publishing import DimensionContext, publish
from .recipients import decide_outcomes, effective_reasons, suppress, suppression_reason
from .request import SendRequest

if TYPE_CHECKING:
    from ..api.context import OpContext


def send(ctx: OpContext, request: SendRequest) -> str:
    """Run one message through SES; returns its message id or raises the ``AwsError`` SES would return."""
    now = ctx.now
    sender = mime.bare_address(request.source)
    # A raw message (SendRawEmail, SMTP) is also checked on its From header (DG troubleshoot-error-messages).
    from_header = mime.header_value(request.raw_headers, "From") if request.raw else None
    unverified_from = tuple(
        address
        for address in mime.addresses(from_header)
        if address.lower() != sender.lower() and ctx.world.verified_identity(address) is None
    )
    try:
        with ctx.store.lock:
            decided = plan(ctx.store, request, ctx.world.verified_identity(sender), unverified_from)
    except Rejected as rejected:
        _record_rejection(ctx, request, now, rejected)
        raise rejected.error from None
    message_id = ctx.session.ids.message_id(now)
    builder = _EventBuilder(ctx, request, decided, message_id, now)
    record = builder.run()
    ctx.world.store_sent(
        {
            "message_id": message_id,
            "operation": request.operation,
            "source": request.source,
            "destinations": list(request.recipients),
            "to": list(request.to),
            "cc": list(request.cc),
            "bcc": list(request.bcc),
            "subject": builder.subject,
            "body": request.html if request.html is not None else request.text,
            "raw": request.raw,
            "raw_headers": request.raw_headers,
            "template": request.template_name,
            "template_data": request.template_data,
        }
    )
    ctx.session.recorder.add_message(record)
    return message_id


def _record_rejection(ctx: OpContext, request: SendRequest, now: _dt.datetime, rejected: Rejected) -> None:
    ctx.session.recorder.add_message(
        MessageRecord(
            message_id=None,
            operation=request.operation,
            api_version=request.api,
            source=request.source,
            destinations=request.recipients,
            subject=request.subject,
            timestamp=now,
            region=ctx.store.region,
            account_id=ctx.store.account_id,
            accepted=False,
            configuration_set=rejected.set_name,
            configuration_set_source=rejected.set_source,
            rules=tuple(rejected.rules),
            error_code=rejected.error.code,
            error_message=rejected.error.message,
            raw=request.raw,
            template=request.template_name,
            template_data=request.template_data,
        )
    )


class _EventBuilder:
    """Turns an accepted plan into events: Send (or Reject), then what happens at each recipient."""

    def __init__(self, ctx: OpContext, request: SendRequest, decided: Plan, message_id: str, now: _dt.datetime):
        self.ctx = ctx
        self.request = request
        self.plan = decided
        self.message_id = message_id
        self.now = now
        self.rules: list[RuleDecision] = list(decided.rules)
        self.events: list[EventRecord] = []
        self.notifications: list[Publication] = []
        self.outgoing_ip = decided.outgoing_ip(message_id)
        self.rules.append(
            RuleDecision(
                "outgoing-ip",
                self.outgoing_ip,
                f"chosen among {len(decided.pool_ips)} addresses of {decided.pool}",
            )
        )
        self.subject = request.subject if request.raw is None else mime.header_value(decided.headers, "Subject")
        self.step = _dt.timedelta(milliseconds=ctx.session.delivery_millis)
        self.auto_tags = self._auto_tags()

    # --- mail objects ------------------------------------------------------------------------------
    def _auto_tags(self) -> list[tuple[str, str]]:
        auto = [("ses:operation", self.request.operation)]
        if self.plan.config_set is not None:
            auto.append(("ses:configuration-set", self.plan.config_set.name))
        auto.append(("ses:source-ip", self.ctx.session.source_ip))
        from_header = mime.header_value(self.plan.headers, "From")
        if from_header:
            domain = mime.bare_address(from_header).rpartition("@")[2]
            if domain:
                auto.append(("ses:from-domain", domain))
        auto.append(("ses:caller-identity", self.ctx.session.caller_identity))
        return auto

    def _mail(self, headers: list[mime.Header]) -> events.Mail:
        return events.Mail(
            timestamp=self.now,
            source=self.request.source,
            source_arn=self.ctx.store.identity_arn(self.plan.identity),
            account_id=self.ctx.store.account_id,
            message_id=self.message_id,
            destination=self.request.recipients,
            headers=tuple(headers),
            common_headers=mime.common_headers(headers, self.message_id),
            tags=tag_rules.as_record(self.auto_tags + self.plan.tags),
            headers_truncated=mime.headers_truncated(headers),
        )

    def _emit(
        self, event_type: EventType, record: dict[str, Any], recipients: list[str], at: _dt.datetime
    ) -> None:
        record_json = json.dumps(record)
        mail = record.get("mail", {})
        context = DimensionContext(mail.get("tags", {}), self.plan.headers, timestamp=at)
        set_name = self.plan.config_set.name if self.plan.config_set else None
        published, skipped = publish(
            self.ctx.world,
            self.plan.config_set,
            event_type,
            record_json,
            context,
            self.ctx.store.set_arn(set_name or ""),
        )
        self.events.append(
            EventRecord(
                event_type, self.message_id, set_name, tuple(recipients), record_json, at, published, skipped
            )
        )
        header_types = frozenset(self.ctx.store.notification_headers.get(self.plan.identity, ()))
        session = self.ctx.session
        sent = notify(
            self.ctx.world,
            self.plan.identity,
            event_type,
            record,
            session.source_ip,
            session.caller_identity,
            header_types,
            self.outgoing_ip,
        )
        if sent is not None:
            self.notifications.append(sent)

    # --- the run -------------------------------------------------------------------------------------
    def run(self) -> MessageRecord:
        mail = self._mail(self.plan.headers)
        outcomes = decide_outcomes(self.ctx, self.plan, self.request.recipients, self.rules)
        rejected = next((o for o in outcomes.values() if isinstance(o, Reject)), None)
        if rejected is not None:
            self.rules.append(RuleDecision("content", "rejected", f"{rejected.reason}: SES does not deliver it"))
            self._emit(EventType.REJECT, events.reject(mail.full(), rejected.reason), [], self.now)
            return self._record()
        templated = self.request.templated
        self._emit(EventType.SEND, events.send(mail.full(with_source_arn=not templated)), [], self.now)
        if templated:
            rendered_mail = self._render(mail)
            if rendered_mail is None:
                return self._record()
            mail = rendered_mail
        self._deliver(mail, outcomes)
        return self._record()

    def _render(self, mail: events.Mail) -> events.Mail | None:
        from .templates import RenderingError, render  # the renderer is only needed by templated sends

        template = self.plan.template
        assert template is not None
        try:
            data = json.loads(self.request.template_data or "{}")
            rendered = render(template, data if isinstance(data, dict) else {})
        except (RenderingError, ValueError, RecursionError) as error:
            deep = isinstance(error, RecursionError)
            message = "Template rendering data is nested too deeply." if deep else str(error)
            self.rules.append(RuleDecision("template", "rendering failed", message))
            at = self.now + self.step
            self._emit(
                EventType.RENDERING_FAILURE,
                events.rendering_failure(mail.reduced(), template.name, message),
                [],
                at,
            )
            return None
        self.subject = rendered.subject
        self.rules.append(RuleDecision("template", "rendered", f"template {template.name}"))
        headers = [h for h in self.plan.headers if h[0] != "MIME-Version"]
        headers += [
            ("Date", format_datetime(self.now)),
            ("Subject", rendered.subject or ""),
            ("MIME-Version", "1.0"),
        ]
        if rendered.text is not None and rendered.html is not None:
            headers.append(
                ("Content-Type", 'multipart/alternative;  boundary="----=_Part_0_1234567890.1700000000000"')
            )
        else:
            kind = "html" if rendered.html is not None else "plain"
            headers += [("Content-Type", f"text/{kind}; charset=UTF-8"), ("Content-Transfer-Encoding", "7bit")]
        return self._mail(headers)

    def _deliver(self, mail: events.Mail, outcomes: dict[str, Outcome]) -> None:
        mta = self._mta()
        full = mail.full()
        with_ip = mail.full(extra_tags={"ses:outgoing-ip": [self.outgoing_ip]})
        first = self.now + self.step
        second = first + self.step
        delivered = [r for r, o in outcomes.items() if isinstance(o, Deliver | AutoReply | Complaint)]
        delivered += [r for r, o in outcomes.items() if isinstance(o, Delay) and isinstance(o.then, Deliver)]
        for outcome, group in _grouped(outcomes, Delay):
            assert isinstance(outcome, Delay)
            expires = self.now + _dt.timedelta(seconds=self._max_delivery_seconds())
            record = events.delivery_delay(mail.reduced(), group, first, expires, outcome, self.outgoing_ip)
            self._emit(EventType.DELIVERY_DELAY, record, group, first)
        if delivered:
            when = second if any(isinstance(outcomes[r], Delay) for r in delivered) else first
            millis = int((when - self.now).total_seconds() * 1000)
            record = events.delivery(with_ip, delivered, when, millis, Deliver(), mta)
            self._emit(EventType.DELIVERY, record, delivered, when)
        delayed_bounces = {r: o.then for r, o in outcomes.items() if isinstance(o, Delay)}
        bounces = {r: o for r, o in outcomes.items() if isinstance(o, Bounce)}
        for group_outcomes, when in ((bounces, first), (delayed_bounces, second)):
            for outcome, group in _grouped(group_outcomes, Bounce):
                feedback = self.ctx.session.ids.feedback_id(when)
                self._emit(EventType.BOUNCE, events.bounce(full, group, when, outcome, feedback, mta), group, when)
                self._suppress(group, outcomes, feedback)
        for outcome, group in _grouped(outcomes, Complaint):
            feedback = self.ctx.session.ids.feedback_id(second)
            self._emit(
                EventType.COMPLAINT, events.complaint(full, group, second, outcome, feedback), group, second
            )
            self._suppress(group, outcomes, feedback)

    def _suppress(self, group: list[str], outcomes: dict[str, Outcome], feedback_id: str) -> None:
        """After a hard bounce or a complaint SES adds the address to the account's suppression list."""
        reasons = effective_reasons(self.ctx, self.plan)
        for recipient in group:
            address = mime.bare_address(recipient)
            reason = suppression_reason(address, outcomes[recipient], reasons)
            if reason is not None:
                suppress(self.ctx, address, reason, self.message_id, feedback_id)

    def _max_delivery_seconds(self) -> int:
        config_set = self.plan.config_set
        if config_set is not None and config_set.max_delivery_seconds:
            return config_set.max_delivery_seconds
        return 14 * 3600

    def _mta(self) -> str:
        parts = self.outgoing_ip.split(".")
        return f"a{parts[-2]}-{parts[-1]}.smtp-out.{self.ctx.store.region}.amazonses.com"

    def _record(self) -> MessageRecord:
        return MessageRecord(
            message_id=self.message_id,
            operation=self.request.operation,
            api_version=self.request.api,
            source=self.request.source,
            destinations=self.request.recipients,
            subject=self.subject,
            timestamp=self.now,
            region=self.ctx.store.region,
            account_id=self.ctx.store.account_id,
            accepted=True,
            configuration_set=self.plan.config_set.name if self.plan.config_set else None,
            configuration_set_source=self.plan.set_source,
            tags=tuple(self.plan.tags),
            auto_tags=tuple(self.auto_tags),
            rules=tuple(self.rules),
            events=tuple(self.events),
            raw=self.request.raw,
            template=self.request.template_name,
            template_data=self.request.template_data,
            sending_pool=self.plan.pool,
            outgoing_ip=self.outgoing_ip,
            html=self._has_html(),
            notifications=tuple(self.notifications),
        )

    def _has_html(self) -> bool:
        if self.request.raw is not None:
            return mime.raw_body_text(self.request.raw)[1] is not None
        template = self.plan.template
        return self.request.html is not None or (template is not None and template.html is not None)


def _grouped(outcomes: dict[str, Any], kind: type) -> list[tuple[Any, list[str]]]:
    """Recipients with the same outcome share one event, as SES combines them."""
    groups: dict[Any, list[str]] = {}
    for recipient, outcome in outcomes.items():
        if isinstance(outcome, kind):
            groups.setdefault(outcome, []).append(recipient)
    return list(groups.items())
