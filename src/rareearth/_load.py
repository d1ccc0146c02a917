"""Reading fact files: strict JSON, one configured cattrs converter, whole-set checks.

A fact file is a JSON object whose keys are collections (``"entities"``,
``"facilities"``, ...), each a list of records. Reading is strict: numbers
are never read from strings, unknown keys are refused, every id is unique
across all files and every reference must resolve. Problems are gathered,
not stopped at, so one run reports them all; if there is any, nothing is
loaded and a `DataError` lists them.
"""

from __future__ import annotations

import enum
import itertools
import json
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override
from cattrs.v import transform_error

from rareearth import _records, _values
from rareearth._dataset import MAX_DEPTH, MAX_SIZE, ShippedText
from rareearth._dates import FuzzyDate, parse_date
from rareearth._errors import DataError, DateParseError, Problem
from rareearth._money import Money
from rareearth._records import (
    REF,
    Claim,
    Entity,
    Event,
    ExchangeRate,
    Facility,
    Figure,
    Place,
    Relationship,
    Source,
    Ticker,
)
from rareearth._values import Value

__all__ = [
    "COLLECTIONS",
    "MAX_DEPTH",
    "MAX_NUMBER",
    "MAX_PLACES",
    "MAX_SIZE",
    "FactSet",
    "converter",
    "load_documents",
    "walk",
]

#: The collections a fact file may hold, in the order they are checked.
COLLECTIONS: Final[dict[str, type[Any]]] = {
    "sources": Source,
    "entities": Entity,
    "places": Place,
    "facilities": Facility,
    "relationships": Relationship,
    "events": Event,
    "figures": Figure,
    "claims": Claim,
    "rates": ExchangeRate,
}


#: A fact file may name its JSON Schema under this key, for editors.
SCHEMA_KEY: Final = "$schema"

#: Numbers must be smaller than this in size...
MAX_NUMBER: Final = Decimal("1e18")
#: ...and have at most this many digits after the point, so sums stay exact.
MAX_PLACES: Final = 18


class _StrictTypeError(TypeError):
    """A JSON value of the wrong type; its message is shown as is."""


class _NotJSON:
    """Where a document had NaN or Infinity, which JSON does not allow."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class _Duplicated(dict[str, Any]):
    """A JSON object in which a key appears twice (the later value is kept)."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, Any]], duplicates: list[str]) -> None:
        super().__init__(pairs)
        self.duplicates = duplicates


def _type_name(value: object) -> str:  # noqa: PLR0911 - one return per JSON type
    match value:
        case _NotJSON():
            return f"{value.name}, which JSON does not allow"
        case None:
            return "null"
        case bool():
            return "a boolean"
        case str():
            return f"the string {value!r}"
        case int() | Decimal():
            return f"the number {value}"
        case list():
            return "a list"
        case dict():
            return "an object"
    return type(value).__name__  # pragma: no cover - JSON has no other types


def _expect(kind: str, value: object) -> typing.NoReturn:
    raise _StrictTypeError(f"expected {kind}, got {_type_name(value)}")


def _str(value: object, _: object) -> str:
    if not isinstance(value, str):
        _expect("a string", value)
    return value


def _int(value: object, _: object) -> int:
    number = _decimal(value, int)
    if number != number.to_integral_value():
        _expect("a whole number", value)
    return int(number)


def _bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        _expect("true or false", value)
    return value


def _decimal(value: object, _: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        _expect("a number", value)
    number = Decimal(value)  # exact, and copy_abs never rounds: no context needed
    if number.copy_abs() >= MAX_NUMBER:
        raise _StrictTypeError(f"the number {value} is too large; numbers must be below 10^18")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        message = f"the number {value} has more than {MAX_PLACES} digits after the point"
        raise _StrictTypeError(message)
    return number


def _object(value: object, kind: str = "an object") -> dict[str, Any]:
    """``value`` as a JSON object, refused when not one or when a key repeats."""
    if not isinstance(value, dict):
        _expect(kind, value)
    if isinstance(value, _Duplicated):
        keys = ", ".join(map(repr, value.duplicates))
        raise _StrictTypeError(f"the key {keys} appears twice in one object")
    return value


def _value(value: object, _: object) -> Value:
    # A bare number is an exact value; an object spells out its qualifier.
    if isinstance(value, dict):
        return _value_record(_object(value), Value)
    return Value(_decimal(value, Decimal))


def _date(value: object, _: object) -> FuzzyDate:
    if isinstance(value, str):
        return parse_date(value)
    value = _object(value, 'a date string or an object {"text": ..., "means": ...}')
    extra = set(value) - {"text", "means", "note"}
    if extra:
        raise ForbiddenExtraKeysError("", FuzzyDate, extra)
    if "text" not in value or "means" not in value:
        raise _StrictTypeError('a resolved date needs both "text" and "means"')
    text, means = _str(value["text"], str), _str(value["means"], str)
    note = value.get("note")
    parsed = parse_date(means)
    return attrs.evolve(
        parsed, text=text, means=means, note=None if note is None else _str(note, str)
    )


def _money(value: object, _: object) -> Money:
    return _money_record(_object(value, 'an object {"amount": ..., "currency": ...}'), Money)


def _enum(value: object, cl: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str):
        _expect("a string", value)
    return cl(value)


def _enum_hook(cl: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    # A lookup in the members by value, quicker than calling the class, which
    # still raises for a value that is not one.
    members = {member.value: member for member in cl}

    def structure(value: object, _: object) -> enum.Enum:
        if not isinstance(value, str):
            _expect("a string", value)
        member = members.get(value)
        return cl(value) if member is None else member

    return structure


def _ticker(value: object, _: object) -> Ticker:
    return Ticker.parse(_str(value, str))


def _tuple_of(cl: Any, hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], tuple[Any, ...]]:
    """Structure a list into a tuple of ``cl``'s element type, item by item."""
    element = get_args(cl)[0]

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            _expect("a list", value)
        out, errors = [], []
        for index, item in enumerate(value):
            try:
                out.append(hook(item, element))
            except Exception as e:  # noqa: BLE001 - regrouped below, like cattrs does
                note = IterableValidationNote(f"@ index {index}", index, element)
                e.__notes__ = [*getattr(e, "__notes__", []), note]
                errors.append(e)
        if errors:
            raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
        return tuple(out)

    return structure


def _tuple_hook_factory(
    conv: cattrs.Converter,
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        return _tuple_of(cl, conv.get_structure_hook(get_args(cl)[0]))

    return factory


def _ident(value: object, _: object) -> str:
    # Ids recur (every citation names its source): one string object for all.
    return sys.intern(_str(value, str))


def _optional_ident(value: object, _: object) -> str | None:
    return None if value is None else _ident(value, str)


def _ident_overrides(cl: Any) -> dict[str, Any]:
    """Hooks that intern the ids a record refers to."""
    hooks: dict[str, Any] = {}
    for field in attrs.fields(cl):
        if REF not in field.metadata:
            continue
        if field.type is str:
            hooks[field.name] = override(struct_hook=_ident)
        elif _is_optional(field.type):
            hooks[field.name] = override(struct_hook=_optional_ident)
        elif _is_homogeneous_tuple(field.type):
            hooks[field.name] = override(struct_hook=_tuple_of(field.type, _ident))
    return hooks


def _record_hook_factory(
    conv: cattrs.Converter,
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        # cattrs' own function, after a check that the value is an object at all.
        structure = make_dict_structure_fn(
            cl,
            conv,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
            **_ident_overrides(cl),
        )
        kind = f"an object ({cl.__name__})"

        def hook(value: object, _: object) -> Any:
            return structure(_object(value, kind), cl)

        return hook

    return factory


def _optional_hook_factory(
    conv: cattrs.Converter,
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        (inner,) = (arg for arg in get_args(cl) if arg is not type(None))
        hook = conv.get_structure_hook(inner)

        def structure(value: object, _: object) -> Any:
            return None if value is None else hook(value, inner)

        return structure

    return factory


def _is_optional(cl: Any) -> bool:
    args = get_args(cl)
    return (
        get_origin(cl) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args
    )


def _is_homogeneous_tuple(cl: Any) -> bool:
    args = get_args(cl)
    return get_origin(cl) is tuple and len(args) == 2 and args[1] is Ellipsis


def _resolve_types() -> None:
    # The records use postponed annotations; cattrs needs the real types.
    for module in (_records, _values):
        for obj in vars(module).values():
            if isinstance(obj, type) and attrs.has(obj):
                attrs.resolve_types(obj)


def _make_converter() -> cattrs.Converter:
    _resolve_types()
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for cl, hook in ((str, _str), (int, _int), (bool, _bool), (Decimal, _decimal)):
        conv.register_structure_hook(cl, hook)
    # A StrEnum is a str; registering its own class makes it win over the str hook.
    conv.register_structure_hook(enum.Enum, _enum)
    conv.register_structure_hook(enum.StrEnum, _enum)
    for obj in (*vars(_records).values(), *vars(_values).values()):
        if (
            isinstance(obj, type)
            and issubclass(obj, enum.Enum)
            and obj.__module__ in (_records.__name__, _values.__name__)
        ):
            conv.register_structure_hook(obj, _enum_hook(obj))
    conv.register_structure_hook(FuzzyDate, _date)
    conv.register_structure_hook(Ticker, _ticker)
    conv.register_structure_hook(Value, _value)
    conv.register_structure_hook(Money, _money)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory(conv))
    conv.register_structure_hook_factory(_is_optional, _optional_hook_factory(conv))
    conv.register_structure_hook_factory(attrs.has, _record_hook_factory(conv))
    # Writing fact files is `rareearth._dump`'s, with a converter of its own.
    return conv


converter: Final = _make_converter()
_value_record = converter.gen_structure_attrs_fromdict(Value)
_money_record = converter.gen_structure_attrs_fromdict(Money)


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
    return _Duplicated(pairs, list(duplicates))


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def nesting_depth(text: str, *, strings: bool = True) -> int:
    """How deeply ``text`` nests JSON lists and objects, without parsing it.

    With ``strings=False``, brackets inside strings count too: a quicker
    estimate, exact for files whose strings hold no brackets.

    >>> nesting_depth('{"a": [[1], "[[["]}'), nesting_depth('{"a": [[1], "[[["]}', strings=False)
    (3, 5)
    """
    if strings:
        text = _STRING.sub("", text)
    brackets = _NOT_BRACKET.sub("", text)
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


def _parse_json(name: str, text: str, *, max_depth: int) -> Any:
    """Parse one document; problems raise `DataError`.

    NaN, Infinity and repeated keys parse to markers, so that the checks
    that meet them can say where they are.
    """
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
    if not text.strip():
        message = 'the file is empty; a fact file is a JSON object such as {"entities": [...]}'
        raise DataError([Problem(name, "$", None, message)])
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=Decimal,
            parse_constant=_NotJSON,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as e:
        where = f"line {e.lineno} column {e.colno}"
        raise DataError([Problem(name, where, None, f"not valid JSON: {e.msg}")]) from None
    except RecursionError:
        message = f"lists and objects nest too deep to read, over the limit of {max_depth}"
        raise DataError([Problem(name, "$", None, message)]) from None


class Origins(Mapping[str, tuple[str, str]]):
    """Where each top-level record came from: ``{id: (file, JSON path)}``.

    Read-only and compact: one number per record, the path spelled out when
    asked for.
    """

    __slots__ = ("_codes", "_files", "_keys")

    def __init__(self, merged: Mapping[str, Sequence[tuple[Any, str, int]]]) -> None:
        files: dict[str, int] = {}
        self._keys = tuple(merged)
        # file number, collection number and index, packed into one int
        self._codes = {
            record.id: files.setdefault(name, len(files)) << 40 | k << 32 | index
            for k, entries in enumerate(merged.values())
            for record, name, index in entries
        }
        self._files = tuple(files)

    def __getitem__(self, record_id: str) -> tuple[str, str]:
        code = self._codes[record_id]
        key = self._keys[code >> 32 & 0xFF]
        return self._files[code >> 40], f"$.{key}[{code & 0xFFFFFFFF}]"

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return f"<Origins of {len(self):,} records in {len(self._files)} files>"


@attrs.frozen
class FactSet:
    """Records read from fact files, with where each came from.

    Attributes:
        records: Each collection's records, in file order.
        origins: For each top-level record id: its file and JSON path.
    """

    records: Mapping[str, tuple[Any, ...]]
    origins: Mapping[str, tuple[str, str]]


def _format(exc: BaseException, cl: type | None) -> str:
    match exc:
        case _StrictTypeError() | DateParseError():
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


_FIELD_FIRST = re.compile(r"([a-z_]+): (.+)", re.DOTALL)
_Located = tuple[Any, str, int]  # a record, its file's name, its place in its collection


def _raw_ids(item: object) -> Iterator[str]:
    """Ids a record that failed to load would have defined (itself, its phases)."""
    if isinstance(item, dict):
        for candidate in (item, *(item.get("phases") or [])):
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
    name: str, raw: Any, failed_ids: set[str]
) -> tuple[dict[str, list[_Located]], list[Problem]]:
    records: dict[str, list[_Located]] = {}
    problems: list[Problem] = []
    try:
        raw = _object(raw, "a fact file: a JSON object of collections")
    except _StrictTypeError as e:
        problems.append(Problem(name, "$", None, str(e)))
        return records, problems
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
                    f"expected a list of records, got {_type_name(items)}",
                )
            )
            continue
        cl = COLLECTIONS[key]
        structure = converter.get_structure_hook(cl)
        for index, item in enumerate(items):
            try:
                record = structure(item, cl)
            except Exception as e:  # noqa: BLE001 - the data's faults become Problems
                _raise_faults(e)
                record_id = item.get("id") if isinstance(item, dict) else None
                record_id = record_id if isinstance(record_id, str) else None
                problems.extend(_record_problems(name, f"$.{key}[{index}]", record_id, e))
                failed_ids.update(_raw_ids(item))
                continue
            finally:
                items[index] = None  # the parsed JSON is freed as the records are built
            records.setdefault(key, []).append((record, name, index))
    return records, problems


def walk(obj: Any, path: str) -> Iterator[tuple[str, Any, attrs.Attribute[Any], Any]]:
    """Yield (path, owner, field, value) for every field of nested records."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        here = f"{path}.{field.name}"
        yield here, obj, field, value
        if attrs.has(type(value)):
            yield from walk(value, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from walk(item, f"{here}[{i}]")


def _ids_of(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


_SINGULAR = {
    "sources": "source",
    "entities": "entity",
    "places": "place",
    "facilities": "facility",
    "phases": "phase",
}


def _collect_ids(merged: dict[str, list[_Located]], problems: list[Problem]) -> dict[str, set[str]]:
    """Ids by collection (phases apart); duplicates anywhere become problems."""
    ids: dict[str, set[str]] = {key: set() for key in (*COLLECTIONS, "phases")}
    # Where each id was first met: (file, collection, index, phase index or -1).
    seen: dict[str, tuple[str, str, int, int]] = {}

    def path(key: str, index: int, phase: int) -> str:
        return f"$.{key}[{index}]" + (f".phases[{phase}]" if phase >= 0 else "")

    def claim(record_id: str, kind: str, where: tuple[str, str, int, int]) -> None:
        if record_id in seen:
            other_file, other_key, other_index, other_phase = seen[record_id]
            first = f"{other_file}: {path(other_key, other_index, other_phase)}"
            message = f"duplicate id {record_id!r}; first used at {first}"
            problems.append(Problem(where[0], f"{path(*where[1:])}.id", record_id, message))
        else:
            seen[record_id] = where
            ids[kind].add(record_id)

    for key, entries in merged.items():
        for record, name, index in entries:
            claim(record.id, key, (name, key, index, -1))
            for j, phase in enumerate(getattr(record, "phases", ())):
                claim(phase.id, "phases", (name, key, index, j))
    ids["*"] = set(seen)
    return ids


#: How to find a record's references: (field, collection referred to, or the
#: plan of a nested record type to look into).
_Plan = tuple[tuple[str, str | None, "_Plan | None"], ...]
_plans: dict[type, _Plan] = {}


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


def _check_whole(merged: dict[str, list[_Located]], failed_ids: set[str]) -> list[Problem]:
    """Duplicate ids and dangling references across all files.

    References to records that failed to load are not reported again.
    """
    problems: list[Problem] = []
    ids = _collect_ids(merged, problems)
    for key, entries in merged.items():
        plan = _plan(COLLECTIONS[key])
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
                        what = _SINGULAR.get(target, "record")
                        message = f"refers to {what} {ref!r}, which no fact file defines"
                        problems.append(Problem(name, here, record.id, message))
    return problems


def load_documents(
    documents: list[tuple[str, str]], *, max_size: int = MAX_SIZE, max_depth: int = MAX_DEPTH
) -> FactSet:
    """Read fact files given as (name, text) pairs into one checked set.

    The list is emptied as it is read, so that each text can be freed once
    parsed.

    Args:
        documents: The files' names and texts.
        max_size: The longest text read, in characters.
        max_depth: How deeply lists and objects may nest.

    Raises:
        DataError: Listing every problem in every file; nothing is loaded.
    """
    problems: list[Problem] = []
    merged: dict[str, list[_Located]] = {key: [] for key in COLLECTIONS}
    failed_ids: set[str] = set()
    documents.reverse()
    while documents:
        name, text = documents.pop()
        try:
            if not isinstance(text, ShippedText):  # the package's own files are not limited
                _check_limits(name, text, max_size=max_size, max_depth=max_depth)
            raw = _parse_json(name, text, max_depth=max_depth)
            del text
        except DataError as e:
            problems.extend(e.problems)
            continue
        records, file_problems = _structure_file(name, raw, failed_ids)
        problems.extend(file_problems)
        for key, items in records.items():
            merged[key].extend(items)
    problems.extend(_check_whole(merged, failed_ids))
    if problems:
        raise DataError(problems)
    return FactSet(
        records={key: tuple(r for r, _, _ in entries) for key, entries in merged.items()},
        origins=Origins(merged),
    )
