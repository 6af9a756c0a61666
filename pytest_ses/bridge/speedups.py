"""Make moto's mock start cheap by reusing its URL callbacks instead of rebuilding them on every start.

Each ``mock_aws`` start builds one ``responses`` callback per HTTP method and AWS URL pattern (about 1,300
objects, a third of the cost of a test that uses the ``ses`` fixture).  They are identical from one start to
the next, so while the bridge is installed moto receives the same objects again, their call logs emptied;
its own start-up sequence, registry and matching are otherwise untouched.
"""

from __future__ import annotations

import threading
from typing import Any

import moto.core.models as moto_models

_Key = tuple[Any, Any, Any]
_NAME = "CallbackResponse"
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
        self._original = getattr(moto_models, _NAME)
        setattr(moto_models, _NAME, self._callback_response)

    def uninstall(self) -> None:
        if self._original is None:
            return
        setattr(moto_models, _NAME, self._original)
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
