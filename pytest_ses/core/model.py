"""The state one AWS account holds in one Region: configuration sets and what they refer to.

These objects are the live, mutable state behind the API (guarded by the store's lock). What tests
read — messages, events, rule decisions — are frozen records elsewhere.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from .eventtypes import EventType

DEFAULT_DEDICATED_POOL = "ses-default-dedicated-pool"
SHARED_POOL = "ses-shared-pool"
RESERVED_POOLS = (DEFAULT_DEDICATED_POOL, SHARED_POOL)
DEFAULT_DEDICATED_IPS = ("198.51.100.10", "198.51.100.11", "198.51.100.12")
SHARED_POOL_IPS = ("192.0.2.20", "192.0.2.21", "192.0.2.22", "192.0.2.23")

DESTINATION_KINDS = ("sns", "firehose", "cloudwatch", "eventbridge", "pinpoint")


@dataclass(frozen=True)
class Dimension:
    """A CloudWatch dimension of an event destination; ``source`` in v2 spelling (``MESSAGE_TAG``...)."""

    name: str
    source: str
    default: str


@dataclass
class EventDestination:
    """Where a set publishes which events.  Exactly one kind; ``target`` is its ARN (empty for CloudWatch)."""

    name: str
    enabled: bool
    matching: tuple[EventType, ...]
    kind: str
    target: str = ""
    iam_role_arn: str = ""
    dimensions: tuple[Dimension, ...] = ()

    def matches(self, event_type: EventType) -> bool:
        return event_type in self.matching


@dataclass
class TrackingOptions:
    custom_redirect_domain: str
    https_policy: str | None = None


@dataclass
class SuppressionOverride:
    """A set's own suppression settings; an empty ``reasons`` tuple means suppression is off for the set."""

    reasons: tuple[str, ...]
    scope: str | None = None
    validation: dict[str, Any] | None = None


@dataclass
class ConfigurationSet:
    """A configuration set with every option group both APIs expose."""

    name: str
    created: _dt.datetime
    tls_policy: str = "OPTIONAL"
    sending_pool_name: str | None = None
    max_delivery_seconds: int | None = None
    shared_pool_delivery_mode: str | None = None
    delivery_options_set: bool = False
    reputation_metrics_enabled: bool = False
    last_fresh_start: _dt.datetime | None = None
    sending_enabled: bool = True
    suppression: SuppressionOverride | None = None
    tracking: TrackingOptions | None = None
    vdm_options: dict[str, Any] | None = None
    archive_arn: str | None = None
    message_security: dict[str, Any] | None = None
    tags: dict[str, str] = field(default_factory=dict)
    destinations: dict[str, EventDestination] = field(default_factory=dict)

    def set_sending_enabled(self, enabled: bool, now: _dt.datetime) -> None:
        """Re-enabling a paused set is a fresh start: AWS stamps ``LastFreshStart``."""
        if enabled and not self.sending_enabled:
            self.last_fresh_start = now
        self.sending_enabled = enabled


@dataclass
class DedicatedIpPool:
    name: str
    scaling_mode: str = "STANDARD"
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class DedicatedIp:
    ip: str
    pool_name: str = DEFAULT_DEDICATED_POOL
    warmup_percentage: int = 100

    @property
    def warmup_status(self) -> str:
        return "DONE" if self.warmup_percentage >= 100 else "IN_PROGRESS"


@dataclass
class SuppressedDestination:
    email: str
    reason: str
    last_update: _dt.datetime
    message_id: str | None = None
    feedback_id: str | None = None


@dataclass
class AccountSettings:
    """Account-wide switches; suppression on for both reasons is the default since 2019-11-25."""

    sending_enabled: bool = True
    suppressed_reasons: tuple[str, ...] = ("BOUNCE", "COMPLAINT")
    suppression_validation: dict[str, Any] | None = None
    dedicated_ip_auto_warmup: bool = False
    production_access: bool = True


@dataclass
class Template:
    """An email template, shared by the v1 (``Template``) and v2 (``EmailTemplate``) APIs."""

    name: str
    subject: str | None
    text: str | None
    html: str | None
    created: _dt.datetime
    tags: dict[str, str] = field(default_factory=dict)
