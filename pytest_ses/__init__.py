"""pytest-ses: Amazon SES configuration sets, event publishing and dedicated IP pools, faked in-process."""

from ._version import __version__
from .assertions import assert_event_published, assert_no_event_published, assert_not_sent, assert_sent
from .core.eventtypes import EventType
from .core.records import EventRecord, MessageRecord, Publication, RuleDecision, Skip
from .errors import AwsError, UsageError
from .fake import FakeSES

__all__ = [
    "AwsError",
    "EventRecord",
    "EventType",
    "FakeSES",
    "MessageRecord",
    "Publication",
    "RuleDecision",
    "Skip",
    "UsageError",
    "__version__",
    "assert_event_published",
    "assert_no_event_published",
    "assert_not_sent",
    "assert_sent",
]
