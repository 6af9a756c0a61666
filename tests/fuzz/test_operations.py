"""Every operation the fake owns, called with generated parameters: valid, boundary and garbage.

Property: a call through a real boto3 client (parameter validation off) answers a success or an
AWS-shaped ``ClientError`` (an error code, HTTP 4xx), never a Python exception, an HTTP 5xx or "not
implemented".  Input botocore cannot even serialise (wrong Python types) never reaches the fake that
way, so the core handler is called with the raw dict instead (test_handlers.py does that for every kind
of dict): it must return a response dict or raise a 4xx ``AwsError``.
"""

from __future__ import annotations

import pytest
from fuzz_strategies import requests_for
from fuzz_world import OPERATIONS, call, call_handler, fuzz_settings, fuzz_world, reaches_fake
from hypothesis import given
from hypothesis import strategies as st
from moto.ses.responses import EmailResponse
from moto.sesv2.responses import SESV2Response

from pytest_ses.bridge import patching
from pytest_ses.bridge.patching import snake_case

IDS = [f"{service}.{name}" for service, name in OPERATIONS]


@pytest.mark.parametrize(("service", "operation"), OPERATIONS, ids=IDS)
@fuzz_settings()
@given(data=st.data())
def test_a_call_answers_success_or_an_aws_error(service: str, operation: str, data: st.DataObject) -> None:
    params = data.draw(requests_for(service, operation), label="params")
    with fuzz_world():
        if reaches_fake(service, operation, params):
            call(service, operation, params)
        else:
            call_handler(service, operation, params)


def test_every_operation_the_bridge_routes_is_fuzzed() -> None:
    """The list comes from the registry the bridge routes from, so a new handler is fuzzed once registered."""
    routed = {
        (service, name)
        for service, cls in (("ses", EmailResponse), ("sesv2", SESV2Response))
        for name in dir(cls)
        if getattr(getattr(cls, name), "__module__", None) == patching.__name__
        and not name.startswith("_")
        # Operations nobody fakes answer one fixed error (tests/aws/test_unfaked_operations.py).
        and getattr(getattr(cls, name), "__name__", None) != "unfaked"
    }
    fuzzed = {(service, snake_case(name)) for service, name in OPERATIONS}
    assert fuzzed == routed - {("ses", "parse_parameters")}
