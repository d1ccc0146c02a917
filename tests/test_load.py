"""The loader: strict, whole-set checks, every problem named, nothing half-loaded."""

from __future__ import annotations

import itertools
import json
import os
import time
import tracemalloc
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rareearth as ree
from factories import cite as _cite
from factories import entity as _entity
from factories import facility as _facility
from factories import figure as _figure
from factories import phase as _phase
from factories import stake as _stake
from rareearth import _load as load


def _load(tmp_path: Path, document: object, name: str = "mine.json") -> ree.Dataset:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return ree.Dataset.load(path)


def _problems(tmp_path: Path, document: object) -> list[str]:
    with pytest.raises(ree.DataError) as info:
        _load(tmp_path, document)
    return [str(p) for p in info.value.problems]


class TestLoad:
    def test_users_facts_merge_with_shipped(self, tmp_path: Path) -> None:
        """A user's facility for a shipped company loads beside the shipped data."""
        ds = _load(tmp_path, {"facilities": [_facility()]})
        assert [f.id for f in ds.facilities_of("JL MAG")] == [
            "jl-mag-baotou-base",
            "jl-mag-ganzhou",
            "my-plant",
        ]
        assert ds.origins["my-plant"] == (str(tmp_path / "mine.json"), "$.facilities[0]")
        assert len(ree.dataset().facilities) == len(ds.facilities) - 1

    def test_source_without_publisher(self, tmp_path: Path) -> None:
        """A user's own notes need no publisher entity."""
        notes = {"id": "my-notes", "title": "My notes", "about": "What I saw."}
        ds = _load(tmp_path, {"sources": [notes]})
        assert ds.source("my-notes").publisher is None

    def test_without_shipped(self) -> None:
        """include_shipped=False starts from nothing, so references must resolve in the files."""
        with pytest.raises(ree.DataError, match="refers to entity 'jl-mag'"):
            ree.Dataset.from_documents([("mine.json", json.dumps({"facilities": [_facility()]}))])

    def test_string_is_not_a_number(self, tmp_path: Path) -> None:
        """'1000' is refused where a number is due, naming file, path and record."""
        phase = _phase(capacity={"value": "1000", "unit": "t"})
        (problem,) = _problems(tmp_path, {"facilities": [_facility(phases=[phase])]})
        assert problem == (
            f"{tmp_path / 'mine.json'}: $.facilities[0].phases[0].capacity.value "
            "(record 'my-plant'): expected a number, got the string '1000'"
        )

    def test_unknown_key(self, tmp_path: Path) -> None:
        """An unknown key is refused by name."""
        (problem,) = _problems(tmp_path, {"facilities": [_facility(capacity=5)]})
        assert "$.facilities[0]" in problem
        assert "unknown key 'capacity'" in problem

    def test_unknown_collection(self, tmp_path: Path) -> None:
        """An unknown top-level collection is refused, listing the known ones."""
        (problem,) = _problems(tmp_path, {"factories": []})
        assert "unknown collection 'factories'" in problem

    def test_missing_field(self, tmp_path: Path) -> None:
        """A missing required field is named."""
        facility = _facility()
        del facility["operator"]
        (problem,) = _problems(tmp_path, {"facilities": [facility]})
        assert "$.facilities[0].operator" in problem
        assert "required" in problem

    def test_duplicate_id_across_files(self, tmp_path: Path) -> None:
        """An id already used by the shipped data is refused, saying where it was first used."""
        (problem,) = _problems(tmp_path, {"facilities": [_facility(id="jl-mag-baotou-base")]})
        assert "duplicate id 'jl-mag-baotou-base'" in problem
        assert "facilities.json" in problem

    def test_dangling_reference(self, tmp_path: Path) -> None:
        """A reference to an id nobody defines is refused."""
        (problem,) = _problems(tmp_path, {"facilities": [_facility(operator="acme")]})
        assert problem == (
            f"{tmp_path / 'mine.json'}: $.facilities[0].operator (record 'my-plant'): "
            "refers to entity 'acme', which no fact file defines"
        )

    def test_files_named_as_given(self, tmp_path: Path) -> None:
        """Two files of one name in two folders are told apart in messages and origins."""
        for folder in ("a", "b"):
            (tmp_path / folder).mkdir()
            entity = {"id": f"acme-{folder}", "name": f"Acme {folder}", "kind": "company",
                      "summary": "s", "cites": [_cite()], "founded": 1000}  # fmt: skip
            (tmp_path / folder / "facts.json").write_text(json.dumps({"entities": [entity]}))
        with pytest.raises(ree.DataError) as caught:
            ree.Dataset.load(tmp_path / "a" / "facts.json", tmp_path / "b" / "facts.json")
        files = [p.file for p in caught.value.problems]
        assert files == [str(tmp_path / "a" / "facts.json"), str(tmp_path / "b" / "facts.json")]

    def test_dangling_citation(self, tmp_path: Path) -> None:
        """A citation of an unknown source is refused."""
        facility = _facility(cites=[{"source": "999", "quote": "x"}])
        (problem,) = _problems(tmp_path, {"facilities": [facility]})
        assert "$.facilities[0].cites[0].source" in problem
        assert "source '999'" in problem

    def test_negative_capacity(self, tmp_path: Path) -> None:
        """A negative capacity is impossible."""
        phase = _phase(capacity={"value": -5, "unit": "t"})
        (problem,) = _problems(tmp_path, {"facilities": [_facility(phases=[phase])]})
        assert "$.facilities[0].phases[0].capacity" in problem
        assert "cannot be negative" in problem

    def test_share_over_100(self, tmp_path: Path) -> None:
        """A stake over 100% is impossible."""
        stake = {
            "id": "my-stake",
            "kind": "stake",
            "subject": "jl-mag",
            "party": "tesla",
            "summary": "A stake.",
            "cites": [_cite()],
            "share": 120,
        }
        (problem,) = _problems(tmp_path, {"relationships": [stake]})
        assert "not between 0 and 100" in problem
        assert "'my-stake'" in problem

    def test_range_low_above_high(self, tmp_path: Path) -> None:
        """A range whose low end is above its high end is impossible."""
        phase = _phase(
            capacity={
                "value": {"number": 9, "qualifier": "range", "upper": 3},
                "unit": "t",
            }
        )
        (problem,) = _problems(tmp_path, {"facilities": [_facility(phases=[phase])]})
        assert "low end 9 is above its high end 3" in problem

    def test_bad_currency(self, tmp_path: Path) -> None:
        """An unknown currency code is named, at the amount's path."""
        phase = _phase(investment={"amount": {"amount": 5, "currency": "XYZ"}, "text": "XYZ 5"})
        (problem,) = _problems(tmp_path, {"facilities": [_facility(phases=[phase])]})
        assert "$.facilities[0].phases[0].investment.amount" in problem
        assert "unknown currency 'XYZ'" in problem

    def test_money_must_be_an_object(self, tmp_path: Path) -> None:
        """A bare number where money is expected asks for an object, not an AttributeError."""
        phase = _phase(investment={"amount": 5, "text": "5"})
        (problem,) = _problems(tmp_path, {"facilities": [_facility(phases=[phase])]})
        assert problem.endswith(
            ': expected an object {"amount": ..., "currency": ...}, got the number 5'
        )

    def test_bad_enum_lists_choices(self, tmp_path: Path) -> None:
        """An unknown status names the allowed ones."""
        phase = _phase(milestones=[{"status": "dreaming", "cites": [_cite()]}])
        (problem,) = _problems(tmp_path, {"facilities": [_facility(phases=[phase])]})
        assert "'dreaming'" in problem
        assert "'under-construction'" in problem

    def test_bad_date(self, tmp_path: Path) -> None:
        """A date that cannot be read is refused with its text."""
        phase = _phase(
            milestones=[{"status": "announced", "cites": [_cite()], "date": "Smarch 2025"}]
        )
        (problem,) = _problems(tmp_path, {"facilities": [_facility(phases=[phase])]})
        assert "$.facilities[0].phases[0].milestones[0].date" in problem
        assert "'Smarch 2025'" in problem

    def test_every_problem_is_reported(self, tmp_path: Path) -> None:
        """Five different mistakes in one file give five problems in one run."""
        document = {
            "facilities": [
                _facility(
                    id="f1",
                    phases=[_phase(id="p1", capacity={"value": "abc", "unit": "t"})],
                ),
                _facility(id="f2", operator="nobody-at-all", phases=[_phase(id="p2")]),
                _facility(id="f3", colour="red", phases=[_phase(id="p3")]),
            ],
            "relationships": [
                {
                    "id": "r1",
                    "kind": "stake",
                    "subject": "jl-mag",
                    "party": "tesla",
                    "summary": "s",
                    "cites": [_cite()],
                    "share": 101,
                },
            ],
            "events": [
                {
                    "id": "e1",
                    "date": "2025-13-01",
                    "title": "t",
                    "kind": "policy",
                    "cites": [_cite()],
                },
            ],
        }
        problems = _problems(tmp_path, document)
        assert [p.split(": ", 2)[1].split(" (")[0] for p in problems] == [
            "$.facilities[0].phases[0].capacity.value",
            "$.facilities[2].colour",
            "$.relationships[0].share",
            "$.events[0].date",
            "$.facilities[1].operator",
        ]

    def test_reference_to_a_broken_record_is_not_reported_twice(self, tmp_path: Path) -> None:
        """A phase of a facility that failed to load is not also called dangling."""
        figure = {
            "id": "my-figure",
            "metric": "capacity",
            "kind": "statistic",
            "value": 1,
            "unit": "t",
            "summary": "s",
            "cites": [_cite()],
            "facility": "f1",
        }
        document = {"facilities": [_facility(id="f1", colour="red")], "figures": [figure]}
        (problem,) = _problems(tmp_path, document)
        assert "unknown key 'colour'" in problem

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", "the file is empty"),
            ("{", "not valid JSON"),
            ('{"facilities": [NaN]}', r"\$\.facilities\[0\]: .*got NaN, which JSON does not allow"),
            ('{"a": 1, "a": 2}', r"\$.a: the key 'a' appears twice in one object"),
            ("[]", "expected a fact file: a JSON object of collections, got a list"),
            ('{"entities": [{"id": "x", "founded": 2008.5}]}', "expected a whole number"),
        ],
    )
    def test_broken_json(self, text: str, expected: str) -> None:
        """Broken or odd JSON is refused with a plain reason."""
        with pytest.raises(ree.DataError, match=expected):
            ree.Dataset.from_documents([("mine.json", text)])

    def test_failing_load_changes_nothing(self, tmp_path: Path) -> None:
        """A failed load leaves the shipped data set as it was."""
        before = ree.dataset()
        count = len(before.facilities)
        _problems(tmp_path, {"facilities": [_facility(operator="acme")]})
        assert ree.dataset() is before
        assert len(before.facilities) == count
        assert before.get_entity("my-plant") is None

    def test_unreadable_file(self, tmp_path: Path) -> None:
        """A missing file is a DataError naming it."""
        with pytest.raises(ree.DataError, match="cannot read the file"):
            ree.Dataset.load(tmp_path / "absent.json")

    def test_data_error_is_a_value_error(self) -> None:
        """DataError is both a RareEarthError and a ValueError."""
        with pytest.raises(ValueError, match="not valid JSON"):
            ree.Dataset.from_documents([("x.json", "{")])


class TestLimits:
    def test_too_large_text(self) -> None:
        """A text over max_size is refused before it is parsed, saying how to raise the limit."""
        text = json.dumps({"facilities": [_facility()]})
        with pytest.raises(ree.DataError) as info:
            ree.Dataset.from_documents([("mine.json", text)], max_size=100)
        (problem,) = info.value.problems
        assert str(problem) == (
            f"mine.json: $: the file has {len(text):,} characters, over the limit of 100 "
            "(raise it with max_size=)"
        )

    def test_too_large_file(self, tmp_path: Path) -> None:
        """A file over max_size bytes is refused before it is read; a raised limit reads it."""
        path = tmp_path / "mine.json"
        path.write_text(json.dumps({"facilities": [_facility()]}), encoding="utf-8")
        size = path.stat().st_size
        with pytest.raises(ree.DataError, match=f"has {size:,} bytes, over the limit of 100 "):
            ree.Dataset.load(path, max_size=100)
        assert ree.Dataset.load(path, max_size=size).facility("my-plant").name == "My plant"

    def test_file_grown_since_its_size_was_read(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file longer than its size said is read whole, and the limit still holds."""
        path = tmp_path / "mine.json"
        path.write_text(json.dumps({"facilities": [_facility()]}), encoding="utf-8")
        size = path.stat().st_size
        real_stat = os.stat

        def shrunk(target: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            found = real_stat(target, *args, **kwargs)
            if os.fspath(target) != os.fspath(path):
                return found
            fields = list(found)
            fields[6] = 10  # st_size: the file was 10 bytes when its size was read
            return os.stat_result(fields)

        monkeypatch.setattr(os, "stat", shrunk)
        assert ree.Dataset.load(path).facility("my-plant").name == "My plant"
        assert size > 101  # read on only to the limit and a byte: what it counts
        with pytest.raises(ree.DataError, match="has 101 bytes, over the limit of 100 "):
            ree.Dataset.load(path, max_size=100)

    def test_small_file_small_buffer(self, tmp_path: Path) -> None:
        """Reading a small file allocates about its size, not a buffer of the limit."""
        path = tmp_path / "mine.json"
        path.write_text(json.dumps({"facilities": [_facility()]}), encoding="utf-8")
        tracemalloc.start()
        try:
            load.read_files([path], max_size=load.MAX_SIZE)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 1_000_000 < load.MAX_SIZE

    def test_too_deep(self) -> None:
        """Lists nested past max_depth are refused unparsed; brackets in strings don't count."""
        deep = "[" * 70 + "]" * 70
        with pytest.raises(ree.DataError, match="nest 71 deep, over the limit of 64"):
            ree.Dataset.from_documents([("mine.json", f'{{"x": {deep}}}')])
        quoted = json.dumps({"sources": [{"id": "s", "title": "[" * 100, "about": "{"}]})
        assert ree.Dataset.from_documents([("mine.json", quoted)]).source("s").title == "[" * 100

    def test_depth_hidden_by_brackets_in_strings(self) -> None:
        """Closing brackets in a string cannot smuggle deep nesting past the limit."""
        text = '["' + "]" * 200_000 + '", ' + "[" * 100_000 + "]" * 100_000 + "]"
        with pytest.raises(ree.DataError, match="nest too deep to read, over the limit of 64"):
            ree.Dataset.from_documents([("mine.json", text)])

    @given(st.text(alphabet='[]{}"\\ aé北\ud800😀', max_size=60), st.integers(1, 8))
    def test_depth_counted_in_pieces(self, text: str, piece: int) -> None:
        """Depth counted piece by piece, past ASCII too, is the running count of brackets."""
        steps = [{"[": 1, "{": 1, "]": -1, "}": -1}[c] for c in text if c in "[]{}"]
        with mock.patch.object(load, "_PIECE", piece):  # seams inside the text
            depth = load.nesting_depth(text, strings=False)
        assert depth == max(itertools.accumulate(steps), default=0)

    def test_limits_by_origin_not_name(self) -> None:
        """A user's text named like a shipped file is still under the limits."""
        text = '{"sources": [' + "[" * 10 + "]" * 10 + "]}"
        with pytest.raises(ree.DataError, match="over the limit of 3"):
            ree.Dataset.from_documents([("rareearth/data/x.json", text)], max_depth=3)

    def test_raised_depth(self) -> None:
        """With max_depth raised, a deep document is parsed, and refused for what it holds."""
        deep = "[" * 70 + "]" * 70
        with pytest.raises(ree.DataError, match=r"\$\.x: unknown collection 'x'"):
            ree.Dataset.from_documents([("mine.json", f'{{"x": {deep}}}')], max_depth=100)

    @pytest.mark.parametrize(
        ("number", "message"),
        [
            ("1e18", "the number 1E+18 is too large; numbers must be below 10^18"),
            ("-1e400", "the number -1E+400 is too large"),
            ("1" + "0" * 5000, "is too large"),
            ("0.0000000000000000001", "has more than 18 digits after the point"),
        ],
    )
    def test_number_limits(self, number: str, message: str) -> None:
        """Numbers too large, or too finely divided, to add exactly are refused where they are."""
        phase = _phase(capacity={"value": 424242, "unit": "t"})
        text = json.dumps({"facilities": [_facility(phases=[phase])]}).replace("424242", number)
        with pytest.raises(ree.DataError) as info:
            ree.Dataset.from_documents([("mine.json", text)])
        # The facility's other problems: its operator and sources, which
        # this data set (without the shipped data) does not hold.
        (problem,) = [p for p in info.value.problems if "refers to" not in p.message]
        assert problem.path == "$.facilities[0].phases[0].capacity.value"
        assert message in problem.message

    def test_whole_number_with_point(self, tmp_path: Path) -> None:
        """2008.0 is the whole number 2008 in JSON, so a year may be written so."""
        entity = {
            "id": "my-co",
            "name": "My Co",
            "kind": "company",
            "summary": "A company.",
            "cites": [_cite()],
            "founded": 2008.0,
        }
        founded = _load(tmp_path, {"entities": [entity]}).entity("my-co").founded
        assert (founded, type(founded)) == (2008, int)


class TestNumbers:
    def test_equal_numbers_are_one(self, tmp_path: Path) -> None:
        """Numbers written alike share one Decimal; written otherwise, each keeps its form."""
        written = ("1000", "1000", "1000.0", "1E3")
        figures = [_figure(id=f"my-figure-{i}", value=f"@{n}@") for i, n in enumerate(written)]
        path = tmp_path / "mine.json"
        path.write_text(json.dumps({"figures": figures}).replace('"@', "").replace('@"', ""))
        by_id = {f.id: f for f in ree.Dataset.load(path).figures()}
        numbers = [by_id[f"my-figure-{i}"].value.number for i in range(4)]
        assert [str(n) for n in numbers] == ["1000", "1000", "1000.0", "1E+3"]
        assert numbers[0] is numbers[1]


class TestHostileFiles:
    """Files made to hurt the loader cost time and memory in step with their size."""

    @pytest.mark.parametrize("escaped_quotes", [64_000, 500_000])
    def test_unclosed_quote_scanned_once(self, escaped_quotes: int) -> None:
        """A quote that never closes after deep brackets is read in linear time, then refused."""
        text = "[" * 65 + '"' + '\\"' * escaped_quotes
        started = time.perf_counter()
        with pytest.raises(ree.DataError, match="nest 65 deep, over the limit of 64"):
            ree.Dataset.from_documents([("deep.json", text)])
        assert time.perf_counter() - started < 1

    def test_problems_kept_up_to_the_limit(self) -> None:
        """Twenty thousand empty records: a thousand problems kept, the other records counted."""
        text = json.dumps({"places": [{}] * 20_000})
        with pytest.raises(ree.DataError) as caught:
            ree.Dataset.from_documents([("empty.json", text)])
        # each empty place misses its id, name, kind and cites: 250 places fill the thousand
        assert len(caught.value.problems) == 1000
        assert (caught.value.more, caught.value.unchecked) == (0, 20_000 - 250)
        assert str(caught.value).startswith(
            "1,000 problems in the fact files, and 19,750 more records not checked:"
        )

    def test_half_a_million_broken_records_refused_at_once(self) -> None:
        """1.5 MB of empty records (2.5 million problems in all) is refused quickly."""
        text = '{"entities": [' + ",".join(["{}"] * 500_000) + "]}"
        started = time.perf_counter()
        with pytest.raises(ree.DataError) as caught:
            ree.Dataset.from_documents([("empty.json", text)])
        assert time.perf_counter() - started < 2  # about 0.6 s, mostly reading the JSON
        assert (len(caught.value.problems), caught.value.unchecked) == (1000, 500_000 - 200)

    def test_phases_not_a_list(self) -> None:
        """Phases given as a number are a problem of the file, not a crash of the loader."""
        text = json.dumps({"facilities": [{"id": "x", "phases": 5}]})
        with pytest.raises(ree.DataError, match=r"\$\.facilities\[0\]\.phases"):
            ree.Dataset.from_documents([("bad.json", text)])

    def test_lone_surrogate_refused(self) -> None:
        """Half a character (an escaped lone surrogate) is refused at load, naming the field."""
        text = '{"sources": [{"id": "my-notes", "title": "N\\udcff", "about": "a"}]}'
        with pytest.raises(ree.DataError, match=r"sources\[0\]\.title.*U\+DCFF is half"):
            ree.Dataset.from_documents([("notes.json", text)])

    def test_pipe_not_read(self, tmp_path: Path) -> None:
        """A named pipe is refused as not a regular file, without waiting on it."""
        fifo = tmp_path / "facts.json"
        os.mkfifo(fifo)
        with pytest.raises(ree.DataError, match="not a regular file"):
            ree.Dataset.load(fifo)

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
    def test_device_not_read(self) -> None:
        """/dev/zero, whose size says 0 and which never ends, is refused before it is read."""
        with pytest.raises(ree.DataError, match="/dev/zero: \\$: not a regular file"):
            ree.Dataset.load("/dev/zero")


class TestFaults:
    def test_library_fault_is_not_a_data_problem(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An error in the code, not the data, surfaces as itself, not as a problem in the file."""
        from rareearth import _codec  # noqa: PLC0415
        from rareearth import _load as load  # noqa: PLC0415

        def broken(_value: object, _cl: object) -> str:
            raise AttributeError("a bug in a hook")

        conv = _codec._make_converter()  # noqa: SLF001 - a converter with a faulty hook
        conv.register_structure_hook(str, broken)
        monkeypatch.setattr(load, "converter", conv)
        with pytest.raises(AttributeError, match="a bug in a hook"):
            ree.Dataset.from_documents([("mine.json", json.dumps({"facilities": [_facility()]}))])

    def test_unreadable_files_all_named(self, tmp_path: Path) -> None:
        """Every file that cannot be read is named in one error."""
        bad = tmp_path / "bad.json"
        bad.write_bytes(b'{"x": "\xff"}')
        missing = tmp_path / "missing.json"
        with pytest.raises(ree.DataError) as info:
            ree.Dataset.load(bad, missing)
        assert [p.file for p in info.value.problems] == [str(bad), str(missing)]
        assert "can't decode byte 0xff in position 7" in info.value.problems[0].message


def _problem(tmp_path: Path, document: object) -> str:
    """The one problem with ``document``, without its file's name."""
    (problem,) = _problems(tmp_path, document)
    file = f"{tmp_path / 'mine.json'}: "
    assert problem.startswith(file)
    return problem.removeprefix(file)


def _milestone(status: str, date: str | None = None, **overrides: Any) -> dict[str, Any]:
    return {"status": status, "cites": [_cite()], **({"date": date} if date else {}), **overrides}


class TestMeaning:
    """Values that are well-formed but cannot be true are refused at their field."""

    @pytest.mark.parametrize(
        ("overrides", "path", "message"),
        [
            pytest.param(
                {"kind": "share", "unit": "%", "value": -50},
                "value",
                "a share cannot be negative, got -50",
                id="share",
            ),
            pytest.param(
                {"kind": "price", "unit": "CNY/kg", "value": {"number": -5, "text": "RMB -5/kg"}},
                "value",
                "a price cannot be negative, got -5",
                id="price",
            ),
            pytest.param(
                {"unit": "count", "value": -3},
                "value",
                "a count cannot be negative, got -3",
                id="count",
            ),
            pytest.param(
                {"unit": "people", "value": -3},
                "value",
                "a number of people cannot be negative, got -3",
                id="people",
            ),
            pytest.param(
                {
                    "kind": "price",
                    "unit": "CNY/kg",
                    "value": 520,
                    "equivalents": [{"value": -72, "unit": "USD/kg"}],
                },
                "equivalents[0].value",
                "-72 has the other sign from 520",
                id="equivalent",
            ),
            pytest.param(
                {"unit": "XYZ"},
                "unit",
                "unknown currency 'XYZ' in unit 'XYZ'; use an ISO 4217 code such as 'USD'",
                id="currency-unit",
            ),
            pytest.param(
                {"kind": "price", "unit": "ABC/kg"},
                "unit",
                "unknown currency 'ABC' in unit 'ABC/kg'; use an ISO 4217 code such as 'USD'",
                id="currency-per-kg",
            ),
        ],
    )
    def test_figure(
        self, tmp_path: Path, overrides: dict[str, Any], path: str, message: str
    ) -> None:
        """A negative share, price, count or equivalent, or an unknown currency, is refused."""
        problem = _problem(tmp_path, {"figures": [_figure(**overrides)]})
        assert problem == f"$.figures[0].{path} (record 'my-figure'): {message}"

    def test_negative_figures_that_can_be(self, tmp_path: Path) -> None:
        """A fall, a loss or a share-price move may be negative; zero is a price."""
        figures = [
            _figure(id="fall", kind="market-move", unit="%", value=-8),
            _figure(id="loss", kind="financial", unit="CNY", value=-5000000),
            _figure(id="free", kind="price", unit="CNY/kg", value=0),
        ]
        ds = _load(tmp_path, {"figures": figures})
        mine = [f for f in ds.collection("figures") if f.id in {"fall", "loss", "free"}]
        assert [f.value.number for f in mine] == [-8, -5000000, 0]

    def test_rmb_in_a_unit_is_cny(self, tmp_path: Path) -> None:
        """'RMB/kg' is read as 'CNY/kg', as Money reads 'RMB'."""
        ds = _load(tmp_path, {"figures": [_figure(kind="price", unit="RMB/kg", value=530)]})
        (mine,) = [f for f in ds.collection("figures") if f.id == "my-figure"]
        assert mine.unit == "CNY/kg"

    def test_negative_reported_investment(self, tmp_path: Path) -> None:
        """An amount printed beside an investment cannot be negative either."""
        investment = {
            "amount": {"amount": 1000, "currency": "CNY"},
            "text": "RMB 1,000 (USD -137)",
            "reported": [{"amount": -137, "currency": "USD"}],
        }
        document = {"facilities": [_facility(phases=[_phase(investment=investment)])]}
        assert _problem(tmp_path, document) == (
            "$.facilities[0].phases[0].investment.reported[0] (record 'my-plant'): "
            "an investment cannot be negative, got USD -137"
        )

    def test_milestones_out_of_order(self, tmp_path: Path) -> None:
        """Operating in 2020 but announced in 2025: the later status cannot come first."""
        milestones = [_milestone("announced", "2025"), _milestone("operating", "2020")]
        document = {"facilities": [_facility(phases=[_phase(milestones=milestones)])]}
        assert _problem(tmp_path, document) == (
            "$.facilities[0].phases[0].milestones[1].date (record 'my-plant'): "
            "operating in 2020 comes before announced in 2025 (milestones[0]), an earlier status"
        )

    def test_milestones_that_may_be_in_order(self, tmp_path: Path) -> None:
        """Imprecise dates that overlap, undated milestones and any listing order are fine."""
        milestones = [
            _milestone("operating", "late 2025", expected=True),
            _milestone("under-construction", "2025-07"),
            _milestone("announced", "H2 2025"),
            _milestone("signed"),
        ]
        document = {"facilities": [_facility(phases=[_phase(milestones=milestones)])]}
        (phase,) = _load(tmp_path, document).facility("my-plant").phases
        assert phase.status is ree.Status.UNDER_CONSTRUCTION

    def test_reached_after_its_source(self, tmp_path: Path) -> None:
        """A milestone reached in 2199 cannot be reported by an article of July 2025."""
        milestones = [_milestone("operating", "2199")]
        document = {"facilities": [_facility(phases=[_phase(milestones=milestones)])]}
        assert _problem(tmp_path, document) == (
            "$.facilities[0].phases[0].milestones[0].date (record 'my-plant'): operating is "
            "reached in 2199, after its newest source was published (2025-07-31); "
            'a milestone still to come is "expected": true'
        )

    def test_reached_in_the_future_of_an_undated_source(self, tmp_path: Path) -> None:
        """With an undated source, a milestone reached must be no later than today."""
        notes = {"id": "my-notes", "title": "My notes", "about": "What I saw."}
        cites = [{"source": "my-notes", "quote": "operating"}]
        milestones = [_milestone("operating", "2199", cites=cites)]
        document = {
            "sources": [notes],
            "facilities": [_facility(phases=[_phase(milestones=milestones)])],
        }
        problem = _problem(tmp_path, document)
        assert problem.startswith(
            "$.facilities[0].phases[0].milestones[0].date (record 'my-plant'): "
            "operating is reached in 2199, after today (20"
        )

    def test_expected_in_the_future(self, tmp_path: Path) -> None:
        """A milestone expected in 2199 is a plan, not a fact reported too early."""
        milestones = [_milestone("announced"), _milestone("operating", "2199", expected=True)]
        document = {"facilities": [_facility(phases=[_phase(milestones=milestones)])]}
        (phase,) = _load(tmp_path, document).facility("my-plant").phases
        assert phase.status is ree.Status.ANNOUNCED

    def test_stakes_over_100(self, tmp_path: Path) -> None:
        """Two stakes of 90 % in one company are refused at the one that goes over 100 %."""
        stakes = [
            _stake(id="stake-a", share=90),
            _stake(id="stake-b", party_label="a state fund", share=90),
        ]
        document = {"entities": [_entity()], "relationships": stakes}
        assert _problem(tmp_path, document) == (
            "$.relationships[1].share (record 'stake-b'): the stated stakes in 'acme' add up to "
            "at least 180% with this one (2 holders): over 100%"
        )

    def test_stakes_about_100(self, tmp_path: Path) -> None:
        """'About 50 %' and 'about 51 %' may both be true (rounded); undisclosed counts nothing."""
        about = "approximately"
        stakes = [
            _stake(id="stake-a", share={"number": 50, "qualifier": about}),
            _stake(
                id="stake-b",
                party_label="a fund",
                holder_type="fund",
                share={"number": 51, "qualifier": about},
            ),
            _stake(id="stake-c", party_label="others", holder_type="private"),
        ]
        ds = _load(tmp_path, {"entities": [_entity()], "relationships": stakes})
        assert str(ds.state_share("acme").value) == "≈ 50"
        assert len(ds.owners_of("acme")) == 3

    def test_one_holder_twice_counts_once(self, tmp_path: Path) -> None:
        """A holder named in a stake and a joint venture counts once, at its larger share."""
        stakes = [
            _stake(id="stake-a", party="jl-mag", party_label=None, share=60),
            _stake(id="stake-b", party="jl-mag", party_label=None, kind="joint-venture", share=70),
        ]
        ds = _load(tmp_path, {"entities": [_entity()], "relationships": stakes})
        assert len(ds.owners_of("acme")) == 2

    @pytest.mark.parametrize(
        ("overrides", "path", "message"),
        [
            pytest.param(
                {"aliases": ["Acme", "-"]},
                "aliases[1]",
                "'-' has no letter or digit to look it up by",
                id="alias-dash",
            ),
            pytest.param(
                {"name": "\u200b\u200e"},
                "name",
                "'\\u200b\\u200e' shows nothing: only spaces, zero-width characters "
                "or direction marks",
                id="name-zero-width",
            ),
            pytest.param(
                {"legal_name": "\u2066\u2069"},
                "legal_name",
                "'\\u2066\\u2069' shows nothing: only spaces, zero-width characters "
                "or direction marks",
                id="legal-name-isolates",
            ),
            pytest.param(
                {"other_names": [{"name": "!!"}]},
                "other_names[0].name",
                "'!!' has no letter or digit to look it up by",
                id="other-name",
            ),
            pytest.param(
                {"summary": "\u200b"},
                "summary",
                "'\\u200b' shows nothing: only spaces, zero-width characters or direction marks",
                id="summary",
            ),
            pytest.param(
                {"country": "XX"},
                "country",
                "'XX' is not an ISO 3166 alpha-2 country code, such as 'CN'",
                id="country",
            ),
        ],
    )
    def test_entity(
        self, tmp_path: Path, overrides: dict[str, Any], path: str, message: str
    ) -> None:
        """Names that show nothing or fold to no key, and unassigned countries, are refused."""
        problem = _problem(tmp_path, {"entities": [_entity(**overrides)]})
        assert problem == f"$.entities[0].{path} (record 'acme'): {message}"

    def test_empty_key_finds_nothing(self) -> None:
        """No name folds to the empty key, so company('') finds no entity."""
        with pytest.raises(ree.UnknownEntityError):
            ree.company("")
        with pytest.raises(ree.UnknownEntityError):
            ree.company("-")

    def test_place_alias(self, tmp_path: Path) -> None:
        """A place's aliases follow the same rule as an entity's."""
        place = {"id": "atlantis", "name": "Atlantis", "kind": "city", "cites": [_cite()]}
        problem = _problem(tmp_path, {"places": [{**place, "aliases": ["\ufeff"]}]})
        assert problem == (
            "$.places[0].aliases[0] (record 'atlantis'): '\\ufeff' shows nothing: "
            "only spaces, zero-width characters or direction marks"
        )


class TestWhereProblemsPoint:
    def test_repeated_key_hides_nothing(self, tmp_path: Path) -> None:
        """A key written twice is reported at itself, and the rest of its object still checked."""
        text = json.dumps({"entities": [_entity(country="XX", colour="red")]})
        text = text.replace('"name": "Acme Magnets"', '"name": "Acme", "name": "Acme Magnets"')
        path = tmp_path / "mine.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ree.DataError) as caught:
            ree.Dataset.load(path)
        assert [(p.path, p.message) for p in caught.value.problems] == [
            ("$.entities[0].name", "the key 'name' appears twice in one object"),
            ("$.entities[0].colour", "unknown key 'colour'"),
            ("$.entities[0].country", "'XX' is not an ISO 3166 alpha-2 country code, such as 'CN'"),
        ]

    def test_date_object_points_at_its_key(self, tmp_path: Path) -> None:
        """A resolved date without "means" is reported at "means", its wrong "text" at "text"."""
        event = {
            "id": "my-event",
            "date": {"text": 5},
            "title": "t",
            "kind": "policy",
            "cites": [_cite()],
        }
        problems = _problems(tmp_path, {"events": [event]})
        assert [p.split(": ", 2)[1:] for p in problems] == [
            ["$.events[0].date.text (record 'my-event')", "expected a string, got the number 5"],
            ["$.events[0].date.means (record 'my-event')", "required, but missing"],
        ]

    def test_range_points_at_its_upper_end(self, tmp_path: Path) -> None:
        """A range whose ends are the wrong way round is reported at its upper end."""
        value = {"number": 9, "qualifier": "range", "upper": 3}
        assert _problem(tmp_path, {"figures": [_figure(value=value)]}) == (
            "$.figures[0].value.upper (record 'my-figure'): "
            "a range's low end 9 is above its high end 3"
        )


class TestOneRun:
    """`check` reports every problem of a file in one run, not in waves."""

    def test_references_of_a_record_missing_fields(self, tmp_path: Path) -> None:
        """A facility missing fields still has its operator, place and sources checked."""
        plant = {
            "id": "acme-plant",
            "name": "Acme plant",
            "operator": "no-such-company",
            "place": "nowhere",
            "cites": [{"source": "000", "quote": "x"}],
        }
        found = _problems(tmp_path, {"facilities": [plant]})
        shown = [p.removeprefix(f"{tmp_path / 'mine.json'}: $.facilities[0].") for p in found]
        nowhere = "which no fact file defines"
        assert shown == [
            "summary (record 'acme-plant'): required, but missing",
            "phases (record 'acme-plant'): required, but missing",
            f"operator (record 'acme-plant'): refers to entity 'no-such-company', {nowhere}",
            (
                f"cites[0].source (record 'acme-plant'): refers to source '000', {nowhere};"
                " did you mean '000_75a9973f81fad0cb'?"
            ),
            f"place (record 'acme-plant'): refers to place 'nowhere', {nowhere}",
        ]

    def test_short_source_id_suggests_the_full_one(self, tmp_path: Path) -> None:
        """A citation of "003" in a record that loads otherwise names the full id."""
        event = {
            "id": "my-event",
            "title": "An event of my own",
            "date": "2025-06-11",
            "kind": "statement",
            "cites": [{"source": "003", "quote": "JL MAG"}],
        }
        (problem,) = _problems(tmp_path, {"events": [event]})
        assert problem.endswith(
            "refers to source '003', which no fact file defines;"
            " did you mean '003_9594616c843f5455'?"
        )

    def test_a_reference_to_a_failed_record_is_not_reported_twice(self, tmp_path: Path) -> None:
        """Two broken records that refer to each other: each reports its own problems only."""
        company = {"id": "acme", "name": "Acme", "kind": "company"}  # summary, cites missing
        plant = {"id": "acme-plant", "name": "Acme plant", "operator": "acme"}
        problems = _problems(tmp_path, {"entities": [company], "facilities": [plant]})
        assert not [p for p in problems if "refers to" in p]

    def test_duplicate_id_of_a_record_that_fails(self, tmp_path: Path) -> None:
        """A record reusing a shipped id and with a blank name: both problems, in one run."""
        entity = {
            "id": "jl-mag",
            "name": "",
            "kind": "company",
            "summary": "A second JL MAG.",
            "cites": [{"source": "000_75a9973f81fad0cb", "quote": "JL MAG"}],
        }
        found = _problems(tmp_path, {"entities": [entity]})
        shown = [p.removeprefix(f"{tmp_path / 'mine.json'}: $.entities[0].") for p in found]
        assert shown == [
            "name (record 'jl-mag'): must not be blank",
            (
                "id (record 'jl-mag'): duplicate id 'jl-mag';"
                " first used at rareearth/data/entities.json: $.entities[0]"
            ),
        ]
