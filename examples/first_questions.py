"""First questions to the fact base: run with `python examples/first_questions.py`."""

from __future__ import annotations

import rareearth as ree


def main() -> None:
    """Print who JL MAG is, what it is building in Baotou, and who owns it."""
    jl = ree.company("JL MAG")
    print(f"{jl.name} ({', '.join(map(str, jl.tickers))}), founded {jl.founded}")
    for facility in ree.facilities_of(jl.id):
        for phase in facility.phases:
            print(f"  {facility.name} / {phase.name}: {phase.capacity}, {phase.status.value}")
    for stake in ree.relations(jl.id, kind="stake"):
        holder = stake.party or stake.party_label
        share = "undisclosed" if stake.share is None else str(stake.share.text)
        print(f"  held by {holder}: {share}")


if __name__ == "__main__":
    main()
