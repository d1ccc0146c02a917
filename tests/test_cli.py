"""The command line, run as users run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class TestTour:
    def test_tour(self) -> None:
        """`python -m rareearth tour` prints sources, companies, capacities, a rate and May 2025."""
        result = subprocess.run(
            [sys.executable, "-m", "rareearth", "tour"],
            capture_output=True,
            text=True,
            check=True,
        )
        out = result.stdout
        assert "Caixin Global, June 2025" in out
        assert "JL MAG                                   300748.SZ" in out
        assert "Phase III: 20,000 t/yr sintered-ndfeb-magnets, under-construction" in out
        assert "CNY 1.05 billion = USD 146 million (1 CNY = 0.139048 USD (rate-000-cny-usd" in out
        assert "May 12, 2025" in out
        assert result.stderr == ""

    def test_version(self) -> None:
        """--version prints the code version."""
        result = subprocess.run(
            [sys.executable, "-m", "rareearth", "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == "0.1.0"


class TestExamples:
    def test_first_questions(self) -> None:
        """The example script runs and answers from the sources."""
        script = Path(__file__).parent.parent / "examples" / "first_questions.py"
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=True
        )
        assert "JL MAG (300748.SZ), founded 2008" in result.stdout
        assert "held by the state (holders not named): around 9.4%" in result.stdout
