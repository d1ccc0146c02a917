"""Capacity totals that show their working: run with `python examples/capacity.py`.

Shows a total with the facility phases it adds up, a total that refuses to
add unlike products (and the same question grouped by product), totals by
status and at a date, and a regional total that flags two plants that may be
one project.
"""

from __future__ import annotations

import rareearth as ree


def main() -> None:
    """Print capacity totals for JL MAG, China Northern Rare Earth, Baotou and Inner Mongolia."""
    print("JL MAG in Baotou, with the phases added up:")
    print(ree.total_capacity(company="JL MAG", site="Baotou"))

    print("\nChina Northern Rare Earth's projects make alloy and powder, which do not add up:")
    try:
        ree.total_capacity(company="China Northern Rare Earth")
    except ree.MixedUnitsError as e:
        print(f"  {type(e).__name__}: {e}")
    for total in ree.total_capacity(company="China Northern Rare Earth", by="product"):
        print(f"  {total.value} {total.label}")

    print("\nNdFeB magnets in Baotou, by the latest status the sources give:")
    print(ree.total_capacity(site="Baotou", product="ndfeb-magnets", by="status"))

    print("\nUnder construction in Baotou, the day before and the day of the phase III start:")
    for day in ("2025-07-09", "2025-07-10"):
        try:
            total = ree.total_capacity(site="Baotou", status="under-construction", as_of=day)
        except ree.EmptySelectionError as e:
            print(f"  as of {day}: {e}")
        else:
            print(f"  as of {day}: {total.value} {total.label}")

    print("\nNdFeB magnets in all of Inner Mongolia (two plants may be one project):")
    region = ree.total_capacity(region="Inner Mongolia", product="ndfeb-magnets")
    print(region)
    for first, _ in region.possible_double_counts:
        for note in ree.facility(first).notes:
            print(f"  note on {first}: {note}")


if __name__ == "__main__":
    main()
