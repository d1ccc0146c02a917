"""The Parquet export: a typed file per table, read by DuckDB and pyarrow."""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import rareearth as ree
from conftest import interop
from rareearth._parquet import _decimals
from rareearth._relational import Relation
from rareearth._tables import Column


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    interop("pyarrow")
    target = tmp_path_factory.mktemp("parquet") / "out"
    ree.dataset().export("parquet", target)
    return target


def _sql(query: str) -> list[tuple[Any, ...]]:
    """DuckDB's answer to a query over the exported files (named in it by their paths)."""
    duckdb = interop("duckdb")
    rows: list[tuple[Any, ...]] = duckdb.sql(query).fetchall()
    return rows


class TestParquet:
    def test_a_file_per_table(self, folder: Path) -> None:
        """Every table has its file, and the loss report is beside them."""
        names = sorted(p.name for p in folder.iterdir())
        assert "phases.parquet" in names
        assert "citations.parquet" in names
        assert "losses.txt" in names
        assert len(names) == 14

    def test_duckdb_capacity_sum_equals_total_capacity(self, folder: Path) -> None:
        """DuckDB sums JL MAG's Baotou phases exactly, as total_capacity does: 40,000."""
        phases, relationships = folder / "phases.parquet", folder / "relationships.parquet"
        ((total,),) = _sql(
            f"""
            SELECT SUM(capacity) FROM '{phases}' WHERE place = 'baotou' AND operator IN (
                SELECT 'jl-mag' UNION SELECT subject FROM '{relationships}'
                WHERE kind = 'subsidiary' AND party = 'jl-mag')
            """
        )
        expected = ree.total_capacity(company="JL MAG", site="Baotou").value.number
        assert total == expected == Decimal(40000)

    def test_types(self, folder: Path) -> None:
        """Shares are exact decimals, date bounds are dates, yes/no is boolean."""
        relationships, events = folder / "relationships.parquet", folder / "events.parquet"
        ((share, kind, linked),) = _sql(
            f"SELECT share, typeof(share), state_linked FROM '{relationships}' "
            "WHERE id = 'jl-mag-stake-state'"
        )
        assert (share, kind, linked) == (Decimal("9.4"), "DECIMAL(38,1)", True)
        ((earliest, latest),) = _sql(
            f"SELECT date_earliest, date_latest FROM '{events}' WHERE id = 'jl-mag-export-licences'"
        )
        assert earliest == latest == dt.date(2025, 6, 11)

    def test_metadata_carries_the_data_version_and_keys(self, folder: Path) -> None:
        """Each file's metadata names the data version, its primary key and its foreign keys."""
        pq = interop("pyarrow.parquet")
        metadata = pq.read_schema(folder / "phases.parquet").metadata
        assert metadata[b"rareearth.data_version"].decode() == ree.DATA_VERSION
        assert json.loads(metadata[b"rareearth.primary_key"]) == ["phase"]
        assert ["facility", "facilities", "id"] in json.loads(metadata[b"rareearth.foreign_keys"])

    def test_rates_exact(self, folder: Path) -> None:
        """A rate keeps its exact ratio (73/525), and its decimal to 18 places."""
        rates = folder / "rates.parquet"
        exact = {r.id: r.rate for r in ree.dataset().rates}
        ratios = dict(_sql(f"SELECT id, ratio FROM '{rates}'"))
        assert {key: Fraction(ratio) for key, ratio in ratios.items()} == exact
        assert ratios["rate-000-cny-usd"] == "73/525"
        decimals = dict(_sql(f"SELECT id, rate FROM '{rates}'"))
        assert decimals["rate-000-cny-usd"] == Decimal("0.139047619047619048")

    def test_without_pyarrow(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pyarrow the export says which extra to install, and writes nothing."""
        # None in sys.modules: an import of it fails, as if it were not installed
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
        with pytest.raises(ImportError, match=r"pip install 'rareearth\[parquet\]'"):
            ree.dataset().export("parquet", tmp_path / "out")
        assert list(tmp_path.iterdir()) == []


class TestDecimals:
    def test_more_digits_than_parquet_holds(self) -> None:
        """A number beyond 38 digits is rounded to fit, and the loss names its record."""
        pa = interop("pyarrow")
        relation = Relation(
            "figures",
            "test",
            (Column("id", "str"), Column("value", "number")),
            [("big", Decimal("123456789012345678.123456789012345678901")), ("none", None)],
            ("id",),
        )
        losses: list[ree.Loss] = []
        array = _decimals(pa, relation, 1, [row[1] for row in relation.rows], losses)
        assert str(array.type) == "decimal128(38, 20)"
        assert array.to_pylist()[0] == Decimal("123456789012345678.12345678901234567890")
        assert [(loss.record, loss.field) for loss in losses] == [("big", "value")]
        assert "rounded to 123456789012345678.12345678901234567890" in losses[0].what

    def test_a_write_that_fails(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """pyarrow failing to write is a WriteError naming the folder; nothing is left."""
        pa, pq = interop("pyarrow"), interop("pyarrow.parquet")

        def broken(*_: object) -> None:
            raise pa.ArrowInvalid("disk full")

        monkeypatch.setattr(pq, "write_table", broken)
        target = tmp_path / "out"
        with pytest.raises(ree.WriteError, match=f"cannot write {target}: disk full"):
            ree.dataset().export("parquet", target)
        assert list(tmp_path.iterdir()) == []
