"""``python -m rareearth``: the command line (see `rareearth._cli`)."""

from __future__ import annotations

import sys

from rareearth._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
