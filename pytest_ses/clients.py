"""boto3 clients bound to the fake, from one reused session.

A client costs ~60 ms to create when moto has just reset boto3's default session; clients made once
from a private session with fake credentials cost nothing per test and never see real credentials.
"""

from __future__ import annotations

import threading
from typing import Any

import boto3

FAKE_ACCESS_KEY_ID = "testing"
FAKE_SECRET_ACCESS_KEY = "testing"


class ClientFactory:
    """Creates each (service, Region) client once and hands the same one out afterwards."""

    def __init__(self) -> None:
        self._session = boto3.session.Session(
            aws_access_key_id=FAKE_ACCESS_KEY_ID, aws_secret_access_key=FAKE_SECRET_ACCESS_KEY
        )
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def client(self, service_name: str, region: str) -> Any:
        key = (service_name, region)
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._session.client(service_name, region_name=region)  # type: ignore[call-overload]
            return self._clients[key]
