"""What pytest-ses keeps between tests to stay fast, and that keeping it changes nothing a test can see.

Two things are reused: the boto3 clients a test did not change, and moto's URL callbacks, which moto would
otherwise rebuild on every start of its mock.
"""

from __future__ import annotations

from typing import Any

import boto3
import moto.core.models as moto_models
import pytest
import requests

from pytest_ses import FakeSES
from pytest_ses.bridge import BRIDGE

INI = """\
[pytest]
addopts = -p no:cacheprovider -p no:hypothesispytest -p no:randomly
"""

KEPT_CLIENTS = """
KEPT = {}


def test_first(ses, ses_client, sesv2_client):
    KEPT.update(ses=ses_client, sesv2=sesv2_client, sns=ses.client("sns"))
    ses_client.list_configuration_sets()


def test_second_gets_the_same_clients(ses, ses_client, sesv2_client):
    assert ses_client is KEPT["ses"]
    assert sesv2_client is KEPT["sesv2"]
    assert ses.client("sns") is KEPT["sns"]


def test_third_changes_one(ses, ses_client):
    ses_client.meta.events.register("before-call", lambda **kwargs: None)
    assert ses.client("ses") is ses_client  # the same client for the rest of this test


def test_fourth_gets_a_new_one_for_the_changed_client_only(ses, ses_client, sesv2_client):
    assert ses_client is not KEPT["ses"]
    assert sesv2_client is KEPT["sesv2"]
"""


def test_untouched_clients_are_kept_and_changed_ones_replaced(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)
    pytester.makepyfile(test_kept=KEPT_CLIENTS)

    pytester.runpytest().assert_outcomes(passed=4)


def test_a_stubber_left_active_makes_the_next_fake_build_a_new_client() -> None:
    from botocore.stub import Stubber

    with FakeSES() as fake:
        first = fake.client("sesv2")
        Stubber(first).activate()
    with FakeSES() as fake:
        assert fake.client("sesv2") is not first
        assert fake.client("sesv2").list_configuration_sets()["ConfigurationSets"] == []


def _url_callbacks() -> list[object]:
    return list(moto_models.responses_mock.registered())


def test_moto_gets_the_same_url_callbacks_on_every_start_with_empty_call_logs() -> None:
    assert BRIDGE.installed  # by the plugin, for the whole run
    with FakeSES() as fake:
        first = _url_callbacks()
        bucket = fake.client("s3")
        bucket.create_bucket(Bucket="reuse")
        bucket.put_object(Bucket="reuse", Key="k", Body=b"through requests")
        url = bucket.generate_presigned_url("get_object", Params={"Bucket": "reuse", "Key": "k"})
        assert requests.get(url, timeout=5).content == b"through requests"
        assert sum(len(response.calls) for response in first) == 1  # type: ignore[attr-defined]
    with FakeSES() as fake:
        second = _url_callbacks()
        assert len(second) == len(first) > 1000
        assert all(a is b for a, b in zip(first, second, strict=True))
        assert sum(len(response.calls) for response in second) == 0  # type: ignore[attr-defined]
        # moto's state went with the previous start; requests still reach it.
        bucket = fake.client("s3")
        bucket.create_bucket(Bucket="reuse")
        url = bucket.generate_presigned_url("get_object", Params={"Bucket": "reuse", "Key": "k"})
        assert requests.get(url, timeout=5).status_code == 404


def test_a_plain_mock_aws_start_reuses_them_too_and_still_isolates_state() -> None:
    from moto import mock_aws

    with mock_aws():
        boto3.client("sns", region_name="us-east-1").create_topic(Name="first")
        first = _url_callbacks()
    with mock_aws():
        assert boto3.client("sns", region_name="us-east-1").list_topics()["Topics"] == []
        assert all(a is b for a, b in zip(first, _url_callbacks(), strict=True))


def test_uninstalling_the_bridge_gives_moto_back_its_own_class() -> None:
    from moto.core.custom_responses_mock import CallbackResponse

    from pytest_ses.bridge.speedups import ReusedUrlCallbacks

    def build(*args: object, **kwargs: object) -> object:
        return moto_models.CallbackResponse(*args, **kwargs)

    reuse = ReusedUrlCallbacks()
    saved = moto_models.CallbackResponse
    moto_models.CallbackResponse = CallbackResponse
    try:
        reuse.install()
        reuse.install()  # idempotent
        built = build(method="GET", url="https://a.example/", callback=print)
        assert build(method="GET", url="https://a.example/", callback=print) is built
        assert build("GET", "https://a.example/", print) is not built  # another shape: built as usual
        reuse.uninstall()
        reuse.uninstall()
        assert moto_models.CallbackResponse is CallbackResponse
    finally:
        moto_models.CallbackResponse = saved


def test_sqs_attribute_names_are_converted_once_and_moto_gets_its_function_back() -> None:
    import moto.sqs.models as moto_sqs
    from moto.core.utils import camelcase_to_underscores

    from pytest_ses.bridge.speedups import RememberedQueueAttributeNames

    saved = moto_sqs.camelcase_to_underscores
    moto_sqs.camelcase_to_underscores = camelcase_to_underscores
    remembered = RememberedQueueAttributeNames()
    try:
        remembered.install()
        remembered.install()  # idempotent
        convert: Any = moto_sqs.camelcase_to_underscores
        assert convert("VisibilityTimeout") == convert("VisibilityTimeout") == "visibility_timeout"
        assert convert.cache_info().hits == 1
        remembered.uninstall()
        remembered.uninstall()
        assert moto_sqs.camelcase_to_underscores is camelcase_to_underscores
    finally:
        moto_sqs.camelcase_to_underscores = saved
