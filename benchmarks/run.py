"""Run every benchmark once and print the figures (ratios measured side by side in this run)."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import per_send
import per_test
import scale


def main() -> None:
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "per_test": per_test.main(),
        "per_send": per_send.main(),
        "scale": scale.main(),
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
