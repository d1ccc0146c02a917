"""Isolation: one load under threads, no network, no writes, no dynamic code, no shared state."""

from __future__ import annotations

import ast
import datetime as dt
import decimal
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest

import rareearth as ree
from rareearth import _codes, _dataset, _load, _records, _values
from rareearth._export import FORMATS
from rareearth._values import Qualifier, Value, sum_values

PACKAGE = Path(ree.__file__).parent
COLLECTIONS = tuple(_records.COLLECTIONS)

# Audit hooks see everything the process does: sockets raise, writes and compiled text are noted.
_PROBE = r"""
import ast, json, os, sys
FS_EVENTS = {"os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.truncate", "os.symlink",
             "os.link", "os.chmod", "os.chown", "os.utime", "os.mkfifo", "os.mknod"}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
seen = {"sockets": [], "writes": [], "compiled": []}

def writes(mode, flags):
    return (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
        isinstance(flags, int) and bool(flags & WRITE_FLAGS))

def hook(event, args):
    if event.startswith("socket."):
        seen["sockets"].append(event)
        raise RuntimeError("network use: " + event)
    if (event == "open" and writes(args[1], args[2])) or event in FS_EVENTS or (
            event.startswith(("shutil.", "tempfile."))):
        seen["writes"].append(event + " " + repr(args[0]))
    elif event == "compile" and str(args[1]).startswith("<"):
        source = args[0]
        if isinstance(source, bytes):
            source = source.decode("utf-8", "replace")
        elif isinstance(source, ast.AST):
            source = ast.unparse(source)
        seen["compiled"].append(source)

sys.addaudithook(hook)
import rareearth as ree
from rareearth._cli import main

if sys.argv[1] == "dump":
    ree.dataset().dump(sys.argv[2])
else:
    print("tour exit code:", main(["tour"]))
    print(ree.company("JL MAG").name)
    print(ree.total_capacity(company="JL MAG", site="Baotou").value)
    print(ree.convert(ree.Money("1.05e9", "CNY"), "USD", on="2025-07-10").rounded)
    print(len(ree.timeline("2025-05", "2025-06")), "events")
    print(len(ree.figures()), "figures")
    print(ree.search("zhaobao")[0].entity.name)
    print(ree.state_share("JL MAG"))
report = {key: list(value) for key, value in seen.items()}
try:
    import socket
    socket.getaddrinfo("localhost", 80)
except RuntimeError:
    report["guarded"] = True
compile("0", "<control>", "eval")
report["compile_seen"] = seen["compiled"][-1] == "0"
print(json.dumps(report))
"""

_GERMAN = r"""
import calendar, json, sys
calendar.month_name = ["", "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
                       "August", "September", "Oktober", "November", "Dezember"]
calendar.month_abbr = ["", "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep",
                       "Okt", "Nov", "Dez"]
calendar.day_name = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
                     "Sonntag"]
import rareearth as ree
from test_isolation import date_outcome, dataset_outcome
cases = json.loads(sys.argv[1])
out = {text: date_outcome(text, reference) for text, reference in cases}
out["<dataset>"] = dataset_outcome()
print(json.dumps(out))
"""


def _run(script: str, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        text=True,
        capture_output=True,
        check=False,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return done, report


@pytest.fixture(scope="module")
def queries() -> tuple[str, dict[str, Any]]:
    done, report = _run(_PROBE, "queries")
    return done.stdout, report


def _leaves(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict | list):
        for value in node.values() if isinstance(node, dict) else node:
            yield from _leaves(value)


class TestConcurrency:
    def test_one_load_under_many_threads(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Sixteen threads asking at once for the shipped data load it once and share it."""
        monkeypatch.setattr(_dataset, "_shipped", None)
        original = _dataset.Dataset._build  # noqa: SLF001 - the one way a data set is built
        calls: list[int] = []

        def counting(_: type[ree.Dataset], *args: Any, **kwargs: Any) -> ree.Dataset:
            calls.append(threading.get_ident())
            time.sleep(0.05)  # widen the window in which a second load could start
            return original(*args, **kwargs)

        monkeypatch.setattr(_dataset.Dataset, "_build", classmethod(counting))
        barrier = threading.Barrier(16)

        def load() -> ree.Dataset:
            barrier.wait(timeout=30)
            return ree.dataset()

        with ThreadPoolExecutor(max_workers=16) as pool:
            got = [f.result(timeout=60) for f in [pool.submit(load) for _ in range(16)]]
        assert len(calls) == 1
        assert all(ds is got[0] for ds in got)
        assert got[0] is _dataset._shipped  # noqa: SLF001 - the cached instance
        assert ree.total_capacity(company="JL MAG", site="Baotou").value.number == 40000


class TestNoNetwork:
    def test_tour_and_queries_offline(self, queries: tuple[str, dict[str, Any]]) -> None:
        """With every socket event refused, the tour and the queries answer in full."""
        stdout, report = queries
        assert "tour exit code: 0" in stdout
        for line in ("JL MAG", "40,000", "USD 146 million", "Ningbo Zhaobao Magnet"):
            assert f"\n{line}\n" in stdout
        assert "JL MAG: ≈ 18.7% state-linked (≈ 9.4% + 9.3%)" in stdout
        assert report["sockets"] == []
        assert report.get("guarded") is True  # the guard is live: a later lookup was refused


class TestNoWrites:
    def test_queries_write_nothing(self, queries: tuple[str, dict[str, Any]]) -> None:
        """The tour and the queries open no file for writing and touch no folder."""
        assert queries[1]["writes"] == []

    def test_dump_writes_when_asked(self, tmp_path: Path) -> None:
        """Dataset.dump, asked to, makes its folder and writes the fact files there."""
        target = tmp_path / "out"
        _, report = _run(_PROBE, "dump", str(target))
        assert f"os.mkdir {str(target)!r}" in report["writes"]
        # Each file is written beside its target, then put in its place in one step.
        temporary = f"open {str(target / '.entities.json.')!r}"[:-1]
        assert any(w.startswith(temporary) for w in report["writes"])
        assert any(w.startswith("os.rename") and ".entities.json." in w for w in report["writes"])
        assert {p.name for p in target.iterdir()} == {f"{n}.json" for n in COLLECTIONS}


def _registered(arg: ast.expr) -> bool:
    """Whether an argument is ``FORMATS[...]``: a module of the export formats' fixed registry."""
    return (
        isinstance(arg, ast.Subscript)
        and isinstance(arg.value, ast.Name)
        and arg.value.id == "FORMATS"
    )


def _dynamic_uses(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            # importing by a literal name is a plain import; by a computed one is not,
            # but for a module of the read-only export registry: FORMATS[format]
            literal = bool(node.args) and (
                isinstance(node.args[0], ast.Constant) or _registered(node.args[0])
            )
            if isinstance(func, ast.Name) and func.id in {"eval", "exec", "compile"}:
                found.append(f"{func.id}()")
            if isinstance(func, ast.Name) and func.id == "__import__" and not literal:
                found.append("__import__()")
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                name = f"{func.value.id}.{func.attr}"
                if name in {"yaml.load", "builtins.eval"} or (
                    name == "importlib.import_module" and not literal
                ):
                    found.append(f"{name}()")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            banned = {"pickle", "marshal", "shelve", "dill", "importlib.import_module"}
            found += [f"import {m}" for m in modules if m.split(".")[0] in banned or m in banned]
    return found


class TestExportRegistry:
    def test_registry_is_read_only(self) -> None:
        """The export registry cannot be pointed at another module while running."""
        with pytest.raises(TypeError):
            FORMATS["sqlite"] = "os"  # type: ignore[index]
        assert all(m.startswith("rareearth._") for m in FORMATS.values())


class TestNoDynamicCode:
    @pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
    def test_source_has_no_dynamic_code(self, path: Path) -> None:
        """No module evaluates, compiles or unpickles code, or imports by a computed name.

        ``importlib.import_module("pandas")`` (in _tables.py) names its module
        literally, so it is allowed; ``importlib.import_module(name)`` is not.
        ``importlib.import_module(FORMATS[format])`` (in _dataset.py) is: the
        user's word only picks a key of a read-only registry of the package's
        own modules.
        """
        assert _dynamic_uses(ast.parse(path.read_text(encoding="utf-8"))) == []

    def test_scanner_finds_dynamic_code(self) -> None:
        """The scan itself catches each kind of dynamic code it looks for."""
        snippet = (
            "import pickle\nfrom importlib import import_module\neval('1')\nyaml.load(x)\n"
            "importlib.import_module(name)\nimportlib.import_module('pandas')\n"
            "importlib.import_module(FORMATS[name])\n"
        )
        assert sorted(_dynamic_uses(ast.parse(snippet))) == [
            "eval()",
            "import importlib.import_module",
            "import pickle",
            "importlib.import_module()",
            "yaml.load()",
        ]

    def test_no_data_compiled(self, queries: tuple[str, dict[str, Any]]) -> None:
        """No text from the shipped data is ever compiled while the tour and queries run.

        Audit "compile" events do occur (attrs and cattrs generate methods, typing
        reads annotations), so this checks their text rather than their absence.
        """
        report = queries[1]
        assert report["compile_seen"] is True
        folder = resources.files("rareearth") / "data"
        texts = {
            leaf
            for name in (c.file for c in _records.COLLECTIONS.values())
            for leaf in _leaves(json.loads((folder / name).read_text(encoding="utf-8")))
            if len(leaf) >= 8 and " " in leaf
        }
        assert len(texts) > 100
        assert [t for t in texts if any(t in source for source in report["compiled"])] == []


class TestMutation:
    def test_collections_are_tuples(self) -> None:
        """Every collection of the shipped data set is a tuple of records."""
        for name in COLLECTIONS:
            records = ree.dataset().collection(name)
            assert isinstance(records, ree.Records)
            assert isinstance(records, tuple)

    def test_records_are_frozen(self) -> None:
        """Records refuse new attribute values."""
        for record in (ree.company("JL MAG"), ree.facility("jl-mag-baotou-base")):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                record.name = "changed"  # type: ignore[misc]

    def test_records_hold_no_mutable_containers(self) -> None:
        """No record holds a list, dict, set or bytearray, at any depth."""

        def walk(value: object, where: str) -> Iterator[str]:
            cls = type(value)
            if isinstance(value, list | dict | set | bytearray):
                yield where
            elif attrs.has(cls):
                for field in attrs.fields(cls):
                    yield from walk(getattr(value, field.name), f"{where}.{field.name}")
            elif isinstance(value, tuple):
                for item in value:
                    yield from walk(item, f"{where}[]")

        ds = ree.dataset()
        assert [w for name in COLLECTIONS for r in ds.collection(name) for w in walk(r, name)] == []

    def test_exports_are_not_mutable_containers(self) -> None:
        """No name in rareearth.__all__ is a list, dict, set or bytearray."""
        mutable = (list, dict, set, bytearray)
        assert [n for n in ree.__all__ if isinstance(getattr(ree, n), mutable)] == []

    def test_origins_read_only(self) -> None:
        """Item assignment on the shipped data set's origins raises TypeError."""
        origins: Any = ree.dataset().origins
        key = next(iter(origins))
        with pytest.raises(TypeError):
            origins[key] = origins[key]  # the same value: nothing changes if it is allowed

    def test_shipped_dataset_attributes_fixed(self) -> None:
        """Reassigning a collection of the shared shipped data set raises AttributeError."""
        ds: Any = ree.dataset()
        with pytest.raises(AttributeError):
            ds.entities = ds.entities  # the same value: nothing changes if it is allowed

    @pytest.mark.parametrize(
        "table",
        [_codes.CURRENCY_ALIASES, _values.UNITS, _values.PRODUCT_PARENTS],
        ids=["CURRENCY_ALIASES", "UNITS", "PRODUCT_PARENTS"],
    )
    def test_module_tables_read_only(self, table: Any) -> None:
        """The lookup tables the library consults refuse item assignment."""
        key = next(iter(table))
        with pytest.raises(TypeError):
            table[key] = table[key]  # the same value: nothing changes if it is allowed

    def test_helper_results_are_fresh(self) -> None:
        """Mutating what a helper returned does not change what the next call returns."""
        ds = ree.dataset()
        links = list(ds.state_links("JL MAG"))
        links.clear()
        assert len(ds.state_links("JL MAG")) == 3
        schema = ree.fact_file_schema()
        schema["$defs"]["Facility"]["required"].clear()
        required = ree.fact_file_schema()["$defs"]["Facility"]["required"]
        assert required[:3] == ["id", "name", "operator"]
        rows = ree.owners_of("JL MAG").to_dicts()
        rows[0].clear()
        assert "share_text" in ree.owners_of("JL MAG").to_dicts()[0]


_TRAPS = [decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.DivisionByZero]
#: Three digits, rounding down; "strict" also traps any rounding at all.
_CONTEXTS = {
    "strict": decimal.Context(prec=3, rounding=decimal.ROUND_DOWN, traps=_TRAPS),
    "low": decimal.Context(prec=3, rounding=decimal.ROUND_DOWN),
}


def _conversion() -> ree.Conversion[ree.Money]:
    return ree.convert(ree.Money("1.05e9", "CNY"), "USD", on="2025-07-10")


_CASES: dict[str, Callable[[], object]] = {
    "total_capacity": lambda: ree.total_capacity(company="JL MAG", site="Baotou").value,
    "state_share": lambda: str(ree.state_share("JL MAG")),
    "convert": lambda: _conversion().result,
    "convert_rounded": lambda: _conversion().rounded,
    "money_str": lambda: str(ree.Money("1.05e9", "CNY")),
    "money_rounded": lambda: ree.Money("1.05e9", "CNY").rounded(),
    "sum_values": lambda: sum_values([Value(Decimal(20000)), Value(Decimal(20000))]),
    "midpoint": lambda: Value(Decimal(520), Qualifier.RANGE, upper=Decimal(540)).midpoint,
}


class TestDecimalContext:
    @pytest.mark.parametrize("context", list(_CONTEXTS.values()), ids=list(_CONTEXTS))
    @pytest.mark.parametrize("compute", list(_CASES.values()), ids=list(_CASES))
    def test_same_answer_in_any_context(
        self, context: decimal.Context, compute: Callable[[], object]
    ) -> None:
        """A caller's precision, rounding and traps do not change an answer, nor its form."""
        ree.dataset()
        with decimal.localcontext(decimal.Context()):
            expected = repr(compute())
        with decimal.localcontext(context):
            got = compute()
        assert repr(got) == expected

    def test_first_load_in_strict_context(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The shipped data loads the same when first asked for inside a strict context."""
        monkeypatch.setattr(_dataset, "_shipped", None)
        with decimal.localcontext(_CONTEXTS["strict"]):
            ds = ree.dataset()
        assert ds == ree.Dataset.from_documents(d[:2] for d in _load.shipped_documents())


_DATES: list[tuple[str, str | None]] = [
    # the text, a reference date
    ("June 11, 2025", None),
    ("Wednesday, June 11, 2025", None),
    ("Thursday, June 11, 2025", None),
    ("May 2025", None),
    ("the first week of June 2025", None),
    ("June 9-10, 2025", None),
    ("Wednesday", "2025-06-13"),
]


def date_outcome(text: str, reference: str | None) -> str:
    """How a text parses, as a string to compare across processes."""
    on = None if reference is None else dt.date.fromisoformat(reference)
    try:
        when = ree.parse_date(text, reference=on)
    except ree.DateParseError as e:
        return f"DateParseError: {e}"
    return f"{when.earliest}..{when.latest} {when.precision.value}"


def dataset_outcome() -> str:
    """Whether the shipped data loads, as a string to compare across processes."""
    try:
        return repr(ree.dataset())
    except ree.DataError as e:
        return f"DataError: {e}"


@pytest.fixture(scope="module")
def german() -> dict[str, str]:
    cases = json.dumps([[text, reference] for text, reference in _DATES])
    return _run(_GERMAN, cases)[1]


class TestLocale:
    @pytest.mark.parametrize(("text", "reference"), _DATES, ids=[t for t, _ in _DATES])
    def test_dates_ignore_calendar_names(
        self, german: dict[str, str], text: str, reference: str | None
    ) -> None:
        """German calendar names, set before import, do not change how a date parses."""
        assert german[text] == date_outcome(text, reference)

    def test_written_day_in_german_process(self, german: dict[str, str]) -> None:
        """'June 11, 2025' still means that day with German calendar names."""
        assert date_outcome("June 11, 2025", None) == "2025-06-11..2025-06-11 day"
        assert german["June 11, 2025"] == "2025-06-11..2025-06-11 day"

    def test_shipped_data_loads(self, german: dict[str, str]) -> None:
        """The shipped data loads with German calendar names."""
        assert german["<dataset>"] == dataset_outcome()


#: A thread starts the first load and holds the lock while the process forks;
#: the child must still load (it exits 0) rather than wait forever (the alarm).
_FORK_WHILE_LOADING = """
import os, signal, threading
from rareearth import _dataset

build = _dataset.Dataset._build
started, finish = threading.Event(), threading.Event()

def slow(cls, *args, **kwargs):
    started.set()
    finish.wait(30)
    return build(*args, **kwargs)

_dataset.Dataset._build = classmethod(slow)
loader = threading.Thread(target=_dataset.dataset)
loader.start()
started.wait(30)
child = os.fork()
if child == 0:
    signal.alarm(20)
    _dataset.Dataset._build = classmethod(lambda cls, *args, **kwargs: build(*args, **kwargs))
    os._exit(0 if _dataset.dataset().entity("JL MAG").id == "jl-mag" else 3)
finish.set()
loader.join()
_, status = os.waitpid(child, 0)
print(os.waitstatus_to_exitcode(status))
"""


class TestFork:
    @pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork exists only on POSIX systems")
    def test_fork_while_another_thread_loads(self) -> None:
        """A child forked while another thread holds the load's lock loads the data itself."""
        result = subprocess.run(
            [sys.executable, "-W", "ignore::DeprecationWarning", "-c", _FORK_WHILE_LOADING],
            capture_output=True,
            text=True,
            check=False,
            timeout=90,
        )
        assert (result.stdout, result.stderr) == ("0\n", "")
