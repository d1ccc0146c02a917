"""The examples, run as users run them: each script as a subprocess, the notebook in a kernel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"


def _run(script: str, cwd: Path, *, block_pandas: bool = False) -> str:
    """Run an example from ``cwd`` and return what it printed; it must succeed quietly."""
    path = str(EXAMPLES / script)
    if block_pandas:
        # As if pandas were not installed: importing it raises ImportError.
        code = (
            "import runpy, sys; sys.modules['pandas'] = None; "
            "runpy.run_path(sys.argv[1], run_name='__main__')"
        )
        args = [sys.executable, "-c", code, path]
    else:
        args = [sys.executable, path]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        args, capture_output=True, encoding="utf-8", check=False, cwd=cwd, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


class TestScripts:
    def test_capacity(self, tmp_path: Path) -> None:
        """capacity.py: 40,000 t/yr at JL MAG's Baotou base, alloy and powder kept apart, a flag."""
        out = _run("capacity.py", tmp_path)
        assert "40,000 t/yr sintered-ndfeb-magnets\n  + 20,000 JL MAG Baotou base / Phases I" in out
        assert "MixedUnitsError: cannot add unlike quantities" in out
        assert "  50,000 t/yr ndfeb-alloy\n  10,000 t/yr hydrogen-crushed-powder\n" in out
        assert "signed              3,000 t/yr ndfeb-magnets" in out
        assert "as of 2025-07-09: no facility phase with a stated capacity matches" in out
        assert "as of 2025-07-10: 20,000 t/yr sintered-ndfeb-magnets" in out
        assert "46,000 t/yr ndfeb-magnets" in out
        assert "! northern-magnet-baotou and northern-zhaobao-plant may be the same project" in out

    def test_ownership(self, tmp_path: Path) -> None:
        """ownership.py: JL MAG ≈ 18.7% state-linked; Northern Zhaobao through China Northern."""
        out = _run("ownership.py", tmp_path)
        assert "the state (holders not named): ≈ 9.4% (around 9.4%), held as state" in out
        assert "JL MAG: ≈ 18.7% state-linked (≈ 9.4% + 9.3%)" in out
        assert "not in the sum (share undisclosed): China State-owned Assets" in out
        assert (
            "joint-venture partner China Northern Rare Earth, held as state-owned-enterprise" in out
        )
        assert (
            "state-linked through: china-northern-rare-earth → northern-zhaobao (undisclosed)"
            in out
        )
        assert "china-sasac → jl-mag → jl-mag-baotou (undisclosed)" in out

    def test_currency(self, tmp_path: Path) -> None:
        """currency.py: RMB 1.05 billion is USD 146 million at rate-000, and says so."""
        out = _run("currency.py", tmp_path)
        assert "CNY 1.05 billion = USD 146 million (1 CNY = 0.139048 USD (rate-000-cny-usd" in out
        assert "derived: USD 146 million / RMB 1,050 million" in out
        assert "USD 142.64 million at 1 CNY = 0.135849 USD (rate-001-cny-usd" in out
        assert "USD 143.32 million at 1 CNY = 0.1365 USD (rate-002-cny-usd)" in out
        assert "USD 72 = AUD 110 (1 USD = 1.52778 AUD via" in out
        assert "CurrencyError: cannot add CNY and USD; convert first" in out
        assert "NoRateError: no rate converts EUR to CNY" in out

    def test_timeline(self, tmp_path: Path) -> None:
        """timeline.py: May 2025's three events, JL MAG's licences, the expected phase II start."""
        out = _run("timeline.py", tmp_path)
        assert "May 12, 2025 | U.S. and China agree in Geneva to a 90-day pause on tariffs" in out
        assert "after the Geneva agreement (between May 12, 2025 and June 9, 2025)" in out
        assert "Wednesday, June 11, 2025 | JL MAG obtains licences" in out
        assert "the second half of 2025 | Northern Zhaobao Magnets' phase II" in out
        assert "'late 2024': 2024-09-01 to 2024-12-31 (late-year)" in out

    def test_figures(self, tmp_path: Path) -> None:
        """figures.py: RMB 520–540/kg with its USD and AUD equivalents; March exports derived."""
        out = _run("figures.py", tmp_path)
        assert "NdFeB price: 520–540 CNY/kg (range), this week (October 2025)" in out
        assert "printed beside it: ≈ 72 USD/kg" in out
        assert "market-share: 14 % (claimed by asian-metal in source 000)" in out
        assert "March 2025: > 5,200 t, derived: April's exports (over 2,600 t)" in out
        assert "rare-earth-exchanges: the world’s largest rare earth magnet producer" in out

    def test_own_facts(self, tmp_path: Path) -> None:
        """own_facts.py: 45,000 t/yr with the user's line, then six problems; no file left."""
        out = _run("own_facts.py", tmp_path)
        assert "merged:  <Dataset: 6 sources, 52 entities, 8 facilities" in out
        assert "45,000 t/yr sintered-ndfeb-magnets" in out
        assert "+ 5,000 JL MAG example line / Line 1 (operating)" in out
        assert "a fund I track: ≈ 2% stake (from my-facts.json)" in out
        assert "DataError: 6 problems in the fact files:" in out
        # The source also fails (an unknown key); its publisher is still checked.
        assert "publisher (record 'my-notes'): refers to entity 'my-desk'" in out
        assert "expected a number, got the string '5k'" in out
        assert "duplicate id 'jl-mag'" in out
        assert list(tmp_path.iterdir()) == []

    def test_exports(self, tmp_path: Path) -> None:
        """exports.py: exact CSV and JSON, a file in a temporary folder, and a DataFrame."""
        out = _run("exports.py", tmp_path)
        assert "jl-mag-baotou-phase-iii,JL MAG Baotou base,Phase III" in out
        assert ",1050000000,CNY," in out
        assert "the state (holders not named): 9.4 (approximately)" in out
        assert "Wrote 3 events to may-2025.csv" in out
        assert "capacity sums to 40,000 t/yr" in out
        assert list(tmp_path.iterdir()) == []

    def test_exports_without_pandas(self, tmp_path: Path) -> None:
        """exports.py without pandas: CSV and JSON still, and it says how to get a DataFrame."""
        out = _run("exports.py", tmp_path, block_pandas=True)
        assert "Wrote 3 events to may-2025.csv" in out
        assert "No DataFrame: to_dataframe() needs pandas: pip install 'rareearth[pandas]'" in out


def _text(cell: Any) -> str:
    """Everything a code cell showed as text: streams, and plain and HTML results."""
    # A kernel may flush one print() in pieces, as several stream outputs in a
    # row: those are joined as they came; other parts are set apart by a line.
    parts: list[str] = []
    streaming = False
    for output in cell.outputs:
        if output.output_type == "stream":
            if streaming:
                parts[-1] += output.text
            else:
                parts.append(output.text)
            streaming = True
        elif output.output_type in {"execute_result", "display_data"}:
            parts += [output.data.get("text/plain", ""), output.data.get("text/html", "")]
            streaming = False
    return "\n".join(parts)


#: Some jupyter_core 5 releases warn on import (a DeprecationWarning, an error under
#: ``filterwarnings = error``) unless this opts in to the platformdirs paths.
PLATFORM_DIRS = ("JUPYTER_PLATFORM_DIRS", "1")


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The exposure notebook, run top to bottom in a fresh kernel; its code cells by id."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(*PLATFORM_DIRS)
        nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat")
        nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient")
        pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel")
        nb = nbformat.read(EXAMPLES / "exposure.ipynb", as_version=4)
        # The kernel starts in an empty folder: anything the notebook wrote would land there.
        folder = tmp_path_factory.mktemp("notebook")
        client = nbclient.NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
        )
        client.execute()
        assert list(folder.iterdir()) == [], "the notebook wrote files"
    return {cell.id: cell for cell in nb.cells if cell.cell_type == "code"}


class TestNotebook:
    def test_committed_without_outputs(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The committed notebook has no stored outputs or execution counts."""
        monkeypatch.setenv(*PLATFORM_DIRS)
        nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat")
        nb = nbformat.read(EXAMPLES / "exposure.ipynb", as_version=4)
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        assert nb.metadata.kernelspec.name == "python3"
        assert all(cell.outputs == [] and cell.execution_count is None for cell in code)

    def test_no_cell_errors(self, notebook: dict[str, Any]) -> None:
        """Every code cell runs without an error output."""
        errors = [
            (cell_id, output.ename)
            for cell_id, cell in notebook.items()
            for output in cell.outputs
            if output.output_type == "error"
        ]
        assert errors == []

    def test_baotou_capacity(self, notebook: dict[str, Any]) -> None:
        """Baotou by company: JL MAG's base 40,000 t/yr; magnets together 43,000 t/yr."""
        by_company = _text(notebook["baotou-by-company"])
        assert "JL MAG (Baotou) Technology    " in by_company
        assert "40,000 t/yr sintered-ndfeb-magnets  2" in by_company
        working = _text(notebook["baotou-working"])
        assert "JL MAG (Baotou) Technology\n40,000 t/yr sintered-ndfeb-magnets" in working
        assert "5,000 unit permanent-magnet-motors" in working
        assert _text(notebook["baotou-magnets"]).startswith("43,000 t/yr ndfeb-magnets\n")

    def test_status_as_of(self, notebook: dict[str, Any]) -> None:
        """Before July 10, 2025 nothing in Baotou is under construction; from it, 20,000."""
        assert _text(notebook["as-of-dates"]).splitlines() == [
            "2025-06-30 | signed 3,000",
            "2025-07-09 | operating 20,000; signed 3,000",
            "2025-07-10 | operating 20,000; under-construction 20,000; signed 3,000",
        ]

    def test_state_share(self, notebook: dict[str, Any]) -> None:
        """JL MAG is ≈ 18.7% state-linked; its Baotou subsidiary's chains are undisclosed."""
        assert "JL MAG: ≈ 18.7% state-linked (≈ 9.4% + 9.3%)" in _text(
            notebook["jl-mag-state-share"]
        )
        assert "china-sasac → jl-mag → jl-mag-baotou (undisclosed)" in _text(
            notebook["producer-shares"]
        )

    def test_double_count(self, notebook: dict[str, Any]) -> None:
        """Inner Mongolia: 46,000 t/yr if two projects, 43,000 if one, and the pair flagged."""
        text = _text(notebook["double-count"])
        assert "! northern-magnet-baotou and northern-zhaobao-plant may be the same project" in text
        assert "46,000 t/yr ndfeb-magnets if two projects; 43,000 if one" in text

    def test_export_controls(self, notebook: dict[str, Any]) -> None:
        """The export-control window runs from April's controls to JL MAG's June 11 licences."""
        text = _text(notebook["export-controls"])
        assert text.startswith("12 events\n")
        assert "china-controls-seven-rare-earths" in text
        assert "Wednesday, June 11, 2025 | JL MAG obtains licences" in _text(notebook["licences"])

    def test_conversions(self, notebook: dict[str, Any]) -> None:
        """The price range converts at its source's rate; the investment is as 000 printed it."""
        price = _text(notebook["convert-price"])
        assert "CNY 520–540/kg = USD 70.64–73.36/kg (1 CNY = 0.135849 USD (rate-001-cny-usd" in (
            price
        )
        assert "printed beside it: USD ≈ 72/kg" in price
        investment = _text(notebook["convert-investment"])
        assert "CNY 1.05 billion = USD 146 million (1 CNY = 0.139048 USD (rate-000-cny-usd" in (
            investment
        )
        assert "as its source (000) printed it" in investment

    def test_exposure_frame(self, notebook: dict[str, Any]) -> None:
        """The combined DataFrame has JL MAG's 40,000 t/yr beside its ≈ 18.7% state-linked share."""
        text = _text(notebook["exposure"])
        assert "<table" in text
        assert "40000.0" in text
        assert "18.7" in text
        assert "≈ 18.7%" in text
        assert "not disclosed" in text

    @pytest.mark.parametrize("cell_id", ["capacity-plot", "ownership-plot", "double-count-plot"])
    def test_plots_are_images(self, notebook: dict[str, Any], cell_id: str) -> None:
        """Each plot cell shows its figure as a PNG image."""
        kinds = [set(o.get("data", {})) for o in notebook[cell_id].outputs]
        assert any("image/png" in k for k in kinds), kinds
