"""SES v2 (``sesv2``) operations: see the module name."""

from __future__ import annotations

from types import MappingProxyType

from .context import Handler

OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType({})
