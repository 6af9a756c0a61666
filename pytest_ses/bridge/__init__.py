"""The only package that touches moto and botocore internals."""

from __future__ import annotations

from .patching import MotoBridge

BRIDGE = MotoBridge()
"""The process-wide bridge.  moto's response classes are process-global, so is the patch on them."""

__all__ = ["BRIDGE", "MotoBridge"]
