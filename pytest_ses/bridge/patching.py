"""Route SES and SESv2 requests that moto receives to the pytest-ses core.

moto dispatches each request to a method named after the operation on ``EmailResponse`` (v1) or
``SESV2Response`` (v2).  Installing the bridge sets those methods for every operation the core owns,
keeping moto's originals so that uninstalling restores them and so that handlers can extend them.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

import moto
from moto.core.exceptions import JsonRESTError, ServiceException
from moto.core.responses import ActionResult, BaseResponse
from moto.core.utils import camelcase_to_underscores
from moto.ses.models import SESBackend, ses_backends
from moto.ses.responses import EmailResponse
from moto.sesv2.responses import SESV2Response
from werkzeug.exceptions import HTTPException

from ..core.api import operations
from ..core.api.context import Handler, OpContext, Response
from ..core.session import Session
from ..core.store import Store
from ..errors import AwsError
from . import wire
from .sns_http import SnsHttpBridge
from .speedups import (
    QueueCountsSkippedWhenSending,
    QueueWalksReadTheClockOnce,
    RememberedQueueAttributeNames,
    ReusedUrlCallbacks,
)
from .world import MotoWorld

_STORE_ATTRIBUTE = "_pytest_ses_store"


class SesClientError(ServiceException):
    """An ``AwsError`` as moto serialises it for the query protocol (XML, ``Type: Sender``)."""

    def __init__(self, error: AwsError) -> None:
        super().__init__(error.code, wire.xml_safe(error.message))
        self.http_status = error.status


class SesQueryError(HTTPException):
    """An ``AwsError`` written as a v1 error document by us rather than by moto's serialiser.

    For errors raised while moto parses the request, before any operation runs, where only an HTTP exception
    becomes a response (in-process and in server mode); and for codes the SES model does not list (such as
    ``NotImplemented``), about which moto's serialiser warns.
    """

    def __init__(self, error: AwsError) -> None:
        super().__init__(description=wire.query_error_xml(error.code, error.message))
        self.code = error.status

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        return [("Content-Type", "text/xml")]

    def get_body(self, *args: Any, **kwargs: Any) -> str:
        return str(self.description)


# [inferred] AWS's common error for a value that cannot be read as its parameter's type.
_UNREADABLE_VALUE = AwsError(
    "InvalidParameterValue", "A parameter of the request has a value that is not valid for its type."
)


def _v2_error(error: AwsError) -> JsonRESTError:
    rest = JsonRESTError(error.code, error.message)
    rest.code = error.status
    return rest


def snake_case(operation: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()


class MotoBridge:
    """Installs the core's handlers onto moto's SES response classes (idempotent, reversible)."""

    def __init__(self) -> None:
        self.session = Session()
        """Settings, ids, outcomes and recorder; the active ``FakeSES`` replaces it for its lifetime."""
        self.active: Any = None
        """The started ``FakeSES``, if any (one at a time per process)."""
        self._originals: dict[tuple[type[BaseResponse], str], Any] = {}
        self._lock = threading.Lock()
        self._installs = 0
        self.sns_http = SnsHttpBridge(lambda: self.session)
        """SNS HTTP/S deliveries as SNS makes them, routed to in-process apps (``Session.webhooks``)."""
        self.speedups = (
            ReusedUrlCallbacks(),
            RememberedQueueAttributeNames(),
            QueueCountsSkippedWhenSending(),
            QueueWalksReadTheClockOnce(),
        )
        """moto's repeated work done once or skipped (URL callbacks per mock start; SQS attributes per message,
        clock reads per queued message)."""

    @property
    def installed(self) -> bool:
        return self._installs > 0

    def install(self) -> None:
        with self._lock:
            self._installs += 1
            if self._installs > 1:
                return
            for cls, service in ((EmailResponse, "ses"), (SESV2Response, "sesv2")):
                for operation, handler in operations(service).items():
                    self._patch(cls, service, operation, handler)
            self._patch_query_parser()
            for cls, service in ((EmailResponse, "ses"), (SESV2Response, "sesv2")):
                self._patch_unfaked(cls, service)
            self.sns_http.install()
            for speedup in self.speedups:
                speedup.install()

    def uninstall(self) -> None:
        with self._lock:
            if self._installs == 0:
                return
            self._installs -= 1
            if self._installs:
                return
            for (cls, name), original in self._originals.items():
                if original is None:
                    delattr(cls, name)
                else:
                    setattr(cls, name, original)
            self._originals.clear()
            self.sns_http.uninstall()
            for speedup in self.speedups:
                speedup.uninstall()

    def store_for(self, account_id: str, region: str) -> Store:
        """The core store lives on moto's backend, so moto's reset discards it with everything else."""
        backend: SESBackend = ses_backends[account_id][region]
        store = backend.__dict__.get(_STORE_ATTRIBUTE)
        if store is None:
            with self._lock:
                store = backend.__dict__.get(_STORE_ATTRIBUTE)
                if store is None:
                    store = Store.create(account_id, region, self.session.dedicated_ips)
                    setattr(backend, _STORE_ATTRIBUTE, store)
        assert isinstance(store, Store)
        return store

    def _patch(self, cls: type[BaseResponse], service: str, operation: str, handler: Handler) -> None:
        name = snake_case(operation)
        original = cls.__dict__.get(name)
        self._originals[(cls, name)] = original
        bridge = self
        if service == "ses":

            def v1_method(response: EmailResponse) -> ActionResult:
                params = dict(response.params)
                underlying = _v1_underlying(response, original, operation)
                try:
                    result = handler(bridge._context(response, underlying), params)
                except AwsError as error:
                    raise SesClientError(error) from None
                return ActionResult(wire.xml_safe(result))

            setattr(cls, name, v1_method)
        else:

            def v2_method(response: SESV2Response) -> str:
                underlying = _v2_underlying(response, original, operation)
                try:
                    params = wire.parse_v2_request(operation, response.uri_match, response.uri, response.body)
                    result = handler(bridge._context(response, underlying), params)
                except AwsError as error:
                    raise _v2_error(error) from None
                return wire.dump_v2_response(result)

            setattr(cls, name, v2_method)

    def _patch_unfaked(self, cls: type[BaseResponse], service: str) -> None:
        """Operations neither the core nor moto implements answer ``NotImplemented`` (HTTP 501), a
        ``ClientError`` that names the operation, instead of moto's ``NotImplementedError`` crashing the call."""
        owned = operations(service)
        for operation in wire.service_model(service).operation_names:
            name = camelcase_to_underscores(operation)
            if operation in owned or hasattr(cls, name):
                continue
            self._originals[(cls, name)] = None
            setattr(cls, name, _unfaked(service, operation))

    def _patch_query_parser(self) -> None:
        """moto's v1 parser raises ValueError/TypeError on values it cannot convert: answer them as AWS would."""
        name = "parse_parameters"
        original = EmailResponse.__dict__.get(name)
        self._originals[(EmailResponse, name)] = original
        inherited = BaseResponse.parse_parameters

        def parse_parameters(response: EmailResponse, request: Any) -> None:
            try:
                (original or inherited)(response, request)
            except (ValueError, TypeError, KeyError, AttributeError):
                raise SesQueryError(_UNREADABLE_VALUE) from None

        setattr(EmailResponse, name, parse_parameters)

    def _context(self, response: BaseResponse, underlying: Callable[[], Response]) -> OpContext:
        return self.context(response.current_account, response.region, underlying)

    def context(self, account: str, region: str, underlying: Callable[[], Response] | None = None) -> OpContext:
        """An operation context outside any request (engagement triggered by the test, arrangement helpers)."""
        return OpContext(
            store=self.store_for(account, region),
            world=MotoWorld(account, region),
            underlying=underlying or _no_underlying,
            session=self.session,
        )


def _unfaked(service: str, operation: str) -> Callable[[BaseResponse], Any]:
    error = AwsError(
        "NotImplemented",
        f"pytest-ses does not fake {operation}, and moto {moto.__version__} does not implement it",
        501,
    )

    def unfaked(response: BaseResponse) -> Any:
        raise SesQueryError(error) if service == "ses" else _v2_error(error)

    return unfaked


def _no_underlying() -> Response:
    raise AwsError("InvalidAction", "no underlying request")


def _v1_underlying(response: BaseResponse, original: Any, operation: str) -> Callable[[], Response]:
    def call() -> Response:
        if original is None:
            raise AwsError("InvalidAction", f"{operation} has no underlying implementation")
        result = original(response)
        payload = getattr(result, "result", None)
        return dict(payload) if isinstance(payload, Mapping) else {}

    return call


def _v2_underlying(response: BaseResponse, original: Any, operation: str) -> Callable[[], Response]:
    def call() -> Response:
        if original is None:
            raise AwsError("BadRequestException", f"{operation} has no underlying implementation")
        try:
            body = original(response)
        except JsonRESTError as error:
            raise AwsError(error.error_type, error.message, int(error.code)) from None
        text = body[2] if isinstance(body, tuple) else body
        decoded = json.loads(text) if text else {}
        return decoded if isinstance(decoded, dict) else {}

    return call
