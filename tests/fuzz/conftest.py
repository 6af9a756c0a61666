"""Hypothesis profiles for the fuzz tests: a quick one for every test run, a long one on demand.

``PYTEST_SES_FUZZ=long`` selects the long profile (``python3 tasks.py fuzz``): more than 10,000
generated calls in total, random each run.  The quick profile is derandomized so that CI runs the same
examples every time.  The tests apply the profile themselves (``fuzz_world.fuzz_settings``) rather than
loading it globally, so no other test in the run is affected.
"""

from __future__ import annotations

from fuzz_world import LONG, QUICK
from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "database": None,  # nothing written to .hypothesis/ in the working tree
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile(QUICK, max_examples=3, stateful_step_count=20, derandomize=True, **_COMMON)
settings.register_profile(LONG, max_examples=150, stateful_step_count=40, print_blob=True, **_COMMON)
