"""Time and identifiers: read the clock each time (so freezegun/time-machine control it), ids from a seed."""

from __future__ import annotations

import datetime as _dt
import random
import threading
import uuid


def utcnow() -> _dt.datetime:
    """The current time, timezone-aware; looked up at call time so clock-freezing libraries apply."""
    return _dt.datetime.now(_dt.timezone.utc)


def iso_millis(moment: _dt.datetime) -> str:
    """SES record timestamps: ISO-8601 with milliseconds and ``Z``."""
    moment = moment.astimezone(_dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class IdFactory:
    """Deterministic ids for a given seed: message ids, feedback ids, request ids."""

    def __init__(self, seed: int | str = 0) -> None:
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def _uuid(self) -> str:
        with self._lock:
            return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def _hex(self, digits: int) -> str:
        with self._lock:
            return f"{self._random.getrandbits(4 * digits):0{digits}x}"

    def message_id(self, moment: _dt.datetime) -> str:
        """SES's shape: ``<4 hex><12 hex ms since epoch>-<uuid>-000000``."""
        millis = int(moment.timestamp() * 1000)
        return f"{self._hex(4)}{millis:012x}-{self._uuid()}-000000"

    def feedback_id(self, moment: _dt.datetime) -> str:
        """Feedback ids look like message ids with a different tail."""
        millis = int(moment.timestamp() * 1000)
        return f"{self._hex(4)}{millis:012x}-{self._uuid()}-000000"

    def uuid(self) -> str:
        return self._uuid()
