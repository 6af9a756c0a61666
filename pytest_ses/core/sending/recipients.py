"""What happens at each recipient: account suppression, programmed outcomes, the simulator, or delivery.

After a hard bounce or a complaint SES adds the address to the account's suppression list when the
effective reasons include it (simulator addresses never are); that is done here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import SuppressedDestination
from ..records import RuleDecision
from . import mime
from .outcomes import Bounce, Complaint, Delay, Deliver, Outcome, is_simulator, simulator_outcome
from .plan import Plan

if TYPE_CHECKING:
    from ..api.context import OpContext

SUPPRESSED = Bounce("Permanent", "OnAccountSuppressionList", "", "", "")


def effective_reasons(ctx: OpContext, decided: Plan) -> tuple[str, ...]:
    """The set's own suppression reasons when it overrides the account's, else the account's."""
    config_set = decided.config_set
    if config_set is not None and config_set.suppression is not None:
        return config_set.suppression.reasons
    return ctx.store.account.suppressed_reasons


def decide_outcomes(
    ctx: OpContext, decided: Plan, recipients: tuple[str, ...], rules: list[RuleDecision]
) -> dict[str, Outcome]:
    reasons = effective_reasons(ctx, decided)
    overriding = decided.config_set is not None and decided.config_set.suppression is not None
    scope = f"configuration set {decided.config_set.name}" if overriding and decided.config_set else "account"
    rules.append(
        RuleDecision(
            "suppression",
            ",".join(reasons) if reasons else "off",
            f"suppression reasons of the {scope}" if reasons else f"suppression is off for the {scope}",
        )
    )
    outcomes: dict[str, Outcome] = {}
    for recipient in recipients:
        address = mime.bare_address(recipient)
        entry = ctx.store.suppressed.get(address.lower())
        if entry is not None and entry.reason in reasons and not is_simulator(address):
            outcomes[recipient] = SUPPRESSED
            rules.append(
                RuleDecision(
                    "outcome", "suppressed", f"{address} is on the account suppression list ({entry.reason})"
                )
            )
            continue
        programmed = ctx.session.programmed(address)
        simulated = simulator_outcome(address)
        if programmed is not None:
            outcome: Outcome = programmed
            why = "programmed for this address"
        elif simulated is not None:
            outcome, why = simulated, "mailbox simulator"
        else:
            outcome, why = Deliver(), "no outcome programmed: delivered"
        outcomes[recipient] = outcome
        rules.append(RuleDecision("outcome", describe(outcome), f"{address}: {why}"))
    return outcomes


def describe(outcome: Outcome) -> str:
    if isinstance(outcome, Bounce):
        return f"bounce {outcome.bounce_type}/{outcome.bounce_subtype}"
    return type(outcome).__name__.lower().replace("autoreply", "auto-reply")


def suppression_reason(address: str, outcome: Outcome, reasons: tuple[str, ...]) -> str | None:
    """The reason SES adds an address to the account list after this outcome, if it does."""
    if is_simulator(address):
        return None
    if isinstance(outcome, Delay):
        outcome = outcome.then  # a delay that ends in a hard bounce is a hard bounce
    if isinstance(outcome, Bounce) and outcome.bounce_type == "Permanent" and "BOUNCE" in reasons:
        return "BOUNCE"
    if isinstance(outcome, Complaint) and "COMPLAINT" in reasons:
        return "COMPLAINT"
    return None


def suppress(ctx: OpContext, address: str, reason: str, message_id: str, feedback_id: str) -> None:
    """Add the address to the account list with the message and feedback that caused it (kept if present)."""
    entry = SuppressedDestination(address, reason, ctx.now, message_id=message_id, feedback_id=feedback_id)
    with ctx.store.lock:
        ctx.store.suppressed.setdefault(address.lower(), entry)
