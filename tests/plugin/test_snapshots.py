"""The ``ses_snapshot`` fixture and ``--ses-snapshot-update``, run the way users run them: through pytester."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import time_machine
from freezegun import freeze_time

from pytest_ses.fake import FakeSES
from pytest_ses.snapshot import render, ses_activity

PLUGIN = ("-p", "pytest_ses.snapshot_plugin")
INI = """\
[pytest]
addopts = --strict-markers -p no:cacheprovider -p no:hypothesispytest
filterwarnings =
    error
    ignore::DeprecationWarning:botocore.*
    ignore::DeprecationWarning:moto.*
"""
CONFTEST = """\
import pytest


@pytest.fixture
def send(ses):
    ses.verify("me@example.com")
    client = ses.client("sesv2")

    def send(subject="hi", to="success@simulator.amazonses.com"):
        return client.send_email(
            FromEmailAddress="me@example.com",
            Destination={"ToAddresses": [to]},
            Content={"Simple": {"Subject": {"Data": subject}, "Body": {"Text": {"Data": "x"}}}},
        )["MessageId"]

    return send
"""
SNAPSHOTS = Path("__ses_snapshots__")
UPDATE_HINT = "Re-run pytest with --ses-snapshot-update to accept the new activity."


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    # Under `pytest -n`, the inner run would inherit the worker's variable and syrupy would stay silent.
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    pytester.makeini(INI)
    pytester.makeconftest(CONFTEST)
    return pytester


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest(*PLUGIN, *args)


def snapshot_files(pytester: pytest.Pytester) -> list[str]:
    return sorted(p.relative_to(pytester.path).as_posix() for p in pytester.path.rglob("*.json"))


def test_a_missing_snapshot_fails_with_the_hint_and_writes_nothing(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_mail="def test_welcome(send, ses_snapshot):\n    send()\n    ses_snapshot.assert_match()\n"
    )

    result = run(project)

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E       Failed: SES snapshot __ses_snapshots__/test_mail/test_welcome.json does not exist.",
            "E       Re-run pytest with --ses-snapshot-update to write it.",
        ],
        consecutive=True,
    )
    assert snapshot_files(project) == []


def test_update_writes_the_snapshot_and_the_next_run_compares_with_it(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_mail="def test_welcome(send, ses_snapshot):\n    send()\n    ses_snapshot.assert_match()\n"
    )

    written = run(project, "--ses-snapshot-update")
    again = run(project)

    written.assert_outcomes(passed=1)
    written.stdout.fnmatch_lines(
        ["*- SES snapshots -*", "1 SES snapshot file written:", "  __ses_snapshots__/test_mail/test_welcome.json"],
        consecutive=True,
    )
    again.assert_outcomes(passed=1)
    assert "SES snapshots" not in again.stdout.str()
    stored = json.loads((project.path / SNAPSHOTS / "test_mail" / "test_welcome.json").read_text())
    [message] = stored["messages"]
    assert (message["message_id"], message["subject"], message["accepted"]) == ("<message-id:1>", "hi", True)
    assert [e["event_type"] for e in message["events"]] == ["Send", "Delivery"]
    assert message["events"][1]["record"]["delivery"]["timestamp"] == "<timestamp:2>"


def test_a_difference_shows_a_unified_diff_and_update_accepts_it(project: pytest.Pytester) -> None:
    test = (
        "def test_welcome(send, ses_snapshot):\n"
        "    send({!r})\n"
        "    ses_snapshot.assert_match(include=['subject'])\n"
    )
    project.makepyfile(test_mail=test.format("hi"))
    run(project, "--ses-snapshot-update").assert_outcomes(passed=1)
    project.makepyfile(test_mail=test.format("bye"))

    differs = run(project)
    updated = run(project, "--ses-snapshot-update")
    again = run(project)

    differs.assert_outcomes(failed=1)
    differs.stdout.fnmatch_lines(
        [
            "E       Failed: SES activity differs from snapshot __ses_snapshots__/test_mail/test_welcome.json:",
            "E       --- __ses_snapshots__/test_mail/test_welcome.json",
            "E       +++ recorded activity",
            "E       @@ -1,7 +1,7 @@",
            "E        {",
            'E          "messages": [',
            "E            {",
            'E       -      "subject": "hi"',
            'E       +      "subject": "bye"',
            "E            }",
            "E          ]",
            "E        }",
            f"E       {UPDATE_HINT}",
        ],
        consecutive=True,
    )
    updated.assert_outcomes(passed=1)
    updated.stdout.fnmatch_lines(
        ["1 SES snapshot file updated:", "  __ses_snapshots__/test_mail/test_welcome.json"], consecutive=True
    )
    again.assert_outcomes(passed=1)


def test_file_names_for_parameters_classes_and_several_snapshots_per_test(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_mail="""
        import pytest

        @pytest.mark.parametrize("subject", ["a/b", "plain"])
        def test_param(send, ses_snapshot, subject):
            send(subject)
            ses_snapshot.assert_match(include=["subject"])

        class TestSignup:
            def test_steps(self, send, ses_snapshot):
                send("one")
                ses_snapshot.assert_match(include=["subject"])
                send("two")
                ses_snapshot.assert_match(include=["subject"])
                ses_snapshot.assert_match(include=["subject"], name="after retry")
        """
    )

    result = run(project, "--ses-snapshot-update")

    result.assert_outcomes(passed=3)
    directory = "__ses_snapshots__/test_mail/"
    assert snapshot_files(project) == [
        directory + "TestSignup.test_steps.2.json",
        directory + "TestSignup.test_steps.after_retry-d4953471.json",
        directory + "TestSignup.test_steps.json",
        directory + "test_param[a_b]-0c848631.json",
        directory + "test_param[plain].json",
    ]
    second = json.loads((project.path / directory / "TestSignup.test_steps.2.json").read_text())
    assert second == {"messages": [{"subject": "one"}, {"subject": "two"}]}
    assert run(project).ret == pytest.ExitCode.OK


def test_the_same_snapshot_name_twice_in_one_test_is_refused(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_mail="""
        def test_welcome(send, ses_snapshot):
            send()
            ses_snapshot.assert_match(name="x", include=["subject"])
            ses_snapshot.assert_match(name="x", include=["subject"])
        """
    )

    result = run(project, "--ses-snapshot-update")

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*ses_snapshot.assert_match(name='x') was already used in this test"])


def test_activity_gives_what_assert_match_compares(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_mail="""
        def test_welcome(send, ses_snapshot):
            send()
            assert ses_snapshot.activity(include=["subject", "message_id"]) == {
                "messages": [{"message_id": "<message-id:1>", "subject": "hi"}]
            }
        """
    )

    run(project).assert_outcomes(passed=1)


# --- unused files ------------------------------------------------------------------------------------
UNUSED_HEADER = "* SES snapshot file* not used by any test that ran (delete if its test is gone):"


@pytest.fixture
def recorded(project: pytest.Pytester) -> pytest.Pytester:
    """A module whose snapshots exist, plus leftovers: of a gone test, of passing/failing/skipped tests."""
    project.makepyfile(
        test_mail="""
        import pytest

        def test_a(send, ses_snapshot):
            send()
            ses_snapshot.assert_match(include=["subject"])

        def test_b(send, ses_snapshot):
            send()
            ses_snapshot.assert_match(include=["subject"])

        def test_fails(send, ses_snapshot):
            assert False

        def test_skipped(send, ses_snapshot):
            pytest.skip("not today")
        """,
        test_other="def test_other():\n    pass\n",
    )
    run(project, "--ses-snapshot-update", "test_mail.py").assert_outcomes(passed=2, failed=1, skipped=1)
    for name in ("test_gone", "test_a.extra", "test_fails", "test_skipped"):
        (project.path / SNAPSHOTS / "test_mail" / f"{name}.json").write_text("{}\n")
    (project.path / SNAPSHOTS / "test_other").mkdir()
    (project.path / SNAPSHOTS / "test_other" / "test_old.json").write_text("{}\n")
    return project


def unused_lines(result: pytest.RunResult) -> list[str]:
    lines = result.stdout.lines
    start = next((i for i, line in enumerate(lines) if "not used by any test that ran" in line), None)
    if start is None:
        return []
    return [line.strip() for line in lines[start + 1 :] if line.startswith("  __ses_snapshots__/")]


def test_files_no_test_used_are_reported_but_not_those_of_failed_or_skipped_tests(
    recorded: pytest.Pytester,
) -> None:
    result = run(recorded, "test_mail.py")

    result.assert_outcomes(passed=2, failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*- SES snapshots -*", "2 SES snapshot files not used by any test that ran*"])
    assert unused_lines(result) == [
        "__ses_snapshots__/test_mail/test_a.extra.json",
        "__ses_snapshots__/test_mail/test_gone.json",
    ]


def test_only_modules_that_ran_are_judged(recorded: pytest.Pytester) -> None:
    result = run(recorded, "test_other.py")

    result.assert_outcomes(passed=1)
    assert unused_lines(result) == ["__ses_snapshots__/test_other/test_old.json"]


def test_deselected_tests_keep_their_files(recorded: pytest.Pytester) -> None:
    result = run(recorded, "test_mail.py", "-k", "test_a")

    assert unused_lines(result) == [
        "__ses_snapshots__/test_mail/test_a.extra.json",
        "__ses_snapshots__/test_mail/test_gone.json",
    ]


def test_a_module_narrowed_to_some_tests_only_judges_their_files(recorded: pytest.Pytester) -> None:
    result = run(recorded, "test_mail.py::test_a")

    result.assert_outcomes(passed=1)
    assert unused_lines(result) == ["__ses_snapshots__/test_mail/test_a.extra.json"]


def test_under_xdist_workers_report_to_one_summary(project: pytest.Pytester) -> None:
    body = (
        "def test_{0}(send, ses_snapshot):\n    send({0!r})\n    ses_snapshot.assert_match(include=['subject'])\n"
    )
    project.makepyfile(test_one=body.format("a") + body.format("b"), test_two=body.format("c") + body.format("d"))
    (project.path / SNAPSHOTS / "test_one").mkdir(parents=True)
    (project.path / SNAPSHOTS / "test_one" / "test_a.json").write_text('{"messages": []}\n')
    (project.path / SNAPSHOTS / "test_two").mkdir()
    (project.path / SNAPSHOTS / "test_two" / "test_gone.json").write_text("{}\n")

    result = run(project, "-n", "2", "--ses-snapshot-update")

    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "*- SES snapshots -*",
            "3 SES snapshot files written:",
            "  __ses_snapshots__/test_one/test_b.json",
            "  __ses_snapshots__/test_two/test_c.json",
            "  __ses_snapshots__/test_two/test_d.json",
            "1 SES snapshot file updated:",
            "  __ses_snapshots__/test_one/test_a.json",
            "1 SES snapshot file not used by any test that ran (delete if its test is gone):",
            "  __ses_snapshots__/test_two/test_gone.json",
        ],
        consecutive=True,
    )
    assert result.stdout.str().count("SES snapshots") == 1
    stored = json.loads((project.path / SNAPSHOTS / "test_one" / "test_a.json").read_text())
    assert stored == {"messages": [{"subject": "a"}]}


# --- living alongside other snapshot plugins ---------------------------------------------------------
def test_syrupy_and_ses_snapshot_work_side_by_side(project: pytest.Pytester) -> None:
    pytest.importorskip("syrupy")
    project.makepyfile(
        test_mail="""
        def test_welcome(send, ses_snapshot, snapshot):
            send()
            ses_snapshot.assert_match(include=["subject"])
            assert {"sent": True} == snapshot
        """
    )

    syrupy_only = run(project, "--snapshot-update")
    both = run(project, "--snapshot-update", "--ses-snapshot-update")
    again = run(project)

    syrupy_only.assert_outcomes(failed=1)
    syrupy_only.stdout.fnmatch_lines(
        ["*SES snapshot __ses_snapshots__/test_mail/test_welcome.json does not exist."]
    )
    both.assert_outcomes(passed=1)
    both.stdout.fnmatch_lines(["1 SES snapshot file written:"])
    again.assert_outcomes(passed=1)
    again.stdout.fnmatch_lines(["1 snapshot passed."])
    assert "unused" not in again.stdout.str().lower()
    assert "not used" not in again.stdout.str()
    assert snapshot_files(project) == ["__ses_snapshots__/test_mail/test_welcome.json"]
    assert (project.path / "__snapshots__" / "test_mail.ambr").is_file()


def test_the_option_is_listed_in_help(project: pytest.Pytester) -> None:
    result = run(project, "--help")

    result.stdout.fnmatch_lines(
        ["ses:", "  --ses-snapshot-update", "*write missing SES activity snapshots and refresh those"]
    )


# --- determinism ---------------------------------------------------------------------------------------
CLOCKED = """
import datetime as dt
import os

import time_machine
from freezegun import freeze_time

MOMENT = dt.datetime.fromisoformat(os.environ["SNAPSHOT_MOMENT"])


def test_freezegun(send, ses_snapshot):
    with freeze_time(MOMENT):
        send("one")
        send("two")
    ses_snapshot.assert_match()


def test_time_machine(send, ses_snapshot):
    with time_machine.travel(MOMENT, tick=False):
        send("one")
        send("two")
    ses_snapshot.assert_match()
"""


def test_a_frozen_clock_makes_snapshots_independent_of_the_moment(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.makepyfile(test_mail=CLOCKED)
    monkeypatch.setenv("SNAPSHOT_MOMENT", "2024-05-01T12:00:00+00:00")
    run(project, "--ses-snapshot-update").assert_outcomes(passed=2)
    monkeypatch.setenv("SNAPSHOT_MOMENT", "2031-11-20T08:15:42.123456+00:00")

    result = run(project)

    result.assert_outcomes(passed=2)
    stored = (project.path / SNAPSHOTS / "test_mail" / "test_freezegun.json").read_text()
    assert stored == (project.path / SNAPSHOTS / "test_mail" / "test_time_machine.json").read_text()
    assert "<message-id:2>" in stored
    assert "<timestamp:3>" not in stored, "both sends share the frozen send and delivery moments"


VOLATILE_LEFT = re.compile(r"\d{4}-\d\d-\d\dT|[0-9a-f]{8}-[0-9a-f]{4}-|\d+\.\d+\.\d+\.\d+|smtp-out")


def busy_scenario(fake: FakeSES) -> None:
    """Every destination kind, every delivery outcome, engagement and a rejected send."""
    fake.verify("me@example.com")
    fake.configuration_set("tx", destinations=("firehose", "cloudwatch", "eventbridge"))
    # A topic without subscribers: moto signs what it forwards to SQS with ``cryptography``, which keeps
    # the first ``datetime`` class it sees, so a frozen clock there would break later unfrozen tests.
    topic = fake.client("sns").create_topic(Name="ses-events")["TopicArn"]
    fake.client("sesv2").create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestinationName="sns",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["SEND", "BOUNCE"],
            "SnsDestination": {"TopicArn": topic},
        },
    )
    fake.outcome("late@example.com", "delay")
    v2 = fake.client("sesv2")
    message_id = v2.send_email(
        FromEmailAddress="me@example.com",
        Destination={
            "ToAddresses": ["success@simulator.amazonses.com", "bounce@simulator.amazonses.com"],
            "CcAddresses": ["complaint@simulator.amazonses.com", "late@example.com"],
        },
        Content={
            "Simple": {"Subject": {"Data": "hi"}, "Body": {"Html": {"Data": '<a href="https://x.test">x</a>'}}}
        },
        ConfigurationSetName="tx",
        EmailTags=[{"Name": "campaign", "Value": "spring"}],
    )["MessageId"]
    fake.open(message_id)
    fake.click(message_id, "https://x.test")
    with pytest.raises(fake.client("ses").exceptions.MessageRejected):
        fake.client("ses").send_email(
            Source="stranger@example.com",
            Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
            Message={"Subject": {"Data": "hi"}, "Body": {"Text": {"Data": "x"}}},
        )


def recorded_activity(clock: Any) -> tuple[dict[str, Any], str]:
    with clock, FakeSES() as fake:
        busy_scenario(fake)
        raw = json.dumps([e.record for e in fake.session.recorder.events()])
        return ses_activity(fake), raw


def test_busy_activity_normalises_the_same_at_any_frozen_moment_under_freezegun_and_time_machine() -> None:
    first, first_raw = recorded_activity(
        time_machine.travel(dt.datetime(2030, 2, 3, 4, 5, 6, 789000, tzinfo=dt.timezone.utc), tick=False)
    )
    second, second_raw = recorded_activity(freeze_time("2024-05-01 12:00:00"))

    assert first_raw != second_raw
    assert first == second
    rendered = render(first)
    assert VOLATILE_LEFT.findall(rendered) == []
    kinds = set(re.findall(r"<([a-z-]+)(?::\d+)?>", rendered))
    assert kinds == {
        "message-id",
        "feedback-id",
        "timestamp",
        "processing-time",
        "uuid",
        "ip",
        "outgoing-ip",
        "reporting-mta",
    }


# --- the documentation's examples ----------------------------------------------------------------------
DOCS = Path(__file__).resolve().parents[2] / "docs" / "snapshots.md"


def recorded_examples() -> list[str]:
    """The page's test modules that need a recorded snapshot: the docs test skips them, this runs them."""
    blocks = re.findall(r"<!-- no-run: ([^>]*?) -->\s*```python\n(.*?)```", DOCS.read_text(), re.S)
    return [code for reason, code in blocks if "test_snapshots.py" in reason]


@pytest.mark.parametrize("code", recorded_examples())
def test_documented_examples_record_then_match(project: pytest.Pytester, code: str) -> None:
    project.makepyfile(test_example=code)

    run(project, "--ses-snapshot-update").assert_outcomes(passed=1)
    run(project).assert_outcomes(passed=1)


def test_the_page_has_examples_to_run() -> None:
    assert len(recorded_examples()) == 3
