"""Work moto repeats for nothing, done once or skipped: each patch leaves what moto does unchanged, only cheaper.

URL callbacks: each ``mock_aws`` start builds one ``responses`` callback per HTTP method and AWS URL
pattern (about 1,300 objects, a third of the cost of a test that uses the ``ses`` fixture).  They are
identical from one start to the next, so while the bridge is installed moto receives the same objects again,
their call logs emptied; its own start-up sequence, registry and matching are otherwise untouched.

Queue attributes on SendMessage: to read one attribute (``ContentBasedDeduplication``) moto's SendMessage
builds all of a queue's attributes, three of them by walking every message in the queue and asking the clock
about each: a send costs more the deeper the queue, and a test that sends thousands of mails to a subscribed
queue slows down quadratically.  For a standard queue moto builds no such attribute, so while SendMessage runs
the queue's attributes read as empty, which gives moto the same answer.  FIFO queues keep moto's way.

Queue walks: the queue's ready messages and its three approximate counts are found by walking every queued
message, and moto reads the clock once or twice per message on each walk; ReceiveMessage walks a queue some
ten times (it builds the queue's attributes three times to read one), so draining 1,000 messages took 26 s.
The walks now read the clock once each and compare each message's times with it.

Queue attribute names: moto converts each attribute's CamelCase name to snake_case, character by character,
whenever it builds them (GetQueueAttributes, FIFO sends).  The conversion is a pure function of the name, so it
is remembered.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import moto.core.models as moto_models
import moto.core.utils as moto_utils
import moto.sqs.models as moto_sqs
from moto.sqs.models import Queue, SQSBackend

_Key = tuple[Any, Any, Any]
_CALLBACK_CLASS = "CallbackResponse"
"""The class name ``MockAWS._enable_patching`` looks up in its module for each callback it registers."""


class ReusedUrlCallbacks:
    """Replaces the ``CallbackResponse`` name moto's start-up reads with a cache of the objects it built."""

    def __init__(self) -> None:
        self._built: dict[_Key, Any] = {}
        self._lock = threading.Lock()
        self._original: Any = None

    def install(self) -> None:
        if self._original is not None:
            return
        self._original = getattr(moto_models, _CALLBACK_CLASS)
        setattr(moto_models, _CALLBACK_CLASS, self._callback_response)

    def uninstall(self) -> None:
        if self._original is None:
            return
        setattr(moto_models, _CALLBACK_CLASS, self._original)
        self._original = None
        self._built.clear()

    def _callback_response(self, *args: Any, **kwargs: Any) -> Any:
        original = self._original
        if args or set(kwargs) != {"method", "url", "callback"}:
            return original(*args, **kwargs)  # not the shape moto's start-up uses: build as usual
        key = (kwargs["method"], kwargs["url"], kwargs["callback"])
        with self._lock:
            response = self._built.get(key)
            if response is None:
                response = self._built[key] = original(**kwargs)
            else:
                response.calls.reset()  # a fresh start must not remember the previous one's requests
        return response


class RememberedQueueAttributeNames:
    """Replaces the ``camelcase_to_underscores`` moto's SQS module calls with a remembering one."""

    _NAME = "camelcase_to_underscores"

    def __init__(self) -> None:
        self._original: Any = None

    def install(self) -> None:
        if self._original is not None:
            return
        self._original = getattr(moto_sqs, self._NAME)
        setattr(moto_sqs, self._NAME, functools.lru_cache(maxsize=1024)(self._original))

    def uninstall(self) -> None:
        if self._original is None:
            return
        setattr(moto_sqs, self._NAME, self._original)
        self._original = None


class QueueCountsSkippedWhenSending:
    """Patches ``SQSBackend.send_message`` to note the standard queue it sends to, and ``Queue.attributes`` to
    read as empty for that queue in that thread while the send runs."""

    def __init__(self) -> None:
        self._originals: tuple[Any, Any] | None = None
        self._sending = threading.local()

    def install(self) -> None:
        if self._originals is not None:
            return
        attributes, send_message = Queue.__dict__["attributes"], SQSBackend.__dict__["send_message"]
        self._originals = (attributes, send_message)
        sending = self._sending

        def queue_attributes(queue: Queue) -> dict[str, Any]:
            if getattr(sending, "queue", None) is queue:
                return {}
            built: dict[str, Any] = attributes.fget(queue)
            return built

        def noting_send_message(backend: SQSBackend, queue_name: str, *args: Any, **kwargs: Any) -> Any:
            queue = backend.queues.get(queue_name)
            if queue is None or queue.fifo_queue:
                return send_message(backend, queue_name, *args, **kwargs)
            outer = getattr(sending, "queue", None)
            sending.queue = queue
            try:
                return send_message(backend, queue_name, *args, **kwargs)
            finally:
                sending.queue = outer

        self._set(property(queue_attributes), noting_send_message)

    def uninstall(self) -> None:
        if self._originals is None:
            return
        self._set(*self._originals)
        self._originals = None

    @staticmethod
    def _set(attributes: Any, send_message: Any) -> None:
        for owner, name, value in ((Queue, "attributes", attributes), (SQSBackend, "send_message", send_message)):
            setattr(owner, name, value)


class QueueWalksReadTheClockOnce:
    """Replaces the ``Queue`` properties that walk every queued message with ones that read the clock once.

    A message is visible when the time is past its ``visible_at`` and delayed while the time is before its
    ``delayed_until`` (milliseconds, moto's clock, so a frozen clock freezes them too)."""

    _WALKS = (
        "messages",
        "approximate_number_of_messages",
        "approximate_number_of_messages_delayed",
        "approximate_number_of_messages_not_visible",
    )

    def __init__(self) -> None:
        self._originals: dict[str, Any] = {}

    def install(self) -> None:
        if self._originals:
            return
        self._originals = {name: Queue.__dict__[name] for name in self._WALKS}

        def ready(queue: Queue) -> list[Any]:
            now = moto_utils.unix_time_millis()
            return [m for m in queue._messages if now > m.visible_at and not now < m.delayed_until]

        def delayed(queue: Queue) -> int:
            now = moto_utils.unix_time_millis()
            return sum(1 for m in queue._messages if now < m.delayed_until)

        def not_visible(queue: Queue) -> int:
            now = moto_utils.unix_time_millis()
            return sum(1 for m in queue._messages if not now > m.visible_at)

        walks = (ready, lambda queue: len(ready(queue)), delayed, not_visible)
        for name, walk in zip(self._WALKS, walks, strict=True):
            setattr(Queue, name, property(walk))

    def uninstall(self) -> None:
        for name, original in self._originals.items():
            setattr(Queue, name, original)
        self._originals = {}
