"""Reading fact files: their limits, strict JSON, and the checks of the whole set.

A fact file is a JSON object whose keys are collections (``"entities"``,
``"facilities"``, ...), each a list of records. Reading is strict: numbers
are never read from strings, unknown keys are refused, every id is unique
across all files and every reference must resolve. Problems are gathered,
not stopped at, so one run reports them all; if there is any, nothing is
loaded and a `DataError` lists them.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import json
import os
import pathlib
import re
import stat
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Final, get_args, get_origin

import attrs
from cattrs.errors import BaseValidationError, ForbiddenExtraKeysError
from cattrs.v import transform_error

from rareearth._codec import (
    Duplicated,
    NotJSON,
    StrictTypeError,
    as_object,
    converter,
    forget_citations,
    twice,
    type_name,
)
from rareearth._errors import DataError, DateParseError, Problem
from rareearth._facts import (
    MAX_DEPTH,
    MAX_SIZE,
    SCHEMA_KEY,
    SHIPPED_PREFIX,
    Document,
    FactSet,
    Origins,
    shipped_documents,
    without_bom,
)
from rareearth._records import COLLECTIONS, REF, walk
from rareearth._values import Qualifier, Value, exact

__all__ = [
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "MAX_SIZE",
    "SHIPPED_PREFIX",
    "Document",
    "FactSet",
    "load_documents",
    "read_files",
    "shipped_documents",
]

#: How many problems a failed load keeps; past them, problems are only counted.
MAX_PROBLEMS: Final = 1000


class _Problems(list[Problem]):
    """The problems of a load: the first ``limit`` kept, the rest only counted.

    A file of a million broken records must not hold a million messages.
    """

    __slots__ = ("limit", "more", "unchecked")

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.more = 0
        self.unchecked = 0  # records not checked once the limit was reached

    @property
    def full(self) -> bool:
        """Whether no more problems are kept."""
        return len(self) >= self.limit

    def append(self, problem: Problem) -> None:
        if self.full:
            self.more += 1
        else:
            super().append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)


def files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | os.PathLike[str]]:
    """The files named, a folder standing for its ``*.json`` files in name order."""
    for path in paths:
        if os.path.isdir(path):  # noqa: PTH112 - str or PathLike
            yield from sorted(pathlib.Path(path).glob("*.json"))
        else:
            yield path


def read_files(paths: Iterable[str | os.PathLike[str]], *, max_size: int) -> list[Document]:
    """Read fact files (or folders of them) as UTF-8, refusing any over ``max_size`` bytes.

    Raises:
        DataError: A file cannot be read, or is too large; every such file is listed.
    """
    documents: list[Document] = []
    unread: list[Problem] = []
    for path in files(paths):
        name = os.fspath(path)
        try:
            text = _read(path, max_size)
        except _Unreadable as e:
            unread.append(Problem(name, "$", None, str(e)))
            continue
        documents.append(Document(name, text))  # named as the caller named it
    if unread:
        raise DataError(unread)
    return documents


class _Unreadable(Exception):  # noqa: N818 - a problem to report, not an error to raise
    """A file that is not read: not a regular file, too large, or not UTF-8."""


def _read(path: str | os.PathLike[str], max_size: int) -> str:
    """A regular file's text, read no further than ``max_size`` bytes.

    A device, a pipe or a folder is refused before it is opened: its size
    says nothing of what reading it would return (``/dev/zero`` never ends).
    """
    try:
        status = os.stat(path)  # noqa: PTH116 - str or PathLike
        if not stat.S_ISREG(status.st_mode):
            raise _Unreadable("not a regular file: fact files are files of JSON text")
        size = status.st_size
        if size <= max_size:
            with open(path, "rb") as f:  # noqa: PTH123 - str or PathLike
                # What the size says and a byte more; a file that grew since is
                # read on, to the limit. (A read of the limit itself would
                # allocate a buffer of 256 MiB for every file, however small.)
                data = f.read(size + 1)
                if len(data) > size:
                    data += f.read(max_size + 1 - len(data))
            size = max(size, len(data))
        if size > max_size:
            message = f"the file has {size:,} bytes, over the limit of {max_size:,}"
            raise _Unreadable(f"{message} (raise it with max_size=)")
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise _Unreadable(f"cannot read the file: {e}") from None


# --- reading files ------------------------------------------------------------


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    duplicates: dict[str, None] = {}
    for key, _ in pairs:
        if key in seen:
            duplicates[key] = None
        seen.add(key)
    return Duplicated(pairs, list(duplicates))


# A string, or an unclosed one to the end of the text: possessive, so that a
# quote that never closes is scanned once, not again from every later quote.
_STRING = re.compile(r'"(?:[^"\\]++|\\.?)*+(?:"|\Z)', re.DOTALL)
_NOT_BRACKET = bytes(c for c in range(256) if c not in b"[]{}")  # what to delete
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_PIECE = 1 << 20  # characters encoded at a time


def nesting_depth(text: str, *, strings: bool = True) -> int:
    """How deeply ``text`` nests JSON lists and objects, without parsing it.

    With ``strings=False``, brackets inside strings count too: a quicker
    estimate, exact for files whose strings hold no brackets.

    >>> nesting_depth('{"a": [[1], "[[["]}'), nesting_depth('{"a": [[1], "[[["]}', strings=False)
    (3, 5)
    """
    if strings:
        text = _STRING.sub("", text)
    # The brackets alone, a piece of the text at a time: encoding and deleting
    # bytes is several times quicker than a pattern, and never copies the
    # whole text. (No byte of a character past ASCII is a bracket in UTF-8.)
    brackets = b"".join(
        text[start : start + _PIECE].encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKET)
        for start in range(0, len(text), _PIECE)
    )
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _check_limits(name: str, text: str, *, max_size: int, max_depth: int) -> None:
    """Refuse a text over ``max_size`` characters or nesting deeper than ``max_depth``."""
    if len(text) > max_size:
        message = f"the file has {len(text):,} characters, over the limit of {max_size:,}"
        raise DataError([Problem(name, "$", None, f"{message} (raise it with max_size=)")])
    # The quick estimate first; strings are set aside only when it is over.
    # (A file whose strings hide closing brackets may pass the estimate; the
    # JSON parser's own recursion limit then refuses it below.)
    depth = nesting_depth(text, strings=False)
    if depth > max_depth:
        depth = nesting_depth(text)
    if depth > max_depth:
        message = f"lists and objects nest {depth} deep, over the limit of {max_depth}"
        raise DataError([Problem(name, "$", None, f"{message} (raise it with max_depth=)")])


class _Numbers(dict[str, Decimal]):
    """A document's numbers by their text: numbers written alike are one `Decimal`.

    A `Decimal` takes 104 bytes, and a file's numbers repeat (100, 2025,
    20000); one written otherwise ("1E3", "1000.0") keeps its own form.
    """

    __slots__ = ()

    def __missing__(self, text: str) -> Decimal:
        number = self[text] = Decimal(text)
        return number


def _parse_json(name: str, text: str, *, max_depth: int) -> Any:
    """Parse one document; problems raise `DataError`.

    NaN, Infinity and repeated keys parse to markers, so that the checks
    that meet them can say where they are.
    """
    text = without_bom(text)
    if not text.strip():
        message = 'the file is empty; a fact file is a JSON object such as {"entities": [...]}'
        raise DataError([Problem(name, "$", None, message)])
    numbers = _Numbers()
    try:
        return json.loads(
            text,
            parse_float=numbers.__getitem__,
            parse_int=numbers.__getitem__,
            parse_constant=NotJSON,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as e:
        where = f"line {e.lineno} column {e.colno}"
        raise DataError([Problem(name, where, None, f"not valid JSON: {e.msg}")]) from None
    except RecursionError:
        message = f"lists and objects nest too deep to read, over the limit of {max_depth}"
        raise DataError([Problem(name, "$", None, message)]) from None


def _format(exc: BaseException, cl: type | None) -> str:
    match exc:
        case StrictTypeError() | DateParseError():
            return str(exc)
        case KeyError():
            return "required, but missing"
        case ForbiddenExtraKeysError():
            keys = ", ".join(map(repr, sorted(exc.extra_fields)))
            return f"unknown key{'s' if len(exc.extra_fields) > 1 else ''} {keys}"
        case ValueError() if isinstance(cl, enum.EnumMeta):
            members: list[enum.Enum] = list(cl)
            choices = ", ".join(repr(member.value) for member in members)
            return f"{exc}; expected one of {choices}"
        case ValueError() | TypeError():
            return str(exc)
    return f"{type(exc).__name__}: {exc}"  # pragma: no cover - defensive


def _record_problems(
    name: str, path: str, record_id: str | None, exc: Exception
) -> Iterator[Problem]:
    for line in transform_error(exc, path, format_exception=_format):
        message, _, where = line.rpartition(" @ ")
        # A check across fields names its field first ("share: ..."): point there.
        field = _FIELD_FIRST.match(message)
        if field is not None:
            where, message = f"{where}.{field[1]}", field[2]
        yield Problem(name, where, record_id, message)


# "country: ...", "aliases[2]: ...", "milestones[1].date: ...": what records' checks start with.
_FIELD_FIRST = re.compile(r"([a-z_]+(?:\[\d+\])*(?:\.[a-z_]+(?:\[\d+\])*)*): (.+)", re.DOTALL)
_Located = tuple[Any, str, int]  # a record, its file's name, its place in its collection


def _raw_ids(item: object) -> Iterator[str]:
    """Ids a record that failed to load would have defined (itself, its phases)."""
    if isinstance(item, dict):
        phases = item.get("phases")
        for candidate in (item, *(phases if isinstance(phases, list) else ())):
            if isinstance(candidate, dict) and isinstance(candidate.get("id"), str):
                yield candidate["id"]


#: What the checks raise about data; anything else is a fault of the code, not the file.
_DATA_FAULTS = (ValueError, TypeError, KeyError, ForbiddenExtraKeysError)


def _raise_faults(exc: BaseException) -> None:
    """Re-raise the first exception under ``exc`` that is not about the data."""
    if isinstance(exc, BaseValidationError):
        for inner in exc.exceptions:
            _raise_faults(inner)
    elif not isinstance(exc, _DATA_FAULTS):
        raise exc


def _structure_file(
    name: str,
    raw: Any,
    failed_ids: set[str],
    problems: _Problems,
    failed: list[_Failed] | None = None,
) -> dict[str, list[_Located]]:
    records: dict[str, list[_Located]] = {}
    try:
        raw = as_object(raw, "a fact file: a JSON object of collections")
    except StrictTypeError as e:
        problems.append(Problem(name, "$", None, str(e)))
        return records
    if isinstance(raw, Duplicated):  # reported, and the rest of the file still read
        problems.extend(Problem(name, f"$.{key}", None, twice(key)) for key in raw.duplicates)
    for key, items in raw.items():
        if key == SCHEMA_KEY and isinstance(items, str):
            continue  # an editor's pointer to the schema, not data
        if key not in COLLECTIONS:
            known = ", ".join(COLLECTIONS)
            problems.append(
                Problem(
                    name,
                    f"$.{key}",
                    None,
                    f"unknown collection {key!r}; known: {known}",
                )
            )
            continue
        if not isinstance(items, list):
            problems.append(
                Problem(
                    name,
                    f"$.{key}",
                    None,
                    f"expected a list of records, got {type_name(items)}",
                )
            )
            continue
        cl = COLLECTIONS[key].type
        structure = converter.get_structure_hook(cl)
        for index, item in enumerate(items):
            if problems.full:
                # Enough to start fixing: the rest are counted, not checked, so
                # that a file of a million broken records is refused at once.
                problems.unchecked += len(items) - index
                break
            try:
                record = structure(item, cl)
            except Exception as e:  # noqa: BLE001 - the data's faults become Problems
                _raise_faults(e)
                failed_ids.update(_raw_ids(item))
                _failed_record(e, (key, item, name, index), problems, failed)
                _drop_traces(e)
                continue
            finally:
                items[index] = None  # the parsed JSON is freed as the records are built
            records.setdefault(key, []).append((record, name, index))
    forget_citations()  # shared within a file, not kept after it
    return records


def _drop_traces(exc: BaseException) -> None:
    """Free an exception's frames at once.

    The converter's frames hold the list of the errors they raise, and the
    errors hold the frames: a cycle that only the garbage collector, paused
    during a load, would free. A file of a million broken records kept
    gigabytes so.
    """
    exc.__traceback__ = None
    for inner in getattr(exc, "exceptions", ()):
        _drop_traces(inner)
    for linked in (exc.__cause__, exc.__context__):
        if linked is not None and linked.__traceback__ is not None:
            _drop_traces(linked)


def _leaves(exc: BaseException) -> int:
    """How many problems an exception from the converter holds."""
    if isinstance(exc, BaseValidationError):
        return sum(_leaves(inner) for inner in exc.exceptions)
    return 1


def _ids_of(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def _singular(collection: str) -> str:
    if collection in COLLECTIONS:
        return COLLECTIONS[collection].singular
    return "phase" if collection == "phases" else "record"


def _collect_ids(
    merged: dict[str, list[_Located]], problems: list[Problem], failed: Sequence[_Failed] = ()
) -> dict[str, set[str]]:
    """Ids by collection (phases apart); duplicates anywhere become problems.

    The ids of records that failed to load are read from their JSON: a
    duplicate is reported even when the record has other problems too.
    """
    ids: dict[str, set[str]] = {key: set() for key in (*COLLECTIONS, "phases")}
    # Where each id was first met: (file, collection, index, phase index or -1).
    seen: dict[str, tuple[str, str, int, int]] = {}

    def path(key: str, index: int, phase: int) -> str:
        return f"$.{key}[{index}]" + (f".phases[{phase}]" if phase >= 0 else "")

    def claim(record_id: str, kind: str | None, where: tuple[str, str, int, int]) -> None:
        if record_id in seen:
            other_file, other_key, other_index, other_phase = seen[record_id]
            first = f"{other_file}: {path(other_key, other_index, other_phase)}"
            message = f"duplicate id {record_id!r}; first used at {first}"
            problems.append(Problem(where[0], f"{path(*where[1:])}.id", record_id, message))
        else:
            seen[record_id] = where
            if kind is not None:  # a failed record's id is no target for references
                ids[kind].add(record_id)

    for key, entries in merged.items():
        for record, name, index in entries:
            claim(record.id, key, (name, key, index, -1))
            for j, phase in enumerate(getattr(record, "phases", ())):
                claim(phase.id, "phases", (name, key, index, j))
    for key, item, name, index, _ in failed:
        for record_id, phase in _ids_in_json(item):
            claim(record_id, None, (name, key, index, phase))
    ids["*"] = set(seen)
    return ids


def _ids_in_json(item: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """A failed record's id and its phases' ids, with each phase's index (-1 for the record)."""
    if isinstance(item.get("id"), str):
        yield item["id"], -1
    phases = item.get("phases")
    for j, phase in enumerate(phases if isinstance(phases, list) else ()):
        if isinstance(phase, dict) and isinstance(phase.get("id"), str):
            yield phase["id"], j


#: How to find a record's references: (field, collection referred to, or the
#: plan of a nested record type to look into).
_Plan = tuple[tuple[str, str | None, "_Plan | None"], ...]
#: A record that failed to load, as JSON: collection, object, file, index, id.
_Failed = tuple[str, dict[str, Any], str, int, str | None]
_plans: dict[type, _Plan] = {}


def _failed_record(
    error: Exception,
    where: tuple[str, Any, str, int],
    problems: _Problems,
    failed: list[_Failed] | None,
) -> None:
    """Report a record that failed to load; keep its JSON for the check of its references."""
    key, item, name, index = where
    if problems.full:  # counted, not written: the messages cost the time
        problems.more += _leaves(error)
        return
    record_id = item.get("id") if isinstance(item, dict) else None
    record_id = record_id if isinstance(record_id, str) else None
    problems.extend(_record_problems(name, f"$.{key}[{index}]", record_id, error))
    if failed is not None and isinstance(item, dict):
        # Its references are checked too, from the JSON, in the same run.
        failed.append((key, item, name, index, record_id))


def _record_type(tp: Any) -> type | None:
    """The record class a field holds, alone, optional or in a tuple; else None."""
    args = [a for a in get_args(tp) if a is not type(None) and a is not Ellipsis]
    if get_origin(tp) in (tuple, typing.Union, types.UnionType) and len(args) == 1:
        tp = args[0]
    return tp if isinstance(tp, type) and attrs.has(tp) else None


def _plan(cl: type) -> _Plan:
    """Which fields of ``cl`` refer to ids, and which nested records may."""
    if cl not in _plans:
        steps: list[tuple[str, str | None, _Plan | None]] = []
        for field in attrs.fields(cl):
            target: str | None = field.metadata.get(REF)
            if target is not None:
                steps.append((field.name, target, None))
            elif (inner := _record_type(field.type)) is not None and (sub := _plan(inner)):
                steps.append((field.name, None, sub))
        _plans[cl] = tuple(steps)
    return _plans[cl]


def _resolves(obj: Any, plan: _Plan, ids: dict[str, set[str]], failed: set[str]) -> bool:
    """Whether every reference in ``obj`` names a known id: the quick check."""
    for name, target, sub in plan:
        value = getattr(obj, name)
        if value is None:
            continue
        if target is not None:
            known = ids[target]
            for ref in value if isinstance(value, tuple) else (value,):
                if ref not in known and ref not in failed:
                    return False
        elif sub is not None:
            for item in value if isinstance(value, tuple) else (value,):
                if not _resolves(item, sub, ids, failed):
                    return False
    return True


def _check_whole(
    merged: dict[str, list[_Located]],
    failed_ids: set[str],
    problems: _Problems,
    failed: Sequence[_Failed] = (),
) -> None:
    """Duplicate ids and dangling references across all files.

    References to records that failed to load are not reported again. The
    references of a record that failed (a field missing, say) are checked
    from its JSON, so that one run reports every problem of a file.
    """
    ids = _collect_ids(merged, problems, failed)
    _check_failed(failed, ids, failed_ids, problems)
    for key, entries in merged.items():
        plan = _plan(COLLECTIONS[key].type)
        for record, name, index in entries:
            if _resolves(record, plan, ids, failed_ids):
                continue
            # Only a record with a dangling reference is walked, to say where.
            for here, _owner, field, value in walk(record, f"$.{key}[{index}]"):
                target: str | None = field.metadata.get(REF)
                if target is None:
                    continue
                for ref in _ids_of(value):
                    if ref not in ids[target] and ref not in failed_ids:
                        message = _dangling(target, ref, ids)
                        problems.append(Problem(name, here, record.id, message))


def _check_failed(
    failed: Sequence[_Failed],
    ids: dict[str, set[str]],
    failed_ids: set[str],
    problems: _Problems,
) -> None:
    """Dangling references in the JSON of records that failed to load."""
    for key, item, name, index, record_id in failed:
        if problems.full:
            return
        plan = _plan(COLLECTIONS[key].type)
        for here, target, ref in _raw_refs(item, plan, f"$.{key}[{index}]"):
            if ref not in ids[target] and ref not in failed_ids:
                problems.append(Problem(name, here, record_id, _dangling(target, ref, ids)))


def _dangling(target: str, ref: str, ids: dict[str, set[str]]) -> str:
    """The message for a reference to no record: a source's short id suggests the full one."""
    message = f"refers to {_singular(target)} {ref!r}, which no fact file defines"
    if target == "sources":
        full = sorted(i for i in ids[target] if i.split("_", 1)[0] == ref and i != ref)
        if full:
            message += f"; did you mean {' or '.join(map(repr, full))}?"
    return message


def _raw_refs(item: dict[str, Any], plan: _Plan, path: str) -> Iterator[tuple[str, str, str]]:
    """The references a record's JSON makes, where it makes them: (path, collection, id).

    Read as the plan of its class says, ignoring whatever is not where it
    should be (the record's own problems say so); its depth is the plan's,
    never the data's.
    """
    for field, target, sub in plan:
        value = item.get(field)
        here = f"{path}.{field}"
        if target is not None:
            for ref in value if isinstance(value, list) else [value]:
                if isinstance(ref, str):
                    yield here, target, ref
        elif sub is not None:
            if isinstance(value, dict):
                yield from _raw_refs(value, sub, here)
            elif isinstance(value, list):
                for i, inner in enumerate(value):
                    if isinstance(inner, dict):
                        yield from _raw_refs(inner, sub, f"{here}[{i}]")


def _least_share(share: Value) -> Decimal:
    """The least a stated share can be, for the check that stakes add up to at most 100 %.

    An approximate share ("about 50 %") may have been rounded up to its last
    printed digit, so it counts for half a unit of that digit less (49.5):
    two holders of "about 50 %" and "about 51 %" pass, as both can be true
    (49.6 % and 50.4 %), while two exact stakes of 90 % cannot. A share given
    only as a ceiling ("less than 5 %") may be nothing.
    """
    match share.qualifier:
        case Qualifier.LESS_THAN | Qualifier.AT_MOST:
            return Decimal(0)
        case Qualifier.APPROXIMATELY | Qualifier.NEARLY:
            exponent = share.number.as_tuple().exponent
            slack = Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)
            return max(share.number - slack, Decimal(0))
    return share.low  # exact, at least, more than, or a range's low end


@exact
def _check_stakes(entries: Sequence[_Located], problems: _Problems) -> None:
    """Stated stakes in one entity that add up to more than 100 %.

    Only stakes with a stated share count; a holder written twice (a stake
    and a joint venture, say) counts once, at its larger share. The problem
    is reported at the stake that takes the total over 100 %, once per entity.
    """
    held: dict[str, dict[str, Decimal]] = {}  # subject -> holder -> least share
    totals: dict[str, Decimal] = {}
    reported: set[str] = set()
    for relation, name, index in entries:
        if not relation.is_ownership or relation.share is None:
            continue
        holder = relation.party or f"label:{relation.party_label}"
        least = _least_share(relation.share)
        holders = held.setdefault(relation.subject, {})
        before = holders.get(holder, Decimal(0))
        if least <= before:
            continue
        holders[holder] = least
        total = totals[relation.subject] = totals.get(relation.subject, Decimal(0)) + least - before
        if total > 100 and relation.subject not in reported:
            reported.add(relation.subject)
            message = (
                f"the stated stakes in {relation.subject!r} add up to at least "
                f"{total.normalize():f}% with this one ({len(holders)} holders): over 100%"
            )
            problems.append(Problem(name, f"$.relationships[{index}].share", relation.id, message))


def _check_reached(
    facilities: Sequence[_Located],
    sources: Sequence[_Located],
    problems: _Problems,
    today: dt.date,
) -> None:
    """Milestones reached (not expected) on a date after every source citing them was published.

    A source cannot report what has not yet happened. The bound is the end of
    the newest citing source's publication date; when one of them is not
    dated, it is today (in UTC, and a day later, which is still today
    somewhere), as nothing can have been reached later.
    """
    tomorrow = today + dt.timedelta(days=1)
    published = {source.id: source.published for source, _, _ in sources}
    for facility, name, index in facilities:
        for j, phase in enumerate(facility.phases):
            for k, milestone in enumerate(phase.milestones):
                if milestone.expected or milestone.date is None:
                    continue
                dates = [published.get(c.source) for c in milestone.cites]
                undated = any(d is None for d in dates)
                bound = tomorrow if undated else max(d.latest for d in dates if d is not None)
                if milestone.date.earliest <= bound:
                    continue
                what = "today" if undated else "its newest source was published"
                bound = today if undated else bound
                message = (
                    f"{milestone.status.value} is reached in {milestone.date}, after {what} "
                    f'({bound}); a milestone still to come is "expected": true'
                )
                path = f"$.facilities[{index}].phases[{j}].milestones[{k}].date"
                problems.append(Problem(name, path, facility.id, message))


def load_documents(
    documents: list[Document],
    *,
    max_size: int = MAX_SIZE,
    max_depth: int = MAX_DEPTH,
    max_problems: int = MAX_PROBLEMS,
) -> FactSet:
    """Read fact files into one checked set.

    The list is emptied as it is read, so that each text can be freed once
    parsed.

    Args:
        documents: The files' names and texts; the limits are not applied
            to trusted ones (the package's own files).
        max_size: The longest text read, in characters.
        max_depth: How deeply lists and objects may nest.
        max_problems: How many problems are kept; the rest are counted.

    Raises:
        DataError: Listing the problems in every file; nothing is loaded.
    """
    problems = _Problems(max_problems)
    merged: dict[str, list[_Located]] = {key: [] for key in COLLECTIONS}
    failed_ids: set[str] = set()
    failed: list[_Failed] = []
    documents.reverse()
    while documents:
        name, text, trusted = documents.pop()
        try:
            if not trusted:
                _check_limits(name, text, max_size=max_size, max_depth=max_depth)
            raw = _parse_json(name, text, max_depth=max_depth)
            del text
        except DataError as e:
            problems.extend(e.problems)
            continue
        records = _structure_file(name, raw, failed_ids, problems, failed)
        for key, items in records.items():
            merged[key].extend(items)
    _check_whole(merged, failed_ids, problems, failed)
    _check_stakes(merged["relationships"], problems)
    _check_reached(
        merged["facilities"], merged["sources"], problems, dt.datetime.now(dt.UTC).date()
    )
    if problems or problems.more:
        raise DataError(problems, problems.more, problems.unchecked)
    return FactSet(
        records={key: tuple(r for r, _, _ in entries) for key, entries in merged.items()},
        origins=Origins(merged),
    )
