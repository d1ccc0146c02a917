"""The records and the one registry of collections the loader, writer and data set share."""

from __future__ import annotations

from importlib import resources

import attrs
import pytest

import rareearth as ree
from rareearth._facts import FINGERPRINT_FILE
from rareearth._records import COLLECTIONS, walk
from rareearth._tables import layout_for


class TestCollections:
    def test_files_are_the_shipped_files(self) -> None:
        """Each collection has its shipped file, and the package ships no other fact file.

        Beside them is only the fingerprint of the files as checked at release.
        """
        shipped = {p.name for p in (resources.files("rareearth") / "data").iterdir()}
        assert {c.file for c in COLLECTIONS.values()} | {FINGERPRINT_FILE} == shipped

    @pytest.mark.parametrize("name", list(COLLECTIONS))
    def test_each_collection_is_complete(self, name: str, ds: ree.Dataset) -> None:
        """A collection's records are of its type, frozen and slotted, with its own table."""
        collection = COLLECTIONS[name]
        records = ds.collection(name)
        assert records
        assert all(type(r) is collection.type for r in records)
        assert attrs.has(collection.type)
        assert "__slots__" in vars(collection.type)
        assert layout_for(collection.type).name == name
        assert collection.singular in {"source", "entity", "place", "facility", "relationship",
                                       "event", "figure", "claim", "rate"}  # fmt: skip

    def test_order_is_the_load_order(self) -> None:
        """Sources come first and rates last: references are read in this order."""
        names = list(COLLECTIONS)
        assert (names[0], names[-1]) == ("sources", "rates")


class TestWalk:
    def test_nested_citation_paths(self, ds: ree.Dataset) -> None:
        """Walking a facility reaches its phases' citations, with JSON paths."""
        paths = [here for here, *_ in walk(ds.facility("jl-mag-baotou-base"), "$")]
        assert "$.phases[1].cites[0].quote" in paths


class TestCapacityPart:
    def test_phase_rows(self, ds: ree.Dataset) -> None:
        """Each phase is a row with its facility and status: JL MAG's Phase III is building."""
        part = next(p for p in ds.phases if p.phase.id == "jl-mag-baotou-phase-iii")
        assert (part.facility.id, part.status) == (
            "jl-mag-baotou-base",
            ree.Status.UNDER_CONSTRUCTION,
        )
        assert str(part.value) == "20,000"


def _milestone(status: str, date: str | None = None, *, expected: bool = False) -> ree.Milestone:
    return ree.Milestone(
        ree.Status(status),
        (ree.Citation("my-notes", "q"),),
        None if date is None else ree.parse_date(date),
        expected=expected,
    )


class TestPhase:
    def _phase(self, *milestones: ree.Milestone) -> ree.Phase:
        return ree.Phase("p", "Phase I", "A phase.", (ree.Citation("my-notes", "q"),), milestones)

    def test_statuses_out_of_order(self) -> None:
        """Built in code as from a file: operating in 2020 cannot follow announced in 2025."""
        with pytest.raises(ValueError, match=r"^milestones\[1\]\.date: operating in 2020 comes"):
            self._phase(_milestone("announced", "2025"), _milestone("operating", "2020"))

    def test_order_among_many(self) -> None:
        """The latest earlier status counts: trial production in 2023 follows signed in 2024."""
        with pytest.raises(ValueError, match=r"before signed in 2024 \(milestones\[1\]\)"):
            self._phase(
                _milestone("announced", "2022"),
                _milestone("signed", "2024"),
                _milestone("operating", "2025"),
                _milestone("trial-production", "2023"),
            )

    def test_same_year_is_in_order(self) -> None:
        """Two statuses in one year may be in order; the furthest reached is the status."""
        phase = self._phase(_milestone("operating", "2025"), _milestone("announced", "2025-03"))
        assert phase.status is ree.Status.OPERATING


class TestNames:
    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("aliases", ("JL", "-"), r"^aliases\[1\]: '-' has no letter or digit"),
            ("name", "\u200d", r"^name: '\\u200d' shows nothing"),
            ("country", "XX", r"^country: 'XX' is not an ISO 3166 alpha-2 country code"),
        ],
    )
    def test_entity(self, field: str, value: object, message: str) -> None:
        """An entity built in code is checked as one read from a file."""
        fields: dict[str, object] = {
            "id": "acme",
            "name": "Acme",
            "kind": ree.EntityKind.COMPANY,
            "summary": "A firm.",
            "cites": (ree.Citation("my-notes", "q"),),
            field: value,
        }
        with pytest.raises(ValueError, match=message):
            ree.Entity(**fields)  # type: ignore[arg-type]
