"""Hand one HTTP request to a WSGI or ASGI application in-process and collect its answer.

Just enough of PEP 3333 and of the ASGI HTTP scope for a web framework to route and answer a POST; no
server, no socket.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

WSGI = "wsgi"
ASGI = "asgi"


@dataclass(frozen=True)
class HttpRequest:
    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = field(default=b"", repr=False)

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((value for key, value in self.headers if key.lower() == lowered), None)


def app_kind(app: Any) -> str:
    """``"asgi"`` for an ``async`` callable (or an object whose ``__call__`` is one), else ``"wsgi"``."""
    if inspect.iscoroutinefunction(app):
        return ASGI
    if not inspect.isroutine(app) and inspect.iscoroutinefunction(app.__call__):
        return ASGI
    return WSGI


def call_app(app: Any, kind: str, request: HttpRequest, client: str) -> HttpResponse:
    if kind == ASGI:
        return call_asgi(app, request, client)
    return call_wsgi(app, request, client)


def _host_and_port(request: HttpRequest) -> tuple[str, int, str]:
    parts = urlsplit(request.url)
    scheme = parts.scheme or "http"
    port = parts.port or (443 if scheme == "https" else 80)
    return parts.hostname or "localhost", port, scheme


def wsgi_environ(request: HttpRequest, client: str) -> dict[str, Any]:
    """The PEP 3333 environ of ``request`` (strings are latin-1 decoded bytes, as a server passes them)."""
    parts = urlsplit(request.url)
    host, port, scheme = _host_and_port(request)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": request.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(parts.path or "/").decode("latin-1"),
        "QUERY_STRING": parts.query,
        "SERVER_NAME": host,
        "SERVER_PORT": str(port),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": client,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(request.body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in request.headers.items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ[f"HTTP_{key}"] = value
    return environ


def call_wsgi(app: Callable[..., Iterable[bytes]], request: HttpRequest, client: str) -> HttpResponse:
    started: list[tuple[str, list[tuple[str, str]]]] = []
    written: list[bytes] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Callable[[bytes], Any]:
        if exc_info is not None and started:
            raise exc_info[1].with_traceback(exc_info[2])
        started[:] = [(status, list(headers))]
        return written.append

    result = app(wsgi_environ(request, client), start_response)
    try:
        for chunk in result:
            written.append(chunk)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    if not started:
        raise RuntimeError("the WSGI application returned without calling start_response")
    status, headers = started[0]
    return HttpResponse(int(status.split(" ", 1)[0]), tuple(headers), b"".join(written))


def asgi_scope(request: HttpRequest, client: str) -> dict[str, Any]:
    parts = urlsplit(request.url)
    host, port, scheme = _host_and_port(request)
    path_bytes = unquote_to_bytes(parts.path or "/")
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": scheme,
        "path": path_bytes.decode("utf-8", "replace"),
        "raw_path": (parts.path or "/").encode("ascii", "replace"),
        "query_string": parts.query.encode("latin-1"),
        "root_path": "",
        "headers": [
            (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in request.headers.items()
        ],
        "client": (client, 0),
        "server": (host, port),
        "state": {},
    }


async def _run_asgi(app: Any, request: HttpRequest, client: str) -> HttpResponse:
    sent_request = False
    responded = asyncio.Event()
    status = 0
    headers: list[tuple[str, str]] = []
    body: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent_request
        if not sent_request:
            sent_request = True
            return {"type": "http.request", "body": request.body, "more_body": False}
        # The client stays connected until the response is complete, then goes away.
        await responded.wait()
        return {"type": "http.disconnect"}

    async def send(message: Mapping[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
            headers.extend(
                (bytes(name).decode("latin-1"), bytes(value).decode("latin-1"))
                for name, value in message.get("headers", [])
            )
        elif message["type"] == "http.response.body":
            body.append(bytes(message.get("body", b"")))
            if not message.get("more_body", False):
                responded.set()

    await app(asgi_scope(request, client), receive, send)
    responded.set()
    if not status:
        raise RuntimeError("the ASGI application returned without starting a response")
    return HttpResponse(status, tuple(headers), b"".join(body))


def call_asgi(app: Any, request: HttpRequest, client: str) -> HttpResponse:
    """Runs the app in a new event loop; in a thread of its own when this thread already runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_run_asgi(app, request, client))
    outcome: list[HttpResponse] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(asyncio.run(_run_asgi(app, request, client)))
        except BaseException as error:  # handed back to the calling thread
            failure.append(error)

    worker = threading.Thread(target=run, name="pytest-ses-asgi")
    worker.start()
    worker.join()
    if failure:
        raise failure[0]
    return outcome[0]


def post_over_network(request: HttpRequest, timeout: float = 10.0) -> HttpResponse:
    """A real HTTP request with ``requests`` (so an active ``responses`` mock still sees it).

    The caller decides whether the URL may be reached: only loopback addresses or mocked URLs are.
    """
    import requests

    response = requests.request(
        request.method,
        request.url,
        headers=dict(request.headers),
        data=request.body,
        timeout=timeout,
        allow_redirects=False,
    )
    return HttpResponse(response.status_code, tuple(response.headers.items()), response.content)
