"""The ``rareearth`` command: ``rareearth tour`` prints a short tour of the data."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

import rareearth as ree


def _tour(out: list[str]) -> None:
    ds = ree.dataset()
    out.append(f"rareearth {ree.__version__}, data {ree.DATA_VERSION}: {ds!r}")
    out.append("")
    out.append("Sources")
    for s in ds.sources:
        when = "undated" if s.published is None else s.published.means or s.published.text
        publisher = ds.entity(s.publisher).name
        out.append(f"  {s.id[:3]}  {publisher}, {when}: {s.title}")
    out.append("")
    out.append("Companies with listings")
    for e in ds.entities:
        if e.tickers:
            tickers = ", ".join(map(str, e.tickers))
            out.append(f"  {e.name:<40} {tickers}")
    out.append("")
    out.append("Capacities (as stated; derived values marked)")
    for f in ds.facilities:
        for p in f.phases:
            if p.capacity is not None:
                mark = " (derived)" if p.derived else ""
                out.append(f"  {f.name} / {p.name}: {p.capacity}{mark}, {p.status.value}")
    out.append("")
    out.append("A conversion, with the rate the sources imply")
    conversion = ds.convert(ree.Money("1.05e9", "RMB"), "USD", on="2025-07-10")
    out.append(f"  {conversion}")
    leg = conversion.path.legs[0]
    if leg.record is not None:
        out.append(f"  derived: {leg.record.derived.rule}")
    out.append("")
    out.append("Timeline, May 2025")
    start, end = dt.date(2025, 5, 1), dt.date(2025, 5, 31)
    out.extend(f"  {e.date.text:<22} {e.title}" for e in ds.events if e.date.within(start, end))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="rareearth",
        description="Ask the rare-earth permanent-magnet fact base.",
        epilog="example: rareearth tour",
    )
    parser.add_argument("--version", action="version", version=ree.__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("tour", help="a short printed tour of the fact base")
    args = parser.parse_args(argv)
    if args.command in (None, "tour"):
        lines: list[str] = []
        _tour(lines)
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
