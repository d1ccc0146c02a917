"""Ask the installed rareearth a handful of questions, from outside the source tree.

``tools/check`` installs the built wheel, alone, into a fresh virtual
environment and runs this file with that environment's Python from a
temporary folder. A data file missing from the wheel, an undeclared
dependency or a broken entry point fails here, though the tests of the
source tree pass.
"""

import json
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import rareearth as ree


def check(what: str, got: object, *, expected: object) -> None:
    """Exit with a message unless ``got`` equals ``expected``."""
    if got != expected:
        sys.exit(f"smoke: {what}: expected {expected!r}, got {got!r}")
    sys.stdout.write(f"ok  {what}: {got}\n")


def answers() -> None:
    """The shipped data answers the README's questions."""
    check("imported from site-packages", "site-packages" in Path(ree.__file__).parts, expected=True)
    check("version", ree.__version__, expected="0.1.0")
    check(
        "JL MAG's ticker", [str(t) for t in ree.company("jl mag").tickers], expected=["300748.SZ"]
    )
    baotou = ree.total_capacity(company="JL MAG", site="Baotou")
    check("JL MAG's capacity in Baotou", str(baotou.value), expected="40,000")
    share = ree.state_share("JL MAG").value
    shown = (str(share), share and share.qualifier.value)
    check("JL MAG's state share", shown, expected=("≈ 18.7", "approximately"))
    converted = ree.convert(ree.Money("1.05e9", "RMB"), "USD", on="2025-07-10")
    check("RMB 1.05 billion in USD", converted.rounded.amount, expected=Decimal(146_000_000))
    may = ree.timeline("May 2025", "May 2025", match="within")
    check("events wholly in May 2025", len(may), expected=3)
    check("the shipped JSON Schema", ree.fact_file_schema()["type"], expected="object")


def users_facts(folder: Path) -> None:
    """A user's fact file merges with the shipped data; a broken one is refused."""
    note = {"source": "smoke-notes", "quote": "a 1,000 t line"}
    phase: dict[str, Any] = {"id": "smoke-line", "name": "Line 1", "summary": "One line."}
    phase["cites"] = [note]
    phase["milestones"] = [{"status": "operating", "date": "2025-03", "cites": [note]}]
    phase["capacity"] = {"value": 1000, "unit": "t", "per": "year", "product": "ndfeb-magnets"}
    facility: dict[str, Any] = {"id": "smoke-plant", "name": "A plant", "operator": "jl-mag"}
    facility |= {"summary": "A plant the notes say JL MAG runs.", "cites": [note]}
    facility["phases"] = [phase]
    source = {"id": "smoke-notes", "title": "Notes", "about": "Made up, to test."}
    mine = folder / "mine.json"

    mine.write_text(json.dumps({"sources": [source], "facilities": [facility]}), encoding="utf-8")
    total = ree.Dataset.load(mine).total_capacity(company="JL MAG", product="ndfeb-magnets")
    check("JL MAG's capacity with a user's plant", str(total.value), expected="41,000")

    facility["operator"] = "no-such-company"
    mine.write_text(json.dumps({"sources": [source], "facilities": [facility]}), encoding="utf-8")
    try:
        ree.Dataset.load(mine)
    except ree.DataError as e:
        check("a dangling reference is refused", "no-such-company" in str(e), expected=True)
    else:
        sys.exit("smoke: a file referring to no-such-company loaded")


def commands() -> None:
    """The `rareearth` script and `python -m rareearth` answer."""
    script = Path(sys.executable).with_name("rareearth")
    tour = subprocess.run([script, "tour"], capture_output=True, text=True, check=False)
    check("`rareearth tour` exit code", tour.returncode, expected=0)
    check("the tour names the data version", ree.DATA_VERSION in tour.stdout, expected=True)
    capacity = subprocess.run(
        [sys.executable, "-m", "rareearth", "capacity", "--company", "JL MAG", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    check("`python -m rareearth capacity --json` exit code", capacity.returncode, expected=0)
    check("its total", json.loads(capacity.stdout)["total"]["total"], expected=40000)


def extras() -> None:
    """Without the extras, DataFrames and plots say which extra to install."""
    try:
        ree.dataset().rates.to_dataframe()
    except ImportError as e:
        check(
            "without pandas, the error names the extra",
            "rareearth[pandas]" in str(e),
            expected=True,
        )
    else:
        sys.exit("smoke: pandas is not installed, yet to_dataframe() worked")
    try:
        import rareearth.plot  # noqa: PLC0415 - the import is what is tested

        rareearth.plot.timeline(ree.timeline("2025-05", "2025-05"))
    except ImportError as e:
        check(
            "without matplotlib, the error names the extra",
            "rareearth[plot]" in str(e),
            expected=True,
        )
    else:
        sys.exit("smoke: matplotlib is not installed, yet a plot was drawn")


def main() -> None:
    """Run every check; exit non-zero on the first wrong answer."""
    answers()
    with tempfile.TemporaryDirectory() as folder:
        users_facts(Path(folder))
    commands()
    extras()


if __name__ == "__main__":
    main()
