"""Finding entities by the names people type: folded keys, and fuzzy search."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final, cast

import attrs

from rareearth._errors import AmbiguousKeyError, UnknownEntityError
from rareearth._records import Entity
from rareearth._tables import Layout, col, register_layout
from rareearth._text import normalize_key

__all__ = [
    "KEY_MARGIN",
    "EntityKeys",
    "SearchHit",
    "close_matches",
    "search",
    "too_long",
]

#: A key may be this many characters longer than the longest stored name and
#: still match it: room for the spaces and punctuation that folding drops. A
#: longer key matches nothing and is neither folded nor compared, so that a
#: megabyte typed by mistake costs next to nothing.
KEY_MARGIN: Final = 100


def too_long(key: str, longest: int) -> bool:
    """Whether ``key`` is too long to name anything whose names are at most ``longest`` long.

    >>> too_long("JL  MAG  Rare-Earth", 27), too_long("x" * 1_000_000, 27)
    (False, True)
    """
    return len(key) > longest + KEY_MARGIN


def close_matches(key: str, candidates: Sequence[str], n: int = 3) -> list[str]:
    """The candidates most like ``key``, best first, as `difflib` finds them.

    A key over 7/3 times as long as every candidate is like none of them
    (difflib's cut-off, a ratio of 0.6, needs that much in common), so it
    is not compared: the answer is the same, without the cost of a long key.

    >>> close_matches("Baotuo", ["Baotou", "Ganzhou"]), close_matches("x" * 10**6, ["Baotou"])
    (['Baotou'], [])
    """
    if 3 * len(key) > 7 * max(map(len, candidates), default=0):
        return []
    import difflib  # noqa: PLC0415 - only when a key is not found

    return difflib.get_close_matches(key, candidates, n=n)


_SUFFIXES = ("company", "co", "ltd", "limited", "inc", "corporation", "corp", "group", "plc", "llc")


def loose(key: str) -> str:
    """A folded key without its trailing legal suffixes ("coltd").

    >>> loose(normalize_key("JL MAG Rare-Earth Co., Ltd."))
    'jlmagrareearth'
    """
    # No suffix ends another, so stripping them one by one from the end
    # finds the whole run.
    stripped = key
    while stripped.endswith(_SUFFIXES):
        stripped = next(stripped[: -len(s)] for s in _SUFFIXES if stripped.endswith(s))
    return stripped or key


class EntityKeys:
    """Every key an entity answers to (id, names, tickers), folded, to its id.

    A key that several entities share maps to a tuple of their ids.
    """

    __slots__ = ("_keys", "_leading", "_loose", "longest")

    def __init__(self, entities: Iterable[Entity]) -> None:
        # Ids that share a key are gathered in dicts (sets that keep their
        # order), made tuples once at the end: growing a tuple by one for each
        # of n entities that share a leading word ("JL MAG 1", "JL MAG 2"...)
        # would cost n squared.
        keys: dict[str, _Ids] = {}
        loose_keys: dict[str, _Ids] = {}
        # The leading words of names: "Ningbo Souwest Magnetech" for
        # "Ningbo Souwest Magnetech Development".
        leading_keys: dict[str, _Ids] = {}
        #: The length of the longest key, as written (see `too_long`).
        self.longest = 0
        for entity in entities:
            for name in (entity.id, *entity.names, *_ticker_keys(entity)):
                self.longest = max(self.longest, len(name))
                key = normalize_key(name)
                _index_key(keys, key, entity.id)
                _index_key(loose_keys, loose(key), entity.id)
            for name in entity.names:
                words = name.split()
                for n in range(1, len(words)):
                    leading = normalize_key(" ".join(words[:n]))
                    if leading:
                        _index_key(leading_keys, leading, entity.id)
        self._keys = _frozen(keys)
        self._loose = _frozen(loose_keys)
        self._leading = _frozen(leading_keys)

    def find(self, key: str) -> str | None:
        """The id of the one entity ``key`` names; ``None`` when none does.

        Raises:
            AmbiguousKeyError: Several entities answer to the key.
            UnknownEntityError: The key is not a string.
        """
        if not isinstance(key, str):
            raise UnknownEntityError(repr(key))
        if too_long(key, self.longest):
            return None
        norm = normalize_key(key)
        found = self._keys.get(norm)
        if found is None:
            found = self._loose.get(loose(norm))
        if found is None:
            # The leading words of exactly one entity's name; of several, of none.
            leading = self._leading.get(norm)
            return leading if isinstance(leading, str) else None
        if isinstance(found, str):
            return found
        raise AmbiguousKeyError(key, sorted(found))


_Ids = str | dict[str, None]  # one id, or several in the order met


def _frozen(table: dict[str, _Ids]) -> dict[str, str | tuple[str, ...]]:
    """``table`` with each set of ids made a tuple, in place: no second table at once."""
    frozen = cast("dict[str, str | tuple[str, ...]]", table)
    for key, ids in table.items():
        if not isinstance(ids, str):
            frozen[key] = tuple(ids)
    return frozen


def _index_key(table: dict[str, _Ids], key: str, entity_id: str) -> None:
    found = table.get(key)
    if found is None:
        table[key] = entity_id
    elif isinstance(found, str):
        if found != entity_id:
            table[key] = {found: None, entity_id: None}
    else:
        found[entity_id] = None


def _ticker_keys(entity: Entity) -> Iterable[str]:
    for ticker in entity.tickers:
        yield str(ticker)
        yield ticker.symbol


@attrs.frozen
class SearchHit:
    """One result of a fuzzy search.

    Attributes:
        entity: The entity found.
        score: How well it matched, from 0 to 1.
        matched: The name of the entity that matched best.
    """

    entity: Entity
    score: float
    matched: str


def search(entities: Sequence[Entity], text: str, *, limit: int = 10) -> list[SearchHit]:
    """Entities whose names resemble ``text``, best first; see `Dataset.search`."""
    if not isinstance(text, str):
        raise UnknownEntityError(repr(text))
    if too_long(text, max((len(n) for e in entities for n in e.names), default=0)):
        return []  # it cannot be in a name, nor like one
    norm = normalize_key(text)
    if not norm:
        return []
    hits: list[SearchHit] = []
    for entity in entities:
        best = max(((_score(norm, normalize_key(n)), n) for n in entity.names), key=lambda p: p[0])
        if best[0] >= 0.6:
            hits.append(SearchHit(entity, round(best[0], 3), best[1]))
    hits.sort(key=lambda h: (-h.score, h.entity.name))
    return hits[: max(limit, 0)]


def _score(query: str, name: str) -> float:
    if query == name:
        return 1.0
    if name.startswith(query):
        return 0.9
    if query in name:
        return 0.8
    if 2 * min(len(query), len(name)) < 0.6 * (len(query) + len(name)):
        return 0.0  # the ratio cannot reach 0.6 (what a hit needs): no need to compute it
    import difflib  # noqa: PLC0415 - only when searching

    return difflib.SequenceMatcher(None, query, name).ratio()


def _hit_layout() -> Layout:
    return Layout(
        "matches",
        (
            *col("id", "str", lambda h: h.entity.id),
            *col("name", "str", lambda h: h.entity.name),
            *col("matched", "str", lambda h: h.matched),
            *col("score", "number", lambda h: _decimal_score(h.score)),
        ),
        (
            ("score", lambda h: f"{h.score:.2f}"),
            ("id", lambda h: h.entity.id),
            ("name", lambda h: h.entity.name),
            ("matched", lambda h: h.matched),
        ),
    )


def _decimal_score(score: float) -> Decimal:
    return Decimal(str(score))


register_layout(SearchHit, _hit_layout)
