"""Turn ``ses.outcome(recipient, "bounce", bounce_type=...)`` and marker entries into validated outcomes.

Each outcome name has a keyword-only signature; a mistyped keyword or an unknown value is a ``UsageError``
that names it and lists what is accepted.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from .core.sending.outcomes import (
    BOUNCE_TYPES,
    DELAY_TYPES,
    FEEDBACK_TYPES,
    AutoReply,
    Bounce,
    Complaint,
    Delay,
    Deliver,
    Outcome,
    Reject,
)
from .errors import UsageError
from .matching import did_you_mean


def _choice(what: str, value: Any, allowed: tuple[str, ...] | list[str]) -> None:
    if value not in allowed:
        hint = did_you_mean(value, allowed)
        raise UsageError(f"{what} must be one of {', '.join(allowed)}; got {value!r}{hint}")


def deliver(*, smtp_response: str = "250 2.6.0 Message received") -> Deliver:
    return Deliver(smtp_response)


def bounce(
    *,
    bounce_type: str = "Permanent",
    bounce_subtype: str = "General",
    status: str | None = None,
    diagnostic_code: str | None = None,
    action: str = "failed",
) -> Bounce:
    _choice("bounce_type", bounce_type, list(BOUNCE_TYPES))
    allowed = BOUNCE_TYPES[bounce_type]
    if bounce_subtype not in allowed:
        owner = next((kind for kind, subtypes in BOUNCE_TYPES.items() if bounce_subtype in subtypes), None)
        hint = f" ({bounce_subtype} is a {owner} subtype: pass bounce_type={owner!r})" if owner else ""
        hint = hint or did_you_mean(bounce_subtype, allowed)
        raise UsageError(
            f"bounce_subtype of {'an' if bounce_type[0] in 'AEIOU' else 'a'} {bounce_type} bounce must be one of "
            f"{', '.join(allowed)}; "
            f"got {bounce_subtype!r}{hint}"
        )
    permanent = bounce_type == "Permanent"
    status = status or ("5.1.1" if permanent else "4.0.0")
    default_code = "smtp; 550 5.1.1 user unknown" if permanent else f"smtp; 452 {status} temporary failure"
    return Bounce(bounce_type, bounce_subtype, status, diagnostic_code or default_code, action)


def complaint(
    *,
    feedback_type: str | None = "abuse",
    user_agent: str = "Mozilla/5.0 (compatible; pytest-ses feedback loop)",
    complaint_subtype: str | None = None,
) -> Complaint:
    if feedback_type is not None:
        _choice("feedback_type", feedback_type, FEEDBACK_TYPES)
    if complaint_subtype is not None:
        _choice("complaint_subtype", complaint_subtype, ("OnAccountSuppressionList",))
    return Complaint(feedback_type, user_agent, complaint_subtype)


def delay(
    *,
    delay_type: str = "TransientCommunicationFailure",
    status: str = "4.4.1",
    diagnostic_code: str = "smtp; 421 4.4.1 Unable to connect to remote host",
    then: str = "deliver",
    bounce_type: str = "Transient",
    bounce_subtype: str = "General",
) -> Delay:
    _choice("delay_type", delay_type, DELAY_TYPES)
    _choice("then", then, ("deliver", "bounce"))
    final: Deliver | Bounce = (
        Deliver() if then == "deliver" else bounce(bounce_type=bounce_type, bounce_subtype=bounce_subtype)
    )
    return Delay(delay_type, status, diagnostic_code, final)


def reject(*, reason: str = "Bad content") -> Reject:
    return Reject(reason)


def auto_reply() -> AutoReply:
    return AutoReply()


FACTORIES: dict[str, Callable[..., Outcome]] = {
    "deliver": deliver,
    "bounce": bounce,
    "complaint": complaint,
    "delay": delay,
    "reject": reject,
    "auto-reply": auto_reply,
}


def build(name: str, **details: Any) -> Outcome:
    """The outcome called ``name`` with ``details``, validated against its signature."""
    __tracebackhide__ = True
    factory = FACTORIES.get(name)
    if factory is None:
        hint = did_you_mean(name, FACTORIES)
        raise UsageError(f"unknown outcome {name!r}{hint}; use one of: {', '.join(FACTORIES)}")
    signature = inspect.signature(factory)
    try:
        signature.bind(**details)
    except TypeError:
        unknown = sorted(set(details) - set(signature.parameters))
        accepted = ", ".join(signature.parameters) or "no keywords"
        hint = did_you_mean(unknown[0], signature.parameters) if len(unknown) == 1 else ""
        keywords = f"keyword{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}"
        raise UsageError(f"outcome {name!r} got unexpected {keywords}{hint}; accepted: {accepted}") from None
    return factory(**details)


def from_spec(spec: Any) -> Outcome:
    """A marker entry: ``"complaint"``, ``("bounce", {"bounce_type": ...})`` or ``{"outcome": ..., ...}``."""
    __tracebackhide__ = True
    if isinstance(spec, str):
        return build(spec)
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str) and isinstance(spec[1], Mapping):
        return build(spec[0], **spec[1])
    if isinstance(spec, Mapping) and isinstance(spec.get("outcome"), str):
        details = {k: v for k, v in spec.items() if k != "outcome"}
        return build(spec["outcome"], **details)
    raise UsageError(f"an outcome is a name, a (name, details) pair or a dict with an 'outcome' key; got {spec!r}")
