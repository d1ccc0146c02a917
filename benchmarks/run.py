"""Measure rareearth against its peers: cold start, loading, memory and queries.

Run it from anywhere: ``python benchmarks/run.py [--tiny] [--runs K] [--json PATH]``.
Unless ``--tiny`` or ``--here`` is given, it first makes (or reuses) a virtual
environment in ``benchmarks/.env``, installs the project there as users get it
(not editable, rebuilt on every run) with the peers of the ``bench`` dependency
group, and runs itself again with that environment's Python. Every figure is
measured in fresh processes (this file, run with ``--worker``), so nothing one
measurement caches helps another. It prints a Markdown table of each
measurement, its peer, their ratio and the target: see ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

# The measuring processes import rareearth here, before any timing; the command itself does not.
if TYPE_CHECKING or sys.argv[1:2] == ["--worker"]:
    import rareearth
    from rareearth._records import COLLECTIONS

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
ENV = SCRIPT.parent / ".env"
STAMP = "bench-stamp.json"

#: Records at full size and the smaller growth sizes; fresh processes per cold start; loads.
RECORDS, GROWTH, REPEAT, LOAD_REPEAT = 100_000, (1_000, 10_000), 30, 3
TINY_RECORDS, TINY_GROWTH, TINY_REPEAT = 300, (100,), 2
#: Keys looked up per batch, companies totalled, batches of them, calls per timeline window.
KEYS, COMPANIES, LOOKUP_BATCHES, TIMELINE_CALLS = 1_000, 200, 5, 20
#: The window every run asks for; a few months the generated events fall in are added.
MONTH = "2024-05"
#: Seconds a repeated measurement may take before it stops at fewer batches.
BUDGET = 3.0
#: The export formats timed, each against `to_json` of the same tables.
EXPORTS = ("ftm", "bods", "sqlite", "parquet", "datapackage")
#: Seeds: the mixed records, the query data set, the keys sampled.
MIXED_SEED, QUERY_SEED, SAMPLE_SEED = 0, 1, 2

_T = TypeVar("_T")
_STARTED = time.perf_counter()


def say(message: str) -> None:
    """Report progress on stderr, with the seconds so far, so that stdout holds only the tables."""
    sys.stderr.write(f"benchmarks [{time.perf_counter() - _STARTED:5.0f} s]: {message}\n")
    sys.stderr.flush()


class BenchmarkError(Exception):
    """A measured command failed, or measured something other than it should."""


def prepare_environment() -> Path:
    """Make ``benchmarks/.env`` (again when the interpreter or requirements change); its Python.

    The project itself is reinstalled every time, as its source changes.
    """
    python = ENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = {
        "python": sys.version,
        "interpreter": sys.executable,
        "dependencies": pyproject["project"]["dependencies"],
        "bench": pyproject["dependency-groups"]["bench"],
    }
    current = None
    with contextlib.suppress(OSError, ValueError):
        current = json.loads((ENV / STAMP).read_text(encoding="utf-8"))

    def pip(*args: str) -> None:  # from the project's root, saying only errors
        command = [str(python), "-m", "pip", "-qq", "--disable-pip-version-check", *args]
        subprocess.run(command, check=True, cwd=ROOT)

    if python.exists() and current == wanted:
        say("reinstalling rareearth into benchmarks/.env")
        pip("install", "--force-reinstall", "--no-deps", str(ROOT))
        return python
    say("making benchmarks/.env (the project, not editable, and the bench group's peers)")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(ENV)], check=True)
    pip("install", "--upgrade", "pip>=25.1")  # --group needs pip 25.1
    pip("install", "--group", "bench", str(ROOT))
    (ENV / STAMP).write_text(json.dumps(wanted, indent=2), encoding="utf-8")
    return python


def per_call(
    call: Callable[[_T], object], args: Sequence[_T], *, batches: int, budget: float = BUDGET
) -> float:
    """Seconds per call of ``call`` over ``args``: the best batch, divided by its size.

    Up to ``batches`` batches run, fewer once they have taken ``budget`` seconds
    in all. The garbage collector is off while they run, as `timeit` has it.
    """
    best, spent = math.inf, 0.0
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(batches):
            start = time.perf_counter()
            for arg in args:
                call(arg)
            took = time.perf_counter() - start
            best, spent = min(best, took), spent + took
            if spent > budget:
                break
    finally:
        if enabled:
            gc.enable()
    return best / len(args)


# --- the measuring processes: each loads the shipped data before timing, so that the same
# caches are warm for every side and what is measured is the users' records --------------


def shipped() -> rareearth.Dataset:
    """The shipped data set, loaded: the state every measuring process starts from."""
    ds = rareearth.dataset()
    gc.collect()
    return ds


def load(paths: Sequence[str]) -> rareearth.Dataset:
    """`Dataset.load` of the users' files and the shipped data, as users load them.

    The size limit is raised to the largest file, as users with such files raise it.
    """
    largest = max((Path(p).stat().st_size for p in paths), default=0)
    return rareearth.Dataset.load(*paths, max_size=largest)


def work_load(paths: Sequence[str], *, traced: bool) -> dict[str, Any]:
    """Time `Dataset.load`; with ``traced``, the bytes it keeps (the Dataset alive) and its peak."""
    base = shipped()
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    ds = load(paths)
    result: dict[str, Any] = {"seconds": time.perf_counter() - start}
    if traced:
        gc.collect()
        result["retained"], result["peak"] = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    result["records"] = len(ds.origins) - len(base.origins)  # one origin per top-level record
    return result


def work_json(paths: Sequence[str]) -> dict[str, Any]:
    """Time the peer of loading: read each file's text and parse it with `json.loads`."""
    shipped()
    start = time.perf_counter()
    documents = [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "records": sum(len(v) for d in documents for v in d.values())}


def work_queries(paths: Sequence[str], *, peers: bool) -> dict[str, Any]:
    """Time lookups, capacity totals and timelines, asking for the users' records only.

    With ``peers``, the plain-Python equivalents are timed on the same keys.
    """
    base = shipped()
    ds = load(paths)
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
    """Seconds the first timeline, lookup and total take: an index built on first use is in them."""
    ids = {e.id for e in mine}
    company = next((f.operator for f in ds.facilities if f.operator in ids), None)
    calls: dict[str, Callable[[], object]] = {"timeline": lambda: ds.timeline(MONTH, MONTH)}
    if mine:
        calls["lookup"] = lambda: ds.entity(mine[0].id)
    if company is not None:
        calls["capacity"] = lambda: ds.total_capacity(company=company)
    found: dict[str, float] = {}
    for name, call in calls.items():
        start = time.perf_counter()
        with contextlib.suppress(rareearth.RareEarthError):  # a refused total is timed all the same
            call()
        found[name] = time.perf_counter() - start
    return found


def time_lookups(
    ds: rareearth.Dataset, mine: Sequence[rareearth.Entity], rng: random.Random, *, peers: bool
) -> dict[str, dict[str, float]]:
    """Seconds per `Dataset.entity` call by id, name and ticker, and per dict lookup."""
    ways: dict[str, Callable[[rareearth.Entity], Sequence[str]]] = {
        "id": lambda e: (e.id,),
        "name": lambda e: (e.name,),
        "ticker": lambda e: [str(t) for t in e.tickers],
    }
    found: dict[str, dict[str, float]] = {}
    for way, keys_of in ways.items():
        pairs = [(key, e.id) for e in mine for key in keys_of(e)]
        rng.shuffle(pairs)
        keys: list[str] = []
        # Only keys that find their entity: a name two records share is ambiguous.
        for key, entity_id in pairs:
            with contextlib.suppress(rareearth.RareEarthError):
                if ds.entity(key).id == entity_id:
                    keys.append(key)
            if len(keys) == KEYS:
                break
        if keys:
            found[way] = {"ours": per_call(ds.entity, keys, batches=LOOKUP_BATCHES)}
            found[way]["keys"] = len(keys)
            if peers:
                table = dict(pairs)
                found[way]["peer"] = per_call(table.__getitem__, keys, batches=LOOKUP_BATCHES)
    return found


def groups(ds: rareearth.Dataset, companies: Sequence[str]) -> dict[str, set[str]]:
    """Each company's id with those of its subsidiaries, at any depth."""
    children: dict[str, list[str]] = {}
    for r in ds.relationships:
        if r.kind is rareearth.RelationKind.SUBSIDIARY and r.party is not None:
            children.setdefault(r.party, []).append(r.subject)

    def group(company: str, seen: set[str]) -> set[str]:
        seen.add(company)
        for child in children.get(company, ()):
            if child not in seen:
                group(child, seen)
        return seen

    return {company: group(company, set()) for company in companies}


def time_capacity(
    ds: rareearth.Dataset, mine: set[str], rng: random.Random, *, peers: bool
) -> dict[str, float]:
    """Seconds per `Dataset.total_capacity(company=...)`, and per plain scan of the phases."""
    operators = sorted({f.operator for f in ds.facilities if f.operator in mine})
    rng.shuffle(operators)
    companies: list[str] = []
    # Companies whose facilities state a capacity in one unit: their total is an answer.
    for company in operators[: 5 * COMPANIES]:
        with contextlib.suppress(rareearth.RareEarthError):
            ds.total_capacity(company=company)
            companies.append(company)
        if len(companies) == COMPANIES:
            break
    if not companies:
        return {}

    ours = per_call(lambda c: ds.total_capacity(company=c), companies, batches=LOOKUP_BATCHES)
    found = {"ours": ours, "companies": len(companies)}
    if peers:
        group_of, parts = groups(ds, companies), ds.phases

        def scan(company: str) -> Decimal:
            ids, total = group_of[company], Decimal(0)
            for p in parts:
                if p.facility.operator in ids and p.phase.capacity is not None:
                    total += p.phase.capacity.value.number
            return total

        found["peer"] = per_call(scan, companies, batches=LOOKUP_BATCHES)
    return found


def months_of(ds: rareearth.Dataset, theirs: set[str]) -> list[str]:
    """`MONTH`, then the months of the users' events at their 10th, 50th and 90th percentiles."""
    days = sorted(e.date.earliest for e in ds.events if e.id not in theirs)
    picked = [days[int(share * (len(days) - 1))] for share in (0.1, 0.5, 0.9)] if days else []
    return list(dict.fromkeys([MONTH, *(f"{d.year:04d}-{d.month:02d}" for d in picked)]))


def time_timeline(
    ds: rareearth.Dataset, theirs: set[str], *, peers: bool
) -> dict[str, dict[str, Any]]:
    """Seconds per one-month `Dataset.timeline`, and per plain scan of the events."""
    events = ds.events

    def scan(window: rareearth.FuzzyDate) -> list[rareearth.Event]:
        first, last = window.earliest, window.latest
        return [e for e in events if e.date.latest >= first and e.date.earliest <= last]

    found: dict[str, dict[str, Any]] = {}
    for month in months_of(ds, theirs):
        here = found[month] = {
            "ours": per_call(lambda m: ds.timeline(m, m), [month], batches=TIMELINE_CALLS),
            "events": len(ds.timeline(month, month)),
        }
        if peers:
            window = rareearth.parse_date(month)
            here["peer"] = per_call(scan, [window], batches=TIMELINE_CALLS)
            here["agrees"] = len(scan(window)) == here["events"]
    return found


def work_export(paths: Sequence[str]) -> dict[str, Any]:
    """Time `Dataset.export` in each format, and its peer: `to_json` of the same tables to files.

    A format whose optional writer is not installed (parquet without pyarrow) is ``None``.
    """
    ds = load(paths)
    result: dict[str, Any] = {"records": len(ds.origins) - len(shipped().origins)}
    with tempfile.TemporaryDirectory(prefix="rareearth-export-") as folder:
        out = Path(folder)
        for name in EXPORTS:
            if name == "parquet" and importlib.util.find_spec("pyarrow") is None:
                result[name] = None
                continue
            start = time.perf_counter()
            ds.export(name, out / (f"{name}.db" if name == "sqlite" else name))
            result[name] = time.perf_counter() - start
        (out / "json").mkdir()
        start = time.perf_counter()
        for name, records in [*((n, ds.collection(n)) for n in COLLECTIONS), ("phases", ds.phases)]:
            records.to_json(out / "json" / f"{name}.json")
        result["to_json"] = time.perf_counter() - start
    return result


def worker(argv: Sequence[str]) -> None:
    """Run one measurement: ``load|memory|json|export PATH...``, ``queries peers|alone PATH...``."""
    kind, *paths = argv
    if kind in {"load", "memory"}:
        result = work_load(paths, traced=kind == "memory")
    elif kind == "json":
        result = work_json(paths)
    elif kind == "export":
        result = work_export(paths)
    elif kind == "queries":
        mode, *paths = paths
        result = work_queries(paths, peers=mode == "peers")
    else:
        raise SystemExit(f"unknown worker {kind!r}")
    sys.stdout.write(json.dumps(result) + "\n")


def measure_in_process(
    kind: str, args: Sequence[str], cwd: Path, records: int | None = None
) -> dict[str, Any]:
    """Run a worker in a fresh process; what it measured, sure to have read ``records`` if given."""
    command = [sys.executable, str(SCRIPT), "--worker", kind, *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, encoding="utf-8", check=False)
    if done.returncode != 0:
        raise BenchmarkError(f"the {kind} measurement failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    if records is not None and result["records"] != records:
        raise BenchmarkError(f"{kind} read {result['records']} records, not the {records} written")
    return result


# --- what is measured ---------------------------------------------------------------

#: Cold-start commands: Python code run in fresh processes, and the module each needs.
COLD: Mapping[str, tuple[str, str | None]] = {
    "bare": ("pass", None),
    "rareearth import": ("import rareearth", "rareearth"),
    "attrs import": ("import attrs", "attrs"),
    "rareearth answer": ('import rareearth; rareearth.company("JL MAG")', "rareearth"),
    "pycountry answer": ('import pycountry; pycountry.countries.get(alpha_2="CN")', "pycountry"),
    "rareearth conversion": (
        'import rareearth; rareearth.convert(rareearth.Money(100, "CNY"), "USD")', "rareearth"),
    "currency_converter conversion": ((
        "from currency_converter import CurrencyConverter; "
        'CurrencyConverter().convert(100, "USD", "EUR")'), "currency_converter"),
}  # fmt: skip
#: The cold-start rows: rareearth's command and its peer's.
COLD_ROWS = {
    "import": ("rareearth import", "attrs import"),
    "first_answer": ("rareearth answer", "pycountry answer"),
    "first_conversion": ("rareearth conversion", "currency_converter conversion"),
}

RatioKind = Literal["ratio", "speed-up", "context", "none"]


@dataclass(frozen=True)
class Spec:
    """A row: what is measured, against what, and the most ``figure`` may be (``limit``).

    ``ratio``: "ratio" is rareearth/peer, "speed-up" peer/rareearth, "context" a
    ratio not targeted. For memory (``worst``), the worst run is reported.
    """

    key: str
    label: str
    unit: str
    peer: str
    ratio: RatioKind
    figure: Literal["ratio", "rareearth"]
    limit: float
    aim: float | None = None
    worst: bool = False


SPECS = (
    Spec("import", "import, above bare start", "ms", "attrs", "ratio", "ratio", 1.15),
    Spec("first_answer", "cold first answer, above bare start", "ms", "pycountry", "ratio",
         "ratio", 1.3, aim=1.0),
    Spec("first_conversion", "cold first conversion, above bare start", "ms",
         "currencyconverter", "ratio", "ratio", 0.25),
    Spec("load", "load {n} records", "s", "json.loads", "ratio", "ratio", 2.5, aim=2.0),
    Spec("memory_retained", "memory retained at {n} records", "B/record", "JSON file size",
         "context", "rareearth", 1300.0, worst=True),
    Spec("memory_peak", "memory peak / retained at {n} records", "×", "", "none", "rareearth",
         2.0, worst=True),
    *(Spec(f"lookup_{way}", f"entity lookup by {way} at {{n}} entities", "µs", "dict lookup",
           "ratio", "rareearth", 5.0) for way in ("id", "name", "ticker")),
    Spec("total_capacity", "total_capacity(company=) at {n} facilities", "µs",
         "scan of phases", "speed-up", "rareearth", 50.0),
    Spec("timeline", "timeline, one month, at {n} events", "µs", "scan of events", "speed-up",
         "rareearth", 1000.0),
    *(Spec(f"export_{name}", f"export {name} of {{n}} records", "s", "to_json", "ratio",
           "ratio", 3.0) for name in EXPORTS),
)  # fmt: skip

#: The peers' distributions, for the versions reported.
DISTRIBUTIONS = ("rareearth", "attrs", "cattrs", "pycountry", "currencyconverter")


@dataclass
class Figures:
    """One run's figures for a row; ``None`` where not measured."""

    ours: float | None
    peer: float | None = None
    notes: list[str] = field(default_factory=list)


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
    growth: dict[int, dict[str, float | None]]  # at each size, by `GROWTH_COLUMNS`
    cold: dict[str, float]


@dataclass(frozen=True)
class Settings:
    """How much to measure."""

    tiny: bool
    records: int
    growth_sizes: tuple[int, ...]
    repeat: int
    load_repeat: int
    runs: int


def cold_starts(rounds: int, cwd: Path) -> dict[str, float]:
    """The fastest of ``rounds`` fresh processes for each command whose module is installed.

    The commands take turns, each round starting one further along, so that a
    slow spell of the machine falls on all of them; noise only adds time.
    """
    names = [n for n, (_, m) in COLD.items() if m is None or importlib.util.find_spec(m)]
    best = dict.fromkeys(names, math.inf)
    for n in range(rounds):
        turn = n % len(names)
        for name in names[turn:] + names[:turn]:
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", COLD[name][0]],
                cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
            )  # fmt: skip
            best[name] = min(best[name], time.perf_counter() - start)
            if done.returncode != 0:
                raise BenchmarkError(f"{COLD[name][0]!r} failed:\n{done.stderr.decode()}")
    return best


def cold_rows(cold: Mapping[str, float]) -> dict[str, Figures]:
    """The import, first-answer and first-conversion rows, in milliseconds above bare start."""
    rows: dict[str, Figures] = {}
    for key, (ours, peer) in COLD_ROWS.items():
        rows[key] = figures = Figures((cold[ours] - cold["bare"]) * 1e3)
        if peer in cold:
            figures.peer = (cold[peer] - cold["bare"]) * 1e3
            if key != "import":
                figures.notes.append(f"whole process: {cold[ours] / cold[peer]:.2f}×")
    return rows


def load_times(data: DataSet, repeat: int, cwd: Path, *, peer: bool) -> tuple[float, float | None]:
    """The best of ``repeat`` loads of ``data``, rareearth's and (taking turns) the peer's."""
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        ours.append(measure_in_process("load", data.paths, cwd, data.records)["seconds"])
        if peer:
            theirs.append(measure_in_process("json", data.paths, cwd, data.records)["seconds"])
    return min(ours), min(theirs) if theirs else None


def query_figures(result: Mapping[str, Any], key: str) -> Figures:
    """A query row's figures, in microseconds per call, from a queries measurement."""
    if key.startswith("lookup_"):
        found = result["lookup"].get(key.removeprefix("lookup_"))
    else:
        found = (
            (result["capacity"] or None) if key == "total_capacity" else result["timeline"][MONTH]
        )
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

    def events(count: int) -> str:
        return f"{count:,} event" + ("" if count == 1 else "s")

    parts = [events(months[MONTH]["events"])]
    parts += [
        f"{month}: {number(found['ours'] * 1e6, 'µs')} ({events(found['events'])})"
        for month, found in months.items()
        if month != MONTH
    ]
    if not all(found.get("agrees", True) for found in months.values()):
        parts.append("the scan found other events!")
    return "; ".join(parts)


def measure(settings: Settings, mixed: Mapping[int, DataSet], queries: DataSet, cwd: Path) -> Run:
    """One run of every measurement."""
    say(f"cold starts: {len(COLD)} commands, {settings.repeat} rounds")
    cold = cold_starts(settings.repeat, cwd)
    rows = cold_rows(cold)
    growth: dict[int, dict[str, float | None]] = {}
    for size, data in mixed.items():
        say(f"{size:,} mixed records: loading, memory, queries")
        at_n = size == settings.records
        load, json_load = load_times(data, settings.load_repeat, cwd, peer=at_n)
        memory = measure_in_process("memory", data.paths, cwd, data.records)
        retained = memory["retained"] / data.records
        result = measure_in_process("queries", ("alone", *data.paths), cwd)
        lookups = [found["ours"] * 1e6 for found in result["lookup"].values()]
        capacity = result["capacity"].get("ours")
        growth[size] = {
            "load": load,
            "bytes_per_record": retained,
            "lookup": max(lookups) if lookups else None,
            "capacity": None if capacity is None else capacity * 1e6,
            "timeline": result["timeline"][MONTH]["ours"] * 1e6,
        }
        if at_n:
            rows["load"] = Figures(load, json_load)
            rows["memory_retained"] = Figures(retained, data.size / data.records)
            rows["memory_peak"] = Figures(memory["peak"] / memory["retained"])
            exported = measure_in_process("export", data.paths, cwd, data.records)
            for name in EXPORTS:
                notes = [] if exported[name] is not None else ["pyarrow not installed"]
                rows[f"export_{name}"] = Figures(exported[name], exported["to_json"], notes)
    say(f"queries at {settings.records:,} entities, facilities and events, with their peers")
    result = measure_in_process("queries", ("peers", *queries.paths), cwd)
    rows.update({s.key: query_figures(result, s.key) for s in SPECS if s.unit == "µs"})
    return Run(rows, growth, cold)


# --- reporting ------------------------------------------------------------------------


def ratio_of(spec: Spec, figures: Figures) -> float | None:
    """The row's ratio (or speed-up) in one run; ``None`` without both figures."""
    ours, peer = figures.ours, figures.peer
    if spec.ratio == "none" or ours is None or peer is None or ours <= 0 or peer <= 0:
        return None
    return peer / ours if spec.ratio == "speed-up" else ours / peer


def pick(values: Sequence[float | None], *, highest: bool) -> float | None:
    """The highest or lowest of the measured values; ``None`` if none was measured."""
    measured = [v for v in values if v is not None]
    return (max if highest else min)(measured) if measured else None


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
    judged = best_ratio if spec.figure == "ratio" else best_ours
    return {
        "key": spec.key,
        "measurement": spec.label.format(n=f"{settings.records:,}"),
        "unit": spec.unit,
        "best_is": "the worst run (highest)" if spec.worst else "the best run",
        "rareearth": {"runs": ours, "best": best_ours},
        "peer": {
            "name": spec.peer or None,
            "installed": spec.ratio == "none" or any(p is not None for p in peer),
            "runs": peer,
            "best": pick(peer, highest=spec.worst),
        },
        "ratio": {"kind": spec.ratio, "runs": ratios, "best": best_ratio},
        "target": {"figure": spec.figure, "max": spec.limit, "aim": spec.aim},
        "met": "n/a" if judged is None else ("yes" if judged <= spec.limit else "no"),
        # The best run's notes; with nothing measured, why (the first run says).
        "notes": figures[ours.index(best_ours) if best_ours is not None else 0].notes,
    }


def number(value: float | None, unit: str) -> str:
    """A figure as the table shows it."""
    if value is None:
        return "—"
    formats = {"B/record": "{:,.0f} B/record", "×": "{:.2f}×", "s": "{:.3f} s"}
    if unit in formats:
        return formats[unit].format(value)
    digits = 2 if value < 10 else 1 if value < 100 else 0  # three significant figures
    return f"{value:,.{digits}f} {unit}"


def cell(values: Sequence[float | None], best: float | None, unit: str, after: str = "") -> str:
    """A figure (then ``after``), followed by each run's when there were several."""
    shown = number(best, unit) + after
    if len(values) > 1:
        shown += " (runs: " + ", ".join(number(v, unit) for v in values) + ")"
    return shown


def table(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The measurements as a Markdown table."""
    lines = [
        "| measurement | rareearth | peer | ratio / speed-up | target | met? | notes |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        peer, ratio, target, unit = row["peer"], row["ratio"], row["target"], row["unit"]
        theirs = (
            cell(peer["runs"], peer["best"], unit) if peer["installed"] else "peer not installed"
        )
        if ratio["kind"] == "none" or (peer["installed"] and ratio["best"] is None):
            ratio_shown = "—"
        elif not peer["installed"]:
            ratio_shown = "peer not installed"
        else:
            after = " the JSON" if ratio["kind"] == "context" else ""
            ratio_shown = cell(ratio["runs"], ratio["best"], "×", after)
            ratio_shown = ("speed-up " if ratio["kind"] == "speed-up" else "") + ratio_shown
        limit = number(target["max"], unit) if target["figure"] == "rareearth" else target["max"]
        aim = "" if target["aim"] is None else f" (aim {target['aim']})"
        cells = [
            row["measurement"],
            cell(row["rareearth"]["runs"], row["rareearth"]["best"], unit),
            "—" if peer["name"] is None else f"{peer['name']}: {theirs}",
            ratio_shown,
            f"{'ratio ' if target['figure'] == 'ratio' else ''}≤ {limit}{aim}",
            row["met"],
            "; ".join(row["notes"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
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
            values = [run.growth[size][name] for run in runs]
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


def report(settings: Settings, runs: Sequence[Run], seconds: float) -> dict[str, Any]:
    """Everything measured, as JSON-ready data."""
    versions: dict[str, str | None] = dict.fromkeys(DISTRIBUTIONS)
    for name in DISTRIBUTIONS:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions[name] = importlib.metadata.version(name)
    found = importlib.util.find_spec("rareearth")  # from this checkout's source: editable
    origin = None if found is None else found.origin
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": versions,
        "rareearth_from_source_tree": origin is not None and ROOT / "src" in Path(origin).parents,
        "settings": {**dataclasses.asdict(settings), "lookup_keys": KEYS, "companies": COMPANIES},
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


def settings_from(argv: Sequence[str]) -> tuple[Settings, argparse.Namespace]:
    """The sizes and repeats, from the command line and the defaults for the mode."""
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Measure rareearth against its peers and print a Markdown table.",
    )
    add = parser.add_argument
    add("--tiny", action="store_true", help="tiny sizes in this environment: proves it works")
    add("--here", action="store_true", help="measure in this environment, not benchmarks/.env")
    add("--runs", type=positive, default=1, help="repeat everything K times")
    add("--records", type=positive, help=f"records (default {RECORDS:,})")
    add("--repeat", type=positive, help=f"fresh processes per cold start (default {REPEAT})")
    add("--load-repeat", type=positive, help=f"loads per measurement (default {LOAD_REPEAT})")
    add("--json", type=Path, metavar="PATH", help="also write the results here")
    args = parser.parse_args(argv)
    records: int = args.records or (TINY_RECORDS if args.tiny else RECORDS)
    smaller = TINY_GROWTH if args.tiny else GROWTH
    settings = Settings(
        tiny=args.tiny,
        records=records,
        growth_sizes=(*sorted(s for s in smaller if s < records), records),
        repeat=args.repeat or (TINY_REPEAT if args.tiny else REPEAT),
        load_repeat=args.load_repeat or (1 if args.tiny else LOAD_REPEAT),
        runs=args.runs,
    )
    return settings, args


def benchmark(settings: Settings) -> dict[str, Any]:
    """Generate the data, measure ``settings.runs`` times, and return the results."""
    import synthetic  # noqa: PLC0415 - it imports rareearth, which only the measuring side needs

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rareearth-bench-") as folder:
        work = Path(folder)

        def written(data: Mapping[str, Sequence[object]], name: str) -> DataSet:
            paths = tuple(str(p) for p in synthetic.write(data, work / name))
            size = sum(Path(p).stat().st_size for p in paths)
            return DataSet(paths, sum(map(len, data.values())), size)

        say("generating the records")
        sizes = settings.growth_sizes
        mixed = {n: written(synthetic.mixed(n, seed=MIXED_SEED), f"mixed-{n}") for n in sizes}
        n = settings.records
        counts = {"entities": n, "facilities": n, "events": n, "relationships": n // 5}
        queries = written(synthetic.generate(counts, seed=QUERY_SEED), "queries")
        runs = []
        for k in range(settings.runs):
            if settings.runs > 1:
                say(f"run {k + 1} of {settings.runs}")
            runs.append(measure(settings, mixed, queries, work))
    return report(settings, runs, time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks; the exit status is 0 whether or not the targets are met."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--worker"]:
        worker(argv[1:])
        return 0
    settings, args = settings_from(argv)
    if not (args.tiny or args.here):
        command = [str(prepare_environment()), str(SCRIPT), "--here", *argv]
        return subprocess.run(command, check=False).returncode
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
