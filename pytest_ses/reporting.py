"""What the plugin reports: the failing test's SES activity, and the whole run's activity as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .core.clock import iso_millis
from .core.records import EventRecord, MessageRecord
from .render import activity

SECTION_TITLE = "Captured SES activity"


def section(messages: tuple[MessageRecord, ...]) -> str:
    return activity(messages)


def _event(event: EventRecord) -> dict[str, Any]:
    return {
        "event_type": event.event_type,
        "timestamp": iso_millis(event.timestamp),
        "recipients": list(event.recipients),
        "record": event.record,
        "publications": [
            {
                "destination": p.destination,
                "kind": p.kind,
                "target": p.target,
                "delivered": p.delivered,
                "detail": p.detail,
            }
            for p in event.publications
        ],
        "skipped": [{"destination": s.destination, "reason": s.reason} for s in event.skipped],
    }


def activity_json(nodeid: str, messages: tuple[MessageRecord, ...]) -> str:
    """One JSON line for one test: every message with its rules and events."""
    return json.dumps(
        {
            "test": nodeid,
            "messages": [
                {
                    "message_id": m.message_id,
                    "timestamp": iso_millis(m.timestamp),
                    "region": m.region,
                    "account_id": m.account_id,
                    "operation": m.operation,
                    "api_version": m.api_version,
                    "source": m.source,
                    "destinations": list(m.destinations),
                    "subject": m.subject,
                    "configuration_set": m.configuration_set,
                    "configuration_set_source": m.configuration_set_source,
                    "accepted": m.accepted,
                    "error_code": m.error_code,
                    "error_message": m.error_message,
                    "tags": dict(m.tags),
                    "rules": [{"rule": r.rule, "outcome": r.outcome, "reason": r.reason} for r in m.rules],
                    "events": [_event(e) for e in m.events],
                }
                for m in messages
            ],
        },
        default=str,
    )


class ActivityFile:
    """Writes the lines tests attached to their reports; registered on the controller only, so under
    xdist the workers' lines arrive with their reports and one process writes the file."""

    def __init__(self, path: Path, property_name: str) -> None:
        self.path = path
        self.property_name = property_name
        path.write_text("", encoding="utf-8")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "teardown":
            return
        lines = [value for name, value in report.user_properties if name == self.property_name]
        if lines:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.writelines(f"{line}\n" for line in lines)
