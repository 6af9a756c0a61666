"""The regression runner's own pieces: the exclusions file, deselection, and sdist extraction."""

from __future__ import annotations

import io
import re
import tarfile
from pathlib import Path

import moto_suite
import moto_suite_plugin
import pytest


def test_exclusions_file_names_moto_ses_tests_with_reasons() -> None:
    for nodeid, reason in moto_suite_plugin.read_exclusions().items():
        assert nodeid.startswith(("tests/test_ses/", "tests/test_sesv2/")), nodeid
        assert "::" in nodeid, nodeid
        assert len(reason) >= 20, f"{nodeid}: the reason should state the AWS behaviour"


@pytest.mark.parametrize(
    "line",
    ["tests/x.py::test_a", "tests/x.py::test_a  #   ", "tests/x.py::test_a because moto is wrong"],
)
def test_an_exclusion_without_reason_is_refused(tmp_path: Path, line: str) -> None:
    path = tmp_path / "exclusions.txt"
    path.write_text(f"# comment\n\n{line}\n")
    with pytest.raises(pytest.UsageError, match=re.escape("exclusions.txt:3")):
        moto_suite_plugin.read_exclusions(path)


def test_a_duplicate_exclusion_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "exclusions.txt"
    path.write_text("tests/a.py::t  # one reason\ntests/a.py::t  # another\n")
    with pytest.raises(pytest.UsageError, match="listed twice"):
        moto_suite_plugin.read_exclusions(path)


def test_plugin_deselects_exclusions_and_reports_stale_ones(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    exclusions = pytester.path / "exclusions.txt"
    exclusions.write_text(
        "test_sample.py::test_wrong_in_moto  # AWS answers otherwise\n"
        "test_sample.py::test_param  # every parameter set\n"
        "test_sample.py::test_gone  # renamed upstream\n"
    )
    monkeypatch.setattr(moto_suite_plugin, "EXCLUSIONS", exclusions)
    pytester.makepyfile(
        test_sample="""
        import pytest

        def test_kept():
            pass

        def test_wrong_in_moto():
            raise AssertionError("never runs")

        @pytest.mark.parametrize("n", [1, 2])
        def test_param(n):
            raise AssertionError("never runs")
        """
    )
    result = pytester.runpytest("-p", "moto_suite_plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, deselected=3)
    result.stdout.fnmatch_lines(["*entries that matched no collected test*", "*test_sample.py::test_gone"])


def _sdist(path: Path, version: str, names: list[str]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name in names:
            data = f"# {name}\n".encode()
            member = tarfile.TarInfo(f"moto-{version}/{name}")
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return path


def test_extraction_takes_only_the_ses_tests_and_their_helpers(tmp_path: Path) -> None:
    names = [*moto_suite.WANTED_FILES, "tests/test_ses/test_ses.py", "tests/test_sesv2/test_sesv2.py"]
    unwanted = ["tests/test_s3/test_s3.py", "moto/ses/models.py", "tests/test_sesx.py"]
    sdist = _sdist(tmp_path / "moto-9.9.9.tar.gz", "9.9.9", names + unwanted)

    suite = moto_suite.extract_tests(sdist, "9.9.9", cache=tmp_path)

    extracted = sorted(str(p.relative_to(suite)) for p in suite.rglob("*") if p.is_file())
    assert extracted == sorted([*names, "pytest.ini", ".extracted"])
    assert moto_suite.extract_tests(sdist, "9.9.9", cache=tmp_path) == suite


def test_extraction_fails_when_a_helper_is_missing(tmp_path: Path) -> None:
    sdist = _sdist(tmp_path / "moto-9.9.9.tar.gz", "9.9.9", ["tests/__init__.py", "tests/test_ses/test_ses.py"])
    with pytest.raises(RuntimeError, match=re.escape("lacks tests/conftest.py")):
        moto_suite.extract_tests(sdist, "9.9.9", cache=tmp_path)
    assert not (tmp_path / "9.9.9" / ".extracted").exists()


def test_the_run_stays_offline() -> None:
    environment = moto_suite.test_environment()
    assert environment["MOTO_TEST_ALLOW_AWS_REQUEST"] == "false"
    assert environment["AWS_ACCESS_KEY_ID"] == "testing"
    assert "AWS_PROFILE" not in environment


def test_server_tests_are_left_out_only_without_flask() -> None:
    with_server = moto_suite.pytest_command(Path("/suite"), [], with_server=True)
    without_server = moto_suite.pytest_command(Path("/suite"), [], with_server=False)
    assert not any(part.startswith("--ignore") for part in with_server)
    assert "--ignore=tests/test_ses/test_server.py" in without_server
    assert "--ignore=tests/test_sesv2/test_server.py" in without_server
    assert with_server[-2:] == without_server[-2:] == ["tests/test_ses", "tests/test_sesv2"]
