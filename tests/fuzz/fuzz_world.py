"""The account every fuzz example runs against, the unvalidated clients, the profiles and the property checks.

Each example gets a fresh ``FakeSES`` holding a verified domain, a set with an SNS destination, a pool,
a template, a topic and a suppressed address, so fuzzed names hit existing resources as often as
missing ones.  Clients skip botocore's parameter validation so the fake sees the bad input.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from functools import cache
from typing import Any

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError
from fuzz_strategies import (
    ACCOUNT,
    DESTINATION,
    DOMAIN,
    POOL,
    REGION,
    SET,
    SUPPRESSED,
    TEMPLATE,
    TOPIC_ARN,
    operation_model,
)
from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine

from pytest_ses import FakeSES
from pytest_ses.bridge import BRIDGE
from pytest_ses.bridge.wire import dump_v2_response
from pytest_ses.clients import ClientFactory
from pytest_ses.core.api import operations
from pytest_ses.errors import AwsError

QUICK, LONG = "pytest-ses-fuzz-quick", "pytest-ses-fuzz-long"
"""Profile names (registered in conftest.py); ``PYTEST_SES_FUZZ=long`` selects the long one."""
UNVALIDATED = Config(parameter_validation=False, retries={"total_max_attempts": 1})
OPERATIONS = [(service, name) for service in ("ses", "sesv2") for name in sorted(operations(service))]
"""Every operation the fake owns, as the bridge routes them."""


def fuzz_settings(quick: int = 1, long: int = 1) -> settings:
    """The selected profile, its examples multiplied by ``quick`` or ``long`` (cheap tests afford more)."""
    is_long = os.environ.get("PYTEST_SES_FUZZ", "").strip().lower() == "long"
    profile = settings.get_profile(LONG if is_long else QUICK)
    return settings(profile, max_examples=profile.max_examples * (long if is_long else quick))


@cache
def client_factory() -> ClientFactory:
    """One factory for every example: clients are reused across fakes (moto intercepts them all)."""
    return ClientFactory()


@cache
def unvalidated_client(service: str) -> Any:
    """A client that sends whatever it is given; deaf to the user's AWS configuration, like the fake's own."""
    isolated = botocore.session.Session(
        session_vars={
            "profile": (None, None, None, None),
            "config_file": (None, None, os.devnull, None),
            "credentials_file": (None, None, os.devnull, None),
        }
    )
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", botocore_session=isolated
    )
    return session.client(service, region_name=REGION, config=UNVALIDATED)  # type: ignore[call-overload]


@contextmanager
def fuzz_world() -> Iterator[FakeSES]:
    """A fresh fake with one of each resource the fuzzed names refer to."""
    with FakeSES(clients=client_factory()) as fake:
        fake.verify(DOMAIN)
        v2 = fake.client("sesv2")
        fake.client("sns").create_topic(Name=TOPIC_ARN.rpartition(":")[2])
        v2.create_configuration_set(ConfigurationSetName=SET)
        v2.create_configuration_set_event_destination(
            ConfigurationSetName=SET,
            EventDestinationName=DESTINATION,
            EventDestination={"MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": TOPIC_ARN}},
        )
        v2.create_dedicated_ip_pool(PoolName=POOL)
        v2.create_email_template(
            TemplateName=TEMPLATE, TemplateContent={"Subject": "Hi {{name}}", "Text": "Hello {{name}}"}
        )
        v2.put_suppressed_destination(EmailAddress=SUPPRESSED, Reason="BOUNCE")
        yield fake


class WorldMachine(RuleBasedStateMachine):
    """A state machine that runs inside its own fuzz world and, at the end, checks every read against its
    model (``every_read_shows_the_model``)."""

    def __init__(self) -> None:
        super().__init__()
        self.world = ExitStack()
        self.world.enter_context(fuzz_world())

    def teardown(self) -> None:
        try:
            self.every_read_shows_the_model()
        finally:
            self.world.close()

    def every_read_shows_the_model(self) -> None:
        raise NotImplementedError


def reaches_fake(service: str, operation: str, params: Mapping[str, Any]) -> bool:
    """Whether a boto3 call with these parameters gets to the fake's handler.

    Not when botocore's serializer refuses them (wrong Python types), nor when a v2 request lacks a
    path label or required query member: such a URL matches no operation (moto answers a bare 404, as
    AWS's front door would with its own error), so no SES operation ever sees it.
    """
    model = operation_model(service, operation)
    shape = model.input_shape
    if service == "sesv2" and shape is not None:
        for name, member in shape.members.items():
            location = member.serialization.get("location")
            if location == "uri" or (location == "querystring" and name in shape.required_members):
                value = params.get(name)
                wanted = list if member.type_name == "list" else str
                if not isinstance(value, wanted) or not value:
                    return False
    try:
        unvalidated_client(service)._serializer.serialize_to_request(dict(params), model)
    except Exception:  # any refusal of the serializer means: the fake never sees this input
        return False
    return True


def call(service: str, operation: str, params: Mapping[str, Any]) -> dict[str, Any] | ClientError:
    """One call through boto3: the response, or the ClientError after checking it is AWS-shaped."""
    client = unvalidated_client(service)
    try:
        return dict(getattr(client, botocore.xform_name(operation))(**params))
    except ClientError as error:
        assert_aws_shaped(error)
        return error


def assert_aws_shaped(error: ClientError) -> None:
    """An error code (not a bare HTTP status), a 4xx status, and nothing that says "not implemented"."""
    body: Any = error.response
    code = body.get("Error", {}).get("Code")
    status = body.get("ResponseMetadata", {}).get("HTTPStatusCode")
    assert code, f"no AWS error code: {body}"
    assert not str(code).isdigit(), f"a bare HTTP status, not an AWS error: {body}"
    assert isinstance(status, int), f"no HTTP status: {body}"
    assert 400 <= status < 500, f"HTTP {status}: {body}"
    assert "NotImplemented" not in str(code), f"not implemented: {body}"


def call_handler(service: str, operation: str, params: Any) -> dict[str, Any] | AwsError:
    """The core handler called with a raw parameter dict: a JSON-serialisable dict, or a 4xx ``AwsError``."""
    handler = operations(service)[operation]
    try:
        result = handler(BRIDGE.context(ACCOUNT, REGION), params)
    except AwsError as error:
        refused = error
    else:
        assert isinstance(result, dict), f"{operation} returned {type(result).__name__}"
        json.loads(dump_v2_response(result))
        return result
    assert refused.code, repr(refused)
    assert 400 <= refused.status < 500, f"{refused!r}: HTTP {refused.status}"
    return refused


def code_of(outcome: dict[str, Any] | ClientError) -> str | None:
    """The error code of a failed call, ``None`` for a success."""
    return outcome.response["Error"]["Code"] if isinstance(outcome, ClientError) else None
