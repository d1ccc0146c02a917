"""The loader: strict, whole-set checks, every problem named, nothing half-loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rareearth as ree
from factories import cite as _cite
from factories import facility as _facility
from factories import phase as _phase
from rareearth._dump import unstructure
from rareearth._load import converter


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
        assert ds.origins["my-plant"] == ("mine.json", "$.facilities[0]")
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
            "mine.json: $.facilities[0].phases[0].capacity.value (record 'my-plant'): "
            "expected a number, got the string '1000'"
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
            "mine.json: $.facilities[0].operator (record 'my-plant'): "
            "refers to entity 'acme', which no fact file defines"
        )

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
            "$.facilities[2]",
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
            ("", "not valid JSON"),
            ("{", "not valid JSON"),
            ('{"facilities": [NaN]}', "NaN is not a number JSON allows"),
            ('{"a": 1, "a": 2}', "appears twice"),
            ("[]", "a fact file is a JSON object"),
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
            ree.Dataset.from_documents([("x.json", "")])


class TestConverter:
    def test_round_trip(self, ds: ree.Dataset) -> None:
        """Every shipped record unstructures and structures back to itself."""
        for name in (
            "sources",
            "entities",
            "places",
            "facilities",
            "relationships",
            "events",
            "figures",
            "claims",
            "rates",
        ):
            for record in getattr(ds, name):
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
