"""``SESActivityExtension``: SES activity as syrupy JSON snapshots, the same text ``ses_snapshot`` writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("syrupy")

from pytest_ses.fake import FakeSES
from pytest_ses.snapshot import render, ses_activity
from pytest_ses.syrupy_ext import SESActivityExtension

INI = """\
[pytest]
addopts = --strict-markers -p no:cacheprovider -p no:hypothesispytest -p pytest_ses.snapshot_plugin
filterwarnings =
    error
    ignore::DeprecationWarning:botocore.*
    ignore::DeprecationWarning:moto.*
"""
SEND = """
from pytest_ses.syrupy_ext import SESActivityExtension


def send(ses, subject):
    ses.verify("me@example.com")
    ses.client("sesv2").send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
        Content={"Simple": {"Subject": {"Data": subject}, "Body": {"Text": {"Data": "x"}}}},
    )
"""


@pytest.fixture(autouse=True)
def _not_an_xdist_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `pytest -n`, inner runs would inherit the worker's variable and syrupy would stay silent."""
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)


def sent(ses: FakeSES) -> None:
    ses.verify("me@example.com")
    ses.client("sesv2").send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
        Content={"Simple": {"Subject": {"Data": "hi"}, "Body": {"Text": {"Data": "x"}}}},
    )


def test_a_fake_or_its_recorder_serialises_as_its_normalised_activity(ses: FakeSES) -> None:
    sent(ses)
    extension = SESActivityExtension()

    expected = render(ses_activity(ses))
    assert extension.serialize(ses) == expected
    assert extension.serialize(ses.session.recorder) == expected
    assert "<message-id:1>" in expected


def test_other_data_is_written_as_sorted_json(ses: FakeSES) -> None:
    sent(ses)
    extension = SESActivityExtension()

    assert extension.serialize({"b": 1, "a": ["é"]}) == '{\n  "a": [\n    "é"\n  ],\n  "b": 1\n}\n'
    selected = ses_activity(ses, include=["subject"])
    assert extension.serialize(selected) == render(selected) == render({"messages": [{"subject": "hi"}]})


def test_syrupy_writes_what_ses_snapshot_writes_and_reports_a_difference(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)
    test = SEND + (
        "\n\ndef test_welcome(ses, ses_snapshot, snapshot):\n"
        "    send(ses, SUBJECT)\n"
        "    ses_snapshot.assert_match()\n"
        "    assert ses == snapshot(extension_class=SESActivityExtension)\n"
    )
    pytester.makepyfile(test_mail=test.replace("SUBJECT", "'hi'"))

    written = pytester.runpytest("--snapshot-update", "--ses-snapshot-update")
    pytester.makepyfile(test_mail=test.replace("SUBJECT", "'bye'").replace("ses_snapshot.assert_match()", "pass"))
    differs = pytester.runpytest()

    written.assert_outcomes(passed=1)
    ours = pytester.path / "__ses_snapshots__" / "test_mail" / "test_welcome.json"
    syrupys = pytester.path / "__snapshots__" / "test_mail" / "test_welcome.json"
    assert syrupys.read_text() == ours.read_text()
    differs.assert_outcomes(failed=1)
    differs.stdout.fnmatch_lines(['*-*"subject": "hi",', '*+*"subject": "bye",'])


DOCS = Path(__file__).resolve().parents[2] / "docs" / "snapshots.md"


def documented_examples() -> list[str]:
    blocks = re.findall(r"<!-- no-run: ([^>]*?) -->\s*```python\n(.*?)```", DOCS.read_text(), re.S)
    return [code for reason, code in blocks if "test_syrupy_extension.py" in reason]


def test_the_documented_syrupy_example_records_then_matches(pytester: pytest.Pytester) -> None:
    [code] = documented_examples()
    pytester.makeini(INI)
    pytester.makepyfile(test_example=code)

    written = pytester.runpytest("--snapshot-update")
    again = pytester.runpytest()

    written.assert_outcomes(passed=1)
    again.assert_outcomes(passed=1)
    again.stdout.fnmatch_lines(["2 snapshots passed."])
    stored = sorted(p.name for p in (pytester.path / "__snapshots__" / "test_example").iterdir())
    assert stored == ["test_welcome_mail.json", "test_welcome_mail[rules].json"]
