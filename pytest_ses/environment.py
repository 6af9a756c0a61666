"""The process environment while a fake runs: fake credentials only, and nothing that could reach AWS.

Every ``AWS_*`` variable is set aside — real keys, profiles, config and credentials files, and endpoint
overrides such as ``AWS_ENDPOINT_URL`` (which would send clients past moto to the network) — and restored
exactly afterwards.
"""

from __future__ import annotations

import os

FAKE_ACCESS_KEY_ID = "testing"
FAKE_SECRET_ACCESS_KEY = "testing"


def _ours(key: str) -> bool:
    return key.startswith("AWS_") or key == "MOTO_ACCOUNT_ID"


class FakeEnvironment:
    """Swap the AWS part of ``os.environ`` for the fake's, and back."""

    def __init__(self, region: str, account_id: str) -> None:
        self.values = {
            "AWS_ACCESS_KEY_ID": FAKE_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": FAKE_SECRET_ACCESS_KEY,
            "AWS_DEFAULT_REGION": region,
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "MOTO_ACCOUNT_ID": account_id,
        }
        self._saved: dict[str, str] = {}

    def enter(self) -> None:
        self._saved = {key: value for key, value in os.environ.items() if _ours(key)}
        for key in self._saved:
            del os.environ[key]
        os.environ.update(self.values)

    def exit(self) -> None:
        for key in [key for key in os.environ if _ours(key)]:
            del os.environ[key]
        os.environ.update(self._saved)
        self._saved = {}
