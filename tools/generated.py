"""The command line the release-time generators share: write a committed file, or check it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def main(target: Path, text: Callable[[], str], description: str) -> int:
    """Write ``text()`` to ``target``, or with ``--check`` say whether it is current.

    Returns:
        The exit status: 1 when ``--check`` finds the file out of date, else 0.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="only check the file is current")
    args = parser.parse_args()
    if args.check:
        current = target.read_text(encoding="utf-8") == text()
        tool = Path(sys.argv[0]).name
        state = "current" if current else f"out of date: run python tools/{tool}"
        sys.stdout.write(f"{target.name} is {state}\n")
        return 0 if current else 1
    target.write_text(text(), encoding="utf-8", newline="\n")
    sys.stdout.write(f"wrote {target.name}\n")
    return 0
