"""Finding entities by the names people type: folded keys, legal suffixes, fuzzy search."""

from __future__ import annotations

import difflib
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rareearth as ree
from factories import cite
from rareearth._search import KEY_MARGIN, EntityKeys, close_matches
from rareearth._search import loose as _loose
from rareearth._text import _PUNCT

#: What `_loose` strips, as a pattern: the oracle it is checked against.
_LEGAL_SUFFIX = re.compile(r"(?:co(?:mpany)?|ltd|limited|inc|corp(?:oration)?|group|plc|llc)+$")


_CITE = ree.Citation("my-notes", "q")


def _twins(n: int) -> list[ree.Entity]:
    return [
        ree.Entity(
            f"twin-{i}",
            "Twin Magnets",
            ree.EntityKind.COMPANY,
            "A twin.",
            (ree.Citation("s", "q"),),
        )
        for i in range(1, n + 1)
    ]


class TestKeyIndex:
    @given(st.text(max_size=40))
    def test_loose_same_as_the_pattern(self, text: str) -> None:
        """Stripping legal suffixes from the end gives what the pattern would."""
        key = ree.normalize_key(text + " co ltd" if len(text) % 2 else text)
        assert _loose(key) == (_LEGAL_SUFFIX.sub("", key) or key)

    @given(st.text(max_size=40))
    def test_normalize_same_as_the_pattern(self, text: str) -> None:
        """The quick ASCII path folds keys as the pattern does, and so does the other."""
        assert ree.normalize_key(text) == _PUNCT.sub("", text.casefold())

    def test_shared_key_is_ambiguous(self, tmp_path: Path) -> None:
        """Two entities with one name make that name ambiguous; their ids still resolve."""
        twins = [
            {"id": f"twin-{i}", "name": "Twin Magnets", "kind": "company",
             "summary": "A twin.", "cites": [cite()]}
            for i in (1, 2)
        ]  # fmt: skip
        path = tmp_path / "twins.json"
        path.write_text(json.dumps({"entities": twins}), encoding="utf-8")
        ds = ree.Dataset.load(path)
        with pytest.raises(ree.AmbiguousKeyError, match=re.escape("'twin-1', 'twin-2'")):
            ds.entity("Twin Magnets")
        assert ds.entity("twin-2").id == "twin-2"

    def test_three_share_a_key(self) -> None:
        """A name three entities share names all three, once each, in the order met."""
        keys = EntityKeys([*_twins(3), _twins(1)[0]])
        with pytest.raises(ree.AmbiguousKeyError, match=re.escape("'twin-1', 'twin-2', 'twin-3'")):
            keys.find("twin magnets")
        assert keys.find("twin-3") == "twin-3"

    def test_many_share_a_key(self) -> None:
        """A name a thousand entities share names each once; their shared first word, none."""
        twins = _twins(1000)
        keys = EntityKeys([*twins, twins[0]])
        with pytest.raises(ree.AmbiguousKeyError) as info:
            keys.find("Twin Magnets")
        assert info.value.candidates == tuple(sorted(f"twin-{i}" for i in range(1, 1001)))
        assert keys.find("Twin") is None  # the leading word of several names
        assert keys.find("twin-734") == "twin-734"

    def test_not_a_string(self) -> None:
        """A key that is not a string names no entity: a lookup error, a default for get."""
        with pytest.raises(ree.UnknownEntityError, match="no entity matches '5'"):
            ree.entity(5)  # type: ignore[arg-type]
        assert ree.get_entity(5, None) is None  # type: ignore[call-overload]

    def test_an_entity_is_its_own_key(self, ds: ree.Dataset) -> None:
        """An entity passed where a key is expected is taken as itself."""
        jl = ds.entity("JL MAG")
        assert ds.entity(jl) is jl  # type: ignore[arg-type]


_MEGABYTE_KEYS = pytest.mark.parametrize(
    "key",
    ["x" * 1_000_000, "北" * 1_000_000, "-" * 999_994 + "Baotou"],
    ids=["ascii", "cjk", "dash"],
)

#: Every lookup that takes a name a user types, with a 1 MB key.
_LOOKUPS: dict[str, Callable[[ree.Dataset, str], object]] = {
    "entity": lambda ds, key: ds.entity(key),
    "place": lambda ds, key: ds.place(key),
    "site": lambda ds, key: ds.total_capacity(site=key),
    "region": lambda ds, key: ds.total_capacity(region=key),
    "geography": lambda ds, key: ds.figures(geography=key),
    "timeline entity": lambda ds, key: ds.timeline(entity=key),
    "state share": lambda ds, key: ds.state_share(key),
    "facility": lambda ds, key: ds.facility(key),
    "currency": lambda _, key: ree.Money(1, key),
}


class TestLeadingWords:
    def test_leading_words_of_one_name(self, ds: ree.Dataset) -> None:
        """ "Ningbo Souwest Magnetech" finds Ningbo Souwest Magnetech Development."""
        assert ds.entity("Ningbo Souwest Magnetech").id == "ningbo-souwest"
        assert ds.entity("ningbo  souwest").id == "ningbo-souwest"

    def test_leading_words_of_several_names(self, ds: ree.Dataset) -> None:
        """ "Ningbo" begins two names: no answer, and both are suggested."""
        with pytest.raises(ree.UnknownEntityError) as caught:
            ds.entity("Ningbo")
        assert caught.value.suggestions == (
            "Ningbo Souwest Magnetech Development",
            "Ningbo Zhaobao Magnet",
        )

    def test_a_whole_name_first(self, ds: ree.Dataset) -> None:
        """A name that is also the start of a longer one is that entity, not ambiguous."""
        assert ds.entity("JL MAG").id == "jl-mag"  # not "JL MAG (Baotou) Technology"


class TestLongKeys:
    @_MEGABYTE_KEYS
    @pytest.mark.parametrize("lookup", list(_LOOKUPS))
    def test_megabyte_key_refused_at_once(self, ds: ree.Dataset, key: str, lookup: str) -> None:
        """A 1 MB key is refused in well under 0.05 s, quoted short with its length."""
        started = time.perf_counter()
        with pytest.raises(ree.RareEarthError) as caught:
            _LOOKUPS[lookup](ds, key)
        assert time.perf_counter() - started < 0.05
        message = str(caught.value)
        assert len(message) < 300
        assert "… (1,000,000 characters)" in message

    @_MEGABYTE_KEYS
    def test_megabyte_search_finds_nothing_at_once(self, ds: ree.Dataset, key: str) -> None:
        """A 1 MB search text resembles no name, and says so in well under 0.05 s."""
        started = time.perf_counter()
        assert list(ds.search(key)) == []
        assert time.perf_counter() - started < 0.05

    def test_spaces_around_a_key_still_match(self, ds: ree.Dataset) -> None:
        """A key padded with spaces and punctuation, within `KEY_MARGIN`, still matches."""
        pad = " " * (KEY_MARGIN // 2)
        assert ds.place(f"{pad}Baotou{pad}").id == "baotou"
        assert ds.entity(f"{pad}JL MAG!{pad}").id == "jl-mag"
        assert ds.search(f"{pad}zhaobao").to_dicts()[0]["id"] == "ningbo-zhaobao"

    @given(key=st.text(max_size=40), names=st.lists(st.text(max_size=12), max_size=4))
    def test_close_matches_as_difflib(self, key: str, names: list[str]) -> None:
        """Skipping long keys changes no suggestion: the answer is difflib's."""
        assert close_matches(key, names) == difflib.get_close_matches(key, names, n=3)
