"""Per-test overhead: 200 tests using the ``ses`` fixture against the same tests written with moto's recipe.

Both suites run in their own pytest subprocess; a tiny plugin times the first setup to the last teardown,
so interpreter start-up and collection are left out of both.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TESTS = 200

WITH_PLUGIN = """
def test_send_{n}(ses, ses_client):
    ses_client.verify_domain_identity(Domain="example.com")
    ses_client.send_email(
        Source="app@example.com",
        Destination={{"ToAddresses": ["user@example.org"]}},
        Message={{"Subject": {{"Data": "Hi"}}, "Body": {{"Text": {{"Data": "Hello"}}}}}},
    )
"""

MOTO_HEADER = """
import boto3
from moto import mock_aws
"""

MOTO_RECIPE = """
def test_send_{n}(aws_credentials):
    with mock_aws():
        client = boto3.client("ses", region_name="us-east-1")
        client.verify_domain_identity(Domain="example.com")
        client.send_email(
            Source="app@example.com",
            Destination={{"ToAddresses": ["user@example.org"]}},
            Message={{"Subject": {{"Data": "Hi"}}, "Body": {{"Text": {{"Data": "Hello"}}}}}},
        )
"""

MOTO_CONFTEST = """
import pytest

@pytest.fixture
def aws_credentials(monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
"""

TIMER = """
import json, os, time
_times = {}

def pytest_runtest_setup(item):
    _times.setdefault("start", time.perf_counter())

def pytest_runtest_teardown(item, nextitem):
    _times["end"] = time.perf_counter()

def pytest_sessionfinish(session):
    with open(os.environ["BENCH_TIMES"], "w") as handle:
        json.dump(_times, handle)
"""


def _suite(directory: Path, header: str, body: str, conftest: str) -> None:
    """Write ``TESTS`` tests, 50 to a module, each a copy of ``body`` numbered ``n``."""
    directory.mkdir()
    (directory / "conftest.py").write_text(conftest + TIMER)
    for start in range(0, TESTS, 50):
        tests = "".join(body.format(n=n) for n in range(start, start + 50))
        (directory / f"test_part{start}.py").write_text(header + tests)


def _run(directory: Path, disable_plugin: bool) -> float:
    times = directory / "times.json"
    command = [sys.executable, "-m", "pytest", str(directory), "-q", "-p", "no:cacheprovider", "-p", "no:randomly"]
    if disable_plugin:
        command += ["-p", "no:ses"]
    subprocess.run(command, check=True, capture_output=True, env={**_env(), "BENCH_TIMES": str(times)})
    data = json.loads(times.read_text())
    return (data["end"] - data["start"]) / TESTS


def _env() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}


def main() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _suite(root / "plugin", "", WITH_PLUGIN, "")
        _suite(root / "recipe", MOTO_HEADER, MOTO_RECIPE, MOTO_CONFTEST)
        runs: dict[str, list[float]] = {"ours": [], "theirs": []}
        for _ in range(3):  # alternated, so that a noisy neighbour slows both alike
            runs["ours"].append(_run(root / "plugin", disable_plugin=False))
            runs["theirs"].append(_run(root / "recipe", disable_plugin=True))
        ours, theirs = statistics.median(runs["ours"]), statistics.median(runs["theirs"])
    return {
        "moto_recipe_ms_per_test": theirs * 1000,
        "pytest_ses_ms_per_test": ours * 1000,
        "ratio": ours / theirs,
    }


if __name__ == "__main__":
    print(main())
