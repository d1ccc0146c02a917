"""The BODS 0.4 export, checked with libcovebods, the standard's own validator."""

from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import rareearth as ree
from rareearth._bods import share, write
from rareearth._export import Export, Loss
from rareearth._values import Qualifier, Value
from rareearth._version import DATA_DATE, DATA_VERSION

Statement = dict[str, Any]


def _export(ds: ree.Dataset, target: Path) -> tuple[Export, list[Statement]]:
    report = write(ds._index, target)  # noqa: SLF001 - the export reads the index, as Dataset.export will
    return report, json.loads(target.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.fixture(scope="module")
def shipped(
    ds: ree.Dataset, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Export, list[Statement], Path]:
    target = tmp_path_factory.mktemp("bods") / "out.bods.json"
    return (*_export(ds, target), target)


@pytest.fixture(scope="module")
def by_record(shipped: tuple[Export, list[Statement], Path]) -> dict[str, Statement]:
    return {s["recordId"]: s for s in shipped[1]}


@pytest.fixture(scope="module")
def libcovebods(require_interop: Callable[[str], ModuleType]) -> ModuleType:
    return require_interop("libcovebods")


def _validate(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[Any]]:
    """libcovebods' schema errors (``jsv``) and additional checks (``pv``), offline."""
    config, data_reader, jsonschemavalidate, run_tasks, schema = (
        importlib.import_module(f"libcovebods.{name}")
        for name in ("config", "data_reader", "jsonschemavalidate", "run_tasks", "schema")
    )
    legacy_checks, record_based_checks = (
        importlib.import_module(f"libcovebods.tasks.checks.{name}")
        for name in ("legacy_checks", "record_based_checks")
    )
    # Its identifier-scheme checks download org-id.guide's list; the export
    # writes no identifiers, so an empty list checks the same, offline.
    for module in (legacy_checks, record_based_checks):
        monkeypatch.setattr(module, "get_orgids_prefixes", list)
    reader = data_reader.DataReader(str(path))
    settings = config.LibCoveBODSConfig()
    bods = schema.SchemaBODS(reader, settings)
    errors = jsonschemavalidate.JSONSchemaValidator(bods).validate(reader)
    checks = run_tasks.process_additional_checks(reader, settings, bods, run_tasks.TASK_CLASSES)
    return [e.json() for e in errors], checks["additional_checks"]


class TestValid:
    def test_schema_and_checks(
        self,
        libcovebods: ModuleType,
        shipped: tuple[Export, list[Statement], Path],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """libcovebods finds no schema error and no additional-check problem."""
        assert libcovebods.__name__ == "libcovebods"
        assert _validate(shipped[2], monkeypatch) == ([], [])
        assert not any("identifiers" in s["recordDetails"] for s in shipped[1])

    def test_users_records(
        self, libcovebods: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A user's own undated source and a "nearly" share stay valid too."""
        assert libcovebods.__name__ == "libcovebods"
        report, _ = _export(_users(), tmp_path / "mine.json")
        assert report.items == 3
        assert _validate(tmp_path / "mine.json", monkeypatch) == ([], [])


class TestStatements:
    def test_counts(self, ds: ree.Dataset, shipped: tuple[Export, list[Statement], Path]) -> None:
        """A statement per entity or person, and one per stake, joint venture or parent."""
        report, statements, _ = shipped
        kinds = Counter(s["recordType"] for s in statements)
        assert kinds == {"entity": 47, "person": 4, "relationship": 9}
        assert report.items == len(statements) == 60
        assert kinds["entity"] + kinds["person"] == len(ds.entities)
        assert kinds["relationship"] == sum(r.is_ownership for r in ds.relationships)

    def test_jl_mag_state_stakes(self, by_record: dict[str, Statement]) -> None:
        """'around 9.4%' becomes 9.35-9.45, annotated; 'another 9.3%' stays exact."""
        state = by_record["jl-mag-stake-state"]
        (interest,) = state["recordDetails"]["interests"]
        assert interest["type"] == "shareholding"
        assert interest["share"] == {"minimum": Decimal("9.35"), "maximum": Decimal("9.45")}
        assert interest["details"] == "as printed: around 9.4%"
        assert {
            "statementPointerTarget": "/recordDetails/interests/0/share",
            "motivation": "transformation",
            "description": "'around 9.4%': approximately 9.4 became the range 9.35–9.45",
        } in state["annotations"]
        assert state["recordDetails"]["interestedParty"] == {
            "reason": "informationUnknownToPublisher",
            "description": "the state (holders not named) (holder type: state); "
            "the sources do not name them",
        }
        enterprises = by_record["jl-mag-stake-government-enterprises"]["recordDetails"]
        assert enterprises["interests"][0]["share"] == {"exact": Decimal("9.3")}
        assert state["declarationSubject"] == "jl-mag"

    def test_northern_zhaobao_joint_venture(
        self, shipped: tuple[Export, list[Statement], Path]
    ) -> None:
        """Northern Zhaobao's partners hold other influence or control: joint-venture partners."""
        partners = {
            s["recordDetails"]["interestedParty"]: s["recordDetails"]["interests"]
            for s in shipped[1]
            if s["recordType"] == "relationship"
            and s["recordDetails"]["subject"] == "northern-zhaobao"
        }
        assert set(partners) == {"china-northern-rare-earth", "ningbo-zhaobao"}
        for (interest,) in partners.values():
            assert interest["type"] == "otherInfluenceOrControl"
            assert interest["details"] == "joint-venture partner"
            assert "share" not in interest

    def test_states_and_state_bodies(self, by_record: dict[str, Statement]) -> None:
        """Governments are states; SASAC is a state body of China."""
        china = by_record["china-government"]["recordDetails"]
        assert china["entityType"] == {"type": "state", "details": "government"}
        sasac = by_record["china-sasac"]["recordDetails"]
        assert sasac["entityType"]["type"] == "stateBody"
        assert sasac["jurisdiction"] == {"name": "China", "code": "CN"}

    def test_company(self, by_record: dict[str, Statement]) -> None:
        """JL MAG: its legal name, other names, listing and founding year, each from the data."""
        jl_mag = by_record["jl-mag"]
        details = jl_mag["recordDetails"]
        assert details["name"] == "JL MAG Rare-Earth Co. Ltd."
        assert details["alternateNames"] == ["JL MAG", "Jingling Magnetics"]
        assert details["foundingDate"] == "2008-01-01"
        (listing,) = details["publicListing"]["securitiesListings"]
        assert listing == {
            "stockExchangeJurisdiction": "CN",
            "stockExchangeName": "Shenzhen Stock Exchange",
            "security": {"ticker": "300748"},
        }
        assert jl_mag["source"]["type"] == ["thirdParty"]
        assert "founded in 2008 and publicly traded" in jl_mag["source"]["description"]
        assert jl_mag["source"]["assertedBy"] == [
            {"name": "Rare Earth Exchanges"},
            {"name": "Caixin Global"},
        ]

    def test_provenance(self, shipped: tuple[Export, list[Statement], Path]) -> None:
        """Every statement names the data version, and its id is unique and 64 characters."""
        statements = shipped[1]
        assert {s["publicationDetails"]["publisher"]["name"] for s in statements} == {
            f"rareearth data {DATA_VERSION}"
        }
        assert {s["publicationDetails"]["publicationDate"] for s in statements} == {
            DATA_DATE.isoformat()
        }
        ids = [s["statementId"] for s in statements]
        assert len(set(ids)) == len(ids)
        assert {len(i) for i in ids} == {64}

    def test_statement_dates(self, by_record: dict[str, Statement]) -> None:
        """A statement is dated by its sources: JL MAG's stake by 000, of July 2025."""
        assert by_record["jl-mag-stake-state"]["statementDate"] == "2025-07-31"
        assert by_record["northern-zhaobao-jv-cnre"]["statementDate"] == "2025-10-31"

    def test_losses(self, shipped: tuple[Export, list[Statement], Path]) -> None:
        """Transformed dates and shares and what BODS leaves out are each reported."""
        losses = shipped[0].losses
        assert Loss("jl-mag", "founded", "2008 became 2008-01-01, its first day") in losses
        assert (
            Loss(
                "000_75a9973f81fad0cb",
                "published",
                '"after Asian Metal\'s report of July 10 (July 2025)" became 2025-07-31, '
                "its last day, as a statementDate",
            )
            in losses
        )
        whole = {loss.field: loss.what for loss in losses if loss.record is None}
        assert whole["relationships"].startswith("not exported (4 customer, 1 landlord, 3 partner")
        assert (
            whole["figures"] == "33 not exported: BODS states entities, people and ownership only"
        )

    def test_stable(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """Two exports of one data set are byte for byte the same."""
        write(ds._index, tmp_path / "a.json")  # noqa: SLF001
        write(ds._index, tmp_path / "b.json")  # noqa: SLF001
        assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()

    def test_users_undated_source(self, tmp_path: Path) -> None:
        """Statements citing only an undated source are dated with the data's date."""
        report, statements = _export(_users(), tmp_path / "mine.json")
        assert {s["statementDate"] for s in statements} == {DATA_DATE.isoformat()}
        (stake,) = (s for s in statements if s["recordType"] == "relationship")
        assert stake["recordDetails"]["interests"][0]["share"] == {
            "minimum": Decimal("7.5"),
            "exclusiveMaximum": Decimal(8),
        }
        assert Loss(
            "my-stake", "share", "'nearly 8%': nearly 8 became at least 7.5 and under 8"
        ) in (report.losses)


class TestShare:
    @pytest.mark.parametrize(
        ("value", "bounds"),
        [
            (Value(Decimal("9.3")), {"exact": Decimal("9.3")}),
            (
                Value(Decimal(20), Qualifier.RANGE, upper=Decimal(25)),
                {"minimum": Decimal(20), "maximum": Decimal(25)},
            ),
            (Value(Decimal(20), Qualifier.MORE_THAN), {"exclusiveMinimum": Decimal(20)}),
            (Value(Decimal(20), Qualifier.AT_LEAST), {"minimum": Decimal(20)}),
            (Value(Decimal(20), Qualifier.LESS_THAN), {"exclusiveMaximum": Decimal(20)}),
            (Value(Decimal(20), Qualifier.AT_MOST), {"maximum": Decimal(20)}),
            (
                Value(Decimal(100), Qualifier.APPROXIMATELY),
                {"minimum": Decimal("99.5"), "maximum": Decimal(100)},
            ),
            (
                Value(Decimal("0.02"), Qualifier.NEARLY),
                {"minimum": Decimal("0.015"), "exclusiveMaximum": Decimal("0.02")},
            ),
        ],
    )
    def test_bounds(self, value: Value, bounds: dict[str, Decimal]) -> None:
        """Each qualifier gives its bounds; "around" stays within 0-100 percent."""
        assert share(value)[0] == bounds


def _users() -> ree.Dataset:
    cite = {"source": "my-notes", "quote": "as my notes say"}
    facts = {
        "sources": [{"id": "my-notes", "title": "My notes", "about": "Made up, for the tests."}],
        "entities": [
            {
                "id": "my-co",
                "name": "My Co",
                "kind": "company",
                "summary": "A company.",
                "cites": [cite],
            },
            {
                "id": "my-person",
                "name": "A Person",
                "kind": "person",
                "summary": "Someone.",
                "cites": [cite],
            },
        ],
        "relationships": [
            {
                "id": "my-stake",
                "kind": "stake",
                "subject": "my-co",
                "party": "my-person",
                "share": {"number": 8, "qualifier": "nearly", "text": "nearly 8%"},
                "summary": "A person holds nearly 8% of My Co.",
                "cites": [cite],
            }
        ],
    }
    return ree.Dataset.from_documents([("mine.json", json.dumps(facts))])
