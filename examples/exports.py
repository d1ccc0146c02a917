"""Tables out of the fact base: CSV, JSON and pandas; run with `python examples/exports.py`.

Every collection and result exports the same way: ``to_csv()``,
``to_json()`` and ``to_dataframe()``. Numbers are written exactly in CSV and
JSON; a DataFrame needs pandas (``pip install 'rareearth[pandas]'``), and
without it this script says so and carries on. Files go to a temporary
folder that is removed at the end.
"""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path

import rareearth as ree


def main() -> None:
    """Export JL MAG's Baotou capacity, its owners and the May 2025 events."""
    baotou = ree.total_capacity(company="JL MAG", site="Baotou")
    print("CSV of the phases in JL MAG's Baotou total:")
    print(baotou.to_csv(), end="")

    owners = ree.owners_of("JL MAG")
    print("\nJSON of JL MAG's owners with a known share:")
    rows = json.loads(owners.to_json(), parse_float=Decimal)  # numbers stay exact
    for row in rows:
        if row["share"] is not None:
            print(f"  {row['party_label']}: {row['share']} ({row['share_qualifier']})")

    events = ree.timeline("May 2025", "May 2025", match="within")
    with tempfile.TemporaryDirectory() as folder:
        written = Path(folder) / "may-2025.csv"
        events.to_csv(written)
        header, *lines = written.read_text(encoding="utf-8").splitlines()
        print(f"\nWrote {len(lines)} events to {written.name}; columns: {header}")

    try:
        frame = baotou.to_dataframe()
    except ImportError as e:
        print(f"\nNo DataFrame: {e}")
    else:
        print("\nAs a DataFrame:")
        print(frame[["phase_name", "status", "capacity", "unit", "per"]].to_string(index=False))
        print(f"capacity sums to {frame['capacity'].sum():,.0f} t/yr")


if __name__ == "__main__":
    main()
