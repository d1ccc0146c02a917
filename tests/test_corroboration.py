"""How well a record is backed: citations, sources, and independent origins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rareearth as ree
from rareearth import _index


class TestShipped:
    def test_two_sources_of_one_publisher_count_once(self, ds: ree.Dataset) -> None:
        """The DoD deal is cited from 000 and 004, both Rare Earth Exchanges: one origin."""
        backing = ds.corroboration("mp-materials-dod-deal")
        assert (backing.citations, backing.sources) == (
            2,
            ("000_75a9973f81fad0cb", "004_f52c7b396b0b7d1a"),
        )
        assert backing.origins == (("000_75a9973f81fad0cb", "004_f52c7b396b0b7d1a"),)
        assert backing.independent == 1
        assert backing.reasons == ("000 and 004: both published by Rare Earth Exchanges",)

    def test_every_link_is_said(self, ds: ree.Dataset) -> None:
        """000 and 001 share a publisher and both report Asian Metal: both reasons are given."""
        backing = ds.corroboration("asian-metal")
        assert backing.reasons == (
            "000 and 001: both published by Rare Earth Exchanges",
            "000 and 001: both report Asian Metal",
        )
        assert str(backing).splitlines()[0] == (
            "asian-metal: 2 citations from 2 sources, 1 independent origin"
        )

    def test_two_publishers_are_two_origins(self, ds: ree.Dataset) -> None:
        """JL MAG is cited from 000 (Rare Earth Exchanges) and 003 (Caixin): two origins."""
        backing = ds.corroboration("jl-mag")
        assert backing.independent == 2
        assert backing.reasons == ()

    def test_parts_counted(self, ds: ree.Dataset) -> None:
        """A facility's citations include its phases' and milestones'; a phase has its own."""
        base = ds.corroboration("jl-mag-baotou-base")
        phase = ds.corroboration("jl-mag-baotou-phase-iii")
        facility = ds.facility("jl-mag-baotou-base")
        own = len(facility.cites)
        assert base.citations > own
        assert 0 < phase.citations < base.citations

    def test_unknown_record(self, ds: ree.Dataset) -> None:
        """An id no record or phase has, nor an entity's name, is an UnknownRecordError."""
        with pytest.raises(ree.UnknownRecordError, match="no record, phase or entity has the id"):
            ds.corroboration("no-such-record")

    def test_found_without_suggestions(
        self, ds: ree.Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A phase or entity is found without comparing its id with every id.

        The table exports ask this of every record and phase: suggestions,
        each a comparison with every id, made a 10,000-record export take minutes.
        """

        def unexpected(key: str, *_: object) -> list[str]:
            raise AssertionError(f"suggestions looked for, for {key!r}")

        monkeypatch.setattr(_index, "close_matches", unexpected)
        assert ds.corroboration("jl-mag-baotou-phase-iii").record == "jl-mag-baotou-phase-iii"
        assert ds.corroboration("JL MAG").record == "jl-mag"
        with pytest.raises(AssertionError, match="suggestions looked for"):
            ds.facility("jl-mag-baotou-phase-iii")  # a strict lookup still suggests

    def test_entity_by_name(self, ds: ree.Dataset) -> None:
        """An entity may be named as `entity` takes it: "JL MAG" is jl-mag."""
        assert ds.corroboration("JL MAG") == ds.corroboration("jl-mag")
        assert ds.corroboration("JL MAG").record == "jl-mag"


class TestUsersSources:
    def test_same_upstream_across_publishers_counts_once(self, tmp_path: Path) -> None:
        """A user's note reporting Asian Metal, beside 002 which does too: one origin."""
        facts = {
            "sources": [
                {
                    "id": "desk-note",
                    "title": "Desk note (invented for this test)",
                    "about": "What Asian Metal told our desk.",
                    "reports_from": ["asian-metal"],
                }
            ],
            "events": [
                {
                    "id": "desk-baotou-signing",
                    "title": "Three projects signed in Baotou",
                    "date": "2025",
                    "kind": "investment",
                    "cites": [
                        {"source": "002_d6347f7a471a7569", "quote": "Baotou"},
                        {"source": "desk-note", "quote": "Asian Metal says three projects"},
                    ],
                }
            ],
        }
        path = tmp_path / "desk.json"
        path.write_text(json.dumps(facts), encoding="utf-8")
        backing = ree.Dataset.load(path).corroboration("desk-baotou-signing")
        assert backing.sources == ("002_d6347f7a471a7569", "desk-note")
        assert backing.independent == 1
        assert backing.reasons == ("002 and desk-note: both report Asian Metal",)
