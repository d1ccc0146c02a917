"""Finding entities by the names people type: folded keys, legal suffixes, fuzzy search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rareearth as ree
from factories import cite
from rareearth._search import EntityKeys
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

    def test_not_a_string(self) -> None:
        """A key that is not a string names no entity: a lookup error, a default for get."""
        with pytest.raises(ree.UnknownEntityError, match="no entity matches '5'"):
            ree.entity(5)  # type: ignore[arg-type]
        assert ree.get_entity(5, None) is None  # type: ignore[call-overload]

    def test_an_entity_is_its_own_key(self, ds: ree.Dataset) -> None:
        """An entity passed where a key is expected is taken as itself."""
        jl = ds.entity("JL MAG")
        assert ds.entity(jl) is jl  # type: ignore[arg-type]
