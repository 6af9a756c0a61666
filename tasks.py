#!/usr/bin/env python3
"""The project's commands, in pure standard-library Python so that a machine with only Python 3 can run them.

    python3 tasks.py example          run the example app's test suite
    python3 tasks.py test             lint, type-check, test with coverage, then moto's SES tests
    python3 tasks.py bench            the benchmarks (ratios against plain moto, measured in one run)
    python3 tasks.py fuzz             the long fuzzing profile (at least 10,000 generated calls)

Both create (or reuse) ``.venv`` next to this file and install what they need into it.  The install is
skipped when nothing it depends on changed since the last one (a hash stamp inside ``.venv``), except
under ``CI=true``, where it always runs.  The other commands (``lint``, ``type``, ``unit``,
``moto-regression``, ``docs``) are the single steps of ``test`` and of the tox environments.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
import venv
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LINT_PATHS = ("pytest_ses", "tests", "examples", "benchmarks", "tasks.py")
EXAMPLES = ROOT / "examples"
MOTO_RUNNER = ROOT / "tests" / "regression" / "moto_suite.py"


class TaskFailed(Exception):
    """A step exited non-zero; its exit code becomes ours."""

    def __init__(self, step: str, code: int) -> None:
        super().__init__(f"{step} failed with exit code {code}")
        self.code = code


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(step: str, argv: Sequence[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> None:
    """Run one command in the foreground, echoing it, and stop everything if it fails."""
    say(f"{step}: {' '.join(str(part) for part in argv)}")
    code = subprocess.call(list(argv), cwd=cwd, env=env)
    if code != 0:
        raise TaskFailed(step, code)


# --- the virtual environment ------------------------------------------------------------------------------


def venv_python(venv_dir: Path = VENV) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return venv_dir / scripts / f"python{suffix}"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _venv_works(python: Path) -> bool:
    if not python.exists():
        return False
    try:
        return subprocess.call([str(python), "-c", "import sys"], stderr=subprocess.DEVNULL) == 0
    except OSError:
        return False


def ensure_venv() -> Path:
    """Create ``.venv`` when missing or broken (e.g. its Python was removed) and return its interpreter."""
    python = venv_python()
    if not _venv_works(python):
        if VENV.is_symlink() or VENV.is_file():
            say(f"{VENV} is a file or link (e.g. tox's PEP 832 redirect file), not a venv; replacing it")
            VENV.unlink()
        elif VENV.exists():
            say(f"{VENV} is unusable; recreating it")
            shutil.rmtree(VENV)
        say(f"creating {VENV} with {sys.executable}")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as error:
            shutil.rmtree(VENV, ignore_errors=True)
            raise SystemExit(
                f"tasks.py: could not create {VENV} ({error}); on Debian/Ubuntu install python3-venv"
            ) from None
    return python


def _stamp_digest(requirements: Sequence[str], inputs: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    digest.update("\0".join(requirements).encode())
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def install(profile: str, requirements: Sequence[str], inputs: Sequence[Path]) -> Path:
    """``pip install`` the requirements into ``.venv`` unless an identical install is already stamped there.

    ``inputs`` are the files whose contents decide what gets installed (pyproject.toml, requirement files).
    """
    python = ensure_venv()
    stamp = VENV / f".tasks-{profile}.sha256"
    digest = _stamp_digest(requirements, inputs)
    if not in_ci() and stamp.exists() and stamp.read_text().strip() == digest:
        say(f"install ({profile}): up to date, skipped (delete {stamp.relative_to(ROOT)} to force)")
        return python
    started = time.monotonic()
    run(
        f"install ({profile})",
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", *requirements],
    )
    stamp.write_text(digest + "\n")
    say(f"install ({profile}) took {time.monotonic() - started:.1f}s")
    return python


def install_test_tools() -> Path:
    # The integration extra brings the real clients the suite verifies against (django-ses, django-anymail,
    # the AWS CLI): CI runs those tests too.
    return install("test", ["-e", ".[test,integration]"], [ROOT / "pyproject.toml"])


# --- single steps -----------------------------------------------------------------------------------------


def lint(python: Path) -> None:
    paths = [path for path in LINT_PATHS if (ROOT / path).exists()]
    run("ruff check", [str(python), "-m", "ruff", "check", *paths])
    run("ruff format", [str(python), "-m", "ruff", "format", "--check", *paths])


def typecheck(python: Path) -> None:
    run("mypy", [str(python), "-m", "mypy", "--strict", "pytest_ses"])


def unit(python: Path) -> None:
    """pytest on 2 workers under ``coverage run`` rather than ``--cov``.

    pytest imports the plugin (entry point ``ses``) before pytest-cov starts measuring, so ``--cov`` would
    miss every module-level line of pytest_ses; ``coverage run`` starts first and, with ``patch =
    ["subprocess"]`` (pyproject.toml), also measures the xdist workers.  The report fails under 95%.
    """
    coverage = [str(python), "-m", "coverage"]
    run("coverage erase", [*coverage, "erase"])
    run("pytest", [*coverage, "run", "--branch", "--source=pytest_ses", "-m", "pytest", "tests", "-n", "2"])
    run("coverage combine", [*coverage, "combine", "--quiet"])
    run("coverage report", [*coverage, "report"])


def moto_regression(python: Path) -> None:
    run("moto regression", [str(python), str(MOTO_RUNNER)])


def docs(python: Path) -> None:
    # NO_MKDOCS_2_WARNING silences Material's end-of-life banner, which is not about this project.
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(ROOT / "site")]
    run("mkdocs", command, env=environment)


def example_apps() -> list[Path]:
    return sorted(path.parent for path in EXAMPLES.glob("*/tests") if path.is_dir())


def example() -> None:
    apps = example_apps()
    if not apps:
        raise SystemExit(
            "tasks.py example: no example app found (expected examples/<app>/tests/); "
            "the example app has not been written yet"
        )
    requirement_files = [app / "requirements.txt" for app in apps if (app / "requirements.txt").exists()]
    requirements = ["-e", "."]
    for path in requirement_files:
        requirements += ["-r", str(path.relative_to(ROOT))]
    python = install("example", requirements, [ROOT / "pyproject.toml", *requirement_files])
    for app in apps:
        run(f"example {app.name}", [str(python), "-m", "pytest", "tests"], cwd=app)


# --- commands ---------------------------------------------------------------------------------------------


def test() -> None:
    python = install_test_tools()
    steps: list[tuple[str, Callable[[Path], None]]] = [
        ("lint", lint),
        ("type-check", typecheck),
        ("tests with coverage", unit),
        ("moto's SES tests", moto_regression),
    ]
    started = time.monotonic()
    for number, (title, step) in enumerate(steps, start=1):
        say(f"step {number}/{len(steps)}: {title} (at {time.monotonic() - started:.1f}s)")
        step(python)


def bench(python: Path) -> None:
    run("benchmarks", [str(python), str(ROOT / "benchmarks" / "run.py")])


def fuzz(python: Path) -> None:
    environment = {**os.environ, "PYTEST_SES_FUZZ": "long"}
    run("long fuzz", [str(python), "-m", "pytest", "tests/fuzz", "-p", "no:randomly", "-q"], env=environment)


def single(step: Callable[[Path], None], current_env: bool) -> Callable[[], None]:
    """A one-step command, in ``.venv`` or, with ``--current-env`` (tox), in the running interpreter."""

    def command() -> None:
        step(Path(sys.executable) if current_env else install_test_tools())

    return command


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tasks.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", choices=["example", "test", "lint", "type", "unit", "moto-regression", "docs", "bench", "fuzz"]
    )
    parser.add_argument(
        "--current-env",
        action="store_true",
        help="single steps only: use this interpreter instead of .venv (for tox)",
    )
    options = parser.parse_args(argv)
    singles = {
        "lint": lint,
        "type": typecheck,
        "unit": unit,
        "moto-regression": moto_regression,
        "docs": docs,
        "bench": bench,
        "fuzz": fuzz,
    }
    commands: dict[str, Callable[[], None]] = {"example": example, "test": test}
    commands.update({name: single(step, options.current_env) for name, step in singles.items()})
    started = time.monotonic()
    try:
        commands[options.command]()
    except TaskFailed as failure:
        say(f"FAILED: {failure} (after {time.monotonic() - started:.1f}s)")
        return failure.code
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
