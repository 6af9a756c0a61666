"""The append-only log of messages and events: thread-safe, ordered, cheap."""

from __future__ import annotations

import threading
from dataclasses import replace

from .records import EventRecord, MessageRecord


class Recorder:
    """Collects records from every send and engagement; readers get immutable snapshots."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages: list[MessageRecord] = []
        self._events: list[EventRecord] = []
        self._index: dict[str, int] = {}

    def add_message(self, message: MessageRecord) -> None:
        with self._lock:
            if message.message_id is not None:
                self._index[message.message_id] = len(self._messages)
            self._messages.append(message)
            self._events.extend(message.events)

    def add_events(self, events: tuple[EventRecord, ...]) -> None:
        """Later events (opens, clicks...) also join their message's record, which is replaced by a copy."""
        with self._lock:
            self._events.extend(events)
            for event in events:
                position = self._index.get(event.message_id)
                if position is not None:
                    message = self._messages[position]
                    self._messages[position] = replace(message, events=(*message.events, event))

    def messages(self) -> tuple[MessageRecord, ...]:
        with self._lock:
            return tuple(self._messages)

    def events(self) -> tuple[EventRecord, ...]:
        with self._lock:
            return tuple(self._events)

    def message(self, message_id: str) -> MessageRecord | None:
        with self._lock:
            position = self._index.get(message_id)
            return None if position is None else self._messages[position]

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self._events.clear()
            self._index.clear()
