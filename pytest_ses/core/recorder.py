"""The append-only log of messages and events: thread-safe, ordered, cheap."""

from __future__ import annotations

import threading

from .records import EventRecord, MessageRecord


class Recorder:
    """Collects records from every send and engagement; readers get immutable snapshots."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages: list[MessageRecord] = []
        self._events: list[EventRecord] = []
        self._by_id: dict[str, MessageRecord] = {}

    def add_message(self, message: MessageRecord) -> None:
        with self._lock:
            self._messages.append(message)
            if message.message_id is not None:
                self._by_id[message.message_id] = message
            self._events.extend(message.events)

    def add_events(self, events: tuple[EventRecord, ...]) -> None:
        with self._lock:
            self._events.extend(events)

    def messages(self) -> tuple[MessageRecord, ...]:
        with self._lock:
            return tuple(self._messages)

    def events(self) -> tuple[EventRecord, ...]:
        with self._lock:
            return tuple(self._events)

    def message(self, message_id: str) -> MessageRecord | None:
        with self._lock:
            return self._by_id.get(message_id)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self._events.clear()
            self._by_id.clear()
