"""The SQLite export: typed tables with keys, citations searchable, and a site Datasette opens."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import rareearth as ree
from conftest import interop


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> ree.Export:
    return ree.dataset().export("sqlite", tmp_path_factory.mktemp("sqlite") / "out.db")


@pytest.fixture
def db(exported: ree.Export) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{exported.files[0]}?mode=ro", uri=True)
    yield connection
    connection.close()


class TestDatabase:
    def test_files(self, exported: ree.Export, db: sqlite3.Connection) -> None:
        """The database, Datasette's metadata.json beside it, and the loss report; items: rows."""
        assert [f.name for f in exported.files] == ["out.db", "metadata.json", "out.db.losses.txt"]
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if "_fts" not in name and name != "rareearth"
        ]
        rows = sum(db.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0] for name in tables)
        assert exported.items == rows
        assert db.execute("SELECT COUNT(*) FROM entities").fetchone() == (51,)

    def test_capacity_sum_equals_total_capacity(self, db: sqlite3.Connection) -> None:
        """SQL over the phases gives JL MAG's Baotou total, subsidiaries included: 40,000."""
        ((total, exact),) = db.execute(
            """
            SELECT SUM(capacity), GROUP_CONCAT(capacity_exact, '+') FROM phases
            WHERE place = 'baotou' AND operator IN (
                SELECT 'jl-mag' UNION
                SELECT subject FROM relationships WHERE kind = 'subsidiary' AND party = 'jl-mag')
            """
        ).fetchall()
        expected = ree.total_capacity(company="JL MAG", site="Baotou").value.number
        assert Decimal(total) == expected == Decimal(40000)
        assert exact == "20000+20000"

    def test_exact_decimals_beside_reals(self, db: sqlite3.Connection) -> None:
        """A share is REAL for sums and TEXT for its exact digits, with qualifier and wording."""
        row = db.execute(
            "SELECT share, share_exact, share_qualifier, share_text, state_linked "
            "FROM relationships WHERE id = 'jl-mag-stake-state'"
        ).fetchone()
        assert row == (9.4, "9.4", "approximately", "around 9.4%", 1)

    def test_dates_as_iso_text(self, db: sqlite3.Connection) -> None:
        """An imprecise date keeps its wording, its first and last days, and its precision."""
        row = db.execute(
            "SELECT date, date_earliest, date_latest, date_precision FROM events "
            "WHERE id = 'jl-mag-export-licences'"
        ).fetchone()
        assert row[1:] == ("2025-06-11", "2025-06-11", "day")
        assert row[0].startswith("Wednesday")

    def test_keys_declared(self, db: sqlite3.Connection) -> None:
        """Primary and foreign keys are in the schema, and every reference holds."""
        fks = db.execute('SELECT "table", "from", "to" FROM pragma_foreign_key_list(\'phases\')')
        assert set(fks.fetchall()) == {
            ("facilities", "facility", "id"),
            ("entities", "operator", "id"),
            ("places", "place", "id"),
        }
        pk = db.execute("SELECT name FROM pragma_table_info('citations') WHERE pk > 0 ORDER BY pk")
        assert pk.fetchall() == [("record",), ("field",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []

    def test_vocabularies_checked(self, exported: ree.Export, tmp_path: Path) -> None:
        """A status outside its vocabulary is refused by the table itself."""
        copy = tmp_path / "copy.db"
        copy.write_bytes(exported.files[0].read_bytes())
        # closing(): a connection's own with-block ends a transaction, not the connection
        with closing(sqlite3.connect(copy)) as connection, pytest.raises(sqlite3.IntegrityError):
            connection.execute("UPDATE phases SET status = 'built'")

    def test_corroboration_columns(self, db: sqlite3.Connection) -> None:
        """Each row says how many citations and independent origins back it."""
        rows = db.execute(
            "SELECT id, citations, independent_origins FROM events "
            "WHERE id IN ('mp-materials-dod-deal', 'geneva-tariff-pause') ORDER BY id"
        ).fetchall()
        backing = [ree.corroboration(key) for key, _, _ in rows]
        assert rows == [(b.record, b.citations, b.independent) for b in backing]
        assert ("mp-materials-dod-deal", 2, 1) in rows  # 000 and 004: one publisher
        (entity,) = db.execute(
            "SELECT independent_origins FROM entities WHERE id = 'jl-mag'"
        ).fetchall()
        assert entity == (2,)  # 000 and Caixin's 003

    def test_full_text_search_over_quotes(self, db: sqlite3.Connection) -> None:
        """The quotes are searchable, and a hit leads back to its record and field."""
        hits = db.execute(
            "SELECT c.record, c.field FROM citations_fts JOIN citations AS c "
            "ON c.rowid = citations_fts.rowid WHERE citations_fts MATCH 'cementing'"
        ).fetchall()
        assert hits == [("jl-mag-worlds-largest", "cites[0]")]

    def test_views(self, db: sqlite3.Connection) -> None:
        """capacity_by_company sums like units; ownership_links names both sides."""
        row = db.execute(
            "SELECT company_name, capacity, phases, derived_phases FROM capacity_by_company "
            "WHERE company = 'jl-mag-baotou'"
        ).fetchone()
        assert row == ("JL MAG (Baotou) Technology", 40000.0, 2, 1)
        links = db.execute(
            "SELECT party_name, share_text FROM ownership_links WHERE subject = 'jl-mag' "
            "AND share IS NOT NULL ORDER BY share DESC"
        ).fetchall()
        assert links == [
            ("the state (holders not named)", "around 9.4%"),
            ("government enterprises (not named)", "another 9.3%"),
        ]

    def test_data_version(self, db: sqlite3.Connection) -> None:
        """The rareearth table names the data version."""
        found = dict(db.execute("SELECT key, value FROM rareearth").fetchall())
        assert found["data_version"] == ree.DATA_VERSION

    def test_a_folder_in_the_way(self, tmp_path: Path) -> None:
        """A folder given for the database file is refused, naming it."""
        with pytest.raises(ree.WriteError, match="it is a folder; name a file in it"):
            ree.dataset().export("sqlite", tmp_path)

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A database in a folder that does not exist is refused, naming the folder."""
        with pytest.raises(ree.WriteError, match="missing does not exist"):
            ree.dataset().export("sqlite", tmp_path / "missing" / "out.db")

    def test_failed_export_leaves_the_old_database(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A database that cannot be built leaves the earlier one whole; the error names it."""
        target = tmp_path / "out.db"
        ree.dataset().export("sqlite", target)
        before = target.read_bytes()

        def broken(_path: Path, _tables: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr("rareearth._sqlite._build", broken)
        with pytest.raises(ree.WriteError, match=f"cannot write {target}: database or disk"):
            ree.dataset().export("sqlite", target)
        assert target.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "metadata.json",
            "out.db",
            "out.db.losses.txt",
        ]


class TestDatasette:
    def test_metadata(self, exported: ree.Export) -> None:
        """metadata.json gives the title, licence, data version and each table's sources."""
        metadata = json.loads(exported.files[1].read_text(encoding="utf-8"))
        assert metadata["license"] == "MIT"
        assert ree.DATA_VERSION in metadata["title"]
        tables = metadata["databases"]["out"]["tables"]
        assert tables["figures"]["source"] == "sources 000, 001, 002, 003, 004"
        assert "capacity_by_company" in tables

    def test_inspect(self, exported: ree.Export, tmp_path: Path) -> None:
        """`datasette inspect` reads the database and counts every table's rows."""
        interop("datasette")
        out = tmp_path / "inspect.json"
        command = [sys.executable, "-m", "datasette", "inspect", str(exported.files[0])]
        subprocess.run([*command, "--inspect-file", str(out)], check=True, capture_output=True)
        tables = json.loads(out.read_text(encoding="utf-8"))["out"]["tables"]
        assert tables["entities"]["count"] == len(ree.dataset().entities)
        assert tables["citations"]["count"] > 200

    def test_search_through_datasette(self, exported: ree.Export) -> None:
        """Datasette serves the site, finds the full-text index and searches the quotes."""
        app = interop("datasette.app")
        metadata = json.loads(exported.files[1].read_text(encoding="utf-8"))

        async def ask() -> tuple[Any, Any, Any]:
            site = app.Datasette([str(exported.files[0])], metadata=metadata)
            await site.invoke_startup()
            search = await site.client.get("/out/citations.json?_search=cementing&_shape=array")
            table = await site.client.get("/out/citations.json?_size=1")
            home = await site.client.get("/out.json")
            return search.json(), table.json(), home.json()

        hits, table, home = asyncio.run(ask())
        assert [(h["record"], h["collection"], h["field"]) for h in hits] == [
            ("jl-mag-worlds-largest", "claims", "cites[0]")
        ]
        assert hits[0]["quote"].startswith("cementing its role as the world’s largest")
        assert table["table"] == "citations"
        searchable = {t["name"]: t["fts_table"] for t in home["tables"]}
        assert searchable["citations"] == "citations_fts"
        assert searchable["entities"] == "entities_fts"
        assert home["license"] == "MIT"
