"""Your own facts beside the shipped ones: run with `python examples/own_facts.py`.

Writes a small fact file into a temporary folder (nothing is written
anywhere else): a source of your own, a production line for JL MAG and a
fund's stake in China Northern Rare Earth. Loads it with the shipped data,
shows the merged capacity total and the new owner, then breaks the file in
five ways and prints the `DataError`, which lists every problem at once.

The numbers in the file are made up to show the format; they are not facts.
"""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import rareearth as ree

NOTES = [{"source": "my-notes", "quote": "an example line of 5,000 t a year"}]

#: A fact file: the same JSON layout as the shipped files, any collections you need.
FACTS: dict[str, Any] = {
    "entities": [
        {
            "id": "my-desk",
            "name": "My research desk",
            "kind": "publisher",
            "summary": "Whoever keeps these notes.",
            "cites": NOTES,
        }
    ],
    "sources": [
        {
            "id": "my-notes",
            "title": "Site visit notes (an example, not real data)",
            "publisher": "my-desk",
            "about": "A made-up line and stake, to show a user's fact file.",
            "published": "2025-11",
        }
    ],
    "facilities": [
        {
            "id": "jl-mag-example-line",
            "name": "JL MAG example line",
            "operator": "jl-mag",
            "place": "ganzhou",
            "summary": "A made-up production line, to show how one is added.",
            "cites": NOTES,
            "phases": [
                {
                    "id": "jl-mag-example-line-1",
                    "name": "Line 1",
                    "summary": "The example line.",
                    "cites": NOTES,
                    "milestones": [{"status": "operating", "date": "2025-03", "cites": NOTES}],
                    "capacity": {
                        "value": 5000,
                        "unit": "t",
                        "per": "year",
                        "product": "sintered-ndfeb-magnets",
                    },
                }
            ],
        }
    ],
    "relationships": [
        {
            "id": "my-fund-stake-in-cnre",
            "kind": "stake",
            "subject": "china-northern-rare-earth",
            "party_label": "a fund I track",
            "holder_type": "fund",
            "share": {"number": 2, "qualifier": "approximately", "text": "about 2%"},
            "summary": "A fund holds about 2% of China Northern Rare Earth.",
            "cites": NOTES,
        }
    ],
}


def broken(facts: dict[str, Any]) -> dict[str, Any]:
    """The facts with five mistakes, each in a different record."""
    bad = copy.deepcopy(facts)
    bad["facilities"][0]["phases"][0]["capacity"]["value"] = "5k"  # not a number
    bad["relationships"][0]["share"]["number"] = 120  # a share over 100%
    bad["sources"][0]["colour"] = "red"  # a key the format does not have
    bad["facilities"][0]["phases"][0]["milestones"][0]["date"] = "2025-02-30"  # no such day
    # An id the shipped data already uses; it also leaves the source's
    # publisher, "my-desk", undefined: six problems from five mistakes.
    bad["entities"][0]["id"] = "jl-mag"
    return bad


def main() -> None:
    """Load the example fact file beside the shipped data, then a broken copy of it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "my-facts.json"
        path.write_text(json.dumps(FACTS, indent=2), encoding="utf-8")
        mine = ree.Dataset.load(path)

        print(f"shipped: {ree.dataset()}")
        print(f"merged:  {mine}")

        print("\nJL MAG's capacity, shipped data only:")
        print(ree.total_capacity(company="JL MAG"))
        print("\nJL MAG's capacity with my file:")
        print(mine.total_capacity(company="JL MAG"))

        print("\nChina Northern Rare Earth's owners with my file:")
        for stake in mine.owners_of("China Northern Rare Earth"):
            file, _ = mine.origins[stake.id]
            holder = stake.party_label or stake.party
            print(f"  {holder}: {stake.share}% {stake.kind} (from {Path(file).name})")

        path.write_text(json.dumps(broken(FACTS), indent=2), encoding="utf-8")
        try:
            ree.Dataset.load(path)
        except ree.DataError as e:
            print(f"\nThe broken file is refused; nothing is loaded.\n{type(e).__name__}: {e}")
            print("\nEach problem is also data:")
            for problem in e.problems:
                print(f"  {problem.path} (record {problem.record})")


if __name__ == "__main__":
    main()
