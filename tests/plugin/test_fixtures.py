"""The plugin as users meet it, run through pytester: fixtures, isolation between tests, ini options, the
marker, the report header, xdist, and ``FakeSES`` on its own."""

from __future__ import annotations

import os
import re
import sys
import textwrap
from pathlib import Path

import boto3
import moto
import pytest

import pytest_ses
from pytest_ses import FakeSES, UsageError, assert_event_published, assert_sent

INI = """\
[pytest]
addopts = -p no:cacheprovider -p no:hypothesispytest
filterwarnings =
    error
    ignore::DeprecationWarning:botocore.*
    ignore::DeprecationWarning:moto.*
"""
SEND = """
def send(ses, to="a@example.net", **extra):
    ses.verify("example.com")
    return ses.client("sesv2").send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": [to]},
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}}}},
        **extra,
    )["MessageId"]
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini(INI)
    return pytester


def write(pytester: pytest.Pytester, source: str, name: str = "test_it") -> None:
    pytester.makepyfile(**{name: SEND + textwrap.dedent(source)})


# --- the fixtures ----------------------------------------------------------------------------------------------
def test_each_fixture_gives_a_working_fake(project: pytest.Pytester) -> None:
    write(
        project,
        """
        from pytest_ses import FakeSES

        def test_ses(ses):
            assert isinstance(ses, FakeSES) and ses.started
            assert (ses.region, ses.account_id) == ("us-east-1", "123456789012")
            assert ses.client("sns").list_topics()["Topics"] == []

        def test_clients_share_one_store(ses, ses_client, sesv2_client):
            ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
            assert sesv2_client.list_configuration_sets()["ConfigurationSets"] == ["tx"]
            assert list(ses.store().sets) == ["tx"]
            assert ses_client.meta.service_model.service_name == "ses"
            assert sesv2_client.meta.service_model.service_name == "sesv2"
            assert ses_client.meta.region_name == sesv2_client.meta.region_name == "us-east-1"
        """,
    )

    project.runpytest().assert_outcomes(passed=2)


def test_state_and_records_do_not_leak_between_tests(project: pytest.Pytester) -> None:
    body = """
        def test_{n}(ses, sesv2_client):
            assert sesv2_client.list_configuration_sets()["ConfigurationSets"] == []
            assert ses.client("sns").list_topics()["Topics"] == []
            assert (len(ses.messages), len(ses.events)) == (0, 0)
            ses.configuration_set("tx")
            ses.outcome("a@example.net", "bounce")
            send(ses, configuration_set="tx") if False else send(ses, ConfigurationSetName="tx")
            assert [e.event_type for e in ses.events] == ["Send", "Bounce"]
            assert ses.store().suppressed  # the bounce put a@ on the account's suppression list
    """
    write(project, "".join(body.format(n=n) for n in range(3)))

    project.runpytest().assert_outcomes(passed=3)


def test_outcomes_programmed_in_one_test_do_not_apply_in_the_next(project: pytest.Pytester) -> None:
    write(
        project,
        """
        def test_programs(ses):
            ses.outcome("a@example.net", "bounce")

        def test_delivers(ses):
            send(ses)
            assert [e.event_type for e in ses.events] == ["Send", "Delivery"]
        """,
    )

    project.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_sends_outside_the_fixture_are_not_kept_after_their_test(project: pytest.Pytester) -> None:
    write(
        project,
        """
        import boto3
        from moto import mock_aws
        from pytest_ses.bridge import BRIDGE

        def test_plain_moto_send():
            with mock_aws():
                client = boto3.client("ses", region_name="us-east-1")
                client.verify_email_identity(EmailAddress="me@example.com")
                client.send_email(
                    Source="me@example.com",
                    Destination={"ToAddresses": ["a@example.net"]},
                    Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}}},
                )
            assert len(BRIDGE.session.recorder.messages()) == 1  # recorded by the bridge's default session

        def test_next():
            assert BRIDGE.session.recorder.messages() == ()
        """,
    )

    project.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


@pytest.fixture
def production_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's environment: a named profile that exists in their AWS config file."""
    config = tmp_path / "aws-config"
    config.write_text("[profile production]\nregion = ap-southeast-2\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_PROFILE", "production")


@pytest.mark.usefixtures("production_profile")
def test_the_environment_is_faked_during_the_test_and_restored_after(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-2")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "real-token")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "999999999999")
    monkeypatch.delenv("AWS_REGION", raising=False)
    write(
        project,
        """
        import os

        REAL = {
            "AWS_ACCESS_KEY_ID": "AKIAREALKEY",
            "AWS_SECRET_ACCESS_KEY": "real-secret",
            "AWS_PROFILE": "production",
            "AWS_DEFAULT_REGION": "ap-southeast-2",
            "AWS_SESSION_TOKEN": "real-token",
            "MOTO_ACCOUNT_ID": "999999999999",
            "AWS_REGION": None,
        }

        def test_during(ses):
            # fake credentials (moto's own once its mock is active), never the real ones
            assert os.environ["AWS_ACCESS_KEY_ID"] not in ("", "AKIAREALKEY")
            assert os.environ["AWS_SECRET_ACCESS_KEY"] not in ("", "real-secret")
            assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
            assert os.environ["MOTO_ACCOUNT_ID"] == "123456789012"
            for gone in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION"):
                assert gone not in os.environ

        def test_after():
            assert {key: os.environ.get(key) for key in REAL} == REAL
        """,
    )

    project.runpytest("-p", "no:randomly").assert_outcomes(passed=2)
    assert os.environ["AWS_PROFILE"] == "production"


@pytest.mark.usefixtures("production_profile")
def test_the_environment_is_restored_when_the_test_fails(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        project,
        """
        import os

        def test_fails(ses):
            assert False

        def test_after():
            assert os.environ["AWS_PROFILE"] == "production"
            assert os.environ.get("MOTO_ACCOUNT_ID") is None
        """,
    )
    monkeypatch.delenv("MOTO_ACCOUNT_ID", raising=False)

    project.runpytest("-p", "no:randomly").assert_outcomes(passed=1, failed=1)


# --- configuration -----------------------------------------------------------------------------------------------
def test_ini_options_set_the_region_and_account(project: pytest.Pytester) -> None:
    project.makeini(INI + "ses_region = eu-west-1\nses_account_id = 111122223333\n")
    write(
        project,
        """
        import pytest

        def test_ini(ses, sesv2_client):
            assert (ses.region, ses.account_id) == ("eu-west-1", "111122223333")
            assert sesv2_client.meta.region_name == "eu-west-1"
            ses.configuration_set("tx")
            assert ses.configuration_set("other").arn.startswith("arn:aws:ses:eu-west-1:111122223333:")

        @pytest.mark.ses(region="us-west-2")
        def test_the_marker_wins(ses):
            assert (ses.region, ses.account_id) == ("us-west-2", "111122223333")
        """,
    )

    project.runpytest().assert_outcomes(passed=2)


def test_markers_merge_module_class_and_function_closest_first(project: pytest.Pytester) -> None:
    write(
        project,
        """
        import pytest

        pytestmark = pytest.mark.ses(
            region="eu-central-1", account_id="111111111111", outcomes={"a@example.net": "bounce"}
        )

        def test_module(ses):
            assert (ses.region, ses.account_id) == ("eu-central-1", "111111111111")

        @pytest.mark.ses(account_id="222222222222", outcomes={"b@example.net": "complaint"})
        class TestClass:
            def test_class(self, ses):
                assert (ses.region, ses.account_id) == ("eu-central-1", "222222222222")

            @pytest.mark.ses(region="sa-east-1", dedicated_ips=["198.51.100.7"])
            def test_function(self, ses, sesv2_client):
                assert (ses.region, ses.account_id) == ("sa-east-1", "222222222222")
                assert [ip["Ip"] for ip in sesv2_client.get_dedicated_ips()["DedicatedIps"]] == ["198.51.100.7"]
                send(ses, "a@example.net")
                send(ses, "b@example.net")
                assert [e.event_type for e in ses.events] == ["Send", "Bounce", "Send", "Delivery", "Complaint"]
        """,
    )

    project.runpytest().assert_outcomes(passed=3)


def test_the_marker_is_registered_with_its_signature(project: pytest.Pytester) -> None:
    result = project.runpytest("--markers")

    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.ses(*, region='us-east-1', account_id='123456789012', dedicated_ips=(...), "
            "outcomes={recipient: outcome}): configure the `ses` fixture for this test."
        ]
    )


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        (
            "ses(regoin='eu-west-1')",
            "@pytest.mark.ses got unexpected keyword 'regoin' (did you mean 'region'?); accepted: region, "
            "account_id, dedicated_ips, outcomes",
        ),
        (
            "ses(zone='a', ips=[])",
            "@pytest.mark.ses got unexpected keywords 'zone', 'ips'; accepted: region, account_id, dedicated_ips, "
            "outcomes",
        ),
        (
            "ses('eu-west-1')",
            "@pytest.mark.ses takes keyword arguments only (region, account_id, dedicated_ips, outcomes)",
        ),
        ("ses(account_id='1234')", "account_id must be 12 digits, got '1234'"),
        (
            "ses(dedicated_ips='198.51.100.7')",
            "@pytest.mark.ses(dedicated_ips=...) takes a list of addresses, not one string",
        ),
        (
            "ses(outcomes=['a@example.net'])",
            "@pytest.mark.ses(outcomes=...) takes a dict of recipient → outcome, got ['a@example.net']",
        ),
        (
            "ses(outcomes={'a@example.net': 'bonce'})",
            "@pytest.mark.ses(outcomes={'a@example.net': ...}): unknown outcome 'bonce' (did you mean 'bounce'?); "
            "use one of: deliver, bounce, complaint, delay, reject, auto-reply",
        ),
        (
            "ses(outcomes={'a@example.net': ('bounce', {'kind': 'hard'})})",
            "@pytest.mark.ses(outcomes={'a@example.net': ...}): outcome 'bounce' got unexpected keyword 'kind'; "
            "accepted: bounce_type, bounce_subtype, status, diagnostic_code, action",
        ),
        (
            "ses(outcomes={'a@example.net': 42})",
            "@pytest.mark.ses(outcomes={'a@example.net': ...}): an outcome is a name, a (name, details) pair or a "
            "dict with an 'outcome' key; got 42",
        ),
    ],
)
def test_marker_mistakes_error_the_test_with_a_usage_error(
    project: pytest.Pytester, marker: str, message: str
) -> None:
    write(project, f"import pytest\n\n@pytest.mark.{marker}\ndef test_marked(ses):\n    pass\n")

    result = project.runpytest()

    result.assert_outcomes(errors=1)
    result.stdout.re_match_lines([rf"E\s+pytest_ses\.errors\.UsageError: {re.escape(message)}$"])
    result.stdout.no_fnmatch_line("*pytest_ses/marker.py*")  # the plugin's own frames stay out of the way


def test_the_report_header_names_the_versions(project: pytest.Pytester) -> None:
    write(project, "def test_nothing():\n    pass\n")

    result = project.runpytest()

    result.stdout.fnmatch_lines(
        [f"pytest-ses {pytest_ses.__version__} (moto {moto.__version__}, boto3 {boto3.__version__})"]
    )


# --- xdist -------------------------------------------------------------------------------------------------------
def test_works_under_xdist(project: pytest.Pytester) -> None:
    body = """
        @pytest.mark.ses(region="{region}")
        def test_{n}(ses, sesv2_client):
            assert sesv2_client.list_configuration_sets()["ConfigurationSets"] == []
            ses.configuration_set("tx")
            message_id = send(ses, ConfigurationSetName="tx")
            ses.assert_event_published("tx", "delivery", message_id=message_id)
            assert (ses.region, len(ses.messages)) == ("{region}", 1)
    """
    regions = ["us-east-1", "eu-west-1"] * 3
    tests = "".join(body.format(n=n, region=region) for n, region in enumerate(regions))
    write(project, "\n        import pytest\n" + tests)

    result = project.runpytest("-n", "2")

    result.assert_outcomes(passed=6)
    result.stdout.fnmatch_lines(["created: 2/2 workers"])


# --- FakeSES on its own ------------------------------------------------------------------------------------
def test_fake_ses_works_without_pytest(pytester: pytest.Pytester) -> None:
    script = pytester.makepyfile(
        script="""
        import os

        from pytest_ses import FakeSES

        with open("aws-config", "w") as config:
            config.write("[profile production]\\nregion = ap-southeast-2\\n")
        os.environ["AWS_CONFIG_FILE"] = os.path.abspath("aws-config")
        os.environ["AWS_PROFILE"] = "production"
        with FakeSES(region="eu-central-1") as ses:
            assert "AWS_PROFILE" not in os.environ
            sesv2 = ses.client("sesv2")
            sesv2.create_configuration_set(ConfigurationSetName="receipts")
            assert sesv2.list_configuration_sets()["ConfigurationSets"] == ["receipts"]
            ses.verify("example.com")
            ses.configuration_set("tx")
            sesv2.send_email(
                FromEmailAddress="me@example.com",
                Destination={"ToAddresses": ["a@example.net"]},
                Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}}}},
                ConfigurationSetName="tx",
            )
            ses.assert_event_published("tx", "delivery")
        assert os.environ["AWS_PROFILE"] == "production"
        assert not ses.started
        with FakeSES() as again:
            assert again.client("sesv2").list_configuration_sets()["ConfigurationSets"] == []
        print("ok")
        """
    )

    result = pytester.run(sys.executable, str(script))

    assert result.ret == 0, "\n".join(result.errlines)
    assert result.outlines[-1] == "ok"


def test_a_second_active_fake_is_refused() -> None:
    with FakeSES(), pytest.raises(UsageError) as excinfo:
        FakeSES().start()

    assert str(excinfo.value) == (
        "another FakeSES is already active in this process; stop it first "
        "(tests get one through the `ses` fixture)"
    )


def test_a_fake_inside_the_ses_fixture_is_refused(project: pytest.Pytester) -> None:
    write(
        project,
        """
        import pytest
        from pytest_ses import FakeSES, UsageError

        def test_nested(ses):
            with pytest.raises(UsageError, match="another FakeSES is already active in this process"):
                with FakeSES():
                    pass
            assert ses.started
        """,
    )

    project.runpytest().assert_outcomes(passed=1)


def test_starting_twice_and_stopping_twice() -> None:
    fake = FakeSES()
    with fake:
        with pytest.raises(UsageError) as excinfo:
            fake.start()
        assert str(excinfo.value) == "this FakeSES is already started"
    fake.stop()

    assert not fake.started


def test_an_account_id_must_be_twelve_digits() -> None:
    with pytest.raises(UsageError) as excinfo:
        FakeSES(account_id="12345678901x")

    assert str(excinfo.value) == "account_id must be 12 digits, got '12345678901x'"


def test_an_unstarted_fake_has_no_clients() -> None:
    with pytest.raises(UsageError) as excinfo:
        FakeSES().client("sesv2")

    assert str(excinfo.value) == "FakeSES is not started: use it as a context manager or call start()"


def test_module_level_assertions_need_an_active_fake() -> None:
    for call in (lambda: assert_sent(), lambda: assert_event_published("tx", "send")):
        with pytest.raises(UsageError) as excinfo:
            call()
        assert str(excinfo.value) == (
            "no FakeSES is active: use the `ses` fixture (or start a FakeSES) before asserting"
        )


def test_module_level_assertions_use_the_active_fake() -> None:
    with FakeSES() as fake:
        fake.verify("example.com")
        fake.client("sesv2").send_email(
            FromEmailAddress="me@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}}}},
        )

        assert [m.destinations for m in assert_sent()] == [("a@example.net",)]


# --- the user's AWS configuration never leaks into the fake ------------------------------------------------
def test_a_profile_missing_from_the_aws_config_does_not_break_the_run(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-such-config"))
    monkeypatch.setenv("AWS_PROFILE", "production")
    write(project, "def test_it(ses_client):\n    ses_client.list_configuration_sets()\n")

    project.runpytest().assert_outcomes(passed=1)


def test_an_endpoint_url_in_the_environment_does_not_redirect_the_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")
    with FakeSES(clients=None) as fake:
        endpoint = fake.client("sesv2", region="ap-northeast-3").meta.endpoint_url

    assert endpoint == "https://email.ap-northeast-3.amazonaws.com"


def test_every_aws_variable_is_set_aside_and_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:4566")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "real-looking-token")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/home/someone/.aws/credentials")
    before = {k: v for k, v in os.environ.items() if k.startswith("AWS_")}

    with FakeSES(clients=None):
        inside = {k: v for k, v in os.environ.items() if k.startswith("AWS_")}

    # moto's mock puts its own fake keys over the fake's; either way no real key is visible.
    assert inside.pop("AWS_ACCESS_KEY_ID") in ("testing", "FOOBARKEY")
    assert inside.pop("AWS_SECRET_ACCESS_KEY") in ("testing", "FOOBARSECRET")
    assert inside == {
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }
    assert {k: v for k, v in os.environ.items() if k.startswith("AWS_")} == before
