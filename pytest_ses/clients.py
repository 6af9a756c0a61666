"""boto3 clients bound to the fake, from one reused session.

A client costs ~60 ms to create when moto has just reset boto3's default session; clients made once
from a private session with fake credentials cost nothing per test and never see real credentials.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import boto3
import botocore.session

from .environment import FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY


class ClientFactory:
    """Creates each (service, Region) client once per fake, from one session whose models stay loaded."""

    def __init__(self) -> None:
        self._session = boto3.session.Session(
            aws_access_key_id=FAKE_ACCESS_KEY_ID,
            aws_secret_access_key=FAKE_SECRET_ACCESS_KEY,
            botocore_session=_isolated_botocore_session(),
        )
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def default_session(self) -> boto3.session.Session:
        """A new session for ``boto3.DEFAULT_SESSION`` inside a fake: credentials and Region from the fake's
        environment, service models from this factory's loader (a cold session costs ~80 ms per test)."""
        fresh = botocore.session.Session()
        fresh.register_component("data_loader", self._session._session.get_component("data_loader"))
        return boto3.session.Session(botocore_session=fresh)

    def forget(self) -> None:
        """Drop the clients (the session, with its loaded models, stays): the next ones are new objects."""
        with self._lock:
            self._clients.clear()

    def client(self, service_name: str, region: str) -> Any:
        key = (service_name, region)
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._session.client(service_name, region_name=region)  # type: ignore[call-overload]
            return self._clients[key]


def _isolated_botocore_session() -> botocore.session.Session:
    """A botocore session deaf to the user's profile, config file and credentials file (and their variables)."""
    return botocore.session.Session(
        session_vars={
            "profile": (None, None, None, None),
            "config_file": (None, None, os.devnull, None),
            "credentials_file": (None, None, os.devnull, None),
        }
    )
