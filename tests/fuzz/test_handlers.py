"""The core handlers called directly with raw parameter dicts: what no boto3 client can send.

A raw HTTP client (server mode, ``pytest-ses serve``) or a test calling a handler can pass any JSON
value anywhere.  Every handler must answer a JSON-serialisable response dict or raise a 4xx
``AwsError`` - never a KeyError, TypeError or AttributeError.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fuzz_strategies import GARBAGE, requests_for
from fuzz_world import OPERATIONS, call_handler, fuzz_settings, fuzz_world
from hypothesis import given
from hypothesis import strategies as st

from pytest_ses import FakeSES

IDS = [f"{service}.{name}" for service, name in OPERATIONS]
ANY_DICT = st.dictionaries(
    st.text(max_size=12) | st.sampled_from(["ConfigurationSetName", "Tags"]), GARBAGE, max_size=4
)


@pytest.fixture(scope="module")
def shared_world() -> Iterator[FakeSES]:
    """Direct calls need a started fake (moto's backends) but not a fresh one per example."""
    with fuzz_world() as fake:
        yield fake


@pytest.mark.parametrize(("service", "operation"), OPERATIONS, ids=IDS)
@fuzz_settings(quick=5, long=2)
@given(data=st.data())
def test_a_handler_given_any_dict_answers_a_response_or_an_aws_error(
    service: str, operation: str, data: st.DataObject, shared_world: FakeSES
) -> None:
    params = data.draw(st.one_of(requests_for(service, operation), ANY_DICT), label="params")
    call_handler(service, operation, params)
