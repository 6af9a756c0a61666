"""boto3 clients bound to the fake, from one reused session.

A client costs ~60 ms to create when moto has just reset boto3's default session, and ~3 ms from a warm
session.  Clients made from a private session with fake credentials never see real credentials, and are
kept from one test to the next unless a test changed one (see ``ClientFactory.forget``).
"""

from __future__ import annotations

import os
import threading
from typing import Any

import boto3
import botocore.session

from .environment import FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY

_EVENT_MUTATORS = ("register", "register_first", "register_last", "unregister")


class _KeptClient:
    """A client and whether anyone changed its event handlers (a hook, a botocore ``Stubber``, moto's
    ``patch_client``) since it was made: such a client must not reach another test."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.changed = False
        events = client.meta.events
        for name in _EVENT_MUTATORS:
            setattr(events, name, self._noting_change(getattr(events, name)))

    def _noting_change(self, method: Any) -> Any:
        def changing(*args: Any, **kwargs: Any) -> Any:
            self.changed = True
            return method(*args, **kwargs)

        return changing


class ClientFactory:
    """Creates each (service, Region) client once, from one session whose models stay loaded."""

    def __init__(self) -> None:
        self._session = boto3.session.Session(
            aws_access_key_id=FAKE_ACCESS_KEY_ID,
            aws_secret_access_key=FAKE_SECRET_ACCESS_KEY,
            botocore_session=_isolated_botocore_session(),
        )
        self._clients: dict[tuple[str, str], _KeptClient] = {}
        self._lock = threading.Lock()

    def default_session(self) -> boto3.session.Session:
        """A new session for ``boto3.DEFAULT_SESSION`` inside a fake: credentials and Region from the fake's
        environment, service models from this factory's loader (a cold session costs ~80 ms per test)."""
        fresh = botocore.session.Session()
        fresh.register_component("data_loader", self._session._session.get_component("data_loader"))
        return boto3.session.Session(botocore_session=fresh)

    def forget(self) -> None:
        """At the end of a fake: drop every client whose event handlers were changed, so that an event hook
        or a never-deactivated ``Stubber`` cannot outlive its test.  Untouched clients are kept."""
        with self._lock:
            self._clients = {key: kept for key, kept in self._clients.items() if not kept.changed}

    def client(self, service_name: str, region: str) -> Any:
        key = (service_name, region)
        with self._lock:
            kept = self._clients.get(key)
            if kept is None:
                made = self._session.client(service_name, region_name=region)  # type: ignore[call-overload]
                kept = self._clients[key] = _KeptClient(made)
            return kept.client


def _isolated_botocore_session() -> botocore.session.Session:
    """A botocore session deaf to the user's profile, config file and credentials file (and their variables)."""
    return botocore.session.Session(
        session_vars={
            "profile": (None, None, None, None),
            "config_file": (None, None, os.devnull, None),
            "credentials_file": (None, None, os.devnull, None),
        }
    )
