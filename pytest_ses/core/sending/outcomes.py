"""What happens to a recipient after SES accepts a message: the mailbox simulator and programmed outcomes."""

from __future__ import annotations

from dataclasses import dataclass

SIMULATOR_DOMAIN = "simulator.amazonses.com"


@dataclass(frozen=True)
class Deliver:
    """Accepted by the recipient's mail server."""

    smtp_response: str = "250 2.6.0 Message received"


@dataclass(frozen=True)
class Bounce:
    """A bounce; ``bounce_type``/``bounce_subtype`` use the record's spellings (``Permanent``/``General``)."""

    bounce_type: str = "Permanent"
    bounce_subtype: str = "General"
    status: str = "5.1.1"
    diagnostic_code: str = "smtp; 550 5.1.1 user unknown"
    action: str = "failed"


@dataclass(frozen=True)
class Complaint:
    """Delivered, then marked as spam by the recipient."""

    feedback_type: str | None = "abuse"
    user_agent: str = "Mozilla/5.0 (compatible; pytest-ses feedback loop)"
    complaint_subtype: str | None = None


@dataclass(frozen=True)
class Delay:
    """A temporary failure (``DeliveryDelay``) followed by ``then`` (a delivery or a bounce)."""

    delay_type: str = "TransientCommunicationFailure"
    status: str = "4.4.1"
    diagnostic_code: str = "smtp; 421 4.4.1 Unable to connect to remote host"
    then: Deliver | Bounce = Deliver()


@dataclass(frozen=True)
class Reject:
    """SES found a virus: accepted by the API, never delivered."""

    reason: str = "Bad content"


@dataclass(frozen=True)
class AutoReply:
    """Delivered; the recipient's server sends an out-of-office reply to the Return-Path."""


Outcome = Deliver | Bounce | Complaint | Delay | Reject | AutoReply

BOUNCE_TYPES = {
    "Undetermined": ("Undetermined",),
    "Permanent": ("General", "NoEmail", "Suppressed", "OnAccountSuppressionList"),
    "Transient": ("General", "MailboxFull", "MessageTooLarge", "ContentRejected", "AttachmentRejected"),
}
DELAY_TYPES = (
    "InternalFailure",
    "General",
    "MailboxFull",
    "SpamDetected",
    "RecipientServerError",
    "IPFailure",
    "TransientCommunicationFailure",
    "BYOIPHostNameLookupUnavailable",
    "Undetermined",
    "SendingDeferral",
)
FEEDBACK_TYPES = ("abuse", "auth-failure", "fraud", "not-spam", "other", "virus")

_SIMULATOR: dict[str, Outcome] = {
    "success": Deliver(),
    "bounce": Bounce(),
    "ooto": AutoReply(),
    "complaint": Complaint(),
    "suppressionlist": Bounce(
        bounce_subtype="Suppressed",
        status="5.1.1",
        diagnostic_code="Amazon SES has suppressed sending to this address because it has a recent history "
        "of bouncing as an invalid address.",
    ),
}


def simulator_outcome(address: str) -> Outcome | None:
    """The simulator's outcome for ``local[+label]@simulator.amazonses.com``, else ``None``."""
    local, _, domain = address.rpartition("@")
    if domain.lower() != SIMULATOR_DOMAIN:
        return None
    return _SIMULATOR.get(local.split("+", 1)[0].lower())


def is_simulator(address: str) -> bool:
    return address.rpartition("@")[2].lower() == SIMULATOR_DOMAIN
