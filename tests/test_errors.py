"""The exception hierarchy: one module, one base, each error also a stdlib error."""

from __future__ import annotations

import importlib
import inspect
import pickle
import traceback
from pathlib import Path

import pytest

import rareearth as ree
from rareearth import _errors

PACKAGE = Path(ree.__file__).parent


def _public_errors() -> list[type[ree.RareEarthError]]:
    return [
        value
        for name in ree.__all__
        if isinstance(value := getattr(ree, name), type) and issubclass(value, ree.RareEarthError)
    ]


class TestHierarchy:
    def test_every_error_defined_in_one_module(self) -> None:
        """Every RareEarthError subclass in any module of the package is defined in _errors."""
        elsewhere = {
            f"{path.stem}.{name}"
            for path in PACKAGE.glob("_[a-z]*.py")
            for name, value in vars(importlib.import_module(f"rareearth.{path.stem}")).items()
            if isinstance(value, type)
            and issubclass(value, ree.RareEarthError)
            and getattr(_errors, value.__name__, None) is not value
        }
        assert elsewhere == set()

    @pytest.mark.parametrize("error", _public_errors(), ids=lambda e: e.__name__)
    def test_each_is_also_a_stdlib_error(self, error: type[ree.RareEarthError]) -> None:
        """Every public error but the base is a LookupError, a ValueError or an OSError too."""
        assert getattr(_errors, error.__name__) is error
        if error is not ree.RareEarthError:
            assert issubclass(error, LookupError | ValueError | OSError)
        assert inspect.getdoc(error)

    def test_all_public(self) -> None:
        """Every error class of _errors is a public name of rareearth."""
        classes = {
            name
            for name, value in vars(_errors).items()
            if isinstance(value, type) and issubclass(value, Exception)
        }
        assert classes <= set(ree.__all__)


class TestPublicPath:
    def test_traceback_names_the_public_path(self) -> None:
        """A traceback names an error where users import it, not its private module."""
        try:
            ree.company("JL Magnet")
        except ree.UnknownEntityError as e:
            shown = traceback.format_exception_only(e)[-1]
        assert shown.startswith("rareearth.UnknownEntityError: no entity matches 'JL Magnet'")

    @pytest.mark.parametrize("error", _public_errors(), ids=lambda e: e.__name__)
    def test_public_module(self, error: type[ree.RareEarthError]) -> None:
        """Every public error says it lives in rareearth, where pickle finds it again."""
        assert error.__module__ == "rareearth"
        assert getattr(ree, error.__name__) is error

    def test_copies_keep_message_and_attributes(self) -> None:
        """A pickled error (as from a worker process) comes back whole, not re-built."""
        errors: list[ree.RareEarthError] = [
            ree.UnknownEntityError("JL Magnet", ["JL MAG"]),
            ree.UnknownRecordError("source", "009", ["000"]),
            ree.ChoiceError("status", "built", ["operating"]),
            ree.NoRateError("USD", "JPY", [("CNY", "USD")]),
            ree.DataError([ree.Problem("f.json", "$.entities[0]", None, "bad")], more=2),
            ree.WriteError("cannot write 'out'"),
        ]
        for error in errors:
            copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
            assert (type(copy), str(copy), vars(copy)) == (type(error), str(error), vars(error))


class TestMessages:
    def test_mixed_units_names_both(self) -> None:
        """Adding alloy and powder names both kinds and says how to group."""
        with pytest.raises(ree.MixedUnitsError) as caught:
            ree.total_capacity(company="China Northern Rare Earth")
        assert caught.value.kinds == ("t/yr hydrogen-crushed-powder", "t/yr ndfeb-alloy")
        assert "group with by='product'" in str(caught.value)

    def test_no_rate_lists_pairs(self) -> None:
        """A conversion with no path names the pairs that exist."""
        with pytest.raises(ree.NoRateError, match="no rate converts USD to JPY; rates exist for: "):
            ree.convert(ree.Money("1", "USD"), "JPY")

    def test_window_error(self) -> None:
        """An end before the start is a WindowError naming both days."""
        with pytest.raises(ree.WindowError, match=r"ends \(2025-05-31\) before it starts"):
            ree.timeline("2025-06", "2025-05")

    def test_choice_error_lists_choices(self) -> None:
        """A status outside the list names the field, the value and every choice."""
        with pytest.raises(ree.ChoiceError) as caught:
            ree.total_capacity(status="built")
        assert (caught.value.field, caught.value.value) == ("status", "built")
        assert "operating" in caught.value.choices

    def test_unknown_collection(self, ds: ree.Dataset) -> None:
        """Asking a data set for a collection it does not have lists those it has."""
        with pytest.raises(ree.ChoiceError, match="collection 'mines' is not one of 'sources'"):
            ds.collection("mines")
