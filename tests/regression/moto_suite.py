"""Run moto's own SES and SESv2 tests with pytest-ses active: a guard that our handlers keep moto's behaviour.

Usage (from the project's virtual environment; ``python3 tasks.py moto-regression`` does this):

    python tests/regression/moto_suite.py [extra pytest arguments]

The tests come from the sdist of the *installed* moto version, downloaded once with pip and cached under
``.moto-tests/`` (git-ignored).  pytest-ses is loaded through its entry point as in any project, so its
bridge routes every SES call of those tests through our handlers.  Tests listed in ``exclusions.txt``
(moto's expectation disagrees with AWS) are deselected by ``moto_suite_plugin``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CACHE = ROOT / ".moto-tests"

# What moto's SES tests import, relative to the sdist's top folder (moto-internals.md §10).
WANTED_FILES = (
    "tests/__init__.py",
    "tests/conftest.py",
    "tests/markers.py",
    "tests/test_awslambda/__init__.py",
    "tests/test_awslambda/utilities.py",
)
WANTED_FOLDERS = ("tests/test_ses/", "tests/test_sesv2/")
# They drive moto's HTTP server app, which needs Flask and flask-cors (moto[server]); run them when present.
SERVER_FILES = ("tests/test_ses/test_server.py", "tests/test_sesv2/test_server.py")
SERVER_MODULES = ("flask", "flask_cors")

PYTEST_INI = """\
# Written by tests/regression/moto_suite.py: the settings moto's own test run uses, minus colour.
[pytest]
markers =
    network: requires network connection
    requires_docker: requires running docker
    aws_verified: Verified against AWS, and should be able to run against AWS
    requires_clean_slate: requires a clean slate, so no parallel testing
filterwarnings =
    ignore:datetime.datetime.utcnow:DeprecationWarning:botocore
"""


def log(message: str) -> None:
    print(f"moto-regression: {message}", flush=True)


def download_sdist(version: str) -> Path:
    """The sdist of moto ``version``, from the cache or fetched with pip (the only network use here)."""
    sdist = CACHE / f"moto-{version}.tar.gz"
    if sdist.exists():
        return sdist
    CACHE.mkdir(exist_ok=True)
    log(f"downloading the moto {version} sdist into {CACHE.relative_to(ROOT)}/")
    with tempfile.TemporaryDirectory(dir=CACHE) as scratch:
        command = [sys.executable, "-m", "pip", "download", f"moto=={version}"]
        command += ["--no-binary", ":all:", "--no-deps", "--disable-pip-version-check", "--quiet", "-d", scratch]
        subprocess.run(command, check=True)
        downloaded = next(Path(scratch).glob("moto-*.tar.gz"))
        downloaded.replace(sdist)
    return sdist


def _wanted(relative: str) -> bool:
    return relative in WANTED_FILES or relative.startswith(WANTED_FOLDERS)


def extract_tests(sdist: Path, version: str, cache: Path = CACHE) -> Path:
    """Unpack only the needed test files into ``.moto-tests/<version>/`` (once) and return that folder."""
    suite = cache / version
    done = suite / ".extracted"
    if done.exists():
        return suite
    if suite.exists():
        shutil.rmtree(suite)
    suite.mkdir(parents=True)
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            top, _, relative = member.name.partition("/")
            if not (member.isfile() and top == f"moto-{version}" and _wanted(relative)):
                continue
            if ".." in Path(relative).parts:
                raise RuntimeError(f"refusing suspicious path in sdist: {member.name}")
            source = archive.extractfile(member)
            assert source is not None
            target = suite / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read())
    missing = [name for name in WANTED_FILES if not (suite / name).exists()]
    if missing:
        raise RuntimeError(f"the moto {version} sdist lacks {', '.join(missing)}")
    (suite / "pytest.ini").write_text(PYTEST_INI)
    done.write_text(f"{sdist.name}\n")
    return suite


def server_tests_runnable() -> bool:
    return all(importlib.util.find_spec(module) is not None for module in SERVER_MODULES)


def pytest_command(suite: Path, extra: list[str], with_server: bool = True) -> list[str]:
    command = [sys.executable, "-m", "pytest", "-c", str(suite / "pytest.ini"), "--rootdir", str(suite)]
    command += ["-p", "moto_suite_plugin", "-p", "no:cacheprovider", "-rfEs"]
    if not with_server:
        command += [f"--ignore={name}" for name in SERVER_FILES]
    return command + (extra or [folder.rstrip("/") for folder in WANTED_FOLDERS])


def test_environment() -> dict[str, str]:
    """Never let moto's ``aws_verified`` tests reach AWS, and give botocore fake credentials."""
    environment = dict(os.environ)
    environment.update(
        MOTO_TEST_ALLOW_AWS_REQUEST="false",
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
    )
    for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        environment.pop(key, None)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), environment.get("PYTHONPATH")]))
    return environment


def main(extra: list[str]) -> int:
    version = importlib.metadata.version("moto")
    suite = extract_tests(download_sdist(version), version)
    log(f"moto {version}'s SES and SESv2 tests from {suite.relative_to(ROOT)}/, with pytest-ses active")
    with_server = server_tests_runnable()
    if not with_server:
        log("not run: " + ", ".join(SERVER_FILES) + " (they need Flask and flask-cors, which are not installed)")
    return subprocess.call(pytest_command(suite, extra, with_server), cwd=suite, env=test_environment())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
