"""The one cattrs converter: fact-file JSON to records, and records back to it.

Reading is strict: numbers are never read from strings, unknown keys are
refused, and each special type (a date, a value, money, a ticker) is read
from the forms a fact file may write it in and written back in the shortest
of them, so that a written file reads back to equal records.
"""

from __future__ import annotations

import enum
import functools
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Final, Protocol, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from rareearth import _records, _values
from rareearth._codes import CURRENCY_ALIASES, iso_4217
from rareearth._dates import FuzzyDate, parse_date, resolved_date
from rareearth._money import Money, MoneyValue, _per, normalize_currency
from rareearth._records import REF, Citation, Exchange, Ticker
from rareearth._values import (
    MAX_PLACES,
    PER_UNITS,
    Qualifier,
    Value,
    as_decimal,
    as_ratio,
    in_limits,
)

__all__ = [
    "SCHEMAS",
    "Duplicated",
    "Fragment",
    "NotJSON",
    "SchemaWriter",
    "StrictTypeError",
    "anchored",
    "as_object",
    "converter",
    "forget_citations",
    "regex_of",
    "twice",
    "type_name",
    "unstructure",
]


class StrictTypeError(TypeError):
    """A JSON value of the wrong type; its message is shown as is."""


class NotJSON:
    """Where a document had NaN or Infinity, which JSON does not allow."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class Duplicated(dict[str, Any]):
    """A JSON object in which a key appears twice (the later value is kept)."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, Any]], duplicates: list[str]) -> None:
        super().__init__(pairs)
        self.duplicates = duplicates


def type_name(value: object) -> str:  # noqa: PLR0911 - one return per JSON type
    match value:
        case NotJSON():
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


def expect(kind: str, value: object) -> typing.NoReturn:
    raise StrictTypeError(f"expected {kind}, got {type_name(value)}")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _str(value: object, _: object) -> str:
    if not isinstance(value, str):
        expect("a string", value)
    if not value.isascii() and (lone := _SURROGATE.search(value)) is not None:
        # JSON's "\udcff" escapes read as half a character, which no file can hold.
        raise StrictTypeError(f"U+{ord(lone[0]):04X} is half of a character, not text")
    return value


def _int(value: object, _: object) -> int:
    number = _decimal(value, int)
    if number != number.to_integral_value():
        expect("a whole number", value)
    return int(number)


def _bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        expect("true or false", value)
    return value


def _decimal(value: object, _: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        expect("a number", value)
    number = Decimal(value)  # exact, and copy_abs never rounds: no context needed
    if not in_limits(number):
        raise StrictTypeError(f"the number {value} is too large; numbers must be below 10^18")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        message = f"the number {value} has more than {MAX_PLACES} digits after the point"
        raise StrictTypeError(message)
    return number


def as_object(value: object, kind: str = "an object") -> dict[str, Any]:
    """``value`` as a JSON object, refused when not one (repeated keys are checked apart)."""
    if not isinstance(value, dict):
        expect(kind, value)
    return value


def twice(key: str) -> str:
    """What a problem with a key written twice in one object says."""
    return f"the key {key!r} appears twice in one object"


def _at_key(exc: Exception, key: str, cl: type) -> Exception:
    """``exc``, marked as being about ``key`` of an object, as cattrs marks a field's errors."""
    note = AttributeValidationNote(
        f"Structuring class {cl.__qualname__} @ attribute {key}", key, cl
    )
    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
    return exc


def _check_keys(
    value: dict[str, Any], allowed: frozenset[str], cl: type
) -> tuple[dict[str, Any], list[Exception], list[Exception]]:
    """The object without its unknown keys; keys written twice, and unknown keys, each at itself.

    Neither stops the check: the rest of the object is read, so that its
    other problems are reported in the same run (repeated keys first, then
    the fields', then unknown keys).
    """
    repeated: list[Exception] = []
    if isinstance(value, Duplicated):
        repeated = [_at_key(StrictTypeError(twice(key)), key, cl) for key in value.duplicates]
    unknown = [key for key in value if key not in allowed]
    if unknown:
        value = {key: item for key, item in value.items() if key in allowed}
    return value, repeated, [_at_key(ForbiddenExtraKeysError("", cl, {k}), k, cl) for k in unknown]


def _value(value: object, _: object) -> Value:
    # A bare number is an exact value; an object spells out its qualifier.
    if isinstance(value, dict):
        read: Value = _value_record(value, Value)
        return read
    return Value(_decimal(value, Decimal))


_DATE_KEYS: Final = frozenset({"text", "means", "note"})


def _date(value: object, _: object) -> FuzzyDate:
    if isinstance(value, str):
        return parse_date(value)
    value = as_object(value, 'a date string or an object {"text": ..., "means": ...}')
    value, errors, unknown = _check_keys(value, _DATE_KEYS, FuzzyDate)
    read: dict[str, Any] = {}
    for key in ("text", "means", "note"):
        try:
            if key not in value:
                if key != "note":
                    raise KeyError(key)  # noqa: TRY301 - reported at its key like any other
                continue
            item = value[key]
            read[key] = None if key == "note" and item is None else _str(item, str)
            if key == "means":
                read["parsed"] = parse_date(read[key])
        except (KeyError, TypeError, ValueError) as e:
            errors.append(_at_key(e, key, FuzzyDate))
    errors += unknown
    if errors:
        raise ClassValidationError("While structuring FuzzyDate", errors, FuzzyDate)
    return resolved_date(read["text"], read["means"], read.get("note"))


def _ratio(value: object, _: object) -> Fraction:
    # A number as a number, or the printed amounts it comes from as "146/1050".
    if isinstance(value, str):
        try:
            return as_ratio(value)
        except ValueError as e:
            raise StrictTypeError(str(e)) from None
    return as_ratio(_decimal(value, Decimal))


def _money(value: object, _: object) -> Money:
    money: Money = _money_record(
        as_object(value, 'an object {"amount": ..., "currency": ...}'), Money
    )
    return money


def _enum(value: object, cl: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str):
        expect("a string", value)
    return cl(value)


def _enum_hook(cl: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    # A lookup in the members by value, quicker than calling the class, which
    # still raises for a value that is not one.
    members = {member.value: member for member in cl}

    def structure(value: object, _: object) -> enum.Enum:
        if not isinstance(value, str):
            expect("a string", value)
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
            expect("a list", value)
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


def _currency(value: object, _: object) -> str:
    """A currency as a fact file writes it: an ISO 4217 code, or an alias, in capitals.

    `Money` itself also reads " usd " for the people who type amounts; a file
    holds one form of each code, so that the JSON Schema and the loader agree.
    """
    code = _str(value, str)
    if code in iso_4217() or code in CURRENCY_ALIASES:
        return code
    written = code.strip().upper()
    if written in iso_4217() or written in CURRENCY_ALIASES:
        raise ValueError(f"write the currency {code!r} as {written!r}, in capitals and alone")
    return normalize_currency(code)  # raises, naming the unknown code


_Hook = Callable[[Any, Any], Any]


#: The validators of fields that hold ids.
_ID_CHECKS: Final = (_records._check_id, _records._check_ids)  # noqa: SLF001 - the records' own


def _recurs(field: attrs.Attribute[Any]) -> bool:
    """Whether a field holds ids that recur: those of records it refers to, or words.

    A vocabulary's words (a figure's metric, an event's tags) are checked as
    ids are, and recur as they do; a record's own id is met once.
    """
    return REF in field.metadata or (field.name != "id" and field.validator in _ID_CHECKS)


def _field_overrides(
    cl: Any, tuple_of: Callable[[Any, _Hook], _Hook] = _tuple_of
) -> dict[str, Any]:
    """Hooks of particular fields: ids that recur are interned; currencies are strict.

    ``tuple_of`` makes the hook of a tuple of ids from the hook of one.
    """
    hooks: dict[str, Any] = {}
    for field in attrs.fields(cl):
        if field.converter is normalize_currency:
            hooks[field.name] = override(struct_hook=_currency)
        if not _recurs(field):
            continue
        if field.type is str:
            hooks[field.name] = override(struct_hook=_ident)
        elif _is_optional(field.type):
            hooks[field.name] = override(struct_hook=_optional_ident)
        elif _is_homogeneous_tuple(field.type):
            hooks[field.name] = override(struct_hook=tuple_of(field.type, _ident))
    return hooks


class _Unsure(Exception):  # noqa: N818 - not an error: the detailed pass decides
    """Raised by the quick pass where it cannot vouch for a value."""


def _quick_tuple(cl: Any, hook: _Hook) -> Callable[[Any, Any], tuple[Any, ...]]:
    """Structure a list into a tuple, stopping at the first problem."""
    element = get_args(cl)[0]

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _Unsure
        return tuple([hook(item, element) for item in value])

    return structure


def _quick_pass(cl: Any, conv: cattrs.Converter, quick_hook: Callable[[Any], _Hook]) -> _Hook:
    """``cl``'s quick pass: the same hooks and checks, stopping at the first problem.

    ``quick_hook`` gives the quick pass of each field's type.
    """
    allowed = frozenset(field.name for field in attrs.fields(cl))
    overrides = _field_overrides(cl, _quick_tuple)
    for field in attrs.fields(cl):
        if field.name not in overrides:
            overrides[field.name] = override(struct_hook=quick_hook(field.type))
    structure = make_dict_structure_fn(
        cl,
        conv,
        _cattrs_forbid_extra_keys=False,
        _cattrs_detailed_validation=False,
        **overrides,
    )

    def quick(value: object, _: object) -> Any:
        if type(value) is not dict or not value.keys() <= allowed:
            raise _Unsure  # not an object, keys repeated (Duplicated) or unknown
        return structure(value, cl)

    return quick


def _record_hook_factory(
    conv: cattrs.Converter,
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    # Each record hook's quick pass: what the quick passes of the records that
    # hold it call, so that a record and all it holds are read in one pass.
    quick_passes: dict[_Hook, _Hook] = {}

    def quick_hook(tp: Any) -> _Hook:
        """The quick pass of a type: a record's or a tuple's own, or the type's usual hook."""
        if _is_homogeneous_tuple(tp):
            return _quick_tuple(tp, quick_hook(get_args(tp)[0]))
        if _is_optional(tp):
            (inner,) = (arg for arg in get_args(tp) if arg is not type(None))
            hook = quick_hook(inner)
            return lambda value, _: None if value is None else hook(value, inner)
        usual: _Hook = conv.get_structure_hook(tp)  # a record's makes its quick pass too
        return quick_passes.get(usual, usual)

    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        @functools.cache
        def detailed() -> _Hook:
            # cattrs' own function, after a check that the value is an object
            # at all; made when first needed, as valid data never needs it.
            return make_dict_structure_fn(
                cl,
                conv,
                _cattrs_forbid_extra_keys=False,  # checked below, each at its key
                _cattrs_detailed_validation=True,
                **_field_overrides(cl),
            )

        kind = f"an object ({cl.__name__})"
        allowed = frozenset(field.name for field in attrs.fields(cl))
        quick = _quick_pass(cl, conv, quick_hook)

        def hook(value: object, _: object) -> Any:
            # The quick pass first. Nearly every record is valid, and read once
            # so; any other is read again by the detailed pass, which gathers
            # every problem, each at its field, exactly as if alone.
            try:
                return quick(value, cl)
            except Exception:  # noqa: BLE001, S110 - read again below, every problem named
                pass
            fields, errors, unknown = _check_keys(as_object(value, kind), allowed, cl)
            structure = detailed()
            if not errors and not unknown:
                return structure(fields, cl)
            try:
                structure(fields, cl)
            except ClassValidationError as e:
                errors.extend(e.exceptions)
            raise ClassValidationError(f"While structuring {cl.__name__}", errors + unknown, cl)

        quick_passes[hook] = quick
        return hook

    return factory


#: Citations read lately, by source and quote (see `_shared_citation`).
_citations: dict[tuple[str, str], Citation] = {}
#: How many citations are remembered before they are forgotten at once.
_CITATIONS_KEPT: Final = 1 << 14


def _shared_citation(record: _Hook) -> _Hook:
    """The hook of citations: equal ones read as one object, checked once.

    One passage of a source often supports several facts (a third of the
    shipped citations repeat one): a load keeps it once. A citation is
    frozen, and one equal to a checked one passes the same checks.
    """

    def structure(value: object, cl: object) -> Citation:
        if type(value) is dict and len(value) == 2:  # its two fields, no other
            source, quote = value.get("source"), value.get("quote")
            if type(source) is str and type(quote) is str:
                found = _citations.get((source, quote))
                if found is not None:
                    return found
        citation: Citation = record(value, cl)
        if len(_citations) >= _CITATIONS_KEPT:
            _citations.clear()
        _citations[citation.source, citation.quote] = citation
        return citation

    return structure


def forget_citations() -> None:
    """Forget the citations read so far: once a file is read, it keeps none of its own."""
    _citations.clear()


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
    # One converter, both ways: fields at their default are left out when writing.
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
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
    conv.register_structure_hook(Fraction, _ratio)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory(conv))
    conv.register_structure_hook_factory(_is_optional, _optional_hook_factory(conv))
    records = _record_hook_factory(conv)
    conv.register_structure_hook_factory(attrs.has, records)
    conv.register_structure_hook(Citation, _shared_citation(records(Citation)))
    _register_unstructure(conv)
    return conv


# --- writing ------------------------------------------------------------------


def _date_out(d: FuzzyDate) -> str | dict[str, str]:
    # The loader reads a string as the wording; a resolved date needs "means".
    if d.means is None and d.note is None:
        return d.text
    out = {"text": d.text, "means": d.means or d.text}
    if d.note is not None:
        out["note"] = d.note
    return out


def _value_out(value: Value) -> Decimal | dict[str, Any]:
    # The loader reads a bare number as an exact value with no printed form.
    if value.qualifier is Qualifier.EXACT and value.text is None:
        return value.number
    out: dict[str, Any] = {"number": value.number, "qualifier": value.qualifier.value}
    if value.upper is not None:
        out["upper"] = value.upper
    if value.text is not None:
        out["text"] = value.text
    return out


def _ratio_out(ratio: Fraction) -> Decimal | str:
    # A number when its digits end within the places a file may write; else the ratio.
    number = as_decimal(ratio)
    if Fraction(number) == ratio and _decimal_places(number) <= MAX_PLACES:
        return number
    return f"{ratio.numerator}/{ratio.denominator}"


def _decimal_places(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _money_out(money: Money) -> dict[str, Any]:
    out: dict[str, Any] = {"amount": money.amount, "currency": money.currency}
    if money.per is not None:
        out["per"] = money.per
    return out


def _register_unstructure(conv: cattrs.Converter) -> None:
    conv.register_unstructure_hook(FuzzyDate, _date_out)
    conv.register_unstructure_hook(Ticker, str)
    conv.register_unstructure_hook(Decimal, lambda d: d)
    conv.register_unstructure_hook(Value, _value_out)
    # A money value is written as the value it is: its unit is the record's.
    conv.register_unstructure_hook(MoneyValue, _value_out)
    conv.register_unstructure_hook(Money, _money_out)
    conv.register_unstructure_hook(Fraction, _ratio_out)


# --- JSON Schema -----------------------------------------------------------------
#
# Each special type's hooks above read the forms a fact file may write it in;
# its fragment of the JSON Schema, below, says the same in JSON Schema.
# tools/fact_schema.py builds the schema from the record classes and these
# fragments at release time; nothing here runs when rareearth is used.


class SchemaWriter(Protocol):
    """What a fragment is written with: the generator's view of the other types."""

    def type_schema(self, tp: object) -> dict[str, Any]:
        """The schema of what the converter reads as ``tp``."""
        ...

    def record_schema(self, cl: type) -> dict[str, Any]:
        """The schema of ``cl`` as an object of its fields, each described."""
        ...

    def attribute_docs(self, cl: type) -> dict[str, str]:
        """Each attribute's description, from ``cl``'s docstring."""
        ...


#: Writes a special type's schema, given the generator.
Fragment = Callable[[SchemaWriter], dict[str, Any]]


def anchored(regex: str) -> str:
    r"""A regex that a JSON Schema ``pattern``, which matches anywhere, reads as a whole string.

    ``$`` alone would let a trailing newline through in Python's validators
    ("acme\n"), which the loader's ``fullmatch`` refuses; the lookahead
    closes that gap and means nothing to ECMAScript, where ``$`` is the end.

    >>> import re
    >>> [bool(re.search(anchored("[a-z]+"), s)) for s in ("acme", "acme\n", "acme!")]
    [True, False, False]
    """
    return rf"^(?:{regex})$(?!\n)"


def regex_of(validator: object) -> str:
    """The regex of an `attrs.validators.matches_re` validator that uses fullmatch."""
    regex = getattr(validator, "pattern", None)
    if (
        not isinstance(regex, re.Pattern)
        or getattr(validator, "match_func", None) != regex.fullmatch
    ):
        raise TypeError(f"cannot read a whole-string regex from {validator!r}")
    return str(regex.pattern)


def _date_schema(writer: SchemaWriter) -> dict[str, Any]:
    docs = writer.attribute_docs(FuzzyDate)
    written = (
        "A date as written: ISO (“2025-06-11”, “2025-06”, “2025”), written "
        "(“June 11, 2025”), a span of days (“June 9-10, 2025”), a quarter "
        "(“Q3 2025”), a half (“H2 2025”), part of a year (“late 2024”), a week "
        "(“the first week of June 2025”) or “between X and Y”."
    )
    resolved = (
        "A date the source gives relative to its own date or without a year "
        "(“Wednesday”), with the date it means."
    )
    fields = {"text": str, "means": str, "note": str | None}
    properties = {
        name: {"description": docs[name], **writer.type_schema(tp)}
        if name in docs
        else writer.type_schema(tp)
        for name, tp in fields.items()
    }
    resolved_object = {
        "description": resolved,
        "type": "object",
        "properties": properties,
        "required": ["text", "means"],
        "additionalProperties": False,
    }
    return {"anyOf": [{"description": written, "type": "string"}, resolved_object]}


def _ticker_schema(_: SchemaWriter) -> dict[str, Any]:
    symbol = regex_of(attrs.fields(Ticker).symbol.validator)
    exchanges = "|".join(re.escape(e.value) for e in Exchange)
    return {"type": "string", "pattern": anchored(rf"(?:{symbol})\.(?:{exchanges})")}


def _value_schema(writer: SchemaWriter) -> dict[str, Any]:
    exact = {"description": "An exact number.", "type": "number"}
    qualified = {"description": "A number with its qualifier.", **writer.record_schema(Value)}
    return {"anyOf": [exact, qualified]}


def _money_schema(writer: SchemaWriter) -> dict[str, Any]:
    return writer.record_schema(Money)


def _currency_schema(_: SchemaWriter) -> dict[str, Any]:
    codes = sorted(iso_4217() | CURRENCY_ALIASES.keys())
    aliases = ", ".join(f"“{alias}” for “{code}”" for alias, code in CURRENCY_ALIASES.items())
    description = (
        f"An ISO 4217 currency code, or a name sources use for one ({aliases}), "
        "in capitals and alone, as listed."
    )
    return {"description": description, "type": "string", "enum": codes}


def _ratio_schema(_: SchemaWriter) -> dict[str, Any]:
    number = {"description": "The rate as a number.", "type": "number"}
    ratio = {
        "description": "The two printed amounts it comes from, divided: “146/1050”.",
        "type": "string",
        "pattern": anchored(r"\s*\d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?\s*"),
    }
    return {
        "description": "An exact rate: a number, or a ratio of two numbers.",
        "anyOf": [number, ratio],
    }


def _per_schema(_: SchemaWriter) -> dict[str, Any]:
    return {
        "description": "What money is per: a price per kilogram or per tonne.",
        "type": "string",
        "enum": list(PER_UNITS),
    }


#: Each special type (or, for currencies and what money is per, the converter
#: of the fields that hold one), with the name of its JSON Schema definition
#: and its fragment.
SCHEMAS: Final[Mapping[object, tuple[str, Fragment]]] = MappingProxyType(
    {
        FuzzyDate: ("FuzzyDate", _date_schema),
        Ticker: ("Ticker", _ticker_schema),
        Value: ("Value", _value_schema),
        Money: ("Money", _money_schema),
        normalize_currency: ("Currency", _currency_schema),
        Fraction: ("Ratio", _ratio_schema),
        _per: ("PerUnit", _per_schema),
    }
)


converter: Final = _make_converter()
# The objects inside Value's and Money's own hooks, read as any record is.
_value_record = _record_hook_factory(converter)(Value)
_money_record = _record_hook_factory(converter)(Money)


def unstructure(record: object) -> Any:
    """A record as the plain data a fact file holds for it.

    >>> unstructure(Value(Decimal("9.4"), Qualifier.APPROXIMATELY, text="around 9.4%"))
    {'number': Decimal('9.4'), 'qualifier': 'approximately', 'text': 'around 9.4%'}
    """
    return converter.unstructure(record)
