"""Importing rareearth is cheap: the records, loader and helpers wait until needed."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import pytest

import rareearth as ree

INIT = pathlib.Path(ree.__file__)


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    script = f"import sys\n{code}\nprint(*sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.splitlines()[-1].split())


def _typed_imports() -> dict[str, str]:
    """What ``__init__`` imports for type checkers: public name -> private module."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    guard = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "_TYPE_CHECKING"
    )
    return {
        alias.name: node.module.removeprefix("rareearth.")
        for node in guard.body
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rareearth.")
        for alias in node.names
    }


class TestLazyImport:
    def test_import_loads_nothing_else(self) -> None:
        """``import rareearth`` imports nothing attrs would not, but for itself and datetime."""
        # Compared with a bare start, not read whole: a coverage run's
        # subprocesses import json and decimal before any code runs.
        allowed = _modules_after("import attrs") | {"rareearth", "rareearth._version", "datetime"}
        allowed |= {"_datetime", "math"}
        allowed.add("__future__")  # for its own annotations; attrs may bring it or not
        new = _modules_after("import rareearth")
        assert new <= allowed, sorted(new - allowed)
        added = new - _modules_after("pass")
        assert not {"rareearth._records", "cattrs", "dateutil", "decimal", "json"} & added

    def test_class_access_imports_its_module(self) -> None:
        """Asking for a class imports its module, and not the loader."""
        loaded = _modules_after("import rareearth; rareearth.Money")
        assert "rareearth._money" in loaded
        assert not {"rareearth._load", "cattrs"} & loaded

    def test_dataset_class_imports_no_query(self) -> None:
        """``rareearth.Dataset`` imports the data set, not the queries it asks on demand."""
        loaded = _modules_after("import rareearth; rareearth.Dataset")
        assert "rareearth._dataset" in loaded
        queries = {"_capacity", "_convert", "_diff", "_ownership", "_quotes", "_export"}
        assert not {f"rareearth.{q}" for q in queries} & loaded
        assert not {"rareearth._load", "cattrs"} & loaded

    def test_first_answer_loads_the_data(self) -> None:
        """A module-level question reads the shipped data on first use, without the loader.

        The shipped files are those checked at release (their fingerprint
        matches), so they are read without cattrs and the loader's checks.
        """
        loaded = _modules_after("import rareearth; print(rareearth.company('JL MAG').founded)")
        assert {"rareearth._records", "rareearth._facts", "rareearth._dataset"} <= loaded
        assert not {"rareearth._load", "rareearth._codec", "cattrs"} & loaded
        # Heavy modules only writing, searching or zip installs need stay out of the first
        # answer (compared with a bare start: coverage's subprocesses import some of them).
        added = loaded - _modules_after("pass")
        heavy = {"secrets", "hashlib", "tempfile", "zipfile", "dateutil", "pathlib", "difflib"}
        assert not {*heavy, "calendar"} & added

    def test_typed_imports_are_the_lazy_names(self) -> None:
        """Type checkers see every public name not defined in ``__init__``, and no other."""
        defined = {
            n
            for n in ree.__all__
            if callable(value := getattr(ree, n))
            and not isinstance(value, type)
            and value.__module__ == "rareearth"
        }
        constants = {"DATA_DATE", "DATA_VERSION", "__version__"}
        assert set(_typed_imports()) == set(ree.__all__) - defined - constants

    def test_every_public_name_resolves(self) -> None:
        """Each lazy name is the object of the module type checkers import it from."""
        for name, module in _typed_imports().items():
            assert getattr(ree, name) is getattr(sys.modules[f"rareearth.{module}"], name)

    def test_one_list_of_names(self) -> None:
        """``__init__`` keeps one list of public names, ``__all__``, each in it once."""
        assert len(ree.__all__) == len(set(ree.__all__))
        assert "_LAZY" not in vars(ree)

    def test_dir_lists_lazy_names(self) -> None:
        """``dir(rareearth)`` shows the public names before they are imported."""
        assert set(ree.__all__) <= set(dir(ree))

    def test_unknown_name(self) -> None:
        """An unknown attribute raises AttributeError naming it."""
        with pytest.raises(AttributeError, match="has no attribute 'Entitty'"):
            ree.Entitty  # noqa: B018 - the access is the test

    def test_star_import(self) -> None:
        """``from rareearth import *`` gives every public name, lazy ones included."""
        namespace: dict[str, object] = {}
        exec("from rareearth import *", namespace)  # noqa: S102 - a fixed statement
        assert {"Entity", "Money", "company", "DATA_VERSION"} <= set(namespace)
