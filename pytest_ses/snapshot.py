"""Snapshots of recorded SES activity: a stable JSON view of what was sent, and its file on disk.

Recorded activity is full of values that change on every run (message ids, timestamps, the outgoing IP
chosen by message id, SNS message ids...).  ``normalise`` replaces each of them by a placeholder numbered in
order of appearance in the rendered file, so equal activity always renders to the same text.  The rest of
the module stores that text next to the test and compares it.  Nothing here imports pytest.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core.recorder import Recorder
from .core.records import EventRecord, MessageRecord, Publication
from .errors import UsageError

if TYPE_CHECKING:
    from .fake import FakeSES

SNAPSHOT_DIRECTORY = "__ses_snapshots__"
UPDATE_HINT = "Re-run pytest with --ses-snapshot-update to accept the new activity."
MISSING_HINT = "Re-run pytest with --ses-snapshot-update to write it."

MESSAGE_PARTS = (
    "message_id",
    "operation",
    "api_version",
    "source",
    "destinations",
    "subject",
    "configuration_set",
    "configuration_set_source",
    "tags",
    "template",
    "template_data",
    "sending_pool",
    "accepted",
    "error",
    "rules",
    "events",
    "notifications",
)
"""What a snapshot holds for each message, and the names ``include=`` selects from."""


# --- normalisation ---------------------------------------------------------------------------------
def normalise(
    messages: Sequence[MessageRecord],
    events: Sequence[EventRecord] = (),
    include: Iterable[str] | None = None,
) -> dict[str, Any]:
    """The activity as plain JSON data, volatile values replaced by placeholders.

    ``events`` adds events recorded after the send (opens, clicks...) to their message; events of no
    listed message appear under ``unattached_events``.  ``include`` keeps only the named parts of each
    message (see ``MESSAGE_PARTS``).
    """
    parts = _selected_parts(include)
    listed = {m.message_id for m in messages if m.message_id is not None}
    later: dict[str, list[EventRecord]] = {}
    unattached: list[EventRecord] = []
    for event in events:
        if event.message_id in listed:
            later.setdefault(event.message_id, []).append(event)
        else:
            unattached.append(event)
    activity: dict[str, Any] = {
        "messages": [_message(m, later.get(m.message_id or "", []), parts) for m in messages]
    }
    if unattached:
        activity["unattached_events"] = [_event(e) for e in unattached]
    outgoing = {m.outgoing_ip for m in messages if m.outgoing_ip}
    scrubbed: dict[str, Any] = _Placeholders(_feedback_ids(activity), outgoing).scrub(activity)
    return scrubbed


def ses_activity(source: FakeSES | Recorder, include: Iterable[str] | None = None) -> dict[str, Any]:
    """``normalise`` everything a fake (or its recorder) has recorded so far."""
    recorder = (
        source if isinstance(source, Recorder) else getattr(getattr(source, "session", None), "recorder", None)
    )
    if not isinstance(recorder, Recorder):
        raise UsageError(f"ses_activity() takes a FakeSES or its recorder, not {type(source).__name__}")
    return normalise(recorder.messages(), recorder.events(), include)


def render(activity: Any) -> str:
    """The text of a snapshot file: sorted keys, two-space indent, UTF-8 kept readable, final newline."""
    return json.dumps(activity, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _selected_parts(include: Iterable[str] | None) -> tuple[str, ...]:
    if include is None:
        return MESSAGE_PARTS
    if isinstance(include, str):
        include = (include,)
    chosen = tuple(include)
    unknown = [part for part in chosen if part not in MESSAGE_PARTS]
    if unknown:
        raise UsageError(f"unknown snapshot part(s) {', '.join(unknown)}; choose from {', '.join(MESSAGE_PARTS)}")
    return tuple(part for part in MESSAGE_PARTS if part in chosen)


def _message(message: MessageRecord, later: list[EventRecord], parts: tuple[str, ...]) -> dict[str, Any]:
    events = list(message.events) + [e for e in later if e not in message.events]
    error = None if message.accepted else {"code": message.error_code, "message": message.error_message}
    everything: dict[str, Any] = {
        "message_id": message.message_id,
        "operation": message.operation,
        "api_version": message.api_version,
        "source": message.source,
        "destinations": list(message.destinations),
        "subject": message.subject,
        "configuration_set": message.configuration_set,
        "configuration_set_source": message.configuration_set_source,
        "tags": [{"name": name, "value": value} for name, value in message.tags],
        "template": message.template,
        "template_data": _decoded(message.template_data) if message.template_data is not None else None,
        "sending_pool": message.sending_pool,
        "accepted": message.accepted,
        "error": error,
        "rules": [{"rule": r.rule, "outcome": r.outcome, "reason": r.reason} for r in message.rules],
        "events": [_event(e) for e in events],
        "notifications": [_publication(p) for p in message.notifications],
    }
    return {part: everything[part] for part in parts}


def _event(event: EventRecord) -> dict[str, Any]:
    return {
        "event_type": event.event_type,
        "recipients": list(event.recipients),
        "record": event.record,
        "publications": [_publication(p) for p in event.publications],
        "skipped": [{"destination": s.destination, "reason": s.reason} for s in event.skipped],
    }


def _publication(publication: Publication) -> dict[str, Any]:
    payload = _decoded(publication.payload)
    if isinstance(payload, dict) and isinstance(payload.get("Detail"), str):
        payload["Detail"] = _decoded(payload["Detail"])  # an EventBridge entry carries the record as text
    return {
        "destination": publication.destination,
        "kind": publication.kind,
        "target": publication.target,
        "delivered": publication.delivered,
        "detail": publication.detail,
        "payload": payload,
    }


def _decoded(text: str) -> Any:
    """JSON text as data (so a snapshot shows its structure), anything else unchanged."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _feedback_ids(data: Any) -> set[str]:
    """Feedback ids have the shape of message ids: only their key tells them apart."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "feedbackId" and isinstance(value, str):
                found.add(value)
            else:
                found |= _feedback_ids(value)
    elif isinstance(data, list):
        for value in data:
            found |= _feedback_ids(value)
    return found


_HEX = "[0-9a-f]"
_UUID = f"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}"
_DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_VOLATILE = re.compile(
    "|".join(
        (
            rf"(?P<ses_id>(?<!{_HEX}){_HEX}{{16}}-{_UUID}-\d{{6}}(?!\d))",
            rf"(?P<uuid>(?<!{_HEX}){_UUID}(?!{_HEX}))",
            r"(?P<iso>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)",
            rf"(?P<rfc>(?:{_DAY}, )?\d{{1,2}} {_MONTH} \d{{4}} \d{{2}}:\d{{2}}:\d{{2}} (?:[+-]\d{{4}}|GMT|UTC))",
            r"(?P<mta>\b[a-z]\d{1,3}-\d{1,3}\.smtp-out\.(?:[a-z0-9-]+\.)?amazonses\.com\b)",
            r"(?P<ip>(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d))",
        )
    ),
    re.IGNORECASE,
)
_KIND = {"ses_id": "message-id", "uuid": "uuid", "iso": "timestamp", "rfc": "timestamp", "mta": "mta", "ip": "ip"}
_VOLATILE_KEYS = {"processingTimeMillis": "processing-time"}
"""Values that vary by key rather than by shape: replaced whatever they look like."""


class _Placeholders:
    """Hands out ``<kind:n>`` placeholders, numbered per kind in the order the rendered file shows them.

    The outgoing IP (and the MTA named after it) is picked from the pool by message id, so whether two
    messages share one is chance: it gets one unnumbered placeholder, or numbering would vary run to run.
    """

    def __init__(self, feedback_ids: set[str], outgoing_ips: set[str]) -> None:
        self._feedback_ids = feedback_ids
        self._outgoing_ips = outgoing_ips
        self._given: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def scrub(self, value: Any, key: str | None = None) -> Any:
        # Walk keys sorted, as ``render`` writes them, so numbering follows the file from top to bottom.
        if isinstance(value, dict):
            return {k: self.scrub(value[k], k) for k in sorted(value)}
        if isinstance(value, list):
            return [self.scrub(item, key) for item in value]
        if key in _VOLATILE_KEYS and value is not None and not isinstance(value, bool):
            return self._placeholder(_VOLATILE_KEYS[key], str(value))
        if isinstance(value, str):
            return _VOLATILE.sub(self._replace, value)
        return value

    def _replace(self, match: re.Match[str]) -> str:
        kind, value = _KIND[str(match.lastgroup)], match.group()
        if kind == "mta" or (kind == "ip" and value in self._outgoing_ips):
            return f"<{'outgoing-ip' if kind == 'ip' else 'reporting-mta'}>"
        if kind == "message-id" and value in self._feedback_ids:
            kind = "feedback-id"
        return self._placeholder(kind, value)

    def _placeholder(self, kind: str, value: str) -> str:
        given = self._given.get((kind, value))
        if given is None:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            given = self._given[(kind, value)] = f"<{kind}:{self._counts[kind]}>"
        return given


# --- files -----------------------------------------------------------------------------------------
_UNSAFE = re.compile(r"[^A-Za-z0-9_.,=+\-\[\]]")
_LONGEST_NAME = 120


def file_safe(name: str) -> str:
    """A file name for a test or label: odd characters become ``_``, and a short hash keeps it unique."""
    safe = _UNSAFE.sub("_", name).strip(".") or "_"
    if safe == name and len(safe) <= _LONGEST_NAME:
        return safe
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{safe[: _LONGEST_NAME - 9]}-{digest}"


def snapshot_directory(module: Path) -> Path:
    """Where the snapshots of a test module live: ``<dir>/__ses_snapshots__/<module>/``."""
    return module.parent / SNAPSHOT_DIRECTORY / module.stem


def stem_for(nodeid: str) -> str:
    """The file-name stem of a test: its node id inside the module (``Class.test[param]``), file-safe."""
    inside = nodeid.split("::", 1)[1] if "::" in nodeid else nodeid
    return file_safe(inside.replace("::", "."))


def snapshot_file(module: Path, nodeid: str, label: str | None = None) -> Path:
    """``<base>.json``, or ``<base>.<label>.json`` for a second snapshot of the same test."""
    stem = stem_for(nodeid)
    if label is not None:
        stem = f"{stem}.{file_safe(label)}"
    return snapshot_directory(module) / f"{stem}.json"


def owns(base_name: str, path: Path) -> bool:
    """Whether a snapshot file belongs to the test with this base name."""
    return path.stem == base_name or path.stem.startswith(base_name + ".")


@dataclass(frozen=True)
class Verdict:
    """The result of checking recorded activity against one snapshot file."""

    path: Path
    status: str
    """``matched``, ``written`` or ``updated`` (passes); ``missing`` or ``differs`` (fails)."""
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.status in ("matched", "written", "updated")


def check(path: Path, text: str, *, update: bool, shown_as: str) -> Verdict:
    """Compare ``text`` with the snapshot at ``path``; with ``update``, write it when missing or different."""
    stored = path.read_text(encoding="utf-8") if path.is_file() else None
    if stored is not None and _same(stored, text):
        return Verdict(path, "matched")
    if update:
        _write(path, text)
        return Verdict(path, "written" if stored is None else "updated")
    if stored is None:
        return Verdict(path, "missing", f"SES snapshot {shown_as} does not exist.\n{MISSING_HINT}")
    return Verdict(
        path,
        "differs",
        f"SES activity differs from snapshot {shown_as}:\n{diff(stored, text, shown_as)}\n{UPDATE_HINT}",
    )


def diff(stored: str, recorded: str, shown_as: str) -> str:
    """A unified diff from the snapshot file to the recorded activity."""
    lines = difflib.unified_diff(
        stored.splitlines(), recorded.splitlines(), fromfile=shown_as, tofile="recorded activity", lineterm=""
    )
    return "\n".join(lines)


def _same(stored: str, text: str) -> bool:
    """Equal as JSON data: a snapshot reformatted by hand still matches."""
    if stored == text:
        return True
    try:
        return bool(json.loads(stored) == json.loads(text))
    except ValueError:
        return False


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so an interrupted run never leaves half a snapshot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
