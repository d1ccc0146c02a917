"""The ``rareearth`` command: quick questions, and checks of your own fact files.

Tables for people by default, ``--json`` for programs. Exit codes: 0 with an
answer, 1 when the answer asked for is empty (no such events, no owners
known), 2 on bad input (an unknown company, an unreadable date, a broken
fact file), with the message on standard error.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn, TextIO

import attrs

import rareearth as ree
from rareearth._convert import MAX_RATE_GAP
from rareearth._export import FORMATS
from rareearth._facts import SHIPPED_PREFIX
from rareearth._index import VOCABULARIES
from rareearth._money import money_unit
from rareearth._tables import Records, Tabular, count, dumps
from rareearth._values import in_limits

__all__ = ["main"]

_EMPTY = 1
_DIFFERENT = 1  # as diff(1): the fact sets differ
_BAD_INPUT = 2
_BROKEN_PIPE = 141  # as a shell reports a command stopped by SIGPIPE (128 + 13)


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

    @contextlib.contextmanager
    def empty(self, answer: dict[str, Any] | list[Any]) -> Iterator[None]:
        """Under ``--json``, print ``answer`` (``{}`` or ``[]``) if the answer turns out empty.

        A program reading the output then always gets JSON, with exit code 1.
        """
        try:
            yield
        except (ree.EmptySelectionError, ree.NoRateError):
            if self.as_json:
                self.json(answer)
            raise


# --- terminals that cannot show every character -----------------------------------

#: The typographic characters answers use, as ASCII, for a terminal whose
#: encoding cannot show them (``LANG=C`` with Python's UTF-8 mode off).
_PLAIN = {
    "≈": "~",
    "→": "->",
    "–": "-",
    "—": "--",
    "…": "...",
    "≥": ">=",
    "≤": "<=",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
    "\u2212": "-",
}


def _plain_text(error: UnicodeError) -> tuple[str, int]:
    r"""Write what the encoding cannot: typographic characters as ASCII, others escaped.

    Names in Chinese come out as ``\u5317...`` escapes: unreadable, but not
    lost, and not a traceback.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    plain = (_PLAIN.get(c) or c.encode("ascii", "backslashreplace").decode("ascii") for c in text)
    return "".join(plain), error.end


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    r"""Write what the encoding cannot as JSON's ``\u`` escapes: the JSON stays valid and exact.

    Outside strings JSON is ASCII, so every such character is inside one.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return json.dumps(error.object[error.start : error.end])[1:-1], error.end


codecs.register_error("rareearth.plain-text", _plain_text)
codecs.register_error("rareearth.json-escapes", _json_escapes)

#: Error handlers that would end in a traceback or an escape JSON cannot
#: read; one a user chose otherwise (``PYTHONIOENCODING=ascii:replace``) is kept.
_REPLACEABLE = frozenset({"strict", "surrogateescape", "backslashreplace"})


@contextlib.contextmanager
def _writable(stream: TextIO, errors: str) -> Iterator[None]:
    """While a command runs, let ``stream`` write what its encoding cannot carry."""
    before = stream.errors if isinstance(stream, io.TextIOWrapper) else None
    if before not in _REPLACEABLE or _carries(stream.encoding):
        yield
        return
    stream.reconfigure(errors=errors)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        stream.reconfigure(errors=before)  # type: ignore[attr-defined]


def _carries(encoding: str) -> bool:
    try:
        codecs.encode("≈→–北", encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def _argument(arg: str) -> str:
    """A command-line argument as typed: UTF-8 the locale could not decode, decoded."""
    if not any("\udc80" <= c <= "\udcff" for c in arg):
        return arg
    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeError:
        return arg


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
    ds = _dataset(args)
    entity = ds.entity(args.key)
    facilities, owners, holdings = (
        ds.facilities_of(entity.id),
        ds.owners_of(entity.id),
        ds.holdings_of(entity.id),
    )
    if out.as_json:
        from rareearth._codec import unstructure  # noqa: PLC0415 - only for JSON answers

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
    with out.empty({} if args.by is None else []):
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
    currency, per = money_unit(args.source)
    low, dash, high = args.amount.replace("\u2013", "-").partition("-")
    if dash and low.strip():
        ends = _number(low, args.amount), _number(high, args.amount)
        if ends[1] < ends[0]:
            raise _BadInput(f"the range {args.amount!r} ends below where it starts")
        money: ree.Money | ree.MoneyValue = ree.MoneyValue(
            ends[0], ree.Qualifier.RANGE, upper=ends[1], currency=currency, per=per
        )
    else:
        money = ree.Money(_number(args.amount, args.amount), currency, per=per)
    with out.empty({}):
        conversion = ds.convert(
            money, args.target, on=args.on, rate=args.rate, nearest=args.nearest
        )
    if out.as_json:
        out.json(conversion.to_dicts()[0])
    else:
        out.line(str(conversion))


def _number(text: str, amount: str) -> Decimal:
    """One number of an amount as typed: "1.05e9", "1,050,000,000", "1_050"."""
    try:
        number = Decimal(text.strip().replace(",", "").replace("_", ""))
    except InvalidOperation:
        hint = "write a number such as 1.05e9 or 1,050,000,000, or a range such as 520-540"
        raise _BadInput(f"cannot read the amount {amount!r}: {hint}") from None
    if not in_limits(number):
        raise _BadInput(f"the amount {amount!r} must be finite and below 10^18 in size")
    return number


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
    if not args.files and args.sources is None:
        raise _BadInput("name fact files to check, or --sources DIR to verify the quotes")
    ds = ree.Dataset.load(*args.files, include_shipped=not args.alone) if args.files else None
    report: dict[str, object] = {"valid": True}
    lines = []
    if ds is not None:
        from rareearth._load import files  # noqa: PLC0415 - loaded above, with the files

        own = sum(1 for origin, _ in ds.origins.values() if not origin.startswith(SHIPPED_PREFIX))
        read = len(list(files(args.files)))  # a folder counts as the files in it
        report |= {"files": read, "records": own}
        lines.append(f"ok: {count(read, 'files')}, {count(own, 'records')} of yours")
    if args.sources is not None:
        # Your files' quotes, or without files the shipped data's.
        quotes = (ds or ree.dataset()).check_quotes(args.sources, shipped=ds is None)
        if quotes.problems:
            raise ree.DataError(quotes.problems)
        report["quotes"] = quotes.checked
        lines.append(f"ok: {quotes.summary}")
    if out.as_json:
        out.json({**report, "problems": []})
    elif args.sources is None:
        out.line(f"{lines[0]}, no problem found")
    else:
        for line in lines:
            out.line(line)


def _values(args: argparse.Namespace, out: _Output) -> None:
    found = _dataset(args).values(args.vocabulary)
    if out.as_json:
        out.json(list(found))
    else:
        for value in found:
            out.line(value)


def _fact_set(path: str, *, alone: bool) -> ree.Dataset:
    """A fact set named on the command line: ``shipped``, or files and folders of facts."""
    if path == "shipped":
        return ree.dataset()
    return ree.Dataset.load(path, include_shipped=not alone)


def _diff(args: argparse.Namespace, out: _Output) -> int:
    found = _fact_set(args.old, alone=args.alone).diff(_fact_set(args.new, alone=args.alone))
    if out.as_json:
        out.json(found.to_json_data())
    else:
        out.line(str(found))
    return _DIFFERENT if found else 0


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

# A command prints its answer; it may return an exit code other than 0 (diff's 1).
_Command = Callable[[argparse.Namespace, _Output], int | None]


class _Parser(argparse.ArgumentParser):
    """The command line's parser: under ``--json``, a usage error is JSON too."""

    #: Set while the arguments being read include --json.
    json_errors = False

    def error(self, message: str) -> NoReturn:
        if not _Parser.json_errors:
            super().error(message)
        error = {"error": f"{self.prog}: {message}", "kind": "UsageError"}
        self.exit(_BAD_INPUT, dumps(error) + "\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    with_data = _Parser(add_help=False)
    with_data.add_argument(
        "--data",
        action="append",
        metavar="FILE",
        help="a fact file of yours to load beside the shipped data (repeatable)",
    )
    with_json = _Parser(add_help=False)
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
    sub.add_argument(
        "amount", help="the amount (1050000000, 1.05e9, 1,050,000,000) or a range (520-540)"
    )
    sub.add_argument(
        "source", metavar="FROM", help="its currency (CNY, RMB, USD, ...), or a price's (CNY/kg)"
    )
    sub.add_argument("target", metavar="TO", help="the currency to convert to")
    sub.add_argument(
        "--on",
        metavar="DATE",
        help=(
            "use the rate nearest this date (2025-07-10, 2025-07, 'July 2025'); refused when "
            f"none is within {MAX_RATE_GAP} days. Default: the latest rate, and the answer says so"
        ),
    )
    sub.add_argument(
        "--nearest",
        action="store_true",
        help=f"with --on, use the nearest rate even when more than {MAX_RATE_GAP} days away",
    )
    sub.add_argument(
        "--rate", help="use this rate (units of TO per FROM, or a ratio: 146/1050) or a rate id"
    )
    _timeline_parser(command)
    _figures_parser(command)
    command("sources", "the five source documents", "rareearth sources", _sources)
    sub = command(
        "search", "entities whose names resemble a text", "rareearth search zhaobao", _search
    )
    sub.add_argument("text", help="part of a name")
    sub = command(
        "check",
        "check fact files of yours: every problem, with file, place and record;"
        " with --sources, every quote in its source's text",
        "rareearth check my-facts.json --sources my-source-texts/",
        _check,
        data=False,  # the files to check are its arguments
    )
    sub.add_argument("files", nargs="*", metavar="FILE", help="fact files to check")
    sub.add_argument(
        "--sources",
        metavar="DIR",
        help="also find every quote in its source's text, DIR/<source id>.txt (or .md);"
        " without FILEs, the shipped data's quotes",
    )
    sub.add_argument(
        "--alone", action="store_true", help="check without the shipped data beside them"
    )
    sub = command(
        "values",
        "every value a filter takes: metrics, products, tags, units, kinds, statuses",
        "rareearth values metric",
        _values,
    )
    sub.add_argument(
        "vocabulary", metavar="LIST", choices=VOCABULARIES, help=", ".join(VOCABULARIES)
    )
    sub = command(
        "diff",
        "what changed between two fact sets: records added, removed and changed",
        "rareearth diff old-facts.json new-facts.json",
        _diff,
        data=False,  # the fact sets are its arguments
    )
    sub.add_argument("old", metavar="OLD", help="a fact file or folder, or 'shipped'")
    sub.add_argument("new", metavar="NEW", help="a fact file or folder, or 'shipped'")
    sub.add_argument(
        "--alone",
        action="store_true",
        help="read the files by themselves, not beside the shipped data (a whole dump)",
    )
    sub.epilog = (
        "example:\n  rareearth diff old-facts.json new-facts.json\n\n"
        "exit codes: 0 the same, 1 different, 2 bad input"
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
        help="where: a file for ftm, bods and sqlite (an earlier export of the same"
        " format is replaced, nothing else); a folder (made if missing) for parquet and"
        " datapackage",
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
        type=_folded,
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
    sub.add_argument(
        "--kind", type=_folded, choices=[k.value for k in ree.EventKind], help="only this kind"
    )
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
    sub.add_argument(
        "--kind", type=_folded, choices=[k.value for k in ree.FigureKind], help="only this kind"
    )
    sub.add_argument("--claimed-by", help="figures this party claims")
    sub.add_argument("--from", dest="start", metavar="DATE", help="period overlapping from")
    sub.add_argument("--to", dest="end", metavar="DATE", help="period overlapping to")


def _folded(text: str) -> str:
    """A status or kind as typed, read leniently: "Under Construction" is under-construction."""
    return "-".join(text.lower().replace("_", " ").split())


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
    arguments = [_argument(a) for a in sys.argv[1:]] if argv is None else list(argv)
    _Parser.json_errors = "--json" in arguments
    try:
        args = parser.parse_args(arguments)
    finally:
        _Parser.json_errors = False
    if args.command is None:
        args = parser.parse_args(["tour"])
    out = _Output(sys.stdout, as_json=getattr(args, "json", False), width=_width(args))
    printing = contextlib.ExitStack()
    printing.enter_context(_writable(sys.stderr, "rareearth.plain-text"))
    errors = "rareearth.json-escapes" if out.as_json else "rareearth.plain-text"
    printing.enter_context(_writable(sys.stdout, errors))
    try:
        with printing:
            code = _answer(args, out)
            sys.stdout.flush()
            return code
    except BrokenPipeError:
        # The reader stopped reading (`rareearth timeline | head`): no traceback.
        # Python would flush stdout again at exit and fail again; point it nowhere.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return _BROKEN_PIPE


def _error(out: _Output, error: Exception, message: str) -> None:
    """Say what went wrong on standard error: a line, or under --json a JSON object."""
    if out.as_json:
        kind = type(error).__name__ if isinstance(error, ree.RareEarthError) else "BadInput"
        sys.stderr.write(dumps({"error": message, "kind": kind}) + "\n")
    else:
        sys.stderr.write(f"rareearth: {message}\n")


def _answer(args: argparse.Namespace, out: _Output) -> int:
    """Run the command; say what went wrong on standard error, and return the exit code."""
    try:
        code = args.func(args, out)
    except (_Empty, ree.NoRateError, ree.EmptySelectionError) as e:
        # Not an error: an empty answer, said as the answer is (JSON under --json).
        said = dumps({"empty": str(e)}) if out.as_json else f"rareearth: {e}"
        sys.stderr.write(said + "\n")
        return _EMPTY
    except ree.DataError as e:
        if out.as_json:
            problems = Records(e.problems, ree.Problem)
            out.json(
                {
                    "valid": False,
                    "problems": problems.to_dicts(),
                    "more": e.more,
                    "unchecked": e.unchecked,
                }
            )
        _error(out, e, str(e))
        return _BAD_INPUT
    except ree.MixedUnitsError as e:
        kinds = "; ".join(e.kinds)
        _error(
            out,
            e,
            f"cannot add unlike quantities: {kinds}. "
            "Choose one with --product, or group with --by product",
        )
        return _BAD_INPUT
    except (ree.RareEarthError, _BadInput) as e:
        _error(out, e, str(e))
        return _BAD_INPUT
    return code or 0
