"""The command line, run as users run it: in process for speed, and as a subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import rareearth as ree
from factories import cite
from rareearth._cli import main


@pytest.fixture(autouse=True)
def _no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables print whole unless a test sets $COLUMNS.

    The caller's own $COLUMNS (a shell's, or the 80 pytest-xdist sets) would cut
    them; the commands run as subprocesses inherit its absence.
    """
    monkeypatch.delenv("COLUMNS", raising=False)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rareearth", *args], capture_output=True, text=True, check=False
    )


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _usage(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run a command that argparse answers itself (usage errors, --help, --version).

    argparse ends those with `SystemExit`; its code is the process's exit code.
    """
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    assert isinstance(info.value.code, int)
    return info.value.code, out, err


class TestHostileInput:
    def test_check_a_device(self) -> None:
        """`rareearth check /dev/zero` says it is not a regular file and exits 2, at once."""
        if not Path("/dev/zero").exists():
            pytest.skip("needs /dev/zero")
        result = subprocess.run(
            [sys.executable, "-m", "rareearth", "check", "/dev/zero"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 2
        assert "/dev/zero: $: not a regular file" in result.stderr


class TestTour:
    def test_tour(self) -> None:
        """`python -m rareearth tour` prints sources, companies, capacities, a rate and May 2025."""
        result = _run("tour")
        out = result.stdout
        assert result.returncode == 0
        assert "Caixin Global, June 2025" in out
        assert "JL MAG                                   300748.SZ" in out
        assert "Phase III: 20,000 t/yr sintered-ndfeb-magnets, under-construction" in out
        assert "CNY 1.05 billion = USD 146 million (1 CNY = 0.139048 USD (rate-000-cny-usd" in out
        assert "May 12, 2025" in out
        assert result.stderr == ""

    def test_no_command_is_the_tour(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`rareearth` alone gives the tour."""
        code, out, _ = _main(capsys)
        assert code == 0
        assert out.startswith("rareearth 0.1.0, data 2026.12.1")

    def test_tour_has_no_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The tour is for people: --json is not one of its options (exit 2)."""
        code, out, err = _usage(capsys, "tour", "--json")
        assert (code, out) == (2, "")
        assert "unrecognized arguments: --json" in err

    def test_importing_main_runs_nothing(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`import rareearth.__main__` (as tools do) prints nothing and exits nothing."""
        import rareearth.__main__  # noqa: PLC0415 - the import is what is tested

        assert rareearth.__main__.main is main
        assert capsys.readouterr() == ("", "")

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the code version and the data's version and date, and exits 0."""
        code, out, _ = _usage(capsys, "--version")
        assert code == 0
        assert out.strip() == (
            f"rareearth {ree.__version__} (data {ree.DATA_VERSION}, {ree.DATA_DATE})"
        )
        assert out.strip() == "rareearth 0.1.0 (data 2026.12.1, 2026-12-02)"


class TestHelp:
    @pytest.mark.parametrize(
        "command",
        [
            "tour",
            "companies",
            "company",
            "capacity",
            "owners",
            "holdings",
            "convert",
            "timeline",
            "figures",
            "sources",
            "search",
            "check",
            "schema",
        ],
    )
    def test_every_command_has_help_with_an_example(
        self, capsys: pytest.CaptureFixture[str], command: str
    ) -> None:
        """`rareearth COMMAND --help` exits 0 and shows an example of the command."""
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        out = capsys.readouterr().out
        assert info.value.code == 0
        assert f"example:\n  rareearth {command}" in out

    def test_unknown_command_is_bad_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown command exits 2 with argparse's message on stderr."""
        code, _, err = _usage(capsys, "capacities")
        assert code == 2
        assert "invalid choice: 'capacities'" in err


class TestCompanies:
    def test_lists_companies(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`companies` lists the 27 companies, JL MAG with its ticker."""
        code, out, _ = _main(capsys, "companies")
        assert code == 0
        assert out.startswith("27 companies\n")
        assert "jl-mag " in out
        assert "300748.SZ" in out
        assert "china-sasac" not in out

    def test_all(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`companies --all` lists every entity, agencies too."""
        code, out, _ = _main(capsys, "companies", "--all")
        assert code == 0
        assert out.startswith("51 entities\n")
        assert "china-sasac" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`--json` gives an array of rows with the exported columns."""
        code, out, _ = _main(capsys, "companies", "--json")
        rows = json.loads(out)
        jl = next(r for r in rows if r["id"] == "jl-mag")
        assert (code, jl["tickers"], jl["founded"]) == (0, "300748.SZ", 2008)


class TestCompany:
    def test_by_ticker(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`company 300748.SZ` shows JL MAG, its facilities, owners and holdings."""
        code, out, _ = _main(capsys, "company", "300748.SZ")
        assert code == 0
        assert out.startswith("id: jl-mag\nname: JL MAG\n")
        assert "founded: 2008" in out
        assert "jl-mag-baotou-base" in out
        assert "≈ 9.4%" in out
        assert "Holdings:\n1 relationship\n" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`company --json` gives the record as a fact file holds it, and its tables."""
        code, out, _ = _main(capsys, "company", "JL MAG", "--json")
        answer = json.loads(out)
        assert code == 0
        assert answer["entity"]["tickers"] == ["300748.SZ"]
        assert [f["id"] for f in answer["facilities"]] == ["jl-mag-baotou-base", "jl-mag-ganzhou"]
        assert [o["share"] for o in answer["owners"]][:2] == [9.4, 9.3]

    def test_unknown_is_bad_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown company exits 2 with suggestions on stderr, nothing on stdout."""
        code, out, err = _main(capsys, "company", "JL MAGG")
        assert (code, out) == (2, "")
        assert "no entity matches 'JL MAGG'; did you mean 'JL MAG'" in err


class TestCapacity:
    def test_total_with_working(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JL MAG in Baotou: 40,000 t/yr, both phases listed."""
        code, out, _ = _main(capsys, "capacity", "--company", "JL MAG", "--site", "Baotou")
        assert code == 0
        assert out.splitlines() == [
            "40,000 t/yr sintered-ndfeb-magnets",
            "  + 20,000 JL MAG Baotou base / Phases I and II (operating)",
            "  + 20,000 JL MAG Baotou base / Phase III (under-construction)",
        ]

    def test_status_filter(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--status under-construction leaves phase III's 20,000."""
        code, out, _ = _main(
            capsys, "capacity", "--company", "JL MAG", "--status", "under-construction"
        )
        assert (code, out.splitlines()[0]) == (0, "20,000 t/yr sintered-ndfeb-magnets")

    def test_mixed_units_is_bad_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Everything at once mixes alloy, powder and motors: exit 2, naming them and --by."""
        code, out, err = _main(capsys, "capacity")
        assert (code, out) == (2, "")
        assert "t/yr ndfeb-alloy" in err
        assert "unit permanent-magnet-motors" in err
        assert "--by product" in err

    def test_by_product_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--by product --json gives one row per product, alloy 50,000 and powder 10,000."""
        code, out, _ = _main(capsys, "capacity", "--by", "product", "--json")
        totals = {row["group"]: row["total"] for row in json.loads(out)}
        assert code == 0
        assert totals["ndfeb-alloy"] == 50000
        assert totals["hydrogen-crushed-powder"] == 10000

    def test_total_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A single total in JSON has the total and its parts."""
        code, out, _ = _main(
            capsys, "capacity", "--company", "JL MAG", "--site", "Baotou", "--json"
        )
        answer = json.loads(out)
        assert (code, answer["total"]["total"]) == (0, 40000)
        assert [p["phase"] for p in answer["parts"]] == [
            "jl-mag-baotou-phases-i-ii",
            "jl-mag-baotou-phase-iii",
        ]

    def test_nothing_matches_is_empty(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A company with no stated capacity is an empty answer: exit 1."""
        code, _, err = _main(capsys, "capacity", "--company", "Tesla")
        assert code == 1
        assert "no facility phase with a stated capacity matches" in err


class TestOwnership:
    def test_owners(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Northern Zhaobao's owners are China Northern Rare Earth and Ningbo Zhaobao."""
        code, out, _ = _main(capsys, "owners", "Northern Zhaobao Magnets")
        assert code == 0
        assert "china-northern-rare-earth" in out
        assert "ningbo-zhaobao" in out

    def test_no_owners_is_empty(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Tesla's owners are not in the sources: exit 1, saying so."""
        code, out, err = _main(capsys, "owners", "Tesla")
        assert (code, out) == (1, "")
        assert "no owners of Tesla are recorded" in err

    def test_holdings(self, capsys: pytest.CaptureFixture[str]) -> None:
        """China Northern Rare Earth holds Northern Zhaobao."""
        code, out, _ = _main(capsys, "holdings", "China Northern Rare Earth", "--json")
        assert (code, [r["subject"] for r in json.loads(out)]) == (0, ["northern-zhaobao"])


class TestConvert:
    def test_convert_on_a_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        """RMB 1.05 bn on 2025-07-10 is USD 146 million, with rate-000."""
        code, out, _ = _main(capsys, "convert", "1.05e9", "RMB", "USD", "--on", "2025-07-10")
        assert code == 0
        assert out.startswith("CNY 1.05 billion = USD 146 million")
        assert "rate-000-cny-usd" in out

    def test_json_is_exact(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json gives exact numbers and the rate's id."""
        code, out, _ = _main(
            capsys, "convert", "120,000,000", "CNY", "USD", "--rate", "rate-002-cny-usd", "--json"
        )
        answer = json.loads(out, parse_float=Decimal)
        assert (code, answer["rates"]) == (0, "rate-002-cny-usd")
        assert (answer["rate"], answer["result"]) == (Decimal("0.1365"), 16380000)

    def test_price_per_kg(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`convert 530 CNY/kg USD` reads a price: USD 72/kg at the latest rate, 001's."""
        code, out, _ = _main(capsys, "convert", "530", "CNY/kg", "USD")
        assert code == 0
        assert out.startswith("CNY 530/kg = USD 72/kg (1 CNY = 0.135849 USD (rate-001-cny-usd")
        assert out.rstrip().endswith("; no date given, so the latest rate")

    def test_range(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`convert 520-540 CNY USD` converts each end: USD 70.64–73.36."""
        code, out, _ = _main(capsys, "convert", "520-540", "CNY", "USD")
        assert code == 0
        assert out.startswith("CNY 520–540 = USD 70.64–73.36 (")

    def test_range_in_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json gives both ends, cut to 18 places, and the exact ratio of the rate."""
        code, out, _ = _main(capsys, "convert", "520-540", "CNY/kg", "USD", "--json")
        answer = json.loads(out, parse_float=Decimal)
        assert code == 0
        assert (answer["amount"], answer["amount_upper"], answer["per"]) == (520, 540, "kg")
        assert answer["result"] == Decimal("70.641509433962264151")
        assert answer["ratio"] == "36/265"

    def test_upside_down_range(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A range that ends below its start exits 2 saying so."""
        code, _, err = _main(capsys, "convert", "540-520", "CNY", "USD")
        assert code == 2
        assert "the range '540-520' ends below where it starts" in err

    def test_no_date_says_latest(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`convert 1.05e9 RMB USD` uses October's rate, and the answer says it is the latest."""
        code, out, _ = _main(capsys, "convert", "1.05e9", "RMB", "USD")
        assert code == 0
        assert "USD ≈ 142.64 million" in out
        assert "no date given, so the latest rate" in out

    def test_far_date_is_refused(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`--on 1990-01-01` no longer uses July 2025's rate quietly: exit 1, naming it."""
        code, out, err = _main(capsys, "convert", "1.05e9", "RMB", "USD", "--on", "1990-01-01")
        assert (code, out) == (1, "")
        assert "within 92 days of 1990-01-01" in err
        assert "rate-000-cny-usd (July 10 (2025-07-10), 12,974 days away)" in err

    def test_nearest(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--nearest uses the nearest rate anyway, and says how far it is."""
        code, out, _ = _main(
            capsys, "convert", "1.05e9", "RMB", "USD", "--on", "1990-01-01", "--nearest"
        )
        assert code == 0
        assert out.startswith("CNY 1.05 billion = USD 146 million")
        assert "the nearest rate, 12,974 days from 1990-01-01" in out

    def test_unknown_per_unit(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A price per pound exits 2: money is per kg or t."""
        code, _, err = _main(capsys, "convert", "5", "CNY/lb", "USD")
        assert code == 2
        assert "money is per 'kg' or 't', not per 'lb'" in err

    def test_bad_amount(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An amount that is not a number exits 2 naming it."""
        code, _, err = _main(capsys, "convert", "lots", "CNY", "USD")
        assert code == 2
        assert "cannot read the amount 'lots': write a number such as 1.05e9" in err

    def test_unknown_currency(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown currency code exits 2 naming it."""
        code, _, err = _main(capsys, "convert", "100", "XYZ", "USD")
        assert code == 2
        assert "unknown currency 'XYZ'" in err

    def test_no_path_is_empty(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No rate links EUR to CNY: exit 1, listing the pairs there are."""
        code, _, err = _main(capsys, "convert", "100", "EUR", "CNY")
        assert code == 1
        assert "CNY→USD" in err or "CNY/USD" in err or "('CNY', 'USD')" in err


class TestTimeline:
    def test_window_within(self, capsys: pytest.CaptureFixture[str]) -> None:
        """May 2025, within: the Ford halt, the MEMA letter, the Geneva pause."""
        code, out, _ = _main(
            capsys, "timeline", "--from", "May 2025", "--to", "2025-05", "--within", "--json"
        )
        assert code == 0
        assert [e["id"] for e in json.loads(out)] == [
            "ford-chicago-halt",
            "mema-letter",
            "geneva-tariff-pause",
        ]

    def test_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--kind trade-talks keeps Geneva and London."""
        code, out, _ = _main(capsys, "timeline", "--kind", "trade-talks")
        assert code == 0
        assert "geneva-tariff-pause" in out
        assert "london-talks" in out
        assert "ford-chicago-halt" not in out

    def test_empty_window(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A window with no event exits 1."""
        code, out, err = _main(capsys, "timeline", "--from", "2030-01")
        assert (code, out, err) == (1, "", "rareearth: no events match\n")

    def test_empty_window_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With --json an empty answer is still valid JSON, an empty array, and exits 1."""
        code, out, _ = _main(capsys, "timeline", "--from", "2030-01", "--json")
        assert (code, json.loads(out)) == (1, [])

    def test_bad_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unreadable date exits 2 naming it."""
        code, _, err = _main(capsys, "timeline", "--from", "Smarch 2025")
        assert code == 2
        assert "'Smarch 2025'" in err

    def test_end_before_start(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An end before the start exits 2."""
        code, _, err = _main(capsys, "timeline", "--from", "2025-06", "--to", "2025-05")
        assert code == 2
        assert "before" in err


class TestFigures:
    def test_metric(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The NdFeB 35H price is RMB 520–540/kg."""
        code, out, _ = _main(capsys, "figures", "--metric", "ndfeb-price", "--json")
        [row] = json.loads(out)
        assert (code, row["value"], row["value_upper"], row["value_qualifier"]) == (
            0,
            520,
            540,
            "range",
        )

    def test_units_written_as_everywhere(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A yearly figure reads "t/yr", as capacities do, not "t/year"."""
        code, out, _ = _main(capsys, "figures", "--metric", "trading-platform-volume")
        assert code == 0
        assert "t REO/yr" in out
        assert "/year" not in out

    def test_none_is_empty(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A known metric with nothing in the window is an empty answer: exit 1."""
        code, _, _ = _main(capsys, "figures", "--metric", "ndfeb-price", "--to", "2020")
        assert code == 1

    def test_unknown_metric_suggests(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`figures --metric price` is bad input that names the close metrics and the list."""
        code, _, err = _main(capsys, "figures", "--metric", "price")
        assert code == 2
        assert err == (
            "rareearth: metric 'price' is not one of the 25 known;"
            " did you mean 'ndfeb-price' or 'share-price-change'?"
            " (all of them: `rareearth values metric`, ree.values('metric'))\n"
        )

    def test_values(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`rareearth values tag` lists the tags the events use, one a line."""
        code, out, _ = _main(capsys, "values", "tag")
        assert code == 0
        assert out.splitlines() == [
            "autos",
            "capacity",
            "export-controls",
            "exports",
            "licences",
            "share-prices",
            "tariffs",
            "visas",
        ]
        code, out, _ = _main(capsys, "values", "status", "--json")
        assert json.loads(out)[-1] == "operating"

    def test_status_read_leniently(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`--status "Under Construction"` is under-construction."""
        code, out, _ = _main(
            capsys, "capacity", "--company", "JL MAG", "--status", "Under Construction"
        )
        assert code == 0
        assert out.startswith("20,000 t/yr sintered-ndfeb-magnets\n")


class TestSources:
    def test_sources(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`sources` lists the five documents."""
        code, out, _ = _main(capsys, "sources")
        assert code == 0
        assert out.startswith("5 sources\n")
        assert "003" in out


class TestSearch:
    def test_search(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`search zhaobao` finds Ningbo Zhaobao, then Northern Zhaobao."""
        code, out, _ = _main(capsys, "search", "zhaobao", "--json")
        assert (code, [h["id"] for h in json.loads(out)]) == (
            0,
            ["ningbo-zhaobao", "northern-zhaobao"],
        )


class TestUsersFacts:
    def test_capacity_with_data(self, user_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A user's new JL MAG plant shows in `capacity --company "JL MAG" --data`."""
        code, out, err = _main(capsys, "capacity", "--company", "JL MAG", "--data", str(user_file))
        assert code == 0, err
        assert out.splitlines()[0] == "45,000 t/yr sintered-ndfeb-magnets"
        assert "+ 5,000 JL MAG Ningbo plant / Line 1 (operating)" in out

    def test_shipped_only_without_data(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --data the shipped total stands: 40,000."""
        code, out, _ = _main(capsys, "capacity", "--company", "JL MAG")
        assert (code, out.splitlines()[0]) == (0, "40,000 t/yr sintered-ndfeb-magnets")

    def test_check_good_file(self, user_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`check` on a good file says so and exits 0."""
        code, out, _ = _main(capsys, "check", str(user_file))
        assert code == 0
        assert out == "ok: 1 file, 3 records of yours, no problem found\n"

    def test_check_a_folder_counts_its_files(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`check --alone` on the shipped data folder counts its nine files, not one argument."""
        folder = Path(ree.__file__).parent / "data"
        code, out, _ = _main(capsys, "check", "--alone", str(folder))
        assert (code, out) == (0, "ok: 9 files, 192 records of yours, no problem found\n")

    def test_check_five_problems_in_one_run(
        self, broken_file: Path, broken_paths: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Five breaks give five messages in one run, each with file, path and record; exit 2."""
        code, _, err = _main(capsys, "check", str(broken_file))
        lines = err.splitlines()
        assert code == 2
        assert lines[0] == "rareearth: 5 problems in the fact files:"
        assert [line.split(": ")[1].split(" (")[0] for line in lines[1:]] == broken_paths
        assert all(line.strip().startswith(f"{broken_file}: $.") for line in lines[1:])
        assert "expected a number, got the string 'abc'" in err
        assert "duplicate id 'jl-mag-export-licences'" in err

    def test_check_json(
        self, broken_file: Path, broken_paths: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`check --json` gives the problems as data, and still exits 2."""
        code, out, _ = _main(capsys, "check", str(broken_file), "--json")
        answer = json.loads(out)
        assert code == 2
        assert answer["valid"] is False
        assert [p["path"] for p in answer["problems"]] == broken_paths

    def test_broken_data_on_a_query(
        self, broken_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--data with a broken file stops any query with exit 2."""
        code, out, err = _main(capsys, "companies", "--data", str(broken_file))
        assert (code, out) == (2, "")
        assert "5 problems" in err

    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that is not there exits 2 naming it."""
        code, _, err = _main(capsys, "check", str(tmp_path / "nope.json"))
        assert code == 2
        assert "nope.json" in err
        assert "cannot read the file" in err


class TestSchema:
    def test_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`schema` prints the JSON Schema of fact files."""
        code, out, _ = _main(capsys, "schema")
        schema = json.loads(out)
        assert code == 0
        assert schema["title"] == "rareearth fact file"
        assert "facilities" in schema["properties"]


class TestExamples:
    def test_first_questions(self) -> None:
        """The example script runs and answers from the sources."""
        script = Path(__file__).parent.parent / "examples" / "first_questions.py"
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=True
        )
        assert "JL MAG (300748.SZ), founded 2008" in result.stdout
        assert "held by the state (holders not named): around 9.4%" in result.stdout


class TestWidth:
    """Tables fit the width asked for, and cut nothing they need not cut."""

    GENEVA = "U.S. and China agree in Geneva to a 90-day pause on tariffs"

    def _timeline(self, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
        code, out, _ = _main(capsys, "timeline", "--from", "2025-05", "--to", "2025-05", *extra)
        return code, out.splitlines()

    def test_columns_honoured(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`COLUMNS=250 rareearth timeline ...` prints the whole title, not "… a 90-…"."""
        monkeypatch.setenv("COLUMNS", "250")
        code, lines = self._timeline(capsys)
        assert code == 0
        assert any(self.GENEVA in line for line in lines)
        assert max(len(line) for line in lines) <= 250

    def test_narrow_terminal_cuts_text_not_ids(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """At 80 columns the titles give way; the ids one types next stay whole."""
        monkeypatch.setenv("COLUMNS", "80")
        _, lines = self._timeline(capsys)
        geneva = next(line for line in lines if line.endswith("geneva-tariff-pause"))
        assert "U.S. and Ch…" in geneva
        assert "jl-mag-baotou-phase-iii-groundbreaking" in "\n".join(lines)
        assert max(len(line) for line in lines) <= 80

    def test_wide_never_cuts(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--wide prints every cell whole, whatever $COLUMNS says."""
        monkeypatch.setenv("COLUMNS", "40")
        _, lines = self._timeline(capsys, "--wide")
        assert any(self.GENEVA in line for line in lines)
        assert not any("…" in line for line in lines)

    def test_piped_without_columns_is_whole(self) -> None:
        """Piped into another program with no $COLUMNS, nothing is cut (grep sees it all)."""
        env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
        result = subprocess.run(
            [sys.executable, "-m", "rareearth", "timeline", "--from", "2025-05", "--to", "2025-05"],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        assert result.returncode == 0
        assert self.GENEVA in result.stdout


def _ascii_run(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the command in a C locale with UTF-8 mode off: its output can only be ASCII."""
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    return subprocess.run(
        [sys.executable, "-m", "rareearth", *args],
        capture_output=True,
        env=env,
        check=False,
        timeout=60,
    )  # bytes: the test, not the locale, decodes them


def _ascii_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, bytes, bytes]:
    """Run the command in process on the streams Python opens under ``LANG=C``.

    They are ASCII, stdout with ``surrogateescape`` and stderr with
    ``backslashreplace``, as `test_streams_as_in_process` checks against a real
    process; returns the exit code and the bytes written.
    """
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="ascii", errors="surrogateescape")
    stderr = io.TextIOWrapper(err, encoding="ascii", errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", stderr)
    code = main(list(args))
    stdout.flush()
    stderr.flush()
    return code, out.getvalue(), err.getvalue()


class TestAsciiTerminal:
    """Under ``LANG=C`` with UTF-8 mode off, every answer prints, in ASCII."""

    def test_streams_as_in_process(self) -> None:
        """A real process under ``LANG=C`` opens the streams `_ascii_main` stands in for."""
        command = "import sys; print(sys.stdout.encoding, sys.stdout.errors, sys.stderr.errors)"
        env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
        result = subprocess.run(
            [sys.executable, "-c", command], capture_output=True, env=env, check=True
        )
        assert result.stdout.split() == [b"ascii", b"surrogateescape", b"backslashreplace"]

    def test_text_in_ascii_as_a_process(self) -> None:
        """The installed command, under ``LANG=C``: "≈" prints as "~", with no traceback."""
        result = _ascii_run("owners", "JL MAG")
        assert (result.returncode, result.stderr) == (0, b"")
        assert "the state (holders not named)       ~ 9.4%" in result.stdout.decode("ascii")

    @pytest.mark.parametrize(
        ("args", "shown"),
        [
            (("owners", "JL MAG"), "the state (holders not named)       ~ 9.4%"),
            (("companies",), "JL MAG"),
            (("timeline", "--from", "2025-05", "--to", "2025-06"), "ford-chicago-halt"),
            (("sources",), "caixin-global"),
            (("convert", "1.05e9", "RMB", "USD", "--on", "2025-07-10"), "USD 146 million"),
        ],
    )
    def test_text_in_ascii(
        self, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], shown: str
    ) -> None:
        """Typographic characters print as ASCII ("≈" as "~"), with no traceback."""
        code, out, err = _ascii_main(monkeypatch, *args)
        assert (code, err) == (0, b"")
        assert shown in out.decode("ascii")

    @pytest.mark.parametrize(
        "args",
        [
            ("figures", "--json"),
            ("timeline", "--json"),
            ("sources", "--json"),
            ("company", "JL MAG", "--json"),
            ("capacity", "--by", "product", "--json"),
        ],
    )
    def test_json_stays_exact(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        args: tuple[str, ...],
    ) -> None:
        """--json escapes what ASCII cannot show: valid JSON, exactly the UTF-8 answer."""
        _, utf8, _ = _main(capsys, *args)
        code, out, err = _ascii_main(monkeypatch, *args)
        assert (code, err) == (0, b"")
        assert json.loads(out.decode("ascii")) == json.loads(utf8)

    def test_arguments_in_utf8(self, tmp_path: Path) -> None:
        """A name typed in Chinese is read as typed, and the answer escapes it."""
        entity = {
            "id": "my-northern",
            "name": "Northern",
            "aliases": ["北方稀土"],
            "kind": "company",
            "summary": "A company.",
            "cites": [cite()],
        }
        facts = tmp_path / "facts.json"
        facts.write_text(json.dumps({"entities": [entity]}), encoding="utf-8")
        result = _ascii_run("company", "北方稀土", "--data", str(facts), "--json")
        assert (result.returncode, result.stderr) == (0, b"")
        answer = json.loads(result.stdout.decode("ascii"))
        assert answer["entity"]["aliases"] == ["北方稀土"]
        unknown = _ascii_run("company", "北方", "--data", str(facts))
        assert unknown.returncode == 2
        assert unknown.stderr.decode("ascii") == (
            r"rareearth: no entity matches '\u5317\u65b9'; did you mean '\u5317\u65b9\u7a00\u571f'?"
            "\n"
        )


class TestEmptyJson:
    """Under --json an empty answer is still JSON, and exits 1."""

    @pytest.mark.parametrize(
        ("args", "empty"),
        [
            (("capacity", "--company", "Tesla"), {}),
            (("convert", "1", "USD", "EUR"), {}),
            (("timeline", "--from", "2030"), []),
            (("figures", "--metric", "ndfeb-price", "--to", "2020"), []),
            (("owners", "Tesla"), []),
            (("holdings", "Tesla"), []),
            (("search", "qqqqqq"), []),
        ],
    )
    def test_empty_answer(
        self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], empty: object
    ) -> None:
        """Each query command prints `{}` or `[]` for an empty answer, and why as JSON."""
        code, out, err = _main(capsys, *args, "--json")
        assert (code, json.loads(out)) == (1, empty)
        assert set(json.loads(err)) == {"empty"}


class TestPipes:
    def test_reader_gone(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """`rareearth timeline | head -1`: when the reader has gone, no traceback, exit 141."""
        read, write = os.pipe()
        os.close(read)  # the reader has stopped reading
        with open(write, "w", encoding="utf-8") as gone:  # noqa: PTH123 - a pipe's end
            monkeypatch.setattr(sys, "stdout", gone)
            assert main(["timeline", "--wide"]) == 141
            gone.write("more")  # stdout now leads nowhere: later writes fail silently
            gone.flush()


class TestJsonErrors:
    @pytest.mark.parametrize(
        ("args", "kind"),
        [
            (("company", "JL Magnet"), "UnknownEntityError"),
            (("figures", "--metric", "price"), "ChoiceError"),
            (("timeline", "--from", "2025-06", "--to", "2025-05"), "WindowError"),
            (("capacity", "--company", "China Northern Rare Earth"), "MixedUnitsError"),
        ],
    )
    def test_error_is_json_on_stderr(
        self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], kind: str
    ) -> None:
        """Under --json an error is a JSON object on stderr, with exit 2 and nothing on stdout."""
        code, out, err = _main(capsys, *args, "--json")
        assert (code, out) == (2, "")
        error = json.loads(err)
        assert error["kind"] == kind
        assert error["error"]


class TestExport:
    def test_prints_the_report(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """`rareearth export sqlite OUT` writes the database and prints what it could not hold."""
        target = tmp_path / "out.db"
        code, out, err = _main(capsys, "export", "sqlite", str(target))
        assert (code, err) == (0, "")
        lines = out.splitlines()
        assert lines[0].startswith(f"sqlite: 567 items in {target}, {tmp_path / 'metadata.json'}")
        assert lines[1].startswith("  figures.equivalents: a figure printed beside another")
        assert target.is_file()

    def test_json_report(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """With --json the report is JSON: format, files, items and each loss."""
        code, out, _ = _main(capsys, "export", "datapackage", str(tmp_path / "pkg"), "--json")
        report = json.loads(out)
        assert code == 0
        assert report["format"] == "datapackage"
        assert report["files"][0] == str(tmp_path / "pkg" / "datapackage.json")
        assert report["losses"][0]["field"] == "figures.equivalents"
        assert report["losses"][0]["record"] is None

    def test_users_data(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, user_file: Path
    ) -> None:
        """--data exports the user's records with the shipped ones."""
        out_dir = tmp_path / "pkg"
        code, _, _ = _main(capsys, "export", "datapackage", str(out_dir), "--data", str(user_file))
        assert code == 0
        assert "jl-mag-ningbo-line-1" in (out_dir / "phases.csv").read_text(encoding="utf-8")

    def test_unknown_format(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An unknown format exits 2, listing the formats; nothing is written."""
        code, out, err = _main(capsys, "export", "xlsx", str(tmp_path / "out"))
        assert (code, out) == (2, "")
        assert err == (
            "rareearth: format 'xlsx' is not one of"
            " 'ftm', 'bods', 'sqlite', 'parquet', 'datapackage'\n"
        )
        assert list(tmp_path.iterdir()) == []

    def test_a_file_in_the_way(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A folder format given a file exits 2, naming it."""
        target = tmp_path / "taken"
        target.write_text("mine", encoding="utf-8")
        code, _, err = _main(capsys, "export", "datapackage", str(target))
        assert code == 2
        assert err == f"rareearth: cannot write {target}: it is a file; name a folder\n"

    def test_missing_extra(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A format whose extra is missing exits 2, saying what to install."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        code, _, err = _main(capsys, "export", "parquet", str(tmp_path / "out"))
        assert code == 2
        assert "pip install 'rareearth[parquet]'" in err

    def test_help_lists_the_formats(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`rareearth export --help` names the formats and where each writes."""
        code, out, _ = _usage(capsys, "export", "--help")
        shown = " ".join(out.split())  # as wrapped to any width
        assert code == 0
        assert "one of: ftm, bods, sqlite, parquet, datapackage" in shown
        assert "a file for ftm, bods and sqlite" in shown
        assert "a folder (made if missing) for parquet and datapackage" in shown

    def test_usage_error_is_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`timeline --kind policies --json`: argparse's refusal comes as JSON too, exit 2."""
        with pytest.raises(SystemExit) as caught:
            main(["timeline", "--kind", "policies", "--json"])
        out, err = capsys.readouterr()
        assert (caught.value.code, out) == (2, "")
        error = json.loads(err)
        assert error["kind"] == "UsageError"
        assert "invalid choice: 'policies'" in error["error"]

    def test_empty_answer_says_so_in_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`owners Ford --json`: [] on stdout, and why on stderr as JSON, exit 1."""
        code, out, err = _main(capsys, "owners", "Ford", "--json")
        assert (code, json.loads(out)) == (1, [])
        assert json.loads(err) == {"empty": "no owners of Ford Motor Co. are recorded"}
