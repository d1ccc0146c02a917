"""The versions: of the code, and of the shipped data apart from it (as tzdata keeps its own)."""

from __future__ import annotations

import datetime as dt

__all__ = ["DATA_DATE", "DATA_VERSION", "__version__"]

__version__ = "0.1.0"

#: The version of the shipped data, apart from the code's version.
DATA_VERSION = "2026.12.1"
#: The day the shipped data was last curated.
DATA_DATE = dt.date(2026, 12, 2)
