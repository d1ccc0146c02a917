"""The benchmark command, run as users run it but at tiny sizes: it works and reports every row.

Nothing here asserts a time: the figures only have to be measured.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Each row's target: which figure it limits, and to what.
TARGETS = {
    "import": ("ratio", 1.15),
    "first_answer": ("ratio", 1.3),  # issue 20: at most 1.3x pycountry (aim 1.0x)
    "first_conversion": ("ratio", 0.25),
    "load": ("ratio", 2.5),
    "memory_retained": ("rareearth", 1300),
    "memory_peak": ("rareearth", 2.0),
    "lookup_id": ("rareearth", 5.0),
    "lookup_name": ("rareearth", 5.0),
    "lookup_ticker": ("rareearth", 5.0),
    "total_capacity": ("rareearth", 50.0),
    "timeline": ("rareearth", 1000.0),
    "export_ftm": ("ratio", 3.0),
    "export_bods": ("ratio", 3.0),
    "export_sqlite": ("ratio", 3.0),
    "export_parquet": ("ratio", 3.0),
    "export_datapackage": ("ratio", 3.0),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    """The JSON and the Markdown of one ``--tiny`` run."""
    results = tmp_path_factory.mktemp("benchmarks") / "results.json"
    script = ROOT / "benchmarks" / "run.py"
    command = [sys.executable, str(script), "--tiny", "--json", str(results)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, encoding="utf-8", check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(results.read_text(encoding="utf-8")), done.stdout


@pytest.fixture(scope="module")
def rows(tiny: tuple[dict[str, Any], str]) -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in tiny[0]["rows"]}


def _table_lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ")]


def _number(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


class TestResults:
    def test_every_measurement_has_a_row(self, rows: dict[str, dict[str, Any]]) -> None:
        """The JSON holds exactly the measurements the benchmarks promise, in order."""
        assert list(rows) == list(TARGETS)

    def test_rareearth_figures_are_measured(self, rows: dict[str, dict[str, Any]]) -> None:
        """Every row has a figure for rareearth, in its one run and as the best.

        Only that it is a number: a tiny run's cold start above the bare start
        may even come out below zero on a busy machine.
        """
        for key, row in rows.items():
            figures = row["rareearth"]
            if key == "export_parquet" and importlib.util.find_spec("pyarrow") is None:
                assert row["notes"] == ["pyarrow not installed"]
                continue
            assert len(figures["runs"]) == 1, key
            assert _number(figures["best"]), key
            assert figures["runs"][0] == figures["best"], key

    def test_installed_peers_are_measured(self, rows: dict[str, dict[str, Any]]) -> None:
        """Where a peer is installed, its figure is a number, and so is the ratio if any."""
        for key, row in rows.items():
            if row["peer"]["name"] is not None and row["peer"]["installed"]:
                assert _number(row["peer"]["best"]), key
                assert row["ratio"]["best"] is None or _number(row["ratio"]["best"]), key

    def test_missing_peers_are_not_judged(self, rows: dict[str, dict[str, Any]]) -> None:
        """A row whose peer is not installed has no ratio and is judged "n/a"."""
        for key, row in rows.items():
            if not row["peer"]["installed"]:
                assert row["ratio"]["best"] is None, key
                assert row["met"] == "n/a", key

    def test_targets(self, rows: dict[str, dict[str, Any]]) -> None:
        """Each row carries its target, and whether the figure it limits met it."""
        for key, (figure, limit) in TARGETS.items():
            target = rows[key]["target"]
            assert (target["figure"], target["max"]) == (figure, limit)
            assert rows[key]["met"] in {"yes", "no", "n/a"}

    def test_growth(self, tiny: tuple[dict[str, Any], str]) -> None:
        """The growth table has a row per tiny size, each with its load time and memory."""
        growth = tiny[0]["growth"]
        assert [row["records"] for row in growth] == [100, 300]
        for row in growth:
            assert row["load"]["best"] > 0
            assert row["bytes_per_record"]["best"] > 0

    def test_environment(self, tiny: tuple[dict[str, Any], str]) -> None:
        """The results say which Python, platform, date and settings measured them."""
        results = tiny[0]
        assert results["python"] == ".".join(map(str, sys.version_info[:3]))
        assert results["platform"]
        assert results["date"]
        assert results["settings"]["tiny"] is True
        assert results["settings"]["records"] == 300


class TestMarkdown:
    def test_a_line_per_measurement(
        self, tiny: tuple[dict[str, Any], str], rows: dict[str, dict[str, Any]]
    ) -> None:
        """The measurements table has its header and one line per row of the JSON."""
        lines = _table_lines(tiny[1])
        assert lines[0].startswith("| measurement | rareearth | peer | ratio / speed-up |")
        for row in rows.values():
            assert sum(line.startswith(f"| {row['measurement']} |") for line in lines) == 1

    def test_missing_peers_say_so(
        self, tiny: tuple[dict[str, Any], str], rows: dict[str, dict[str, Any]]
    ) -> None:
        """A row whose peer is not installed says so, with "n/a" for whether it met its target."""
        lines = _table_lines(tiny[1])
        for row in rows.values():
            if not row["peer"]["installed"]:
                (line,) = (x for x in lines if x.startswith(f"| {row['measurement']} |"))
                assert "peer not installed" in line
                assert "| n/a |" in line

    def test_growth_table(self, tiny: tuple[dict[str, Any], str]) -> None:
        """The growth table has a line per size."""
        lines = _table_lines(tiny[1])
        assert any(line.startswith("| records | load |") for line in lines)
        assert sum(line.startswith(("| 100 |", "| 300 |")) for line in lines) == 2
