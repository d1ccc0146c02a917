"""Fuzzing the loader: mutated shipped files and random documents.

Every case must end in a loaded data set or a `DataError` whose problems
name the file and the place, never in another exception. A few hundred
cases run on every test run; ``RAREEARTH_FUZZ=slow`` runs twenty times as
many (over ten thousand) and the count is printed at the end of the run.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rareearth as ree
from rareearth._load import shipped_documents
from rareearth._tables import dumps
from strategies import FUZZ_SLOW, fuzz_examples

SHIPPED = {d.name: d.text for d in shipped_documents()}
PARSED = {name: json.loads(text, parse_float=Decimal) for name, text in SHIPPED.items()}
#: Numbers JSON cannot hold or rareearth refuses, written into files as they are.
BAD_NUMBERS: tuple[str, ...] = (
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "-1e400",
    "1" + "0" * 30,
    "1e-30",
)
BAD_NUMBERS += ("1" + "0" * 5000, "0.1234567890123456789")


def fuzz(examples: int) -> settings:
    """Settings for ``examples`` cases (twenty times more in the slow mode)."""
    return settings(
        max_examples=fuzz_examples(examples),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=not FUZZ_SLOW,  # the same cases on every ordinary run; fresh ones when slow
    )


def _nodes(value: Any, path: str) -> Iterator[tuple[str, Any, Any, Any]]:
    """Every (path, parent, value, key) below a JSON value, in the loader's path notation."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in items:
        here = f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]"
        yield here, value, child, key
        if isinstance(child, dict | list):
            yield from _nodes(child, here)


def _marker(number: str) -> str:
    """A string standing in for a bare number until the document is written."""
    return f"\x00{number}\x00"


def _text(doc: Any) -> str:
    text = dumps(doc)
    for number in BAD_NUMBERS:
        text = text.replace(json.dumps(_marker(number)), number)
    return text


def _is_under(problem_path: str, path: str) -> bool:
    """Whether ``problem_path`` is ``path`` or one of the nodes above it (a prefix by segment)."""
    return path == problem_path or path.startswith((problem_path + ".", problem_path + "["))


def _replace(name: str, text: str) -> dict[str, str]:
    """The shipped documents with ``name``'s replaced by ``text``, as a user's file.

    Users' files are read under the size and depth limits; the shipped ones are not.
    """
    documents = {n: t for n, t in SHIPPED.items() if n != name}
    documents[_user_name(name)] = text
    return documents


def _user_name(name: str) -> str:
    return name.removeprefix("rareearth/data/")


def _load(documents: dict[str, str]) -> ree.Dataset | ree.DataError:
    """Load, returning the data set or the DataError; any other exception fails the test."""
    try:
        return ree.Dataset.from_documents(documents.items())
    except ree.DataError as e:
        return e


def _check_problems(error: ree.DataError, names: set[str]) -> None:
    """Each problem names one of the files loaded and a place in it."""
    assert error.problems
    for problem in error.problems:
        assert problem.file in names
        assert problem.path.startswith(("$", "line ")), problem
        assert problem.message.strip()
        assert problem.file in str(error)


# --- mutations of one shipped record ----------------------------------------------------


def _remove_key(data: st.DataObject, record: Any, path: str) -> str | None:
    dicts = [(p, v) for p, _, v, _ in _nodes(record, path) if isinstance(v, dict) and v]
    dicts.append((path, record))
    _, target = data.draw(st.sampled_from(dicts))
    del target[data.draw(st.sampled_from(sorted(target)))]
    return None  # an optional key may go: loading may succeed


def _add_key(data: st.DataObject, record: Any, path: str) -> str | None:
    dicts = [(p, v) for p, _, v, _ in _nodes(record, path) if isinstance(v, dict)]
    dicts.append((path, record))
    where, target = data.draw(st.sampled_from(dicts))
    key = data.draw(st.sampled_from(["colour", "Id", "idd", "note_"]))
    target[key] = 1
    return f"{where}.{key}"  # an unknown key is reported at itself


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=10),
    st.just([]),
    st.just({}),
    st.just([1, "a"]),
    st.just({"x": 1}),
)


def _wrong_type(data: st.DataObject, record: Any, path: str) -> str | None:
    _, parent, value, key = data.draw(st.sampled_from(list(_nodes(record, path))))
    replacement = data.draw(_SCALARS.filter(lambda v: type(v) is not type(value)))
    parent[key] = replacement
    return None  # null where a field is optional, or a string where a date may be, is fine


def _bad_number(data: st.DataObject, record: Any, path: str) -> str | None:
    numbers = [n for n in _nodes(record, path) if isinstance(n[2], int | Decimal)]
    nodes = numbers or list(_nodes(record, path))
    where, parent, _, key = data.draw(st.sampled_from(nodes))
    parent[key] = _marker(data.draw(st.sampled_from(BAD_NUMBERS)))
    return str(where)


def _out_of_range(data: st.DataObject, record: Any, path: str) -> str | None:
    numbers = [n for n in _nodes(record, path) if isinstance(n[2], int | Decimal)]
    if not numbers:
        return None
    _, parent, _, key = data.draw(st.sampled_from(numbers))
    parent[key] = data.draw(st.sampled_from([-1, Decimal("-0.5"), 101, 10**17, 0]))
    return None  # some fields take any number


def _dangling(data: st.DataObject, record: Any, path: str) -> str | None:
    refs = [
        n
        for n in _nodes(record, path)
        if isinstance(n[3], str)
        and n[3] in {"source", "operator", "subject", "party", "place", "publisher", "parent"}
        and isinstance(n[2], str)
    ]
    if not refs:
        return None
    where: str
    where, parent, _, key = data.draw(st.sampled_from(refs))
    parent[key] = "no-such-record"
    return where


def _deep(data: st.DataObject, record: Any, path: str) -> str | None:
    _, parent, value, key = data.draw(st.sampled_from(list(_nodes(record, path))))
    for _ in range(data.draw(st.integers(70, 400))):
        value = [value]
    parent[key] = value
    return "$"


MUTATIONS: dict[str, Callable[[st.DataObject, Any, str], str | None]] = {
    "remove a key": _remove_key,
    "add a key": _add_key,
    "wrong type": _wrong_type,
    "bad number": _bad_number,
    "out of range": _out_of_range,
    "dangling reference": _dangling,
    "deep nesting": _deep,
}


# --- nonsense: well-formed values that cannot be true ----------------------------------


def _negative(data: st.DataObject, doc: Any) -> str:
    """A share, price or count below zero."""
    figures = doc["figures"]
    can_be = {"share", "price"}
    indexes = [
        i
        for i, f in enumerate(figures)
        if f["kind"] in can_be or f["unit"] in {"count", "people", "unit"}
    ]
    i = data.draw(st.sampled_from(indexes))
    value = figures[i]["value"]
    if isinstance(value, dict):
        value["number"] = -value["number"] - 1
    else:
        figures[i]["value"] = -value - 1
    return f"$.figures[{i}].value"


def _country(data: st.DataObject, doc: Any) -> str:
    """A country code that is not assigned."""
    (key, records), *_ = doc.items()
    i = data.draw(st.integers(0, len(records) - 1))
    records[i]["country"] = data.draw(st.sampled_from(["XX", "UK", "EU", "ZZ"]))
    return f"$.{key}[{i}].country"


def _name(data: st.DataObject, doc: Any) -> str:
    """An alias that shows nothing, or has nothing to look it up by."""
    (key, records), *_ = doc.items()
    i = data.draw(st.integers(0, len(records) - 1))
    aliases = records[i].setdefault("aliases", [])
    aliases.insert(0, data.draw(st.sampled_from(["-", "\u200b", "\u200e\u200f", "...", "\ufeff"])))
    return f"$.{key}[{i}].aliases[0]"


def _reached_later(data: st.DataObject, doc: Any) -> str:
    """A milestone reached, not expected, dated long after its sources."""
    facilities = doc["facilities"]
    i = data.draw(st.integers(0, len(facilities) - 1))
    j = data.draw(st.integers(0, len(facilities[i]["phases"]) - 1))
    milestones = facilities[i]["phases"][j]["milestones"]
    k = data.draw(st.sampled_from([k for k, m in enumerate(milestones) if not m.get("expected")]))
    milestones[k]["date"] = data.draw(st.sampled_from(["2199", "2150-06", "late 2100"]))
    return f"$.facilities[{i}].phases[{j}].milestones"


def _stakes(data: st.DataObject, doc: Any) -> str:
    """A stated stake raised until the stakes in its entity add up to more than 100 %."""
    relations = doc["relationships"]
    i = data.draw(st.sampled_from([i for i, r in enumerate(relations) if "share" in r]))
    relations[i]["share"] = data.draw(st.sampled_from([95, 99, 100]))
    return "$.relationships["


NONSENSE: dict[str, tuple[str, Callable[[st.DataObject, Any], str]]] = {
    "negative": ("rareearth/data/figures.json", _negative),
    "country": ("rareearth/data/entities.json", _country),
    "place country": ("rareearth/data/places.json", _country),
    "invisible alias": ("rareearth/data/entities.json", _name),
    "reached in the future": ("rareearth/data/facilities.json", _reached_later),
    "stakes over 100": ("rareearth/data/relationships.json", _stakes),
}


@pytest.fixture(scope="module")
def shipped() -> ree.Dataset:
    return ree.dataset()


class TestMutatedShippedFiles:
    @given(data=st.data(), kind=st.sampled_from(sorted(MUTATIONS)))
    @fuzz(250)
    def test_mutation(
        self,
        data: st.DataObject,
        kind: str,
        shipped: ree.Dataset,
        fuzz_cases: Counter[str],
    ) -> None:
        """A mutated record loads, or is refused with a problem at the field mutated."""
        fuzz_cases["mutated records"] += 1
        name = data.draw(st.sampled_from(sorted(PARSED)))
        doc = copy.deepcopy(PARSED[name])
        (collection, items), *_ = doc.items()
        index = data.draw(st.integers(0, len(items) - 1))
        path = f"$.{collection}[{index}]"
        where = MUTATIONS[kind](data, items[index], path)
        result = _load(_replace(name, _text(doc)))
        if isinstance(result, ree.DataError):
            _check_problems(result, {*SHIPPED, _user_name(name)})
            # A record's checks name their field: none points at the record as a whole.
            mine = [p for p in result.problems if p.file == _user_name(name)]
            assert all(p.path != path for p in mine), str(result)
            if where is not None:
                assert any(
                    p.file == _user_name(name) and (_is_under(p.path, where) or p.path == "$")
                    for p in result.problems
                ), (where, str(result))
        else:
            assert where is None, f"{kind} at {where} was accepted"
            assert len(result.collection(collection)) == len(items)
        assert ree.dataset() is shipped

    @given(data=st.data())
    @fuzz(40)
    def test_duplicate_id(self, data: st.DataObject, fuzz_cases: Counter[str]) -> None:
        """An id used twice is refused at one of its two places, naming the other."""
        fuzz_cases["duplicate ids"] += 1
        names = sorted(PARSED)
        first, second = data.draw(st.lists(st.sampled_from(names), min_size=2, max_size=2))
        docs = {name: copy.deepcopy(PARSED[name]) for name in names}
        (c1, items1), *_ = docs[first].items()
        (c2, items2), *_ = docs[second].items()
        i = data.draw(st.integers(0, len(items1) - 1))
        j = data.draw(st.integers(0, len(items2) - 1).filter(lambda j: (c1, i) != (c2, j)))
        items2[j]["id"] = items1[i]["id"]
        result = _load(_replace(second, _text(docs[second])))
        assert isinstance(result, ree.DataError)
        duplicates = [p for p in result.problems if "duplicate id" in p.message]
        first_name = _user_name(first) if first == second else first
        places = {(first_name, f"$.{c1}[{i}].id"), (_user_name(second), f"$.{c2}[{j}].id")}
        assert any((p.file, p.path) in places for p in duplicates), str(result)


class TestNonsense:
    @given(data=st.data(), kind=st.sampled_from(sorted(NONSENSE)))
    @fuzz(60)
    def test_refused_at_its_field(
        self, data: st.DataObject, kind: str, fuzz_cases: Counter[str]
    ) -> None:
        """A well-formed value that cannot be true is refused, at the field or under it."""
        fuzz_cases["nonsense"] += 1
        name, mutate = NONSENSE[kind]
        doc = copy.deepcopy(PARSED[name])
        where = mutate(data, doc)
        result = _load(_replace(name, _text(doc)))
        assert isinstance(result, ree.DataError), f"{kind} at {where} was accepted"
        mine = [p for p in result.problems if p.file == _user_name(name)]
        assert any(p.path.startswith(where) for p in mine), (where, str(result))


class TestBrokenText:
    @given(data=st.data())
    @fuzz(60)
    def test_truncated(self, data: st.DataObject, fuzz_cases: Counter[str]) -> None:
        """A file cut short is refused with the line and column where JSON broke off."""
        fuzz_cases["truncated files"] += 1
        name = data.draw(st.sampled_from(sorted(SHIPPED)))
        cut = data.draw(st.integers(1, len(SHIPPED[name].rstrip()) - 1))
        result = _load(_replace(name, SHIPPED[name][:cut]))
        assert isinstance(result, ree.DataError)
        (problem,) = [p for p in result.problems if p.file == _user_name(name)]
        assert re.fullmatch(r"line \d+ column \d+", problem.path)
        assert problem.message.startswith("not valid JSON")

    @pytest.mark.parametrize("text", ["", " ", "\n", "\ufeff", "null", "[]", '"facts"', "1"])
    def test_empty_or_not_an_object(self, text: str) -> None:
        """An empty file, or one that is not a JSON object, is refused at its start."""
        result = _load({"mine.json": text})
        assert isinstance(result, ree.DataError)
        (problem,) = result.problems
        assert (problem.file, problem.path.startswith(("$", "line 1"))) == ("mine.json", True)

    def test_byte_order_mark(self, tmp_path: Path) -> None:
        """A UTF-8 byte-order mark at the start of a file is allowed."""
        path = tmp_path / "bom.json"
        notes = {"sources": [{"id": "my-notes", "title": "Notes", "about": "What I saw."}]}
        path.write_bytes(b"\xef\xbb\xbf" + json.dumps(notes).encode())
        assert ree.Dataset.load(path).source("my-notes").title == "Notes"

    @given(position=st.integers(0, 2000), junk=st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"]))
    @fuzz(20)
    def test_invalid_utf8(self, position: int, junk: bytes, fuzz_cases: Counter[str]) -> None:
        """Bytes that are not UTF-8 are refused, naming the file and the byte."""
        fuzz_cases["invalid UTF-8"] += 1
        raw = SHIPPED["rareearth/data/sources.json"].encode()
        with_junk = raw[:position] + junk + raw[position:]
        # A temporary folder per example: hypothesis runs examples without fixtures.
        import tempfile  # noqa: PLC0415

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "sources.json"
            path.write_bytes(with_junk)
            with pytest.raises(ree.DataError) as caught:
                ree.Dataset.load(path, include_shipped=False)
        (problem,) = caught.value.problems
        assert problem.file.endswith("sources.json")
        assert "cannot read the file" in problem.message
        assert "position" in problem.message

    def test_repeated_key(self) -> None:
        """A key written twice in one object is refused at that key."""
        text = SHIPPED["rareearth/data/places.json"].replace(
            '"id": "baotou",', '"id": "baotou",\n      "name": "Baotou City",', 1
        )
        result = _load(_replace("rareearth/data/places.json", text))
        assert isinstance(result, ree.DataError)
        (problem,) = result.problems
        index = [p["id"] for p in PARSED["rareearth/data/places.json"]["places"]].index("baotou")
        assert problem.path == f"$.places[{index}].name"
        assert problem.message == "the key 'name' appears twice in one object"


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8), _containers, max_leaves=20
)
_COLLECTION_KEYS = st.sampled_from(["sources", "entities", "facilities", "events", "rates", "x"])
_DOCUMENTS = (
    st.dictionaries(_COLLECTION_KEYS, st.lists(_JSON_VALUES, max_size=3), max_size=3) | _JSON_VALUES
)


class TestRandomDocuments:
    @given(doc=_DOCUMENTS)
    @fuzz(120)
    def test_random_document(self, doc: Any, fuzz_cases: Counter[str]) -> None:
        """A random JSON document loads beside the shipped data or is refused, naming it."""
        fuzz_cases["random documents"] += 1
        result = _load({**SHIPPED, "random.json": json.dumps(doc)})
        if isinstance(result, ree.DataError):
            _check_problems(result, {*SHIPPED, "random.json"})
            assert any(p.file == "random.json" for p in result.problems)

    @given(raw=st.binary(max_size=200))
    @fuzz(60)
    def test_random_bytes(self, raw: bytes, fuzz_cases: Counter[str]) -> None:
        """Random bytes are refused as unreadable or not JSON, or load if they are a fact file."""
        fuzz_cases["random bytes"] += 1
        text = raw.decode("utf-8", errors="replace")
        result = _load({"random.json": text})
        if isinstance(result, ree.DataError):
            _check_problems(result, {"random.json"})
