"""The boto3 clients a test did not change are kept for the next test; a changed one is not."""

from __future__ import annotations

import pytest

from pytest_ses import FakeSES

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
