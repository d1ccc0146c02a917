"""Finding entities by the names people type: folded keys, and fuzzy search."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from rareearth._errors import AmbiguousKeyError, UnknownEntityError
from rareearth._records import Entity
from rareearth._tables import Layout, col, register_layout
from rareearth._text import normalize_key

__all__ = ["EntityKeys", "SearchHit", "search"]

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

    __slots__ = ("_keys", "_loose")

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._keys: dict[str, str | tuple[str, ...]] = {}
        self._loose: dict[str, str | tuple[str, ...]] = {}
        for entity in entities:
            for name in (entity.id, *entity.names, *_ticker_keys(entity)):
                key = normalize_key(name)
                _index_key(self._keys, key, entity.id)
                _index_key(self._loose, loose(key), entity.id)

    def find(self, key: str) -> str | None:
        """The id of the one entity ``key`` names; ``None`` when none does.

        Raises:
            AmbiguousKeyError: Several entities answer to the key.
            UnknownEntityError: The key is not a string.
        """
        if not isinstance(key, str):
            raise UnknownEntityError(repr(key))
        norm = normalize_key(key)
        found = self._keys.get(norm)
        if found is None:
            found = self._loose.get(loose(norm))
        if found is None or isinstance(found, str):
            return found
        raise AmbiguousKeyError(key, sorted(found))


def _index_key(table: dict[str, str | tuple[str, ...]], key: str, entity_id: str) -> None:
    found = table.get(key)
    if found is None:
        table[key] = entity_id
    elif isinstance(found, str):
        if found != entity_id:
            table[key] = (found, entity_id)
    elif entity_id not in found:
        table[key] = (*found, entity_id)


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
