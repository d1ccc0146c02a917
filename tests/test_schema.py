"""The fact-file JSON Schema: generated from the records, committed, agreeing with the loader."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

import attrs
import jsonschema  # type: ignore[import-untyped]
import pytest
from fact_schema import (
    _attribute_docs,
    _Builder,
    _optional,
    _summary,
)
from fact_schema import schema_text as generated_text

import rareearth as ree
from factories import SRC
from factories import cite as _cite
from factories import facility as _facility
from factories import phase as _phase
from rareearth._codec import regex_of
from rareearth._load import shipped_documents
from rareearth._records import COLLECTIONS
from rareearth._schema import fact_file_schema, schema_text

PACKAGE = resources.files("rareearth")
SCHEMA_FILE = "fact-file.schema.json"
DATA_FILES = sorted(p.name for p in (PACKAGE / "data").iterdir() if p.name.endswith(".json"))
REGENERATE = "python tools/fact_schema.py"


@pytest.fixture(scope="module")
def validator() -> Any:
    return jsonschema.Draft202012Validator(fact_file_schema())


def _entity(**overrides: Any) -> dict[str, Any]:
    return {
        "id": "my-company",
        "name": "My Company",
        "kind": "company",
        "summary": "A company a user knows of.",
        "cites": [_cite()],
        **overrides,
    }


def _figure(**overrides: Any) -> dict[str, Any]:
    return {
        "id": "my-figure",
        "metric": "capacity",
        "kind": "statistic",
        "value": 1000,
        "unit": "t",
        "summary": "A figure a user knows of.",
        "cites": [_cite()],
        **overrides,
    }


def _event(**overrides: Any) -> dict[str, Any]:
    return {
        "id": "my-event",
        "date": "2025-06-11",
        "title": "Something happens",
        "kind": "corporate",
        "cites": [_cite()],
        **overrides,
    }


def _stake(**overrides: Any) -> dict[str, Any]:
    return {
        "id": "my-stake",
        "kind": "stake",
        "subject": "jl-mag",
        "party": "tesla",
        "summary": "A stake a user knows of.",
        "cites": [_cite()],
        **overrides,
    }


def _rate(**overrides: Any) -> dict[str, Any]:
    return {
        "id": "my-rate",
        "base": "CNY",
        "quote": "USD",
        "rate": 0.14,
        "derived": {"rule": "USD 146 million / RMB 1,050 million"},
        "cites": [_cite()],
        **overrides,
    }


def _tonnes(value: object) -> dict[str, Any]:
    return {"value": value, "unit": "t"}


def _investment(currency: str) -> dict[str, Any]:
    amount = {"amount": 1050000000, "currency": currency}
    return {"amount": amount, "text": "RMB 1.05 billion"}


def _without(record: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != key}


def _load(document: object) -> ree.Dataset:
    mine = ("mine.json", json.dumps(document))
    return ree.Dataset.from_documents([*(d[:2] for d in shipped_documents()), mine])


def _loader_problems(document: object) -> list[tuple[str, str]]:
    """The loader's problems with ``document``, read beside the shipped data."""
    try:
        _load(document)
    except ree.DataError as e:
        return [(p.path, p.message) for p in e.problems]
    return []


def _schema_errors(validator: Any, document: object) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


class TestFactFileSchema:
    def test_is_a_valid_draft_2020_12_schema(self) -> None:
        """The schema is itself valid under the 2020-12 meta-schema it names."""
        schema = fact_file_schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == "urn:rareearth:fact-file"

    def test_one_array_per_collection(self) -> None:
        """Each collection is an array of its record class; besides, only "$schema" is allowed."""
        schema = fact_file_schema()
        properties = dict(schema["properties"])
        assert properties.pop("$schema")["type"] == "string"
        assert schema["additionalProperties"] is False
        assert {name: prop["items"]["$ref"] for name, prop in properties.items()} == {
            name: f"#/$defs/{c.type.__name__}" for name, c in COLLECTIONS.items()
        }

    def test_schema_key_is_accepted(self) -> None:
        """A file naming its schema for an editor validates and loads; the key is ignored."""
        document = {"$schema": "fact-file.schema.json", "places": []}
        jsonschema.Draft202012Validator(fact_file_schema()).validate(document)
        loaded = ree.Dataset.from_documents([("mine.json", json.dumps(document))])
        assert loaded.places == ()

    def test_records_refuse_unknown_keys(self) -> None:
        """Every record definition is closed, as the converter forbids extra keys."""
        defs = fact_file_schema()["$defs"]
        open_records = [
            name
            for name, schema in defs.items()
            if schema.get("type") == "object" and schema.get("additionalProperties") is not False
        ]
        assert open_records == []
        assert defs["FuzzyDate"]["anyOf"][1]["additionalProperties"] is False
        assert defs["Value"]["anyOf"][1]["additionalProperties"] is False

    def test_every_field_is_described(self) -> None:
        """Every field has the description its class docstring gives it."""
        defs = fact_file_schema()["$defs"]
        undescribed = [
            f"{name}.{field}"
            for name, schema in defs.items()
            for field, prop in schema.get("properties", {}).items()
            if not prop.get("description")
        ]
        assert undescribed == []
        facility = defs["Facility"]["properties"]
        assert facility["operator"]["description"] == (
            "Id of the entity that runs it. Refers to an entity by its id."
        )

    def test_is_deterministic(self) -> None:
        """Two calls give equal schemas, in the same key order."""
        assert json.dumps(fact_file_schema()) == json.dumps(fact_file_schema())

    @pytest.mark.parametrize("name", DATA_FILES)
    def test_shipped_data_validates(self, validator: Any, name: str) -> None:
        """Every shipped fact file is valid under the schema."""
        document = json.loads((PACKAGE / "data" / name).read_text(encoding="utf-8"))
        assert document
        assert _schema_errors(validator, document) == []

    def test_a_users_facility_validates_and_loads(self, validator: Any) -> None:
        """A new JL MAG facility with one phase passes the schema and loads with shipped data."""
        document = {"facilities": [_facility()]}
        assert _schema_errors(validator, document) == []
        ds = _load(document)
        assert [f.id for f in ds.facilities_of("JL MAG")] == [
            "jl-mag-baotou-base",
            "jl-mag-ganzhou",
            "my-plant",
        ]
        (phase,) = ds.facility("my-plant").phases
        assert str(phase.capacity) == "1,000 t/yr sintered-ndfeb-magnets"

    @pytest.mark.parametrize(
        ("document", "schema_error", "loader_problem"),
        [
            pytest.param(
                {"facilities": [_facility(phases=[_phase(capacity=_tonnes("1000"))])]},
                ("$.facilities[0].phases[0].capacity.value", "anyOf"),
                (
                    "$.facilities[0].phases[0].capacity.value",
                    "expected a number, got the string '1000'",
                ),
                id="string-for-number",
            ),
            pytest.param(
                {"entities": [_entity(colour="red")]},
                ("$.entities[0]", "additionalProperties"),
                ("$.entities[0].colour", "unknown key 'colour'"),
                id="unknown-key",
            ),
            pytest.param(
                {"entities": [_entity(kind="dragon")]},
                ("$.entities[0].kind", "enum"),
                ("$.entities[0].kind", "'dragon' is not a valid EntityKind"),
                id="bad-enum",
            ),
            pytest.param(
                {"facilities": [_without(_facility(), "operator")]},
                ("$.facilities[0]", "required"),
                ("$.facilities[0].operator", "required, but missing"),
                id="missing-field",
            ),
            pytest.param(
                {"events": [_event(date={"text": "Wednesday", "means": "2025-06-11", "on": "x"})]},
                ("$.events[0].date", "additionalProperties"),
                ("$.events[0].date.on", "unknown key 'on'"),
                id="date-object-extra-key",
            ),
        ],
    )
    def test_broken_documents_are_refused_by_both(
        self,
        validator: Any,
        document: dict[str, Any],
        schema_error: tuple[str, str],
        loader_problem: tuple[str, str],
    ) -> None:
        """A broken document fails the schema at the broken spot and the loader with its reason."""
        error = jsonschema.exceptions.best_match(validator.iter_errors(document))
        assert (error.json_path, error.validator) == schema_error
        ((path, message),) = _loader_problems(document)
        assert path == loader_problem[0]
        assert message.startswith(loader_problem[1])

    @pytest.mark.parametrize(
        ("document", "accepted"),
        [
            pytest.param({"entities": [_entity(tickers=["300748.SZ"])]}, True, id="ticker"),
            pytest.param({"entities": [_entity(tickers=["300748"])]}, False, id="ticker-no-exch"),
            pytest.param({"entities": [_entity(tickers=["300748.NY"])]}, False, id="ticker-exch"),
            pytest.param({"entities": [_entity(tickers=["30-48.SZ"])]}, False, id="ticker-symbol"),
            pytest.param({"entities": [_entity(founded=2008)]}, True, id="int"),
            pytest.param({"entities": [_entity(founded=True)]}, False, id="bool-for-int"),
            pytest.param({"entities": [_entity(founded="2008")]}, False, id="str-for-int"),
            pytest.param({"entities": [_entity(country="CN")]}, True, id="country"),
            pytest.param({"entities": [_entity(country="cn")]}, False, id="country-case"),
            pytest.param({"entities": [_entity(id="My Company")]}, False, id="bad-id"),
            pytest.param({"entities": [_entity(name=" ")]}, False, id="blank"),
            pytest.param({"entities": [_entity(cites=[])]}, False, id="no-citation"),
            pytest.param({"entities": [_entity(hubs=["baotou", "baotou"])]}, False, id="id-twice"),
            pytest.param({"entities": [_entity(aliases="JL")]}, False, id="str-for-list"),
            pytest.param({"entities": [_entity(legal_name=None)]}, True, id="null"),
            pytest.param({"figures": [_figure(value=9.4)]}, True, id="bare-number"),
            pytest.param({"figures": [_figure(value="9.4")]}, False, id="str-for-number"),
            pytest.param(
                {"figures": [_figure(value={"number": 9.4, "qualifier": "approximately"})]},
                True,
                id="value-object",
            ),
            pytest.param(
                {"figures": [_figure(value={"number": 9.4, "qualifier": "maybe"})]},
                False,
                id="value-qualifier",
            ),
            pytest.param({"figures": [_figure(value={"upper": 9})]}, False, id="value-no-number"),
            pytest.param({"events": [_event(date="late 2024")]}, True, id="date"),
            pytest.param(
                {"events": [_event(date={"text": "Wednesday", "means": "2025-06-11"})]},
                True,
                id="date-object",
            ),
            pytest.param(
                {"events": [_event(date={"text": "x", "means": "2025", "note": None})]},
                True,
                id="date-null-note",
            ),
            pytest.param(
                {"events": [_event(date={"text": "Wednesday"})]}, False, id="date-no-means"
            ),
            pytest.param({"events": [_event(date=20250611)]}, False, id="date-number"),
            pytest.param(
                {"facilities": [_facility(phases=[_phase(investment=_investment("RMB"))])]},
                True,
                id="currency-alias",
            ),
            pytest.param(
                {"facilities": [_facility(phases=[_phase(investment=_investment("XYZ"))])]},
                False,
                id="currency-unknown",
            ),
            pytest.param({"factories": []}, False, id="unknown-collection"),
            pytest.param({"entities": {}}, False, id="collection-not-a-list"),
        ],
    )
    def test_schema_and_loader_agree(
        self, validator: Any, document: dict[str, Any], accepted: bool
    ) -> None:
        """The schema accepts what the loader accepts and refuses what it refuses."""
        assert (_schema_errors(validator, document) == []) is accepted
        assert (_loader_problems(document) == []) is accepted

    @pytest.mark.parametrize(
        ("document", "problem"),
        [
            pytest.param(
                {"figures": [_figure(value={"number": 9, "qualifier": "range", "upper": 3})]},
                "low end 9 is above its high end 3",
                id="range-low-above-high",
            ),
            pytest.param(
                {"figures": [_figure(value={"number": 9, "upper": 12})]},
                "only a range has an upper end",
                id="upper-without-range",
            ),
            pytest.param(
                {"figures": [_figure(kind="share", unit="%", value=120)]},
                "a share of 120% is over 100",
                id="share-over-100",
            ),
            pytest.param(
                {"figures": [_figure(unit="tons")]},
                "unknown unit 'tons'",
                id="unknown-unit",
            ),
            pytest.param(
                {"events": [_event(date="Smarch 2025")]},
                "cannot read 'Smarch 2025' as a date",
                id="unreadable-date",
            ),
            pytest.param(
                {"entities": [_entity(founded=1500)]},
                "1500 is not a plausible year",
                id="implausible-year",
            ),
            pytest.param(
                {"entities": [_entity(cites=[{"source": SRC, "quote": "x" * 801}])]},
                "801 characters; keep it to 800",
                id="long-quote",
            ),
            pytest.param(
                {"facilities": [_facility(phases=[])]},
                "a facility needs at least one phase",
                id="no-phase",
            ),
            pytest.param(
                {"facilities": [_facility(phases=[_phase(milestones=[])])]},
                "a phase needs at least one status",
                id="no-milestone",
            ),
            pytest.param(
                {"facilities": [_facility(phases=[_phase(capacity=_tonnes(-5))])]},
                "a quantity cannot be negative",
                id="negative-capacity",
            ),
            pytest.param(
                {"relationships": [_stake(party="jl-mag")]},
                "'jl-mag' cannot be related to itself",
                id="related-to-itself",
            ),
            pytest.param(
                {"relationships": [_stake(share=120)]},
                "not between 0 and 100 percent",
                id="stake-over-100",
            ),
            pytest.param(
                {"relationships": [_stake(kind="customer", share=10)]},
                "a customer relation has no share",
                id="share-of-a-customer",
            ),
            pytest.param(
                {"rates": [_rate(rate=0)]},
                "a rate must be a positive number between 10^-18 and 10^18, got 0",
                id="rate-not-positive",
            ),
            pytest.param(
                {"rates": [_rate(quote="RMB")]},
                "a rate from CNY to itself",
                id="rate-to-itself",
            ),
            pytest.param(
                {"facilities": [_facility(id="jl-mag-baotou-base")]},
                "duplicate id 'jl-mag-baotou-base'",
                id="duplicate-id",
            ),
            pytest.param(
                {"facilities": [_facility(operator="acme")]},
                "refers to entity 'acme', which no fact file defines",
                id="dangling-reference",
            ),
        ],
    )
    def test_rules_left_to_the_loader(
        self, validator: Any, document: dict[str, Any], problem: str
    ) -> None:
        """What only the loader checks passes the schema and is refused on loading."""
        assert _schema_errors(validator, document) == []
        ((_, message),) = _loader_problems(document)
        assert problem in message

    @pytest.mark.parametrize("currency", ["rmb", "usd", " USD ", "USD\n"])
    def test_currency_as_written_in_capitals(self, validator: Any, currency: str) -> None:
        """Both refuse "usd" and " USD " in a file, which writes "USD"; Money reads them."""
        document = {"facilities": [_facility(phases=[_phase(investment=_investment(currency))])]}
        error = jsonschema.exceptions.best_match(validator.iter_errors(document))
        where = "$.facilities[0].phases[0].investment.amount.currency"
        assert (error.json_path, error.validator) == (where, "enum")
        written = currency.strip().upper()
        assert _loader_problems(document) == [
            (where, f"write the currency {currency!r} as {written!r}, in capitals and alone")
        ]
        assert ree.Money(1, currency).currency == ree.Money(1, written).currency


#: One fact file that uses every kind of field the schema constrains by a
#: pattern or a list: ids, names, tickers, countries, currencies, enums.
_ALL_KINDS: dict[str, Any] = {
    "entities": [
        _entity(
            legal_name="My Company Ltd.",
            aliases=["MyCo"],
            tickers=["688888.SH"],
            country="CN",
            hubs=["baotou"],
        )
    ],
    "facilities": [_facility(phases=[_phase(investment=_investment("RMB"))])],
    "events": [_event(tags=["export-controls"])],
    "figures": [_figure()],
    "rates": [_rate()],
}
#: Where each field is, as a path of keys and indexes into `_ALL_KINDS`.
_FIELDS: dict[str, tuple[str | int, ...]] = {
    "id": ("entities", 0, "id"),
    "name": ("entities", 0, "name"),
    "legal name": ("entities", 0, "legal_name"),
    "alias": ("entities", 0, "aliases", 0),
    "summary": ("entities", 0, "summary"),
    "kind": ("entities", 0, "kind"),
    "ticker": ("entities", 0, "tickers", 0),
    "country": ("entities", 0, "country"),
    "reference": ("entities", 0, "hubs", 0),
    "citation": ("entities", 0, "cites", 0, "source"),
    "currency": ("facilities", 0, "phases", 0, "investment", "amount", "currency"),
    "rate base": ("rates", 0, "base"),
    "tag": ("events", 0, "tags", 0),
}
#: Changes to a string that a schema pattern could miss or a loader could forgive.
_MUTATIONS: dict[str, Callable[[str], str]] = {
    "as is": lambda s: s,
    "trailing newline": lambda s: s + "\n",
    "trailing space": lambda s: s + " ",
    "leading space": lambda s: " " + s,
    "lower case": str.lower,
    "upper case": str.upper,
    "empty": lambda _: "",
    "only invisible": lambda _: "\u200b\u200e\u2066",
    "zero-width inside": lambda s: s[:1] + "\u200b" + s[1:],
}


def _mutated(field: str, mutation: str) -> dict[str, Any]:
    document = copy.deepcopy(_ALL_KINDS)
    *parents, last = _FIELDS[field]
    node: Any = document
    for key in parents:
        node = node[key]
    node[last] = _MUTATIONS[mutation](node[last])
    return document


class TestSchemaAndLoaderAgree:
    @pytest.mark.parametrize("mutation", sorted(_MUTATIONS))
    @pytest.mark.parametrize("field", sorted(_FIELDS))
    def test_on_mutated_files(self, validator: Any, field: str, mutation: str) -> None:
        """The schema and the loader accept or refuse each mutated file alike."""
        document = _mutated(field, mutation)
        schema_errors = _schema_errors(validator, document)
        loader_problems = _loader_problems(document)
        assert (schema_errors == []) == (loader_problems == []), (schema_errors, loader_problems)

    def test_mutations_are_refused(self, validator: Any) -> None:
        """The mutations are not all accepted: a trailing newline in an id is refused by both."""
        document = _mutated("id", "trailing newline")
        pattern = "'^(?:[a-z0-9]+(?:[-_][a-z0-9]+)*)$(?!\\\\n)'"
        assert _schema_errors(validator, document) == [
            f"$.entities[0].id: 'my-company\\n' does not match {pattern}"
        ]
        message = (
            "'my-company\\n' is not an id: use lower-case letters, digits and single "
            "dashes, such as 'jl-mag'"
        )
        assert _loader_problems(document) == [("$.entities[0].id", message)]


class TestSchemaText:
    def test_committed_file_is_current(self) -> None:
        """The committed schema file is what the record classes generate now."""
        committed = (PACKAGE / SCHEMA_FILE).read_text(encoding="utf-8")
        assert committed == schema_text() == generated_text(), (
            f"src/rareearth/{SCHEMA_FILE} is out of date; regenerate it with:\n{REGENERATE}"
        )

    def test_is_the_schema_as_json(self) -> None:
        """The text is the schema, indented, with non-ASCII kept, ending in one newline."""
        text = schema_text()
        assert json.loads(text) == fact_file_schema()
        assert text.startswith('{\n  "$schema": ')
        assert text.endswith("}\n")
        assert "“late 2024”" in text


class TestGeneratorGuards:
    """The generator refuses what it cannot describe, rather than write a wrong schema."""

    def test_unknown_type(self) -> None:
        """A field type the generator was not taught is a TypeError naming it."""
        builder = _Builder({name: c.type for name, c in COLLECTIONS.items()})
        with pytest.raises(TypeError, match="no JSON Schema for <class 'float'>: teach"):
            builder.type_schema(float)

    def test_two_classes_one_name(self) -> None:
        """Two classes with one name would share a definition: refused."""
        builder = _Builder({name: c.type for name, c in COLLECTIONS.items()})
        builder.ref("Thing", int, lambda: {"type": "integer"})
        with pytest.raises(TypeError, match="two definitions are named 'Thing'"):
            builder.ref("Thing", str, lambda: {"type": "string"})

    def test_partial_regex(self) -> None:
        """A regex validator that matches only a prefix cannot become a JSON Schema pattern."""
        validator = attrs.validators.matches_re(r"[a-z]+", func=re.match)
        with pytest.raises(TypeError, match="cannot read a whole-string regex"):
            regex_of(validator)

    def test_wider_optional_union(self) -> None:
        """Only ``X | None`` is read as an optional X; a wider union is left whole."""
        assert _optional(int | None) == (int, True)
        assert _optional(int | str | None) == (int | str | None, False)

    def test_undocumented_class(self) -> None:
        """A class with no docstring has no description and no attribute notes."""

        class Bare:
            pass

        assert (_summary(Bare), _attribute_docs(Bare)) == (None, {})
