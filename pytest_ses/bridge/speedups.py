"""Work moto repeats for nothing, done once: each patch leaves what moto does unchanged, only cheaper.

URL callbacks: each ``mock_aws`` start builds one ``responses`` callback per HTTP method and AWS URL
pattern (about 1,300 objects, a third of the cost of a test that uses the ``ses`` fixture).  They are
identical from one start to the next, so while the bridge is installed moto receives the same objects again,
their call logs emptied; its own start-up sequence, registry and matching are otherwise untouched.

Queue attribute names: moto's SQS rebuilds every queue attribute (converting each CamelCase name to
snake_case, character by character) on every SendMessage, about a tenth of an SES send that reaches SNS→SQS.
The conversion is a pure function of the name, so it is remembered.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import moto.core.models as moto_models
import moto.sqs.models as moto_sqs

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
