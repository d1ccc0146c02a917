"""The related tables the table formats share: every field held somewhere, or said to be lost."""

from __future__ import annotations

import attrs
import pytest

import rareearth as ree
from rareearth._records import COLLECTIONS, Phase
from rareearth._relational import LOSSES, Relation, relations


@pytest.fixture(scope="module")
def tables() -> dict[str, Relation]:
    return {r.name: r for r in relations(ree.dataset()._index)}  # noqa: SLF001 - the index is the input


def _held(names: tuple[str, ...], field: str) -> bool:
    return any(n == field or n.startswith(f"{field}_") for n in names)


class TestRelations:
    def test_tables_in_order(self, tables: dict[str, Relation]) -> None:
        """A table per collection, phases after facilities, then milestones, citations, notes."""
        assert list(tables) == [
            *("sources", "entities", "places", "facilities", "phases", "relationships"),
            *("events", "figures", "claims", "rates", "milestones", "citations", "notes"),
        ]

    def test_every_field_is_held_or_said_lost(self, tables: dict[str, Relation]) -> None:
        """Each field of each record type is a column, a table, or a loss every report lists."""
        lost = {loss.field for loss in LOSSES}
        elsewhere = {"cites": "citations", "notes": "notes", "phases": "phases"}
        for name, collection in COLLECTIONS.items():
            columns = tuple(c.name for c in tables[name].columns)
            for field in attrs.fields(collection.type):
                held = _held(columns, field.name) or field.name in elsewhere
                assert held or f"{name}.{field.name}" in lost, f"{name}.{field.name}"
        phases = tuple(c.name for c in tables["phases"].columns)
        renamed = {"id": "phase", "name": "phase_name", "capacity": "capacity"}
        for field in attrs.fields(Phase):
            held = _held(phases, renamed.get(field.name, field.name))
            assert held or field.name in {"cites", "notes", "milestones"}, field.name
        assert "milestones" in tables

    def test_keys_are_unique(self, tables: dict[str, Relation]) -> None:
        """No two rows of a table share their primary key."""
        for table in tables.values():
            at = [[c.name for c in table.columns].index(k) for k in table.key]
            keys = [tuple(row[i] for i in at) for row in table.rows]
            assert len(keys) == len(set(keys)), table.name

    def test_foreign_keys_find_their_rows(self, tables: dict[str, Relation]) -> None:
        """Every value of a foreign key is a key of the table it refers to."""
        for table in tables.values():
            names = [c.name for c in table.columns]
            for fk in table.foreign_keys:
                target = tables[fk.table]
                column = [c.name for c in target.columns].index(fk.target)
                keys = {row[column] for row in target.rows}
                values = {row[names.index(fk.column)] for row in table.rows} - {None}
                assert values <= keys, (table.name, fk.column, values - keys)


class TestCitationsAndNotes:
    def test_every_citation_once(self, tables: dict[str, Relation]) -> None:
        """The citations table holds each citation of each record, phases and milestones too."""
        rows = tables["citations"].rows
        assert rows[1][:4] == ("jl-mag", "entities", "cites[1]", "003_9594616c843f5455")
        assert rows[1][4].startswith("JL MAG Rare-Earth Co. Ltd. (300748.SZ) is a major")
        fields = {(r[0], r[2]) for r in rows}
        assert ("jl-mag-baotou-base", "phases[1].milestones[0].cites[0]") in fields
        assert len(rows) == len(fields)

    def test_notes_include_how_dates_were_read(self, tables: dict[str, Relation]) -> None:
        """A date resolved from context keeps its note, at its path."""
        notes = {(r[0], r[2]): r[3] for r in tables["notes"].rows}
        note = notes[("003_9594616c843f5455", "published.note")]
        assert "its own timeline dates Wednesday, June 11, 2025" in note

    def test_milestones_keep_the_history(self, tables: dict[str, Relation]) -> None:
        """Each milestone of a phase is a row, with its date's wording and bounds."""
        rows = {(r[0], r[2]): r for r in tables["milestones"].rows}
        row = rows[("jl-mag-baotou-phase-iii", 0)]
        assert row[3:6] == (
            "under-construction",
            "by July 10 (between 2025 and July 10, 2025)",
            ree.parse_date("2025-01-01").earliest,
        )
