"""Events in a window, with imprecise dates kept: run with `python examples/timeline.py`.

Shows a window given in words, the difference between events that may fall
in it ("overlap") and those that certainly do ("within"), filters by tag
and by entity, planned events, and how a date in the sources' wording is
read.
"""

from __future__ import annotations

import rareearth as ree


def main() -> None:
    """Print the export-control timeline of spring 2025, JL MAG's events and planned ones."""
    print("May 2025, events certainly inside the month:")
    for event in ree.timeline("May 2025", "May 2025", match="within"):
        print(f"  {event.date.text} | {event.title}")

    may = ree.timeline("May 2025", "May 2025")
    within = ree.timeline("May 2025", "May 2025", match="within")
    print("\nEvents that may fall in May 2025 but need not:")
    for event in may:
        if event not in within:
            print(f"  {event.date} | {event.title}")

    print("\nExport controls, April to June 2025:")
    print(ree.timeline("2025-04", "2025-06", tag="export-controls"))

    print("\nJL MAG:")
    for event in ree.timeline(entity="JL MAG"):
        print(f"  {event.date} | {event.title} (source {event.cites[0].source[:3]})")

    print("\nPlanned or expected, not yet reported as done:")
    for event in ree.timeline(expected=True):
        print(f"  {event.date} | {event.title}")

    print("\nHow the sources' dates are read:")
    for text in ("late 2024", "the second half of 2025", "June 9-10, 2025"):
        date = ree.parse_date(text)
        print(f"  {text!r}: {date.earliest} to {date.latest} ({date.precision.value})")


if __name__ == "__main__":
    main()
