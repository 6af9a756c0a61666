"""pytest plugin for the moto regression run: insists that pytest-ses is active, applies exclusions.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

EXCLUSIONS = Path(__file__).resolve().parent / "exclusions.txt"

_UNUSED = pytest.StashKey[list[str]]()


def read_exclusions(path: Path | None = None) -> dict[str, str]:
    """``nodeid  # reason`` per line; blank lines and lines starting with ``#`` are comments.

    Every exclusion must give its reason, so that nobody has to guess later why a test is not run.
    """
    path = path or EXCLUSIONS
    exclusions: dict[str, str] = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        nodeid, _, reason = (part.strip() for part in text.partition("#"))
        if not nodeid or not reason:
            raise pytest.UsageError(f"{path.name}:{number}: expected 'nodeid  # reason', got {line!r}")
        if nodeid in exclusions:
            raise pytest.UsageError(f"{path.name}:{number}: {nodeid} is listed twice")
        exclusions[nodeid] = reason
    return exclusions


def _matches(item_nodeid: str, excluded: str) -> bool:
    """An exclusion names a test, or a test function for all its parameter sets."""
    return item_nodeid == excluded or item_nodeid.startswith(excluded + "[")


def pytest_sessionstart(session: pytest.Session) -> None:
    # Without the plugin the run would only test plain moto, and pass without telling us anything.
    if not session.config.pluginmanager.has_plugin("ses"):
        raise pytest.UsageError("the pytest-ses plugin is not loaded (is the package installed?)")
    from pytest_ses.bridge import BRIDGE

    if not BRIDGE.installed:
        raise pytest.UsageError("the pytest-ses bridge is not installed onto moto")


def pytest_report_header(config: pytest.Config) -> str:
    from pytest_ses.core.api import operations

    v1, v2 = (len(operations(service)) for service in ("ses", "sesv2"))
    return f"pytest-ses routes {v1} ses and {v2} sesv2 operations; deselecting {EXCLUSIONS.name}"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    exclusions = read_exclusions()
    kept: list[pytest.Item] = []
    deselected: list[pytest.Item] = []
    used: set[str] = set()
    for item in items:
        hit = next((excluded for excluded in exclusions if _matches(item.nodeid, excluded)), None)
        if hit is None:
            kept.append(item)
        else:
            used.add(hit)
            deselected.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
    config.stash[_UNUSED] = sorted(set(exclusions) - used)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    unused = config.stash.get(_UNUSED, [])
    if unused:
        terminalreporter.write_line(f"{EXCLUSIONS.name}: entries that matched no collected test:", yellow=True)
        for nodeid in unused:
            terminalreporter.write_line(f"  {nodeid}", yellow=True)
