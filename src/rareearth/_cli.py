"""The ``rareearth`` command: quick questions, and checks of your own fact files.

Tables for people by default, ``--json`` for programs. Exit codes: 0 with an
answer, 1 when the answer asked for is empty (no such events, no owners
known), 2 on bad input (an unknown company, an unreadable date, a broken
fact file), with the message on standard error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TextIO

import attrs

import rareearth as ree
from rareearth._export import FORMATS
from rareearth._load import SHIPPED_PREFIX
from rareearth._load import files as _files
from rareearth._tables import Records, Tabular, count, dumps

__all__ = ["main"]

_EMPTY = 1
_BAD_INPUT = 2


class _Empty(Exception):  # noqa: N818 - a signal, not an error
    """The answer asked for is empty; the message says what was looked for."""


class _BadInput(Exception):  # noqa: N818 - reported like the library's errors
    """An argument the command cannot use; the message says which and why."""


class _Output:
    """Where answers go, in the form asked for."""

    def __init__(self, stream: TextIO, *, as_json: bool, width: int | None = None) -> None:
        self.stream = stream
        self.as_json = as_json
        self.width = width  # the widest table line; None: nothing cut

    def line(self, text: str = "") -> None:
        self.stream.write(text + "\n")

    def table(self, result: Tabular, *, demanded: str | None = None) -> None:
        """Print a table; with ``demanded``, an empty one is an empty answer."""
        table = result.table()
        if demanded is not None and not table.rows:
            if self.as_json:
                self.line("[]")
            raise _Empty(f"no {demanded}")
        if self.as_json:
            self.stream.write(table.to_json(indent=2))
        else:
            self.line("\n".join(table.lines(width=self.width)))

    def json(self, value: object) -> None:
        self.line(dumps(value, indent=2))


# --- commands ---------------------------------------------------------------------


def _dataset(args: argparse.Namespace) -> ree.Dataset:
    data: list[str] = args.data or []
    return ree.Dataset.load(*data) if data else ree.dataset()


def _tour(_: argparse.Namespace, out: _Output) -> None:
    from rareearth._tour import tour  # noqa: PLC0415 - only for this command

    for line in tour(ree.dataset()):
        out.line(line)


def _companies(args: argparse.Namespace, out: _Output) -> None:
    ds = _dataset(args)
    kinds = {ree.EntityKind.COMPANY} if not args.all else set(ree.EntityKind)
    found = Records((e for e in ds.entities if e.kind in kinds), ree.Entity)
    noun = "entities" if args.all else "companies"
    out.table(attrs.evolve(found.table(), name=noun), demanded=noun)


def _company(args: argparse.Namespace, out: _Output) -> None:
    from rareearth._codec import unstructure  # noqa: PLC0415 - only for this command

    ds = _dataset(args)
    entity = ds.entity(args.key)
    facilities, owners, holdings = (
        ds.facilities_of(entity.id),
        ds.owners_of(entity.id),
        ds.holdings_of(entity.id),
    )
    if out.as_json:
        out.json(
            {
                "entity": unstructure(entity),
                "facilities": facilities.to_dicts(),
                "owners": owners.to_dicts(),
                "holdings": holdings.to_dicts(),
            }
        )
        return
    out.line(str(entity))
    for title, records in (("Facilities", facilities), ("Owners", owners), ("Holdings", holdings)):
        if records:
            out.line()
            out.line(f"{title}:")
            out.line("\n".join(records.table().lines(width=out.width)))


def _capacity(args: argparse.Namespace, out: _Output) -> None:
    ds = _dataset(args)
    result = ds.total_capacity(
        company=args.company,
        site=args.site,
        region=args.region,
        country=args.country,
        product=args.product,
        status=args.status,
        as_of=args.as_of,
        by=args.by,
    )
    if isinstance(result, ree.CapacityTotal):
        if out.as_json:
            out.json({"total": _total_row(result), "parts": result.to_dicts()})
        else:
            out.line(str(result))
        return
    out.table(result)


def _total_row(total: ree.CapacityTotal) -> dict[str, Any]:
    row: dict[str, Any] = Records((total,), ree.CapacityTotal).to_dicts()[0]
    return row


def _owners(args: argparse.Namespace, out: _Output) -> None:
    ds = _dataset(args)
    entity = ds.entity(args.key)
    out.table(ds.owners_of(entity.id), demanded=f"owners of {entity.name} are recorded")


def _holdings(args: argparse.Namespace, out: _Output) -> None:
    ds = _dataset(args)
    entity = ds.entity(args.key)
    out.table(ds.holdings_of(entity.id), demanded=f"holdings of {entity.name} are recorded")


def _convert(args: argparse.Namespace, out: _Output) -> None:
    ds = _dataset(args)
    try:
        amount = Decimal(args.amount.replace(",", "").replace("_", ""))
    except InvalidOperation:
        raise _BadInput(f"cannot read the amount {args.amount!r} as a number") from None
    conversion = ds.convert(ree.Money(amount, args.source), args.target, on=args.on, rate=args.rate)
    if out.as_json:
        out.json(conversion.to_dicts()[0])
    else:
        out.line(str(conversion))


def _timeline(args: argparse.Namespace, out: _Output) -> None:
    ds = _dataset(args)
    events = ds.timeline(
        args.start,
        args.end,
        entity=args.entity,
        kind=args.kind,
        tag=args.tag,
        expected=args.expected,
        match="within" if args.within else "overlap",
    )
    out.table(events, demanded="events match")


def _figures(args: argparse.Namespace, out: _Output) -> None:
    ds = _dataset(args)
    found = ds.figures(
        metric=args.metric,
        entity=args.entity,
        geography=args.geography,
        kind=args.kind,
        claimed_by=args.claimed_by,
        start=args.start,
        end=args.end,
    )
    out.table(found, demanded="figures match")


def _sources(args: argparse.Namespace, out: _Output) -> None:
    out.table(_dataset(args).sources)


def _search(args: argparse.Namespace, out: _Output) -> None:
    out.table(_dataset(args).search(args.text), demanded=f"entity resembles {args.text!r}")


def _check(args: argparse.Namespace, out: _Output) -> None:
    # Problems raise DataError, which main() prints; here only success is said.
    ds = ree.Dataset.load(*args.files, include_shipped=not args.alone)
    own = sum(1 for origin, _ in ds.origins.values() if not origin.startswith(SHIPPED_PREFIX))
    read = len(list(_files(args.files)))  # a folder counts as the files in it
    if out.as_json:
        out.json({"valid": True, "files": read, "records": own, "problems": []})
    else:
        files, records = count(read, "files"), count(own, "records")
        out.line(f"ok: {files}, {records} of yours, no problem found")


def _export(args: argparse.Namespace, out: _Output) -> None:
    try:
        export = _dataset(args).export(args.format, args.out)
    except ImportError as e:  # an optional extra the format needs
        raise _BadInput(str(e)) from None
    if out.as_json:
        report = {
            "format": export.format,
            "files": [str(f) for f in export.files],
            "items": export.items,
            "losses": export.losses.to_dicts(),
        }
        out.json(report)
    else:
        out.line(str(export))


def _schema(_: argparse.Namespace, out: _Output) -> None:
    from rareearth._schema import schema_text  # noqa: PLC0415 - only for this command

    out.stream.write(schema_text())


# --- the parser -------------------------------------------------------------------

_Command = Callable[[argparse.Namespace, _Output], None]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rareearth",
        description="Ask the rare-earth permanent-magnet fact base; check your own fact files.",
        epilog=(
            "examples:\n  rareearth tour\n  rareearth capacity --company 'JL MAG' --site Baotou\n"
            "  rareearth company 'JL MAG' --data my-facts.json\n\n"
            "exit codes: 0 an answer, 1 an empty answer, 2 bad input (message on stderr)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"rareearth {ree.__version__} (data {ree.DATA_VERSION}, {ree.DATA_DATE})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    with_data = argparse.ArgumentParser(add_help=False)
    with_data.add_argument(
        "--data",
        action="append",
        metavar="FILE",
        help="a fact file of yours to load beside the shipped data (repeatable)",
    )
    with_json = argparse.ArgumentParser(add_help=False)
    with_json.add_argument("--json", action="store_true", help="answer in JSON, for programs")
    with_json.add_argument(
        "--wide",
        action="store_true",
        help="never cut table cells (by default tables fit the terminal's width, or $COLUMNS)",
    )

    def command(
        name: str,
        summary: str,
        example: str,
        func: _Command,
        *,
        query: bool = True,
        data: bool = True,
    ) -> argparse.ArgumentParser:
        # queries take --json; those that read the data set also take --data
        parents = ([with_data] if query and data else []) + ([with_json] if query else [])
        sub = commands.add_parser(
            name,
            parents=parents,
            help=summary,
            description=summary,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(func=func)
        return sub

    command("tour", "a short printed tour of the fact base", "rareearth tour", _tour, query=False)
    sub = command("companies", "list the companies", "rareearth companies --all", _companies)
    sub.add_argument("--all", action="store_true", help="every entity, not only companies")
    sub = command(
        "company",
        "one company (or any entity): details, facilities, owners, holdings",
        "rareearth company 300748.SZ",
        _company,
    )
    sub.add_argument("key", help="an id, name, alias or ticker")
    _capacity_parser(command)
    sub = command("owners", "direct owners of an entity", "rareearth owners 'JL MAG'", _owners)
    sub.add_argument("key", help="an id, name, alias or ticker")
    sub = command(
        "holdings",
        "what an entity owns directly",
        "rareearth holdings 'China Northern Rare Earth'",
        _holdings,
    )
    sub.add_argument("key", help="an id, name, alias or ticker")
    sub = command(
        "convert",
        "convert money with the rates the sources imply",
        "rareearth convert 1.05e9 RMB USD --on 2025-07-10",
        _convert,
    )
    sub.add_argument("amount", help="the amount (1050000000, 1.05e9, 1,050,000,000)")
    sub.add_argument("source", metavar="FROM", help="its currency (CNY, RMB, USD, ...)")
    sub.add_argument("target", metavar="TO", help="the currency to convert to")
    sub.add_argument(
        "--on",
        metavar="DATE",
        help="use the rate nearest this date (default: the latest dated rate)",
    )
    sub.add_argument("--rate", help="use this rate (units of TO per FROM) or rate id instead")
    _timeline_parser(command)
    _figures_parser(command)
    command("sources", "the five source documents", "rareearth sources", _sources)
    sub = command(
        "search", "entities whose names resemble a text", "rareearth search zhaobao", _search
    )
    sub.add_argument("text", help="part of a name")
    sub = command(
        "check",
        "check fact files of yours: every problem, with file, place and record",
        "rareearth check my-facts.json more-facts.json",
        _check,
        data=False,  # the files to check are its arguments
    )
    sub.add_argument("files", nargs="+", metavar="FILE", help="fact files to check")
    sub.add_argument(
        "--alone", action="store_true", help="check without the shipped data beside them"
    )
    sub = command(
        "export",
        "publish the fact base in another tool's format, saying what it cannot hold",
        "rareearth export sqlite rareearth.db && datasette rareearth.db -m metadata.json",
        _export,
    )
    sub.add_argument("format", metavar="FORMAT", help=f"one of: {', '.join(FORMATS)}")
    sub.add_argument(
        "out",
        metavar="OUT",
        help="where: a file for sqlite, a folder (made if missing) for the others",
    )
    command(
        "schema",
        "print the JSON Schema of fact files",
        "rareearth schema > facts.schema.json",
        _schema,
        query=False,
    )
    return parser


def _capacity_parser(command: Callable[..., argparse.ArgumentParser]) -> None:
    sub = command(
        "capacity",
        "total capacity, showing the phases summed",
        "rareearth capacity --company 'JL MAG' --site Baotou",
        _capacity,
    )
    sub.add_argument("--company", help="a company; its subsidiaries count too")
    sub.add_argument("--site", help="a place (Baotou)")
    sub.add_argument("--region", help="a province or region (Inner Mongolia)")
    sub.add_argument("--country", help="a country (China)")
    sub.add_argument("--product", help="a product (ndfeb-alloy)")
    sub.add_argument(
        "--status",
        action="append",
        choices=[s.value for s in ree.Status],
        help="only phases with this status (repeatable)",
    )
    sub.add_argument(
        "--as-of",
        metavar="DATE",
        help=(
            "as things stood on this date: a dated milestone counts once its whole date has"
            " passed; an undated one from its source's publication (always, if undated)"
        ),
    )
    sub.add_argument(
        "--by",
        choices=["product", "unit", "company", "site", "status"],
        help="one total per group instead of one total",
    )


def _timeline_parser(command: Callable[..., argparse.ArgumentParser]) -> None:
    sub = command(
        "timeline",
        "events in a window, in order",
        "rareearth timeline --from 2025-05 --to 2025-06 --kind trade-talks",
        _timeline,
    )
    sub.add_argument("--from", dest="start", metavar="DATE", help="first day (2025-05, May 2025)")
    sub.add_argument("--to", dest="end", metavar="DATE", help="last day (2025-06 means June 30)")
    sub.add_argument("--entity", help="only events involving this entity")
    sub.add_argument("--kind", choices=[k.value for k in ree.EventKind], help="only this kind")
    sub.add_argument("--tag", help="only events with this tag")
    sub.add_argument(
        "--within",
        action="store_true",
        help="only events certainly inside the window (default: any that may overlap it)",
    )
    planned = sub.add_mutually_exclusive_group()
    planned.add_argument(
        "--expected", action="store_const", const=True, help="only planned or expected events"
    )
    planned.add_argument(
        "--happened",
        dest="expected",
        action="store_const",
        const=False,
        help="only events that happened",
    )


def _figures_parser(command: Callable[..., argparse.ArgumentParser]) -> None:
    sub = command(
        "figures",
        "prices, shares, statistics and projections, with who claims them",
        "rareearth figures --metric ndfeb-price",
        _figures,
    )
    sub.add_argument("--metric", help="a metric (ndfeb-price, magnet-exports)")
    sub.add_argument("--entity", help="figures about this entity")
    sub.add_argument("--geography", help="figures about this place")
    sub.add_argument("--kind", choices=[k.value for k in ree.FigureKind], help="only this kind")
    sub.add_argument("--claimed-by", help="figures this party claims")
    sub.add_argument("--from", dest="start", metavar="DATE", help="period overlapping from")
    sub.add_argument("--to", dest="end", metavar="DATE", help="period overlapping to")


def _width(args: argparse.Namespace) -> int | None:
    """How wide a table line may be: $COLUMNS, else the terminal's; uncut when piped."""
    if getattr(args, "wide", False):
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    >>> main(["capacity", "--company", "JL MAG", "--site", "Baotou"])
    40,000 t/yr sintered-ndfeb-magnets
      + 20,000 JL MAG Baotou base / Phases I and II (operating)
      + 20,000 JL MAG Baotou base / Phase III (under-construction)
    0
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["tour"])
    out = _Output(sys.stdout, as_json=getattr(args, "json", False), width=_width(args))
    try:
        args.func(args, out)
    except (_Empty, ree.NoRateError, ree.EmptySelectionError) as e:
        sys.stderr.write(f"rareearth: {e}\n")
        return _EMPTY
    except ree.DataError as e:
        if out.as_json:
            problems = Records(e.problems, ree.Problem)
            out.json({"valid": False, "problems": problems.to_dicts(), "more": e.more})
        sys.stderr.write(f"rareearth: {e}\n")
        return _BAD_INPUT
    except ree.MixedUnitsError as e:
        kinds = "; ".join(e.kinds)
        sys.stderr.write(
            f"rareearth: cannot add unlike quantities: {kinds}. "
            "Choose one with --product, or group with --by product\n"
        )
        return _BAD_INPUT
    except (ree.RareEarthError, _BadInput) as e:
        sys.stderr.write(f"rareearth: {e}\n")
        return _BAD_INPUT
    return 0
