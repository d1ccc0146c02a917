"""What changed between two fact sets: records added, removed and changed, field by field."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal

import attrs

from rareearth._codec import unstructure
from rareearth._index import Index
from rareearth._records import COLLECTIONS
from rareearth._tables import Layout, Table, Tabular, col, count, dumps, register_layout

__all__ = ["Change", "Diff", "diff"]

ChangeKind = Literal["added", "removed", "changed"]


@attrs.frozen
class Change:
    """One difference between two fact sets.

    Attributes:
        collection: The collection ("facilities").
        record: The id of the top-level record.
        kind: "added", "removed" (the whole record) or "changed" (one field).
        path: For a change, where in the record, as a path over its fact-file
            form: ``phases[id=jl-mag-baotou-phase-iii].capacity.value``. A
            list of records with ids is matched by id, others by position.
            Empty for a record added or removed.
        old: The value before, as a fact file writes it; ``None`` when added.
        new: The value after; ``None`` when removed.
    """

    collection: str
    record: str
    kind: ChangeKind
    path: str = ""
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        if self.kind != "changed":
            return f"{self.kind} {self.record}"
        return f"{self.record}.{self.path}: {_text(self.old)} → {_text(self.new)}"


@attrs.frozen
class Diff(Tabular):
    """What changed from one fact set to another, collection by collection.

    True when anything changed. ``str`` lists the changes; `to_json_data`
    groups them by collection for programs.

    Attributes:
        changes: Every change, collection by collection in the fact files'
            order, then by record id.
    """

    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def table(self) -> Table:
        """The changes as a table, one row each."""
        return layout_of_changes().build(self.changes, self.summary)

    @property
    def summary(self) -> str:
        """How many records were added, removed and changed, in one line."""
        if not self.changes:
            return "no change"
        added = sum(c.kind == "added" for c in self.changes)
        removed = sum(c.kind == "removed" for c in self.changes)
        changed = len({(c.collection, c.record) for c in self.changes if c.kind == "changed"})
        parts = [f"{added} added", f"{removed} removed", f"{changed} changed"]
        return f"{count(added + removed + changed, 'records')}: {', '.join(parts)}"

    def to_json_data(self) -> dict[str, Any]:
        """The changes grouped by collection, as JSON-ready data.

        ``{"equal": false, "collections": {"entities": {"added": [ids],
        "removed": [ids], "changed": {id: [{"path", "old", "new"}]}}}}``,
        with only the collections that changed.
        """
        grouped: dict[str, dict[str, Any]] = {}
        for change in self.changes:
            entry = grouped.setdefault(
                change.collection, {"added": [], "removed": [], "changed": {}}
            )
            if change.kind == "changed":
                fields = entry["changed"].setdefault(change.record, [])
                fields.append({"path": change.path, "old": change.old, "new": change.new})
            else:
                entry[change.kind].append(change.record)
        return {"equal": not self.changes, "collections": grouped}

    def __str__(self) -> str:
        lines = [self.summary]
        collection = None
        for change in self.changes:
            if change.collection != collection:
                collection = change.collection
                lines.append(f"{collection}:")
            lines.append(f"  {change}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Diff: {self.summary}>"


def diff(old: Index, new: Index) -> Diff:
    """The changes from ``old`` to ``new``, every collection compared record by record."""
    changes: list[Change] = []
    for name in COLLECTIONS:
        before = {r.id: r for r in getattr(old, name)}
        after = {r.id: r for r in getattr(new, name)}
        for key in sorted(before.keys() | after.keys()):
            if key not in after:
                changes.append(Change(name, key, "removed"))
            elif key not in before:
                changes.append(Change(name, key, "added"))
            elif before[key] != after[key]:
                fields = _fields(unstructure(before[key]), unstructure(after[key]), "")
                changes += [Change(name, key, "changed", p, a, b) for p, a, b in fields]
    return Diff(tuple(changes))


def _fields(old: Any, new: Any, path: str) -> Iterator[tuple[str, Any, Any]]:  # noqa: ANN401 - JSON
    """The paths where two JSON values differ, with the values there.

    Walked with a stack, not by recursion: fact files nest only a few levels,
    but the walk should not depend on that.
    """
    stack = [(path, old, new)]
    while stack:
        here, a, b = stack.pop()
        if a == b:
            continue
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            keys = sorted(a.keys() | b.keys(), reverse=True)
            stack += [(_join(here, k), a.get(k), b.get(k)) for k in keys]
        elif isinstance(a, list) and isinstance(b, list):
            stack += reversed(list(_items(here, a, b)))
        else:
            yield here, a, b


def _items(path: str, old: list[Any], new: list[Any]) -> Iterator[tuple[str, Any, Any]]:
    """Pair the items of two lists: records with ids by id, anything else by position."""
    before, after = _by_id(old), _by_id(new)
    if before is not None and after is not None:
        for key in [*before, *(k for k in after if k not in before)]:
            yield f"{path}[id={key}]", before.get(key), after.get(key)
        return
    for i in range(max(len(old), len(new))):
        yield (
            f"{path}[{i}]",
            old[i] if i < len(old) else None,
            new[i] if i < len(new) else None,
        )


def _by_id(items: list[Any]) -> dict[str, Any] | None:
    keyed = {item["id"]: item for item in items if isinstance(item, dict) and "id" in item}
    return keyed if len(keyed) == len(items) else None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _text(value: Any) -> str:  # noqa: ANN401 - JSON
    return "(none)" if value is None else dumps(value)


def layout_of_changes() -> Layout:
    """The table of changes: collection, record, kind, path, before and after."""
    return Layout(
        "changes",
        (
            *col("collection", "str", lambda c: c.collection),
            *col("record", "str", lambda c: c.record),
            *col("kind", "str", lambda c: c.kind),
            *col("path", "str", lambda c: c.path or None),
            *col("old", "str", lambda c: None if c.old is None else _text(c.old)),
            *col("new", "str", lambda c: None if c.new is None else _text(c.new)),
        ),
        (
            ("collection", lambda c: c.collection),
            ("record", lambda c: c.record),
            ("kind", lambda c: c.kind),
            ("path", lambda c: c.path),
            ("old", lambda c: "" if c.old is None else _text(c.old)),
            ("new", lambda c: "" if c.new is None else _text(c.new)),
        ),
    )


register_layout(Change, layout_of_changes)
