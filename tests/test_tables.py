"""Tables: records and results shown in the shell and notebooks, exported to CSV, JSON, pandas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import rareearth as ree


class TestRecords:
    def test_is_a_tuple(self, ds: ree.Dataset) -> None:
        """Collections are tuples: they compare equal to tuples and unpack."""
        owners = ds.owners_of("Northern Zhaobao Magnets")
        assert isinstance(owners, tuple)
        assert owners == tuple(owners)
        first, second = owners
        assert (first.party, second.party) == ("china-northern-rare-earth", "ningbo-zhaobao")

    def test_slice_keeps_records(self, ds: ree.Dataset) -> None:
        """A slice is still a Records, with its export methods."""
        head = ds.events[:2]
        assert isinstance(head, ree.Records)
        assert len(head.to_dicts()) == 2

    def test_empty_knows_its_columns(self, ds: ree.Dataset) -> None:
        """An empty answer still has the columns of its record type."""
        empty = ds.timeline("2030-01", "2030-02")
        assert len(empty) == 0
        assert empty.table().column_names[:2] == ("id", "date")
        assert empty.to_csv().startswith("id,date,date_earliest,")
        assert str(empty) == "no events"

    def test_ids(self, ds: ree.Dataset) -> None:
        """`ids` lists the records' ids in order."""
        assert ds.facilities_of("JL MAG").ids == ("jl-mag-baotou-base", "jl-mag-ganzhou")

    def test_shell_display(self, ds: ree.Dataset) -> None:
        """Printing a collection shows a count and an aligned table of its key columns."""
        lines = str(ds.owners_of("JL MAG")).splitlines()
        assert lines[0] == "6 relationships"
        assert lines[1].split() == ["kind", "subject", "party", "share", "holder"]
        assert set(lines[2]) <= {"-", " "}
        assert "≈ 9.4%" in lines[3]


class TestExports:
    def test_csv_is_exact(self, ds: ree.Dataset) -> None:
        """CSV keeps the numbers exact and the dates as ISO days."""
        rows = list(csv.DictReader(io.StringIO(ds.rates.to_csv())))
        first = rows[0]
        assert first["id"] == "rate-000-cny-usd"
        # The exact ratio, and the rate to 18 places with no float tail.
        assert Fraction(first["ratio"]) == ds.rates[0].rate == Fraction(146, 1050)
        assert first["rate"] == "0.139047619047619048"
        assert first["date_earliest"] == "2025-07-10"

    def test_csv_to_a_file(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """Given a path, to_csv writes the file and returns None."""
        path = tmp_path / "phases.csv"
        assert ds.phases.to_csv(path) is None
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == 11
        assert {r["capacity"] for r in rows if r["facility"] == "cnre-magnet-materials"} >= {
            "50000"
        }

    def test_json_rows(self, ds: ree.Dataset) -> None:
        """JSON is an array of objects; numbers are numbers, missing cells null."""
        rows = json.loads(ds.total_capacity(company="JL MAG", site="Baotou").to_json())
        assert [r["capacity"] for r in rows] == [20000, 20000]
        assert rows[0]["investment"] is None
        assert rows[1]["investment"] == 1050000000
        assert rows[1]["construction_started_earliest"] == "2025-01-01"
        assert rows[1]["construction_started_latest"] == "2025-07-10"

    def test_json_decimal_digits(self) -> None:
        """A Decimal is written with all its digits, never through a float."""
        share = ree.state_share("JL MAG")
        text = share.to_json()
        assert '"effective": 9.4,' in text
        assert '"effective": 9.3,' in text

    def test_share_range_columns(self, ds: ree.Dataset) -> None:
        """A range keeps its low end, high end and qualifier in three columns."""
        [row] = ds.figures(metric="ndfeb-price").to_dicts()
        assert (row["value"], row["value_upper"], row["value_qualifier"]) == (
            Decimal(520),
            Decimal(540),
            "range",
        )
        assert (row["period"], row["period_earliest"], row["period_latest"]) == (
            "this week (October 2025)",
            dt.date(2025, 10, 1),
            dt.date(2025, 10, 31),
        )

    def test_grouped_totals(self, ds: ree.Dataset) -> None:
        """Grouped totals export one row per group, with the group and the total."""
        rows = {r["group"]: r for r in ds.total_capacity(by="product").to_dicts()}
        assert rows["ndfeb-alloy"]["total"] == Decimal(50000)
        assert rows["hydrogen-crushed-powder"]["unit"] == "t"

    def test_conversion_row(self, ds: ree.Dataset) -> None:
        """A conversion exports its amounts, rate and the rate's id and date."""
        [row] = ds.convert(ree.Money("1.05e9", "RMB"), "USD", on="2025-07-10").to_dicts()
        assert row["amount"] == Decimal("1.05e9")
        assert row["rates"] == "rate-000-cny-usd"
        assert round(row["result"]) == 146_000_000

    def test_state_links(self, ds: ree.Dataset) -> None:
        """Ownership chains export with their effective share (undisclosed is null)."""
        [row] = ds.state_links("Northern Zhaobao Magnets").to_dicts()
        assert row["chain"] == "china-northern-rare-earth → northern-zhaobao"
        assert row["effective"] is None


class TestDataFrame:
    pd = pytest.importorskip("pandas", reason="pandas is the optional extra rareearth[pandas]")

    def test_typed_columns(self, ds: ree.Dataset) -> None:
        """Events get string, datetime, category and boolean columns."""
        df = ds.events.to_dataframe()
        assert len(df) == 24
        assert str(df["date_earliest"].dtype) == "datetime64[s]"
        assert str(df["kind"].dtype) == "category"
        assert str(df["expected"].dtype) == "boolean"
        assert str(df["title"].dtype) == "string"

    def test_numbers_are_floats_or_exact(self, ds: ree.Dataset) -> None:
        """Capacities are floats by default and Decimals with exact=True."""
        floats = ds.phases.to_dataframe()
        exact = ds.phases.to_dataframe(exact=True)
        assert floats["capacity"].dtype == "float64"
        assert floats["capacity"].sum() == 111_000
        assert exact["capacity"].dropna().sum() == Decimal(111_000)

    def test_status_is_ordered(self, ds: ree.Dataset) -> None:
        """Statuses are an ordered category: operating ranks above announced."""
        status = ds.phases.to_dataframe()["status"]
        assert status.cat.ordered
        assert status.max() == "operating"
        assert list(status.cat.categories).index("announced") < list(status.cat.categories).index(
            "operating"
        )

    def test_helper_results(self, ds: ree.Dataset) -> None:
        """A capacity total's DataFrame is its working: JL MAG's Baotou phases."""
        df = ds.total_capacity(company="JL MAG", site="Baotou").to_dataframe()
        assert list(df["phase"]) == ["jl-mag-baotou-phases-i-ii", "jl-mag-baotou-phase-iii"]
        assert df["capacity"].sum() == 40_000

    def test_missing_pandas_names_the_extra(
        self, ds: ree.Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without pandas, to_dataframe raises ImportError naming rareearth[pandas]."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"pip install 'rareearth\[pandas\]'"):
            ds.entities.to_dataframe()


class TestHtml:
    def test_collection_table(self, ds: ree.Dataset) -> None:
        """A collection renders as an HTML table with a caption and a header."""
        html = ds.facilities_of("JL MAG")._repr_html_()
        assert html.startswith('<table class="rareearth">')
        assert "<caption" in html
        assert "2 facilities" in html
        assert "<th>operator</th>" in html

    def test_record_card(self, ds: ree.Dataset) -> None:
        """A record renders as a card of its fields, citations last."""
        html = ds.entity("JL MAG")._repr_html_()
        assert "Entity jl-mag" in html
        assert html.index("founded") < html.index("source 000")

    def test_escaped(self, user_file: Path) -> None:
        """Text from users' files is escaped: markup shows as text."""
        text = user_file.read_text(encoding="utf-8").replace(
            "JL MAG Ningbo plant", "<script>alert(1)</script> & co"
        )
        user_file.write_text(text, encoding="utf-8")
        mine = ree.Dataset.load(user_file)
        for html in (mine.facility("jl-mag-ningbo")._repr_html_(), mine.facilities._repr_html_()):
            assert "<script>" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html

    def test_results_render(self, ds: ree.Dataset) -> None:
        """Totals, state shares and conversions render too, with their headline."""
        assert "40,000 t/yr" in ds.total_capacity(company="JL MAG", site="Baotou")._repr_html_()
        assert "≈ 18.7% state-linked" in ds.state_share("JL MAG")._repr_html_()
        money = ree.Money("1.05e9", "RMB")
        assert "USD 146 million" in ds.convert(money, "USD", on="2025-07-10")._repr_html_()


class TestReprs:
    def test_concise_repr(self, ds: ree.Dataset) -> None:
        """A record's repr names its type, id and key fields only."""
        assert repr(ds.entity("JL MAG")) == "Entity('jl-mag', name='JL MAG', kind='company', …)"
        _, phase = ds.phase("jl-mag-baotou-phase-iii")
        assert repr(phase) == (
            "Phase('jl-mag-baotou-phase-iii', name='Phase III', "
            "capacity=20,000 t/yr sintered-ndfeb-magnets, status='under-construction', …)"
        )

    def test_card(self, ds: ree.Dataset) -> None:
        """str() of a record is a card of the fields that are set, quotes last."""
        lines = str(ds.entity("JL MAG")).splitlines()
        assert lines[:3] == ["id: jl-mag", "name: JL MAG", "kind: company"]
        assert "tickers: 300748.SZ" in lines
        assert lines[-1].startswith("source 000: “JL Mag is influenced by the Chinese state")


def _answers() -> dict[str, object]:
    """One of every public record and answer type, as the library hands them out."""
    ds = ree.dataset()
    facility = ds.facility("jl-mag-baotou-base")
    phase = facility.phases[-1]
    conversion = ds.convert(ree.Money("1.05e9", "RMB"), "USD", on="2025-07-10")
    return {
        "source": ds.sources[0],
        "entity": ds.entity("JL MAG"),
        "place": ds.place("Baotou"),
        "facility": facility,
        "phase": phase,
        "milestone": phase.milestones[0],
        "investment": phase.investment,
        "citation": phase.cites[0],
        "capacity part": ds.phases[0],
        "relationship": ds.relationships[0],
        "event": ds.events[0],
        "figure": ds.figures(metric="ndfeb-price")[0],
        "claim": ds.claims[0],
        "rate": ds.rates[0],
        "ticker": ds.entity("JL MAG").tickers[0],
        "total": ds.total_capacity(company="JL MAG", site="Baotou"),
        "grouped totals": ds.total_capacity(company="China Northern Rare Earth", by="product"),
        "state share": ds.state_share("JL MAG"),
        "state links": ds.state_links("JL MAG (Baotou) Technology"),
        "conversion": conversion,
        "rate path": conversion.path,
        "leg": conversion.path.legs[0],
        "search hits": ds.search("zhaobao"),
        "money": ree.Money("146e6", "USD"),
        "date": ree.parse_date("the second half of 2025"),
        "value": ree.Value(Decimal(520), ree.Qualifier.RANGE, upper=Decimal(540)),
        "quantity": phase.capacity,
        "problem": ree.Problem("mine.json", "$.entities[0]", "x", "required, but missing"),
        "table": ds.rates.table(),
        "column": ds.rates.table().columns[0],
        "empty records": ree.Records((), ree.Entity),
        "records of nothing known": ree.Records(()),
    }


class TestEveryAnswerPrints:
    @pytest.mark.parametrize(("name", "answer"), list(_answers().items()))
    def test_str_and_repr(self, name: str, answer: object) -> None:
        """Each public answer prints and reprs as text; none raises."""
        assert str(answer), name
        assert repr(answer), name

    @pytest.mark.parametrize(("name", "answer"), list(_answers().items()))
    def test_as_records(self, name: str, answer: object) -> None:
        """Any answer gathered in Records shows as a table with at least one column."""
        records = ree.Records([answer])
        assert repr(records).startswith("1 "), name
        assert records.table().columns, name
        assert records._repr_html_().startswith('<table class="rareearth">')

    def test_money_records(self) -> None:
        """Money in Records is a table of its fields, not an error."""
        table = ree.Records([ree.Money("1", "USD")]).table()
        assert table.column_names == ("amount", "currency", "per")
        assert table.rows == ((Decimal(1), "USD", None),)
