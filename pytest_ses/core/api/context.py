"""What an operation handler gets to work with."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..clock import utcnow
from ..session import Session
from ..store import Store

Params = Mapping[str, Any]
Response = dict[str, Any]


class World(Protocol):
    """The rest of the fake AWS account, as far as SES needs to look at it."""

    def sns_topic_exists(self, topic_arn: str) -> bool:
        """Whether an SNS topic with this ARN exists (checked when a destination is created)."""

    def identity_exists(self, identity: str) -> bool:
        """Whether this email address or domain is an identity of the account."""

    def verified_identity(self, address: str) -> str | None:
        """The verified identity (the address itself or its domain) that may send from ``address``."""

    def deliver(self, kind: str, target: str, payload: str, headline: str) -> tuple[bool, str]:
        """Hand a published event to a destination service; returns (delivered, detail)."""

    def store_sent(self, sent: Mapping[str, Any]) -> None:
        """Keep an accepted message where the underlying implementation keeps sent mail."""

    def notification_topic(self, identity: str, notification_type: str) -> str | None:
        """The SNS topic an identity's Bounce/Complaint/Delivery notifications go to, if set."""

    def contact_preferences(self, contact_list: str, address: str) -> tuple[bool, dict[str, str]] | None:
        """What a v2 contact list holds for the address: whether it unsubscribed from everything, and each
        topic of the list with its status (``OPT_IN``/``OPT_OUT``: the contact's own, else the topic's
        default).  ``None`` when the account has no such contact list."""

    def set_contact_preferences(
        self, contact_list: str, address: str, unsubscribe_all: bool, topics: Mapping[str, str]
    ) -> None:
        """Record a subscription change on the address's contact, if the list has one."""


@dataclass(frozen=True)
class OpContext:
    """One request: the account/Region store, the world around it, and the underlying implementation.

    ``underlying`` runs the request against moto's own handler, for operations the fake only extends
    (for example ``GetEmailIdentity``, to which it adds the default configuration set).
    """

    store: Store
    world: World
    underlying: Callable[[], Response]
    session: Session

    @property
    def now(self) -> _dt.datetime:
        return utcnow()


Handler = Callable[[OpContext, Params], Response]
