"""Lookups: entities by any name, strict and lenient forms, fuzzy search."""

from __future__ import annotations

import inspect
import itertools
import re
import threading
import typing
from decimal import Decimal

import pytest

import rareearth as ree


class TestEntity:
    @pytest.mark.parametrize(
        "key",
        [
            "jl-mag",
            "JL MAG",
            "jl mag",
            "JL MAG Rare-Earth Co. Ltd.",
            "JL MAG Rare-Earth",
            "Jingling Magnetics",
            "300748.SZ",
            "300748",
        ],
    )
    def test_any_key_finds_jl_mag(self, key: str) -> None:
        """Id, name, legal name with or without suffix, other name and ticker all work."""
        assert ree.company(key).id == "jl-mag"

    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            ("North Rare Earth", "china-northern-rare-earth"),
            ("600111.SH", "china-northern-rare-earth"),
            ("Northern Zhaobao Magnets (Inner Mongolia) Co., Ltd.", "northern-zhaobao"),
            ("SASAC", "china-sasac"),
            ("Beijing", "china-government"),
        ],
    )
    def test_other_entities(self, key: str, expected: str) -> None:
        """Aliases and metonyms of the sources resolve."""
        assert ree.entity(key).id == expected

    def test_unknown_suggests(self) -> None:
        """An unknown key raises a LookupError that suggests close names."""
        with pytest.raises(LookupError) as info:
            ree.company("Northern Zhaobau")
        error = info.value
        assert isinstance(error, ree.UnknownEntityError)
        assert error.suggestions[0] == "Northern Zhaobao Magnets"
        assert "did you mean 'Northern Zhaobao Magnets'" in str(error)

    def test_unknown_without_suggestions(self) -> None:
        """A key like nothing at all suggests nothing."""
        with pytest.raises(ree.UnknownEntityError) as info:
            ree.company("qqqqqq")
        assert info.value.suggestions == ()
        assert str(info.value) == "no entity matches 'qqqqqq'"

    def test_ambiguous(self) -> None:
        """A key naming two entities asks for an id."""
        docs = ree.Dataset.from_documents(
            [
                (
                    "x.json",
                    """{"sources": [{"id": "s", "title": "t", "publisher": "a", "about": "a"}],
                    "entities": [
                    {"id": "a", "name": "Acme", "kind": "company", "summary": "s",
                     "cites": [{"source": "s", "quote": "q"}]},
                    {"id": "b", "name": "ACME", "kind": "company", "summary": "s",
                     "cites": [{"source": "s", "quote": "q"}]}]}""",
                )
            ]
        )
        with pytest.raises(ree.AmbiguousKeyError, match="'a', 'b'"):
            docs.entity("acme")


class TestGet:
    def test_default(self) -> None:
        """get_company returns the default when nothing matches."""
        assert ree.get_company("no such maker") is None
        assert ree.get_company("BYD") == ree.company("byd")

    def test_get_with_default(self, ds: ree.Dataset) -> None:
        """The default given is returned as is."""
        sentinel = object()
        assert ds.get_entity("no such maker", sentinel) is sentinel


class TestSearch:
    def test_ranked(self) -> None:
        """Exact names rank first, then prefixes, then substrings."""
        hits = ree.search("Northern")
        assert [h.entity.id for h in hits][:3] == [
            "china-northern-rare-earth",  # its alias "Northern Rare Earth"
            "northern-magnet",
            "northern-zhaobao",
        ]
        assert hits[0].score == 0.9
        assert all(a.score >= b.score for a, b in itertools.pairwise(hits))

    def test_typo(self) -> None:
        """A misspelt name still finds its entity."""
        assert ree.search("Toyoda")[0].entity.id == "toyota"

    def test_empty(self) -> None:
        """Punctuation alone finds nothing."""
        assert ree.search("--") == ()

    def test_limit(self) -> None:
        """limit caps the number of hits."""
        assert len(ree.search("a", limit=2)) <= 2


class TestRecords:
    def test_source_by_prefix(self) -> None:
        """A source is found by id or by its three-digit prefix."""
        assert ree.source("003").id == "003_9594616c843f5455"
        assert ree.source("003_9594616c843f5455").publisher == "caixin-global"
        with pytest.raises(ree.UnknownRecordError, match="no source has the id '009'"):
            ree.source("009")

    def test_facility_suggests(self) -> None:
        """An unknown facility id suggests close ids."""
        with pytest.raises(ree.UnknownRecordError, match="jl-mag-baotou-base") as caught:
            ree.facility("jl-mag-baotou")
        assert (caught.value.kind, caught.value.key) == ("facility", "jl-mag-baotou")
        assert caught.value.suggestions[0] == "jl-mag-baotou-base"

    def test_place_suggests(self) -> None:
        """A misspelt place suggests the name it resembles."""
        with pytest.raises(ree.UnknownRecordError, match="did you mean 'Baotou'"):
            ree.place("baotu")

    def test_place(self) -> None:
        """Places by id, name or alias."""
        assert ree.place("U.S.").id == "united-states"
        assert ree.place("ganzhou").parent == "jiangxi"
        with pytest.raises(ree.UnknownRecordError):
            ree.place("Atlantis")

    def test_relations(self) -> None:
        """JL MAG's customers are Tesla, Toyota, Siemens Gamesa and BYD."""
        customers = [r.party for r in ree.relations("JL MAG", kind=ree.RelationKind.CUSTOMER)]
        assert customers == ["tesla", "toyota", "siemens-gamesa", "byd"]

    def test_jl_mag_stakes(self, ds: ree.Dataset) -> None:
        """JL MAG's state-linked stakes are ≈ 9.4% and 9.3%, as printed."""
        shares = [
            (r.share.number, r.share.qualifier, r.state_linked)
            for r in ds.relations("JL MAG", kind="stake")
            if r.share is not None
        ]
        approx = ree.Qualifier.APPROXIMATELY
        assert shares == [
            (Decimal("9.4"), approx, True),
            (Decimal("9.3"), ree.Qualifier.EXACT, True),
        ]

    def test_events_sorted(self, ds: ree.Dataset) -> None:
        """Events come sorted chronologically: Ningbo Zhaobao's founding, then JL MAG's."""
        assert [e.id for e in ds.events[:2]] == [
            "ningbo-zhaobao-founded",
            "jl-mag-founded",
        ]
        keys = [e.date.sort_key for e in ds.events]
        assert keys == sorted(keys)


class TestDataset:
    def test_loaded_once_across_threads(self) -> None:
        """dataset() from many threads returns one object."""
        seen: list[ree.Dataset] = []
        threads = [threading.Thread(target=lambda: seen.append(ree.dataset())) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len({id(d) for d in seen}) == 1

    def test_repr(self, ds: ree.Dataset) -> None:
        """The repr counts what is inside."""
        assert repr(ds).startswith("<Dataset: 5 sources, ")

    def test_record_unknown(self, ds: ree.Dataset) -> None:
        """record() raises UnknownRecordError for an unknown id."""
        with pytest.raises(ree.UnknownRecordError):
            ds.record("nothing-here")


def _plain(signature: inspect.Signature) -> str:
    """A signature as text, with the private aliases __init__ imports under (``_dt``) undone."""
    return re.sub(r"(?<![\w.])_(?=[A-Za-z])", "", str(signature))


def _module_functions() -> list[str]:
    """The module functions that are questions to the shipped data set."""
    return [
        name
        for name in ree.__all__
        if inspect.isfunction(getattr(ree, name)) and getattr(ree, name).__module__ == "rareearth"
    ]


class TestModuleFunctions:
    def test_each_is_a_method(self) -> None:
        """Every module function is a Dataset method of the same name (no other question)."""
        assert _module_functions()
        assert [n for n in _module_functions() if not hasattr(ree.Dataset, n)] == []

    @pytest.mark.parametrize("name", _module_functions())
    def test_same_signature(self, name: str) -> None:
        """A module function takes what its method takes, with the same defaults and types."""
        method = _plain(inspect.signature(getattr(ree.Dataset, name)))
        assert _plain(inspect.signature(getattr(ree, name))) == method.replace("(self, ", "(", 1)

    @pytest.mark.parametrize("name", _module_functions())
    def test_same_overloads(self, name: str) -> None:
        """Overloaded questions (total_capacity) have the same overloads in both places."""
        functions = [_plain(inspect.signature(f)) for f in typing.get_overloads(getattr(ree, name))]
        methods = [
            _plain(inspect.signature(f)).replace("(self, ", "(", 1)
            for f in typing.get_overloads(getattr(ree.Dataset, name))
        ]
        assert functions == methods
