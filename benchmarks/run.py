"""Measure rareearth against its peers: cold start, loading, memory and queries.

Run it from anywhere::

    python benchmarks/run.py                        # the full run (several minutes)
    python benchmarks/run.py --runs 3 --json results.json
    python benchmarks/run.py --tiny                 # tiny sizes, this environment

Unless ``--tiny`` or ``--here`` is given, it first makes (or reuses) a virtual
environment in ``benchmarks/.env``, installs the project there as users get it
(not editable, rebuilt on every run) with the peers of the ``bench`` dependency
group, and runs itself again with that environment's Python.

It prints a Markdown table: each measurement with its peer, their ratio (or
the speed-up over a plain scan) and the target. Every figure is measured in
fresh processes, so nothing one measurement caches helps another. See
``benchmarks/README.md`` for what each row means.

Only the standard library is imported here; rareearth and the peers are
imported by the processes that measure them.
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime as dt
import gc
import importlib.metadata
import importlib.util
import json
import math
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    import rareearth

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
ENV = SCRIPT.parent / ".env"
STAMP = "bench-stamp.json"

RECORDS = 100_000
GROWTH = (1_000, 10_000)
TINY_RECORDS = 300
TINY_GROWTH = (100,)
REPEAT = 30
LOAD_REPEAT = 3
TINY_REPEAT = 2

#: Keys looked up per batch, companies totalled, calls per timeline window.
KEYS = 1_000
COMPANIES = 200
LOOKUP_BATCHES = 5
TIMELINE_CALLS = 20
#: The window every run asks for; a few months the generated events fall in are added.
MONTH = "2024-05"
#: Seconds a repeated measurement may take before it stops at fewer batches.
BUDGET = 3.0
#: Seeds: the mixed records, the query data set, the keys sampled.
MIXED_SEED = 0
QUERY_SEED = 1
SAMPLE_SEED = 2

_T = TypeVar("_T")


_STARTED = time.perf_counter()


def say(message: str) -> None:
    """Report progress on stderr, with the seconds so far, so that stdout holds only the tables."""
    sys.stderr.write(f"benchmarks [{time.perf_counter() - _STARTED:5.0f} s]: {message}\n")
    sys.stderr.flush()


# --- the environment ------------------------------------------------------------


def env_python(env: Path) -> Path:
    """The Python of the virtual environment ``env``."""
    if os.name == "nt":
        return env / "Scripts" / "python.exe"
    return env / "bin" / "python"


def stamp() -> dict[str, object]:
    """What the environment was made from: when it changes, the environment is remade."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {
        "python": sys.version,
        "interpreter": sys.executable,
        "dependencies": pyproject["project"]["dependencies"],
        "bench": pyproject["dependency-groups"]["bench"],
    }


def pip(python: Path, *args: str) -> None:
    """Run pip in the benchmark environment, from the project's root, saying only errors."""
    command = [str(python), "-m", "pip", "-qq", "--disable-pip-version-check", *args]
    subprocess.run(command, check=True, cwd=ROOT)


def prepare_environment() -> Path:
    """Make or refresh ``benchmarks/.env``; return its Python.

    The environment is made once per interpreter and set of requirements;
    the project itself is reinstalled every time, as its source changes.
    """
    python = env_python(ENV)
    wanted = stamp()
    stamp_file = ENV / STAMP
    try:
        current = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = None
    if python.exists() and current == wanted:
        say("reinstalling rareearth into benchmarks/.env")
        pip(python, "install", "--force-reinstall", "--no-deps", str(ROOT))
        return python
    say("making benchmarks/.env (the project, not editable, and the bench group's peers)")
    venv = [sys.executable, "-m", "venv", "--clear", str(ENV)]
    subprocess.run(venv, check=True)
    pip(python, "install", "--upgrade", "pip>=25.1")  # --group needs pip 25.1
    pip(python, "install", "--group", "bench", str(ROOT))
    stamp_file.write_text(json.dumps(wanted, indent=2), encoding="utf-8")
    return python


# --- timing ------------------------------------------------------------------------


def wall(command: Sequence[str], cwd: Path) -> float:
    """Seconds a fresh process takes to run ``command``, which must succeed."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise BenchmarkError(f"{' '.join(command[1:])!r} failed:\n{done.stderr.decode()}")
    return seconds


def per_call(
    call: Callable[[_T], object], args: Sequence[_T], *, batches: int, budget: float = BUDGET
) -> float:
    """Seconds per call of ``call`` over ``args``: the best batch, divided by its size.

    Up to ``batches`` batches run, fewer once they have taken ``budget``
    seconds in all (at least one). The garbage collector is off while they
    run, as `timeit` has it.
    """
    best = math.inf
    spent = 0.0
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(batches):
            start = time.perf_counter()
            for arg in args:
                call(arg)
            took = time.perf_counter() - start
            best = min(best, took)
            spent += took
            if spent > budget:
                break
    finally:
        if enabled:
            gc.enable()
    return best / len(args)


class BenchmarkError(Exception):
    """A measured command failed, or measured something other than it should."""


# --- the measuring processes ------------------------------------------------------
#
# Loading, memory and queries are measured in fresh processes running this
# file with --worker KIND; each prints one line of JSON. Each first imports
# rareearth and loads the shipped data, outside the timing, so that what is
# measured is the users' records, with the same caches warm for every side.


def shipped() -> rareearth.Dataset:
    """The shipped data set, loaded: the state every measuring process starts from."""
    import rareearth as ree  # noqa: PLC0415 - measured code, in the measuring process only

    ds = ree.dataset()
    gc.collect()
    return ds


def largest(paths: Sequence[str]) -> int:
    """The size of the largest file, in bytes: the loader's limit for the generated files.

    At 100,000 facilities the generated file is over the loader's default
    limit, which users with such files raise the same way.
    """
    return max((Path(p).stat().st_size for p in paths), default=0)


def users_records(ds: rareearth.Dataset, base: rareearth.Dataset) -> int:
    """How many top-level records ``ds`` holds beyond those of ``base``."""
    return len(ds.origins) - len(base.origins)  # one origin per top-level record


def work_load(paths: Sequence[str]) -> dict[str, Any]:
    """Time `Dataset.load` of the users' files, shipped data included."""
    import rareearth as ree  # noqa: PLC0415 - measured code, in the measuring process only

    base = shipped()
    start = time.perf_counter()
    ds = ree.Dataset.load(*paths, max_size=largest(paths))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "records": users_records(ds, base)}


def work_json(paths: Sequence[str]) -> dict[str, Any]:
    """Time the peer of loading: read each file's text and parse it with `json.loads`."""
    shipped()
    start = time.perf_counter()
    documents = [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]
    seconds = time.perf_counter() - start
    records = sum(len(records) for document in documents for records in document.values())
    return {"seconds": seconds, "records": records}


def work_memory(paths: Sequence[str]) -> dict[str, Any]:
    """Bytes a loaded data set keeps (the Dataset alive), and the peak while loading."""
    import rareearth as ree  # noqa: PLC0415 - measured code, in the measuring process only

    base = shipped()
    tracemalloc.start()
    ds = ree.Dataset.load(*paths, max_size=largest(paths))
    gc.collect()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"retained": retained, "peak": peak, "records": users_records(ds, base)}


def work_queries(paths: Sequence[str], *, peers: bool) -> dict[str, Any]:
    """Time lookups, capacity totals and timelines over the users' records.

    Keys, companies and months are drawn from the users' records only, with a
    seeded generator; with ``peers``, the plain-Python equivalents are timed
    on the same ones.
    """
    import rareearth as ree  # noqa: PLC0415 - measured code, in the measuring process only

    base = shipped()
    ds = ree.Dataset.load(*paths, max_size=largest(paths))
    rng = random.Random(SAMPLE_SEED)  # noqa: S311 - sampling, not security
    theirs = {e.id for e in base.entities}
    mine = [e for e in ds.entities if e.id not in theirs]
    return {
        "first": first_calls(ds, mine),
        "lookup": time_lookups(ds, mine, rng, peers=peers),
        "capacity": time_capacity(ds, {e.id for e in mine}, rng, peers=peers),
        "timeline": time_timeline(ds, {e.id for e in base.events}, peers=peers),
    }


def first_calls(ds: rareearth.Dataset, mine: Sequence[rareearth.Entity]) -> dict[str, float]:
    """Seconds the first lookup, total and timeline take: an index built on first use is in them."""
    import rareearth as ree  # noqa: PLC0415 - measured code, in the measuring process only

    found: dict[str, float] = {}
    start = time.perf_counter()
    ds.timeline(MONTH, MONTH)
    found["timeline"] = time.perf_counter() - start
    if mine:
        start = time.perf_counter()
        ds.entity(mine[0].id)
        found["lookup"] = time.perf_counter() - start
    ids = {e.id for e in mine}
    company = next((f.operator for f in ds.facilities if f.operator in ids), None)
    if company is not None:
        start = time.perf_counter()
        with contextlib.suppress(ree.RareEarthError):  # its selection is timed all the same
            ds.total_capacity(company=company)
        found["capacity"] = time.perf_counter() - start
    return found


def lookup_keys(entity: rareearth.Entity, way: str) -> Iterable[str]:
    """The keys users would look ``entity`` up by: its id, its name or its tickers."""
    if way == "id":
        return (entity.id,)
    if way == "name":
        return (entity.name,)
    return (str(ticker) for ticker in entity.tickers)


def time_lookups(
    ds: rareearth.Dataset, mine: Sequence[rareearth.Entity], rng: random.Random, *, peers: bool
) -> dict[str, dict[str, float]]:
    """Seconds per `Dataset.entity` call by id, name and ticker, and per dict lookup."""
    import rareearth as ree  # noqa: PLC0415 - measured code, in the measuring process only

    found: dict[str, dict[str, float]] = {}
    for way in ("id", "name", "ticker"):
        pairs = [(key, e.id) for e in mine for key in lookup_keys(e, way)]
        rng.shuffle(pairs)
        keys: list[str] = []
        # Only keys that find their entity: a name two records share is ambiguous.
        for key, entity_id in pairs:
            try:
                if ds.entity(key).id == entity_id:
                    keys.append(key)
            except ree.RareEarthError:
                continue
            if len(keys) == KEYS:
                break
        if not keys:
            continue
        found[way] = {"ours": per_call(ds.entity, keys, batches=LOOKUP_BATCHES), "keys": len(keys)}
        if peers:
            table = dict(pairs)
            found[way]["peer"] = per_call(table.__getitem__, keys, batches=LOOKUP_BATCHES)
    return found


def subsidiaries(ds: rareearth.Dataset) -> dict[str, list[str]]:
    """Each parent's direct subsidiaries, by id."""
    import rareearth as ree  # noqa: PLC0415 - measured code, in the measuring process only

    children: dict[str, list[str]] = {}
    for r in ds.relationships:
        if r.kind is ree.RelationKind.SUBSIDIARY and r.party is not None:
            children.setdefault(r.party, []).append(r.subject)
    return children


def group_of(company: str, children: Mapping[str, list[str]]) -> set[str]:
    """A company's id with those of its subsidiaries, at any depth."""
    group = {company}
    frontier = [company]
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in group:
                group.add(child)
                frontier.append(child)
    return group


def time_capacity(
    ds: rareearth.Dataset, mine: set[str], rng: random.Random, *, peers: bool
) -> dict[str, float]:
    """Seconds per `Dataset.total_capacity(company=...)`, and per plain scan of the phases."""
    import rareearth as ree  # noqa: PLC0415 - measured code, in the measuring process only

    operators = sorted({f.operator for f in ds.facilities if f.operator in mine})
    rng.shuffle(operators)
    companies: list[str] = []
    # Companies whose facilities state a capacity in one unit: their total is an answer.
    for company in operators[: 5 * COMPANIES]:
        try:
            ds.total_capacity(company=company)
        except ree.RareEarthError:
            continue
        companies.append(company)
        if len(companies) == COMPANIES:
            break
    if not companies:
        return {}

    def total(company: str) -> object:
        return ds.total_capacity(company=company)

    found = {
        "ours": per_call(total, companies, batches=LOOKUP_BATCHES),
        "companies": len(companies),
    }
    if peers:
        children = subsidiaries(ds)
        groups = {c: group_of(c, children) for c in companies}
        parts = ds.phases

        def scan(company: str) -> Decimal:
            ids = groups[company]
            return sum(
                (
                    p.phase.capacity.value.number
                    for p in parts
                    if p.facility.operator in ids and p.phase.capacity is not None
                ),
                Decimal(0),
            )

        found["peer"] = per_call(scan, companies, batches=LOOKUP_BATCHES)
    return found


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a month written "YYYY-MM"."""
    year, number = (int(part) for part in month.split("-"))
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def months_of(ds: rareearth.Dataset, theirs: set[str]) -> list[str]:
    """`MONTH`, then the months of the users' events at their 10th, 50th and 90th percentiles."""
    days = sorted(e.date.earliest for e in ds.events if e.id not in theirs)
    months = [MONTH]
    for share in (0.1, 0.5, 0.9):
        if days:
            day = days[int(share * (len(days) - 1))]
            month = f"{day.year:04d}-{day.month:02d}"
            if month not in months:
                months.append(month)
    return months


def time_timeline(
    ds: rareearth.Dataset, theirs: set[str], *, peers: bool
) -> dict[str, dict[str, Any]]:
    """Seconds per one-month `Dataset.timeline`, and per plain scan of the events."""
    events = ds.events

    def ours(month: str) -> object:
        return ds.timeline(month, month)

    def scan(window: tuple[dt.date, dt.date]) -> list[rareearth.Event]:
        first, last = window
        return [e for e in events if e.date.latest >= first and e.date.earliest <= last]

    found: dict[str, dict[str, Any]] = {}
    for month in months_of(ds, theirs):
        found[month] = {
            "ours": per_call(ours, [month], batches=TIMELINE_CALLS),
            "events": len(ds.timeline(month, month)),
        }
        if peers:
            bounds = month_bounds(month)
            found[month]["peer"] = per_call(scan, [bounds], batches=TIMELINE_CALLS)
            found[month]["agrees"] = len(scan(bounds)) == found[month]["events"]
    return found


def worker(argv: Sequence[str]) -> None:
    """Run one measurement (``KIND [peers|alone] PATH...``) and print its JSON."""
    kind, *paths = argv
    result: dict[str, Any]
    if kind == "load":
        result = work_load(paths)
    elif kind == "json":
        result = work_json(paths)
    elif kind == "memory":
        result = work_memory(paths)
    elif kind == "queries":
        mode, *paths = paths
        result = work_queries(paths, peers=mode == "peers")
    else:
        raise SystemExit(f"unknown worker {kind!r}")
    sys.stdout.write(json.dumps(result) + "\n")


def measure_in_process(kind: str, args: Sequence[str], cwd: Path) -> dict[str, Any]:
    """Run a worker in a fresh process and return what it measured."""
    command = [sys.executable, str(SCRIPT), "--worker", kind, *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, encoding="utf-8", check=False)
    if done.returncode != 0:
        raise BenchmarkError(f"the {kind} measurement failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


# --- what is measured ---------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A cold-start command: Python code run in a fresh process, and what it needs."""

    code: str
    module: str | None = None


COLD: Mapping[str, Command] = {
    "bare": Command("pass"),
    "rareearth import": Command("import rareearth", "rareearth"),
    "attrs import": Command("import attrs", "attrs"),
    "rareearth answer": Command('import rareearth; rareearth.company("JL MAG")', "rareearth"),
    "pycountry answer": Command(
        'import pycountry; pycountry.countries.get(alpha_2="CN")', "pycountry"
    ),
    "rareearth conversion": Command(
        'import rareearth; rareearth.convert(rareearth.Money(100, "CNY"), "USD")', "rareearth"
    ),
    "currency_converter conversion": Command(
        "from currency_converter import CurrencyConverter; "
        'CurrencyConverter().convert(100, "USD", "EUR")',
        "currency_converter",
    ),
}


@dataclass(frozen=True)
class Target:
    """The most a figure may be: the ratio to the peer, or rareearth's own figure."""

    figure: Literal["ratio", "rareearth"]
    limit: float
    aim: float | None = None


RatioKind = Literal["ratio", "speed-up", "context", "none"]


@dataclass(frozen=True)
class Spec:
    """A row of the table: what is measured, against what, and what it should be.

    ``ratio`` is "ratio" for rareearth/peer (lower is better), "speed-up"
    for peer/rareearth (higher is better), "context" for a ratio shown but not
    targeted, "none" for a row with no peer. For memory (``worst``), the
    worst run is reported, not the best.
    """

    key: str
    label: str
    unit: str
    peer: str
    ratio: RatioKind
    target: Target
    worst: bool = False


SPECS = (
    Spec("import", "import, above bare start", "ms", "attrs", "ratio", Target("ratio", 1.15)),
    Spec(
        "first_answer",
        "cold first answer, above bare start",
        "ms",
        "pycountry",
        "ratio",
        Target("ratio", 1.0, aim=0.8),
    ),
    Spec(
        "first_conversion",
        "cold first conversion, above bare start",
        "ms",
        "currencyconverter",
        "ratio",
        Target("ratio", 0.25),
    ),
    Spec("load", "load {n} records", "s", "json.loads", "ratio", Target("ratio", 2.5, aim=2.0)),
    Spec(
        "memory_retained",
        "memory retained at {n} records",
        "B/record",
        "JSON file size",
        "context",
        Target("rareearth", 1300.0),
        worst=True,
    ),
    Spec(
        "memory_peak",
        "memory peak / retained at {n} records",
        "×",
        "",
        "none",
        Target("rareearth", 2.0),
        worst=True,
    ),
    Spec(
        "lookup_id",
        "entity lookup by id at {n} entities",
        "µs",
        "dict lookup",
        "ratio",
        Target("rareearth", 5.0),
    ),
    Spec(
        "lookup_name",
        "entity lookup by name at {n} entities",
        "µs",
        "dict lookup",
        "ratio",
        Target("rareearth", 5.0),
    ),
    Spec(
        "lookup_ticker",
        "entity lookup by ticker at {n} entities",
        "µs",
        "dict lookup",
        "ratio",
        Target("rareearth", 5.0),
    ),
    Spec(
        "total_capacity",
        "total_capacity(company=) at {n} facilities",
        "µs",
        "scan of phases",
        "speed-up",
        Target("rareearth", 50.0),
    ),
    Spec(
        "timeline",
        "timeline, one month, at {n} events",
        "µs",
        "scan of events",
        "speed-up",
        Target("rareearth", 1000.0),
    ),
)

#: The peers' distributions, for the versions reported.
DISTRIBUTIONS = ("rareearth", "attrs", "cattrs", "pycountry", "currencyconverter")


@dataclass
class Figures:
    """One run's figures for a row; ``None`` where not measured."""

    ours: float | None
    peer: float | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Growth:
    """One run's figures at one size of mixed records."""

    load: float
    bytes_per_record: float
    lookup: float | None
    capacity: float | None
    timeline: float | None


@dataclass(frozen=True)
class DataSet:
    """Generated fact files on disk, and what they hold."""

    paths: tuple[str, ...]
    records: int
    size: int


@dataclass
class Run:
    """Everything one run measured."""

    rows: dict[str, Figures]
    growth: dict[int, Growth]
    cold: dict[str, float]


@dataclass(frozen=True)
class Settings:
    """How much to measure."""

    tiny: bool
    records: int
    growth: tuple[int, ...]
    repeat: int
    load_repeat: int
    runs: int


def installed(module: str | None) -> bool:
    """Whether ``module`` can be imported here (and so in the measuring processes)."""
    return module is None or importlib.util.find_spec(module) is not None


def write_data(data: dict[str, list[dict[str, Any]]], folder: Path) -> DataSet:
    """Write generated records as fact files; say where, how many and how big."""
    import synthetic  # noqa: PLC0415 - it imports rareearth, which only the measuring side needs

    paths = tuple(str(p) for p in synthetic.write(data, folder))
    size = sum(Path(p).stat().st_size for p in paths)
    return DataSet(paths, sum(map(len, data.values())), size)


def cold_starts(rounds: int, cwd: Path) -> dict[str, float]:
    """The fastest of ``rounds`` fresh processes for each command whose module is installed.

    The commands take turns, round after round, each round starting one
    further along, so that a slow spell of the machine falls on all of them.
    """
    names = [name for name, command in COLD.items() if installed(command.module)]
    best = dict.fromkeys(names, math.inf)
    for n in range(rounds):
        turn = n % len(names)
        for name in names[turn:] + names[:turn]:
            command = [sys.executable, "-c", COLD[name].code]
            best[name] = min(best[name], wall(command, cwd))
    return best


def cold_rows(cold: Mapping[str, float]) -> dict[str, Figures]:
    """The import, first-answer and first-conversion rows, in milliseconds above bare start."""
    bare = cold["bare"]
    pairs = {
        "import": ("rareearth import", "attrs import"),
        "first_answer": ("rareearth answer", "pycountry answer"),
        "first_conversion": ("rareearth conversion", "currency_converter conversion"),
    }
    rows: dict[str, Figures] = {}
    for key, (ours, peer) in pairs.items():
        figures = Figures((cold[ours] - bare) * 1e3)
        if peer in cold:
            figures.peer = (cold[peer] - bare) * 1e3
            if key != "import":
                figures.notes.append(f"whole process: {cold[ours] / cold[peer]:.2f}×")
        rows[key] = figures
    return rows


def checked(result: dict[str, Any], data: DataSet, what: str) -> dict[str, Any]:
    """``result``, once it is sure to have read every generated record."""
    if result["records"] != data.records:
        message = f"{what} read {result['records']} records, not the {data.records} written"
        raise BenchmarkError(message)
    return result


def load_times(data: DataSet, repeat: int, cwd: Path, *, peer: bool) -> tuple[float, float | None]:
    """The best of ``repeat`` loads of ``data``, rareearth's and (taking turns) the peer's."""
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        result = measure_in_process("load", data.paths, cwd)
        ours.append(checked(result, data, "Dataset.load")["seconds"])
        if peer:
            result = measure_in_process("json", data.paths, cwd)
            theirs.append(checked(result, data, "json.loads")["seconds"])
    return min(ours), min(theirs) if theirs else None


def query_figures(result: Mapping[str, Any], key: str) -> Figures:
    """A query row's figures, in microseconds per call, from a queries measurement."""
    if key.startswith("lookup_"):
        found = result["lookup"].get(key.removeprefix("lookup_"))
    elif key == "total_capacity":
        found = result["capacity"] or None
    else:
        found = result["timeline"][MONTH]
    if found is None:
        return Figures(None, notes=["nothing in the data to ask for"])
    peer = found.get("peer")
    figures = Figures(found["ours"] * 1e6, None if peer is None else peer * 1e6)
    first = result["first"].get({"lookup_id": "lookup", "total_capacity": "capacity"}.get(key, key))
    if first is not None:
        figures.notes.append(f"first call {number(first * 1e3, 'ms')}")
    if key.startswith("lookup_") and found["keys"] < KEYS:
        figures.notes.append(f"{found['keys']:,} keys")
    elif key == "total_capacity":
        figures.notes.append(f"{found['companies']} companies")
    elif key == "timeline":
        figures.notes.append(timeline_note(result["timeline"]))
    return figures


def timeline_note(months: Mapping[str, Mapping[str, Any]]) -> str:
    """The other months' figures, and whether the plain scan found the same events."""
    parts = [events(months[MONTH]["events"])]
    parts += [
        f"{month}: {number(found['ours'] * 1e6, 'µs')} ({events(found['events'])})"
        for month, found in months.items()
        if month != MONTH
    ]
    if not all(found.get("agrees", True) for found in months.values()):
        parts.append("the scan found other events!")
    return "; ".join(parts)


def events(count: int) -> str:
    """A count of events, in words."""
    return f"{count:,} event" + ("" if count == 1 else "s")


def growth_figures(result: Mapping[str, Any], load: float, bytes_per_record: float) -> Growth:
    """A growth row from a queries measurement: the worst lookup, capacity, timeline."""
    lookups = [found["ours"] * 1e6 for found in result["lookup"].values()]
    capacity = result["capacity"].get("ours")
    return Growth(
        load=load,
        bytes_per_record=bytes_per_record,
        lookup=max(lookups) if lookups else None,
        capacity=None if capacity is None else capacity * 1e6,
        timeline=result["timeline"][MONTH]["ours"] * 1e6,
    )


def measure(settings: Settings, mixed: Mapping[int, DataSet], queries: DataSet, cwd: Path) -> Run:
    """One run of every measurement."""
    say(f"cold starts: {len(COLD)} commands, {settings.repeat} rounds")
    cold = cold_starts(settings.repeat, cwd)
    rows = cold_rows(cold)
    growth: dict[int, Growth] = {}
    for size, data in mixed.items():
        say(f"{size:,} mixed records: loading, memory, queries")
        at_n = size == settings.records
        load, json_load = load_times(data, settings.load_repeat, cwd, peer=at_n)
        memory = checked(measure_in_process("memory", data.paths, cwd), data, "Dataset.load")
        retained = memory["retained"] / data.records
        result = measure_in_process("queries", ("alone", *data.paths), cwd)
        growth[size] = growth_figures(result, load, retained)
        if at_n:
            rows["load"] = Figures(load, json_load)
            rows["memory_retained"] = Figures(retained, data.size / data.records)
            rows["memory_peak"] = Figures(memory["peak"] / memory["retained"])
    say(f"queries at {settings.records:,} entities, facilities and events, with their peers")
    result = measure_in_process("queries", ("peers", *queries.paths), cwd)
    for spec in SPECS:
        if spec.unit == "µs":
            rows[spec.key] = query_figures(result, spec.key)
    return Run(rows, growth, cold)


# --- reporting ------------------------------------------------------------------------


def ratio_of(spec: Spec, figures: Figures) -> float | None:
    """The row's ratio (or speed-up) in one run; ``None`` without both figures."""
    if spec.ratio == "none" or figures.ours is None or figures.peer is None:
        return None
    if figures.ours <= 0 or figures.peer <= 0:
        return None
    return figures.peer / figures.ours if spec.ratio == "speed-up" else figures.ours / figures.peer


def pick(values: Sequence[float | None], *, highest: bool) -> float | None:
    """The highest or lowest of the measured values; ``None`` if none was measured."""
    measured = [v for v in values if v is not None]
    if not measured:
        return None
    return max(measured) if highest else min(measured)


def row_result(spec: Spec, runs: Sequence[Run], settings: Settings) -> dict[str, Any]:
    """A row across runs, as the JSON reports it: each run's figures, the best and the target.

    The notes are those of the run whose rareearth figure is reported.
    """
    figures = [run.rows[spec.key] for run in runs]
    ours = [f.ours for f in figures]
    peer = [f.peer for f in figures]
    ratios = [ratio_of(spec, f) for f in figures]
    best_ours = pick(ours, highest=spec.worst)
    best_ratio = pick(ratios, highest=spec.worst or spec.ratio == "speed-up")
    judged = best_ratio if spec.target.figure == "ratio" else best_ours
    peer_installed = spec.ratio == "none" or any(p is not None for p in peer)
    return {
        "key": spec.key,
        "measurement": label(spec, settings),
        "unit": spec.unit,
        "best_is": "the worst run (highest)" if spec.worst else "the best run",
        "rareearth": {"runs": ours, "best": best_ours},
        "peer": {
            "name": spec.peer or None,
            "installed": peer_installed,
            "runs": peer,
            "best": pick(peer, highest=spec.worst),
        },
        "ratio": {"kind": spec.ratio, "runs": ratios, "best": best_ratio},
        "target": {
            "figure": spec.target.figure,
            "max": spec.target.limit,
            "aim": spec.target.aim,
        },
        "met": "n/a" if judged is None else ("yes" if judged <= spec.target.limit else "no"),
        "notes": figures[ours.index(best_ours)].notes if best_ours is not None else [],
    }


def label(spec: Spec, settings: Settings) -> str:
    """The row's name, with the size it was measured at."""
    return spec.label.format(n=f"{settings.records:,}")


def number(value: float | None, unit: str) -> str:
    """A figure as the table shows it."""
    if value is None:
        return "—"
    if unit == "B/record":
        return f"{value:,.0f} B/record"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "s":
        return f"{value:.3f} s"
    digits = 2 if value < 10 else 1 if value < 100 else 0  # three significant figures
    return f"{value:,.{digits}f} {unit}"


def cell(values: Sequence[float | None], best: float | None, unit: str, after: str = "") -> str:
    """A figure (then ``after``), followed by each run's when there were several."""
    shown = number(best, unit) + after
    if len(values) > 1:
        shown += " (runs: " + ", ".join(number(v, unit) for v in values) + ")"
    return shown


def ratio_cell(row: Mapping[str, Any]) -> str:
    """The ratio or speed-up column."""
    ratio = row["ratio"]
    if ratio["kind"] == "none":
        return "—"
    if not row["peer"]["installed"]:
        return "peer not installed"
    if ratio["best"] is None:
        return "—"
    if ratio["kind"] == "speed-up":
        return "speed-up " + cell(ratio["runs"], ratio["best"], "×")
    if ratio["kind"] == "context":
        return cell(ratio["runs"], ratio["best"], "×", " the JSON")
    return cell(ratio["runs"], ratio["best"], "×")


def target_cell(row: Mapping[str, Any]) -> str:
    """The target column: the limit, on the ratio or on rareearth's figure."""
    target = row["target"]
    if target["figure"] == "ratio":
        shown = f"ratio ≤ {target['max']}"
    else:
        shown = f"≤ {number(target['max'], row['unit'])}"
    if target["aim"] is not None:
        shown += f" (aim {target['aim']})"
    return shown


def table(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The measurements as a Markdown table."""
    lines = [
        "| measurement | rareearth | peer | ratio / speed-up | target | met? | notes |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        peer = row["peer"]
        if peer["name"] is None:
            peer_shown = "—"
        elif not peer["installed"]:
            peer_shown = f"{peer['name']}: peer not installed"
        else:
            peer_shown = f"{peer['name']}: {cell(peer['runs'], peer['best'], row['unit'])}"
        ours = cell(row["rareearth"]["runs"], row["rareearth"]["best"], row["unit"])
        notes = "; ".join(row["notes"])
        cells = [row["measurement"], ours, peer_shown, ratio_cell(row), target_cell(row)]
        lines.append("| " + " | ".join([*cells, row["met"], notes]) + " |")
    return lines


GROWTH_COLUMNS = (
    ("load", "load", "s"),
    ("bytes_per_record", "retained", "B/record"),
    ("lookup", "entity lookup (worst of id, name, ticker)", "µs"),
    ("capacity", "total_capacity", "µs"),
    ("timeline", f"timeline {MONTH}", "µs"),
)


def growth_results(runs: Sequence[Run]) -> list[dict[str, Any]]:
    """The growth table's rows, as the JSON reports them: each run's figures and the best."""
    results = []
    for size in runs[0].growth:
        row: dict[str, Any] = {"records": size}
        for name, _, _ in GROWTH_COLUMNS:
            values = [getattr(run.growth[size], name) for run in runs]
            row[name] = {"runs": values, "best": pick(values, highest=name == "bytes_per_record")}
        results.append(row)
    return results


def growth_table(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The growth rows as a Markdown table (best run; worst for memory)."""
    heads = " | ".join(title for _, title, _ in GROWTH_COLUMNS)
    lines = [f"| records | {heads} |", "|---:" * (len(GROWTH_COLUMNS) + 1) + "|"]
    for row in rows:
        cells = [number(row[name]["best"], unit) for name, _, unit in GROWTH_COLUMNS]
        lines.append(f"| {row['records']:,} | " + " | ".join(cells) + " |")
    return lines


def versions() -> dict[str, str | None]:
    """The installed version of rareearth and of each peer (``None`` if missing)."""
    found: dict[str, str | None] = {}
    for name in DISTRIBUTIONS:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = None
    return found


def from_source_tree() -> bool:
    """Whether rareearth is imported from this checkout's source (an editable install)."""
    spec = importlib.util.find_spec("rareearth")
    source = ROOT / "src"
    return spec is not None and spec.origin is not None and source in Path(spec.origin).parents


def report(settings: Settings, runs: Sequence[Run], seconds: float) -> dict[str, Any]:
    """Everything measured, as JSON-ready data."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": versions(),
        "rareearth_from_source_tree": from_source_tree(),
        "settings": {
            "tiny": settings.tiny,
            "records": settings.records,
            "growth_sizes": list(settings.growth),
            "repeat": settings.repeat,
            "load_repeat": settings.load_repeat,
            "runs": settings.runs,
            "lookup_keys": KEYS,
            "companies": COMPANIES,
        },
        "cold_start_ms": [{name: value * 1e3 for name, value in run.cold.items()} for run in runs],
        "rows": [row_result(spec, runs, settings) for spec in SPECS],
        "growth": growth_results(runs),
        "growth_units": {name: unit for name, _, unit in GROWTH_COLUMNS},
        "seconds": seconds,
    }


def markdown(results: Mapping[str, Any]) -> str:
    """The report as Markdown: the measurements, then the growth table."""
    settings = results["settings"]
    where = "source tree" if results["rareearth_from_source_tree"] else "installed"
    runs = settings["runs"]
    bare = ", ".join(f"{run['bare']:.1f}" for run in results["cold_start_ms"])
    lines = [
        "## rareearth benchmarks",
        "",
        f"rareearth {results['versions']['rareearth']} ({where}) · "
        f"{results['implementation']} {results['python']} · {results['platform']} · "
        f"{results['date']} · {runs} run{'s' if runs > 1 else ''}"
        + (" · tiny" if settings["tiny"] else ""),
        "",
        *table(results["rows"]),
        "",
        (
            f"Cold starts: the fastest of {settings['repeat']} fresh processes per command, "
            f"taking turns; bare start (`python -c pass`): {bare} ms. "
            "With several runs, each run's figure follows the best; "
            "memory rows report the worst run."
        ),
        "",
        "### growth (mixed records)",
        "",
        *growth_table(results["growth"]),
        "",
        f"Took {results['seconds']:.0f} s.",
    ]
    return "\n".join(lines) + "\n"


# --- the command ----------------------------------------------------------------------


def positive(text: str) -> int:
    """An argument that must be a whole number above zero."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not above zero")
    return value


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Measure rareearth against its peers and print a Markdown table.",
    )
    parser.add_argument(
        "--tiny", action="store_true", help="tiny sizes in this environment: proves it works"
    )
    parser.add_argument(
        "--here", action="store_true", help="measure in this environment, not benchmarks/.env"
    )
    parser.add_argument("--runs", type=positive, default=1, help="repeat everything K times")
    parser.add_argument("--records", type=positive, help=f"records (default {RECORDS:,})")
    parser.add_argument(
        "--repeat", type=positive, help=f"fresh processes per cold start (default {REPEAT})"
    )
    parser.add_argument(
        "--load-repeat", type=positive, help=f"loads per measurement (default {LOAD_REPEAT})"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    """The sizes and repeats, from the arguments and the defaults for the mode."""
    records: int = args.records or (TINY_RECORDS if args.tiny else RECORDS)
    smaller = TINY_GROWTH if args.tiny else GROWTH
    return Settings(
        tiny=args.tiny,
        records=records,
        growth=(*sorted(s for s in smaller if s < records), records),
        repeat=args.repeat or (TINY_REPEAT if args.tiny else REPEAT),
        load_repeat=args.load_repeat or (1 if args.tiny else LOAD_REPEAT),
        runs=args.runs,
    )


def benchmark(settings: Settings) -> dict[str, Any]:
    """Generate the data, measure ``settings.runs`` times, and return the results."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rareearth-bench-") as folder:
        work = Path(folder)
        import synthetic  # noqa: PLC0415 - it imports rareearth, which only the measuring side needs

        say("generating the records")
        mixed = {
            size: write_data(synthetic.mixed(size, seed=MIXED_SEED), work / f"mixed-{size}")
            for size in settings.growth
        }
        n = settings.records
        counts = {"entities": n, "facilities": n, "events": n, "relationships": n // 5}
        generated = synthetic.generate(counts, seed=QUERY_SEED)
        queries = write_data(generated, work / "queries")
        del generated
        runs = []
        for number_ in range(settings.runs):
            if settings.runs > 1:
                say(f"run {number_ + 1} of {settings.runs}")
            runs.append(measure(settings, mixed, queries, work))
    return report(settings, runs, time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks; the exit status is 0 whether or not the targets are met."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--worker"]:
        worker(argv[1:])
        return 0
    args = parse(argv)
    if not (args.tiny or args.here):
        python = prepare_environment()
        command = [str(python), str(SCRIPT), "--here", *argv]
        return subprocess.run(command, check=False).returncode
    settings = settings_from(args)
    try:
        results = benchmark(settings)
    except BenchmarkError as e:
        say(str(e))
        return 1
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
