"""SES v1 (``ses``) configuration-set control plane: the operations of the v1_* modules in one table."""

from __future__ import annotations

from types import MappingProxyType

from .context import Handler
from .v1_destinations import OPERATIONS as _DESTINATIONS
from .v1_options import OPERATIONS as _OPTIONS
from .v1_sets import OPERATIONS as _SETS

OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType({**_SETS, **_DESTINATIONS, **_OPTIONS})
