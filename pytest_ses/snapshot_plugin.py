"""The pytest side of SES snapshots: the ``ses_snapshot`` fixture, ``--ses-snapshot-update`` and the summary.

Every process keeps a ``SnapshotRun`` in ``config.stash``.  Under pytest-xdist each worker sends what it
collected and which snapshot files its tests used to the controller (``workeroutput``), which also sees
every test report, so the terminal summary is written once, from the whole run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from .fake import FakeSES
from .snapshot import Verdict, check, owns, render, ses_activity, snapshot_directory, snapshot_file, stem_for

UPDATE_OPTION = "--ses-snapshot-update"
_WIRE_KEY = "pytest_ses_snapshots"
_WRITTEN = ("written", "updated")


class SnapshotRun:
    """What this run did with snapshot files, and what it needs to tell which files went unused."""

    def __init__(self, *, update: bool, rootpath: Path) -> None:
        self.update = update
        self.rootpath = rootpath
        self.tests: dict[str, tuple[str, str]] = {}
        """Every collected test (before deselection): node id → (its snapshot directory, its file stem)."""
        self.outcomes: dict[str, str] = {}
        self.files: dict[str, str] = {}
        """Snapshot files the tests used → what happened (``Verdict.status``)."""

    def shown(self, path: Path) -> str:
        """A path as the user reads it: relative to the rootdir when inside it."""
        try:
            return path.relative_to(self.rootpath).as_posix()
        except ValueError:
            return str(path)

    def collected(self, items: Iterable[pytest.Item]) -> None:
        for item in items:
            if item.path.suffix == ".py":
                self.tests[item.nodeid] = (str(snapshot_directory(item.path)), stem_for(item.nodeid))

    def reported(self, report: pytest.TestReport) -> None:
        """A test passed only if every phase passed; a skip or failure in any phase decides otherwise."""
        current = self.outcomes.get(report.nodeid)
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.skipped and current != "failed":
            self.outcomes[report.nodeid] = "skipped"
        elif report.when == "call" and current is None:
            self.outcomes[report.nodeid] = "passed"

    def used(self, verdict: Verdict) -> None:
        path = str(verdict.path)
        if self.files.get(path) not in _WRITTEN:
            self.files[path] = verdict.status

    def to_wire(self) -> dict[str, Any]:
        return {"tests": {k: list(v) for k, v in self.tests.items()}, "files": dict(self.files)}

    def merge(self, wire: dict[str, Any]) -> None:
        for nodeid, (directory, stem) in wire.get("tests", {}).items():
            self.tests[nodeid] = (directory, stem)
        for path, status in wire.get("files", {}).items():
            if self.files.get(path) not in _WRITTEN:
                self.files[path] = status

    def files_with(self, status: str) -> list[str]:
        return sorted(path for path, done in self.files.items() if done == status)

    def unused(self, narrowed: set[str]) -> list[str]:
        """Snapshot files of modules that ran which no test used, and which no unfinished test may own.

        A file is reported when its tests all passed without using it, or when no test owns it (a renamed
        or deleted test) and the module was not narrowed to some tests with ``path::name``.  Files of a
        failed, skipped or deselected test are left alone: the test may not have reached its snapshot.
        """
        by_directory: dict[str, list[tuple[str, str | None]]] = {}
        for nodeid, (directory, stem) in self.tests.items():
            by_directory.setdefault(directory, []).append((stem, self.outcomes.get(nodeid)))
        unused: list[str] = []
        for directory, tests in by_directory.items():
            if all(outcome is None for _, outcome in tests) or not os.path.isdir(directory):
                continue
            for path in sorted(Path(directory).glob("*.json")):
                if str(path) in self.files:
                    continue
                owners = [outcome for stem, outcome in tests if owns(stem, path)]
                if (owners and all(o == "passed" for o in owners)) or (not owners and directory not in narrowed):
                    unused.append(str(path))
        return sorted(unused)


_RUN = pytest.StashKey[SnapshotRun]()


class ActivitySnapshot:
    """The ``ses_snapshot`` fixture: the test's recorded SES activity against its JSON snapshot file."""

    def __init__(self, fake: FakeSES, item: pytest.Item, run: SnapshotRun) -> None:
        self._fake = fake
        self._item = item
        self._run = run
        self._unnamed = 0
        self._paths: set[Path] = set()

    def activity(self, include: Iterable[str] | None = None) -> dict[str, Any]:
        """The normalised activity recorded so far: what ``assert_match`` compares."""
        return ses_activity(self._fake, include)

    def assert_match(self, *, include: Iterable[str] | None = None, name: str | None = None) -> None:
        """Compare with ``__ses_snapshots__/<module>/<test>.json`` (``<test>.<name>.json`` when named).

        ``include`` keeps only some parts of each message (``("rules", "events")``...).  A second unnamed
        call in the same test uses ``<test>.2.json``, and so on.
        """
        __tracebackhide__ = True
        if name is None:
            self._unnamed += 1
            name = None if self._unnamed == 1 else str(self._unnamed)
        path = snapshot_file(self._item.path, self._item.nodeid, name)
        if path in self._paths:
            pytest.fail(f"ses_snapshot.assert_match(name={name!r}) was already used in this test", pytrace=False)
        self._paths.add(path)
        text = render(self.activity(include))
        verdict = check(path, text, update=self._run.update, shown_as=self._run.shown(path))
        self._run.used(verdict)
        if not verdict.passed:
            pytest.fail(verdict.message)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ses")
    group.addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help="write missing SES activity snapshots and refresh those that differ (ses_snapshot fixture)",
    )


def pytest_configure(config: pytest.Config) -> None:
    run = SnapshotRun(update=config.getoption(UPDATE_OPTION), rootpath=config.rootpath)
    config.stash[_RUN] = run
    config.pluginmanager.register(_RunHooks(config, run), "ses-snapshot-run")


class _RunHooks:
    """Hooks that need the run: collection, reports, xdist hand-over and the terminal summary."""

    def __init__(self, config: pytest.Config, run: SnapshotRun) -> None:
        self.config = config
        self.run = run

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        # First, before -k, -m, --deselect or --lf drop items: their snapshot files must not look unused.
        self.run.collected(items)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.run.reported(report)

    def pytest_sessionfinish(self) -> None:
        workeroutput = getattr(self.config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput[_WIRE_KEY] = self.run.to_wire()

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any) -> None:
        """xdist controller: a worker finished; take what it saw."""
        wire = getattr(node, "workeroutput", {}).get(_WIRE_KEY)
        if wire is not None:
            self.run.merge(wire)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        run = self.run
        sections = [
            ("written", run.files_with("written")),
            ("updated", run.files_with("updated")),
            ("unused", run.unused(_narrowed_directories(self.config))),
        ]
        if not any(paths for _, paths in sections):
            return
        terminalreporter.write_sep("-", "SES snapshots")
        for what, paths in sections:
            if not paths:
                continue
            count = f"{len(paths)} SES snapshot file{'s' if len(paths) > 1 else ''}"
            if what == "unused":
                terminalreporter.write_line(f"{count} not used by any test that ran (delete if its test is gone):")
            else:
                terminalreporter.write_line(f"{count} {what}:")
            for path in paths:
                terminalreporter.write_line(f"  {run.shown(Path(path))}")


def _narrowed_directories(config: pytest.Config) -> set[str]:
    """Snapshot directories of modules given as ``path::test`` on the command line: not every test ran."""
    narrowed: set[str] = set()
    for argument in config.args:
        path, separator, _ = str(argument).partition("::")
        if separator:
            module = Path(os.path.abspath(config.invocation_params.dir / path))
            narrowed.add(str(snapshot_directory(module)))
    return narrowed


@pytest.fixture
def ses_snapshot(ses: FakeSES, request: pytest.FixtureRequest) -> ActivitySnapshot:
    """Snapshot testing of the SES activity this test records: ``ses_snapshot.assert_match()``."""
    return ActivitySnapshot(ses, request.node, request.config.stash[_RUN])
