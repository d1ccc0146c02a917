"""The one converter: fact-file JSON to records and back, strict both ways."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rareearth as ree
from factories import SRC, cite, entity, figure
from rareearth import _codec
from rareearth._codec import SCHEMAS, Duplicated, converter, unstructure
from rareearth._load import shipped_documents
from rareearth._money import normalize_currency
from rareearth._records import COLLECTIONS
from rareearth._schema import fact_file_schema
from rareearth._tables import dumps
from strategies import RECORD_DATA, fuzz_examples


class TestConverter:
    def test_round_trip(self, ds: ree.Dataset) -> None:
        """Every shipped record unstructures and structures back to itself."""
        for name in COLLECTIONS:
            for record in ds.collection(name):
                again = converter.structure(unstructure(record), type(record))
                assert again == record

    @pytest.mark.parametrize(("value", "kind"), [("12", int), (True, int), (1, str), (1, bool)])
    def test_no_coercion(self, value: object, kind: type) -> None:
        """Values of the wrong JSON type are refused, not coerced."""
        with pytest.raises(TypeError, match="expected"):
            converter.structure(value, kind)

    def test_string_is_not_a_list(self) -> None:
        """A string where a list is due is refused (it would split into letters)."""
        with pytest.raises(ree.DataError, match="expected a list"):
            ree.Dataset.from_documents(
                [
                    (
                        "x.json",
                        json.dumps(
                            {
                                "places": [
                                    {
                                        "id": "p",
                                        "name": "P",
                                        "kind": "city",
                                        "cites": "abc",
                                    }
                                ]
                            }
                        ),
                    )
                ]
            )

    def test_written_shortest(self) -> None:
        """An exact value with no printed form is written as a bare number, a date as text."""
        assert unstructure(ree.Value(Decimal(20000))) == Decimal(20000)
        assert unstructure(ree.parse_date("July 10, 2025")) == "July 10, 2025"
        assert unstructure(ree.Money("1.05e9", "RMB")) == {
            "amount": Decimal("1.05E+9"),
            "currency": "CNY",
        }


class TestSchemas:
    @pytest.mark.parametrize("cl", [ree.FuzzyDate, ree.Ticker, ree.Value, ree.Money])
    def test_each_special_type_brings_its_schema(self, cl: type) -> None:
        """Each type read by a hook of its own has its JSON Schema fragment beside that hook."""
        hook = converter.get_structure_hook(cl).__qualname__
        assert not hook.startswith("_record_hook_factory"), hook  # not a plain record's
        name, _ = SCHEMAS[cl]
        assert name == cl.__name__
        assert name in fact_file_schema()["$defs"]

    def test_currency_fields(self) -> None:
        """The fields that hold a currency (their converter) bring the Currency fragment."""
        name, _ = SCHEMAS[normalize_currency]
        assert fact_file_schema()["$defs"][name]["enum"][:3] == ["AED", "AFN", "ALL"]


def _as_json(data: object) -> Any:
    """``data`` as a fact file holds it: written, then read as the loader reads numbers."""
    return json.loads(dumps(data), parse_float=Decimal, parse_int=Decimal)


def _unvouched(data: object) -> Any:
    """``data`` with every object a `Duplicated` of no repeated key, which the quick pass refuses.

    Such an object is read by the detailed pass alone, at every depth.
    """
    if isinstance(data, dict):
        return Duplicated([(key, _unvouched(item)) for key, item in data.items()], [])
    if isinstance(data, list):
        return [_unvouched(item) for item in data]
    return data


class TestQuickPass:
    def test_shipped_records_read_alike(self, ds: ree.Dataset) -> None:
        """Every shipped record reads to the same record by the quick pass and the detailed one."""
        for name in COLLECTIONS:
            cl = COLLECTIONS[name].type
            for record in ds.collection(name):
                data = _as_json(unstructure(record))
                assert converter.structure(data, cl) == record
                assert converter.structure(_unvouched(data), cl) == record

    @pytest.mark.parametrize("collection", list(RECORD_DATA))
    @given(data=st.data())
    @settings(max_examples=fuzz_examples(30), deadline=None)
    def test_drawn_records_read_alike(self, collection: str, data: st.DataObject) -> None:
        """A drawn record reads alike both ways, or fails both ways with the same problems."""
        item = _as_json(data.draw(RECORD_DATA[collection]()))
        cl = COLLECTIONS[collection].type
        outcomes = []
        for given_data in (item, _unvouched(item)):
            try:
                outcomes.append(converter.structure(given_data, cl))
            except Exception as e:  # noqa: BLE001 - compared below
                outcomes.append(_problems(e))
        assert outcomes[0] == outcomes[1]

    def test_failing_record_gets_every_problem(self) -> None:
        """A record the quick pass stops at is read again: every problem, each at its field."""
        bad = entity(
            id="Bad Id",
            cites=[cite(), {"source": "my-notes", "quote": " "}],
            founded="1999",
            extra=1,
        )
        with pytest.raises(ree.DataError) as info:
            _with(json.dumps({"entities": [bad]}))
        assert [str(p) for p in info.value.problems] == [
            "mine.json: $.entities[0].cites[1].quote (record 'Bad Id'): must not be blank",
            (
                "mine.json: $.entities[0].founded (record 'Bad Id'): "
                "expected a number, got the string '1999'"
            ),
            "mine.json: $.entities[0].extra (record 'Bad Id'): unknown key 'extra'",
            (
                "mine.json: $.entities[0].cites[1].source (record 'Bad Id'): "
                "refers to source 'my-notes', which no fact file defines"
            ),
        ]


def _with(text: str) -> ree.Dataset:
    """The shipped data and a user's file "mine.json" holding ``text``."""
    return ree.Dataset.from_documents([*(d[:2] for d in shipped_documents()), ("mine.json", text)])


def _problems(error: Exception) -> list[str]:
    """What the loader would say of ``error``, each problem at its path."""
    from rareearth._load import _record_problems  # noqa: PLC0415 - the loader's own wording

    return [str(p) for p in _record_problems("x.json", "$", None, error)]


class TestShared:
    def test_equal_citations_are_one(self) -> None:
        """Records of a file citing one passage share one citation, checked once; none is kept."""
        one = {"source": SRC, "quote": "JL MAG breaks ground"}
        facts = {"entities": [entity(id=f"maker-{i}", cites=[dict(one)]) for i in (1, 2)]}
        ds = _with(json.dumps(facts))
        first, second = (ds.entity(f"maker-{i}").cites[0] for i in (1, 2))
        assert first is second
        assert first == ree.Citation(SRC, "JL MAG breaks ground")
        assert not _codec._citations  # noqa: SLF001 - forgotten once the file is read

    def test_words_are_interned(self) -> None:
        """A figure's metric and an event's tags, words of a vocabulary, are one string each."""
        figures = [figure(id=f"my-figure-{i}", metric="my-output") for i in (0, 1)]
        ds = _with(json.dumps({"figures": figures}))
        first, second = ({f.id: f for f in ds.figures()}[f"my-figure-{i}"] for i in (0, 1))
        assert first.metric == second.metric == "my-output"
        assert first.metric is second.metric
