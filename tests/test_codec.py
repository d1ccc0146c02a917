"""The one converter: fact-file JSON to records and back, strict both ways."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import rareearth as ree
from rareearth._codec import SCHEMAS, converter, unstructure
from rareearth._money import normalize_currency
from rareearth._records import COLLECTIONS
from rareearth._schema import fact_file_schema


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
