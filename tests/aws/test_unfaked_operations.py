"""Operations neither pytest-ses nor moto implements answer a ``NotImplemented`` ClientError naming them,
never moto's ``NotImplementedError``."""

from __future__ import annotations

from typing import Any

import boto3
import botocore.session
import moto
import pytest
from botocore.exceptions import ClientError
from moto.core.exceptions import JsonRESTError
from moto.core.utils import camelcase_to_underscores
from moto.ses.responses import EmailResponse
from moto.sesv2.responses import SESV2Response

from pytest_ses.bridge.patching import SesQueryError
from pytest_ses.core.api import operations


def unfaked(service: str) -> list[str]:
    """The operations of the service's model that moto's own response class does not implement."""
    response_class = {"ses": EmailResponse, "sesv2": SESV2Response}[service]
    owned = operations(service)
    found = []
    for operation in botocore.session.get_session().get_service_model(service).operation_names:
        method = getattr(response_class, camelcase_to_underscores(operation), None)
        if operation not in owned and getattr(method, "__name__", "") == "unfaked":
            found.append(operation)
    return found


def message(operation: str) -> str:
    return f"pytest-ses does not fake {operation}, and moto {moto.__version__} does not implement it"


@pytest.mark.parametrize("service", ["ses", "sesv2"])
def test_every_operation_of_the_model_has_an_answer(service: str) -> None:
    response_class = {"ses": EmailResponse, "sesv2": SESV2Response}[service]
    model = botocore.session.get_session().get_service_model(service)

    missing = [op for op in model.operation_names if not hasattr(response_class, camelcase_to_underscores(op))]

    assert missing == []
    assert len(unfaked(service)) > 10  # e.g. receipt filters (v1), tenants (v2)


@pytest.mark.parametrize("service", ["ses", "sesv2"])
def test_each_unfaked_operation_raises_the_error_that_names_it(service: str) -> None:
    response_class = {"ses": EmailResponse, "sesv2": SESV2Response}[service]
    for operation in unfaked(service):
        with pytest.raises((SesQueryError, JsonRESTError)) as raised:
            getattr(response_class, camelcase_to_underscores(operation))(None)
        assert message(operation) in str(getattr(raised.value, "description", raised.value))
        assert getattr(raised.value, "code", None) == 501


def _error(call: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as raised:
        call()
    response: dict[str, Any] = raised.value.response
    return response


def test_v1_through_boto3(ses_client: Any) -> None:
    response = _error(lambda: ses_client.list_identity_policies(Identity="me@example.com"))

    assert response["Error"]["Code"] == "NotImplemented"
    assert response["Error"]["Message"] == message("ListIdentityPolicies")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert response["ResponseMetadata"]["RetryAttempts"] == 0


def test_v2_through_boto3(sesv2_client: Any) -> None:
    response = _error(lambda: sesv2_client.list_tenants())

    assert response["Error"]["Code"] == "NotImplemented"
    assert response["Error"]["Message"] == message("ListTenants")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501


def test_plain_moto_tests_get_the_same_answer() -> None:
    with moto.mock_aws():
        client = boto3.client("sesv2", region_name="us-east-1")
        response = _error(lambda: client.get_deliverability_dashboard_options())

    assert response["Error"]["Code"] == "NotImplemented"
