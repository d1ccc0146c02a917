"""The records and the one registry of collections the loader, writer and data set share."""

from __future__ import annotations

from importlib import resources

import attrs
import pytest

import rareearth as ree
from rareearth._records import COLLECTIONS, walk
from rareearth._tables import layout_for


class TestCollections:
    def test_files_are_the_shipped_files(self) -> None:
        """Each collection has its shipped file, and the package ships no other fact file."""
        shipped = {p.name for p in (resources.files("rareearth") / "data").iterdir()}
        assert {c.file for c in COLLECTIONS.values()} == shipped

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
