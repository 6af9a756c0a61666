"""``FakeSES``: the fake's lifecycle and the handle tests use.  Works without pytest (``with FakeSES():``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from moto import mock_aws

from .bridge import BRIDGE
from .clients import FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY, ClientFactory
from .core.model import DEFAULT_DEDICATED_IPS
from .core.session import Session
from .core.store import Store
from .errors import UsageError

DEFAULT_REGION = "us-east-1"
DEFAULT_ACCOUNT_ID = "123456789012"

_ENVIRONMENT_KEYS = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "MOTO_ACCOUNT_ID",
)


class FakeSES:
    """An in-process Amazon SES with configuration-set behaviour, on top of moto.

    Starting it activates moto's mock, fake credentials and the Region; stopping it discards every
    resource and restores the environment.
    """

    def __init__(
        self,
        *,
        region: str = DEFAULT_REGION,
        account_id: str = DEFAULT_ACCOUNT_ID,
        dedicated_ips: Iterable[str] = DEFAULT_DEDICATED_IPS,
        clients: ClientFactory | None = None,
    ) -> None:
        if not (account_id.isdigit() and len(account_id) == 12):
            raise UsageError(f"account_id must be 12 digits, got {account_id!r}")
        self.region = region
        self.account_id = account_id
        self.dedicated_ips = tuple(dedicated_ips)
        self._clients = clients or ClientFactory()
        self._mock: Any = None
        self._saved_environment: dict[str, str | None] = {}
        self.session = Session(dedicated_ips=self.dedicated_ips)
        self._saved_session: Session | None = None

    # --- lifecycle ---------------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self._mock is not None

    def start(self) -> FakeSES:
        if self.started:
            raise UsageError("this FakeSES is already started")
        if BRIDGE.active is not None:
            raise UsageError(
                "another FakeSES is already active in this process; stop it first "
                "(tests get one through the `ses` fixture)"
            )
        self._saved_environment = {key: os.environ.get(key) for key in _ENVIRONMENT_KEYS}
        for key in _ENVIRONMENT_KEYS:
            os.environ.pop(key, None)
        os.environ.update(
            AWS_ACCESS_KEY_ID=FAKE_ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY=FAKE_SECRET_ACCESS_KEY,
            AWS_DEFAULT_REGION=self.region,
            MOTO_ACCOUNT_ID=self.account_id,
        )
        BRIDGE.install()
        self._saved_session = BRIDGE.session
        BRIDGE.session = self.session
        BRIDGE.active = self
        self._mock = mock_aws(config={"core": {"reset_boto3_session": False}})
        self._mock.start()
        return self

    def stop(self) -> None:
        if not self.started:
            return
        self._mock.stop()
        self._mock = None
        BRIDGE.active = None
        if self._saved_session is not None:
            BRIDGE.session = self._saved_session
        BRIDGE.uninstall()
        for key, value in self._saved_environment.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def __enter__(self) -> FakeSES:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- access ------------------------------------------------------------------------------------
    def client(self, service_name: str, region: str | None = None) -> Any:
        """A boto3 client for any service, bound to the fake (``ses``, ``sesv2``, ``sns``, ``sqs``...)."""
        self._require_started()
        return self._clients.client(service_name, region or self.region)

    def store(self, region: str | None = None) -> Store:
        """The core state of this account in ``region`` (default: the fake's Region)."""
        self._require_started()
        return BRIDGE.store_for(self.account_id, region or self.region)

    def _require_started(self) -> None:
        if not self.started:
            raise UsageError("FakeSES is not started: use it as a context manager or call start()")
