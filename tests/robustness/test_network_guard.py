"""While a fake runs, nothing reaches real AWS or a non-loopback address, and no real credentials are used.

Every test here runs above a *tripwire*: before the guard is installed, the socket functions it wraps are
replaced by stand-ins that pass loopback traffic to the real ones and record (and refuse) anything else.
So even a broken guard sends nothing, and ``tripwire.hits == []`` proves the guard refused first.  The
addresses tried are 10.0.0.5 (private) and 192.0.2.1 / 2001:db8::1 (documentation ranges, unroutable).
"""

from __future__ import annotations

import http.server
import ipaddress
import json
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from pytest_ses import FakeSES, UsageError
from pytest_ses.guard import NetworkGuard, is_local_host

UNROUTABLE = "192.0.2.1"
RULE = "while the fake SES is active nothing may reach real AWS or any non-loopback address"


@pytest.fixture(autouse=True)
def own_default_session(monkeypatch: pytest.MonkeyPatch) -> None:
    """``boto3.client()`` keeps a process-wide default session: each test here starts without one and
    leaves none behind, so that the default-session tests at the end see only what FakeSES does."""
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)


class Tripwire:
    """Stand-ins for the functions the guard wraps: loopback passes to the real one, anything else is kept."""

    def __init__(self) -> None:
        self.hits: list[str] = []

    @staticmethod
    def loopback(host: Any) -> bool:
        if host in (None, "", "localhost"):
            return True
        try:
            return ipaddress.ip_address(str(host).strip("[]")).is_loopback
        except ValueError:
            return False

    def lookup(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def stand_in(host: Any, *args: Any, **kwargs: Any) -> Any:
            if self.loopback(host):
                return real(host, *args, **kwargs)
            self.hits.append(f"{real.__name__}({host!r})")
            raise AssertionError(f"tripwire: {real.__name__}({host!r}) got past the guard")

        return stand_in

    def method(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def stand_in(sock: socket.socket, *args: Any) -> Any:
            address = args[-1]
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not self.loopback(address[0]):
                self.hits.append(f"{name}({address!r})")
                raise AssertionError(f"tripwire: {name}({address!r}) got past the guard")
            return real(sock, *args)

        return stand_in


@pytest.fixture
def tripwire(monkeypatch: pytest.MonkeyPatch) -> Iterator[Tripwire]:
    wire = Tripwire()
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, wire.lookup(getattr(socket, name)))
    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, wire.method(name, getattr(socket.socket, name)), raising=False)
    yield wire
    assert wire.hits == [], "a request got past the guard (the tripwire stopped it)"


@pytest.fixture
def guarded(tripwire: Tripwire, ses: FakeSES) -> FakeSES:
    """The ``ses`` fixture, set up after the tripwire: the guard its FakeSES installs sits on top of it."""
    return ses


def refused(excinfo: pytest.ExceptionInfo[UsageError]) -> str:
    message = str(excinfo.value)
    assert RULE in message
    assert message.startswith("pytest-ses refused ")
    return message


# --- what counts as staying on the machine -----------------------------------------------------------------
@pytest.mark.parametrize(
    "host",
    [
        *("127.0.0.1", "127.8.9.10", "::1", "[::1]", "::ffff:127.0.0.1"),
        *("localhost", "LocalHost.", "api.localhost", "0.0.0.0", "::", "", None, b"127.0.0.1"),
    ],
)
def test_loopback_hosts_are_local(host: str | bytes | None) -> None:
    assert is_local_host(host)


@pytest.mark.parametrize(
    "host",
    [
        *("10.0.0.5", UNROUTABLE, "8.8.8.8", "2001:db8::1", "::ffff:10.0.0.5", "fe80::1%eth0", "169.254.169.254"),
        *("example.com", "email.us-east-1.amazonaws.com", "localhost.example.com", "127.0.0.1.nip.io"),
    ],
)
def test_every_other_host_is_not(host: str) -> None:
    assert not is_local_host(host)


# --- refused before anything leaves ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("endpoint", "host"), [("https://ses.example.net", "ses.example.net"), ("https://10.0.0.5", "10.0.0.5")]
)
def test_a_client_with_a_real_looking_endpoint_is_refused(guarded: FakeSES, endpoint: str, host: str) -> None:
    client = boto3.client("sesv2", region_name="us-east-1", endpoint_url=endpoint)

    with pytest.raises(UsageError) as excinfo:
        client.list_configuration_sets()

    assert refused(excinfo).startswith(
        f"pytest-ses refused an AWS request to {endpoint}/v2/email/list-configuration-sets: {host} is an endpoint "
        "moto does not intercept, so the request would go over the network; "
    )


def test_the_real_aws_endpoint_is_answered_by_the_fake(guarded: FakeSES) -> None:
    client = boto3.client("ses", region_name="us-east-1", endpoint_url="https://email.us-east-1.amazonaws.com")
    client.create_configuration_set(ConfigurationSet={"Name": "tx"})

    assert [s["Name"] for s in client.list_configuration_sets()["ConfigurationSets"]] == ["tx"]


def test_an_http_library_call_to_a_real_host_is_refused_before_dns(guarded: FakeSES) -> None:
    with pytest.raises(UsageError) as excinfo:
        requests.get("https://example.com/", timeout=5)

    assert refused(excinfo).startswith(
        "pytest-ses refused to look up example.com (port 443): example.com is not a loopback name or "
        "address (even resolving it would send a DNS query); "
    )


def test_a_raw_connection_is_refused(guarded: FakeSES) -> None:
    with pytest.raises(UsageError) as excinfo:
        socket.create_connection(("10.0.0.5", 443), timeout=5)

    assert "refused to look up 10.0.0.5 (port 443): 10.0.0.5 is not a loopback name or address" in refused(excinfo)


@pytest.mark.parametrize("call", ["connect", "connect_ex"])
def test_a_socket_is_refused_before_it_sends_anything(guarded: FakeSES, call: str) -> None:
    """Non-blocking, a real attempt would return at once having sent a SYN (EINPROGRESS, or an error)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setblocking(False)
        started = time.perf_counter()
        with pytest.raises(UsageError) as excinfo:
            getattr(sock, call)((UNROUTABLE, 9))

        assert time.perf_counter() - started < 0.05
        assert f"refused a connection to {UNROUTABLE}:9: {UNROUTABLE} is not a loopback address" in refused(
            excinfo
        )
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
        with pytest.raises(OSError, match="not connected"):
            sock.getpeername()


def test_a_datagram_is_refused(guarded: FakeSES) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock, pytest.raises(UsageError) as excinfo:
        sock.sendto(b"x", 0, (UNROUTABLE, 53))

    assert f"refused to send a packet to {UNROUTABLE}:53" in refused(excinfo)


def test_an_ipv6_connection_is_refused(guarded: FakeSES) -> None:
    try:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    except OSError:
        pytest.skip("no IPv6 on this machine")
    with sock, pytest.raises(UsageError) as excinfo:
        sock.connect(("2001:db8::1", 443, 0, 0))

    assert "refused a connection to 2001:db8::1:443" in refused(excinfo)


# --- loopback stays open ------------------------------------------------------------------------------------
@pytest.fixture
def local_http_server() -> Iterator[int]:
    class Hello(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_stays_reachable(guarded: FakeSES, local_http_server: int, host: str) -> None:
    assert requests.get(f"http://{host}:{local_http_server}/", timeout=5).text == "hello"
    with socket.create_connection((host, local_http_server), timeout=5) as sock:
        assert sock.getpeername()[0] in ("127.0.0.1", "::1")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        assert udp.sendto(b"x", ("127.0.0.1", local_http_server)) == 1


# --- the guard's own lifecycle --------------------------------------------------------------------------------
def patched() -> dict[str, Any]:
    return {
        "getaddrinfo": socket.getaddrinfo,
        "gethostbyname": socket.gethostbyname,
        "connect": socket.socket.__dict__.get("connect"),
        "sendto": socket.socket.__dict__.get("sendto"),
    }


def test_uninstalling_restores_exactly_what_was_there(tripwire: Tripwire) -> None:
    before = patched()
    guard = NetworkGuard().install()
    during = patched()
    guard.uninstall()

    assert all(during[name] is not before[name] for name in before)
    assert patched() == before
    assert not guard.installed


def test_overlapping_guards_keep_the_patches_until_the_last_one_goes(tripwire: Tripwire) -> None:
    before = patched()
    first, second = NetworkGuard(), NetworkGuard()
    first.install()
    during = patched()
    second.install()
    first.install()  # again: nothing changes
    first.uninstall()  # not last-in-first-out: the patches stay for the second guard
    assert patched() == during
    with pytest.raises(UsageError):
        socket.getaddrinfo("example.com", 443)
    second.uninstall()
    second.uninstall()  # again: nothing changes

    assert patched() == before


def test_a_patch_left_behind_after_the_last_guard_passes_calls_through(tripwire: Tripwire) -> None:
    """Someone's monkeypatch may put a wrapper back after the guard went: it must not keep refusing."""
    guard = NetworkGuard().install()
    left_behind = socket.getaddrinfo
    guard.uninstall()

    with pytest.raises(AssertionError, match="tripwire"):  # passed through, to the tripwire below
        left_behind("example.com", 443)
    tripwire.hits.clear()


def test_the_guard_works_without_a_fake(tripwire: Tripwire) -> None:
    with NetworkGuard(), pytest.raises(UsageError):
        boto3.client("ses", region_name="us-east-1").list_configuration_sets()


def test_the_fake_itself_installs_the_guard(tripwire: Tripwire) -> None:
    try:
        with FakeSES(), pytest.raises(UsageError):
            socket.getaddrinfo("example.com", 443)
    finally:
        tripwire.hits.clear()  # without the guard the tripwire stops the lookup: a failure, not a leak


# --- credentials: only the fake's ------------------------------------------------------------------------
REAL_LOOKING = {
    "AWS_ACCESS_KEY_ID": "AKIAREALLOOKINGKEY01",
    "AWS_SECRET_ACCESS_KEY": "real/looking/secret/key/0123456789abcdefgh",
    "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEreallookingtoken",
    "AWS_PROFILE": "production",
}


@pytest.fixture
def real_looking_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """Real-looking keys in the environment, and a profile whose credentials come from a process that
    leaves a mark when it runs."""
    mark = tmp_path / "credential-process-ran"
    process = tmp_path / "credentials.py"
    process.write_text(
        f"import json, pathlib\npathlib.Path({str(mark)!r}).write_text('ran')\n"
        'print(json.dumps({"Version": 1, "AccessKeyId": "AKIAFROMPROCESS00001", "SecretAccessKey": "s"}))\n'
    )
    config = tmp_path / "config"
    config.write_text(
        f"[profile production]\nregion = eu-west-1\ncredential_process = {sys.executable} {process}\n"
        "[default]\naws_access_key_id = AKIAFROMCONFIGFILE01\naws_secret_access_key = s\n"
    )
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[production]\naws_access_key_id = AKIAFROMCREDENTIALS1\naws_secret_access_key = s\n"
        "[default]\naws_access_key_id = AKIAFROMCREDENTIALS2\naws_secret_access_key = s\n"
    )
    values = {**REAL_LOOKING, "AWS_CONFIG_FILE": str(config), "AWS_SHARED_CREDENTIALS_FILE": str(credentials)}
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return {**values, "mark": str(mark)}


def signing_keys(client: Any, calls: Callable[[Any], object]) -> set[str]:
    """The access keys in the SigV4 ``Authorization`` headers of the requests ``calls`` makes."""
    keys: set[str] = set()

    def capture(request: Any, **_: Any) -> None:
        authorization = request.headers.get("Authorization", b"")
        text = authorization.decode() if isinstance(authorization, bytes) else authorization
        keys.update(re.findall(r"Credential=([^/]+)/", text))
        keys.update(["session token!"] if "X-Amz-Security-Token" in request.headers else [])

    client.meta.events.register("before-send", capture)
    calls(client)
    return keys


def test_real_credentials_in_the_environment_are_never_used(real_looking_environment: dict[str, str]) -> None:
    before = dict(os.environ)

    with FakeSES() as fake:
        used = signing_keys(fake.client("ses"), lambda c: c.list_configuration_sets())
        used |= signing_keys(fake.client("sns", region="eu-west-1"), lambda c: c.list_topics())
        inside = {key: os.environ.get(key) for key in real_looking_environment}

    assert used == {"testing"}
    assert inside == {
        "AWS_ACCESS_KEY_ID": inside["AWS_ACCESS_KEY_ID"],  # the fake's, or moto's: see the next test
        "AWS_SECRET_ACCESS_KEY": inside["AWS_SECRET_ACCESS_KEY"],
        "AWS_SESSION_TOKEN": None,
        "AWS_PROFILE": None,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "mark": None,
    }
    assert inside["AWS_ACCESS_KEY_ID"] != REAL_LOOKING["AWS_ACCESS_KEY_ID"]
    assert not Path(real_looking_environment["mark"]).exists()
    assert dict(os.environ) == before


def test_clients_the_application_makes_sign_with_the_fakes_key(real_looking_environment: dict[str, str]) -> None:
    """An application's own clients read the environment: they must find the fake's ``testing`` key."""
    before = dict(os.environ)

    with FakeSES():
        used = signing_keys(boto3.client("sesv2"), lambda c: c.list_configuration_sets())
        used |= signing_keys(boto3.session.Session().client("sqs"), lambda c: c.list_queues())
        used |= signing_keys(
            boto3.session.Session(region_name="eu-west-1").client("ses"), lambda c: c.get_send_quota()
        )

    assert used == {"testing"}
    assert not Path(real_looking_environment["mark"]).exists()
    assert dict(os.environ) == before


def test_clients_the_application_makes_never_see_real_credentials(
    real_looking_environment: dict[str, str],
) -> None:
    with FakeSES():
        used = signing_keys(boto3.client("sesv2"), lambda c: c.list_configuration_sets())
        used |= signing_keys(boto3.session.Session().client("sqs"), lambda c: c.list_queues())

    assert len(used) == 1
    assert used.isdisjoint({"AKIAREALLOOKINGKEY01", "AKIAFROMPROCESS00001", "session token!"})
    assert not any(key.startswith("AKIAFROM") for key in used)
    assert not Path(real_looking_environment["mark"]).exists()


def test_the_environment_is_restored_even_when_the_test_fails(real_looking_environment: dict[str, str]) -> None:
    before = dict(os.environ)

    with pytest.raises(RuntimeError), FakeSES():
        raise RuntimeError("the test failed")

    assert dict(os.environ) == before
    assert json.dumps(before, sort_keys=True) == json.dumps(dict(os.environ), sort_keys=True)


# --- boto3's default session: made outside the fake, made inside it ------------------------------------------
def test_a_default_session_made_before_the_fake_is_not_used_inside_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Applications often make a client at import time, outside any fake, with the developer's keys."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", REAL_LOOKING["AWS_ACCESS_KEY_ID"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", REAL_LOOKING["AWS_SECRET_ACCESS_KEY"])
    boto3.client("sts", region_name="us-east-1")  # no request: only the default session and its credentials

    with FakeSES():
        used = signing_keys(boto3.client("ses"), lambda c: c.list_configuration_sets())

    assert used == {"testing"}


def test_a_default_session_made_inside_the_fake_does_not_outlive_it() -> None:
    with FakeSES():
        boto3.client("ses")

    assert boto3.DEFAULT_SESSION is None
