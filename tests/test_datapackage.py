"""The Data Package export: CSV files with Table Schemas that frictionless validates."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

import rareearth as ree
from conftest import interop


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("datapackage") / "out"
    ree.dataset().export("datapackage", target)
    return target


@pytest.fixture(scope="module")
def descriptor(folder: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return found


class TestDataPackage:
    def test_frictionless_validates(self, folder: Path) -> None:
        """`frictionless validate` finds no error: types, enums, primary and foreign keys."""
        frictionless = interop("frictionless")
        report = frictionless.validate(folder / "datapackage.json")
        assert report.flatten(["type", "note"]) == []
        assert report.valid

    def test_frictionless_finds_a_broken_reference(self, folder: Path, tmp_path: Path) -> None:
        """A phase naming a facility that is not there fails validation: the keys are checked."""
        frictionless = interop("frictionless")
        copy = tmp_path / "copy"
        copy.mkdir()
        for path in folder.iterdir():
            (copy / path.name).write_bytes(path.read_bytes())
        phases = copy / "phases.csv"
        text = phases.read_text(encoding="utf-8")
        phases.write_text(
            text.replace("\njl-mag-ganzhou,", "\nno-such-facility,"), encoding="utf-8"
        )
        report = frictionless.validate(copy / "datapackage.json")
        assert "foreign-key" in {error[0] for error in report.flatten(["type"])}

    def test_version_licence_and_sources(self, descriptor: dict[str, Any]) -> None:
        """The version is the data version; the licence MIT; the sources the five documents."""
        assert descriptor["version"] == ree.DATA_VERSION
        assert descriptor["licenses"][0]["name"] == "MIT"
        titles = [s["title"] for s in descriptor["sources"]]
        assert len(titles) == 5
        assert titles[3].startswith("003: Beijing Gives Magnet-Maker Green Light")

    def test_schema_keys(self, descriptor: dict[str, Any]) -> None:
        """Each resource has its primary key; a place's parent refers to places itself."""
        resources = {r["name"]: r for r in descriptor["resources"]}
        assert resources["citations"]["schema"]["primaryKey"] == ["record", "field"]
        (parent,) = resources["places"]["schema"]["foreignKeys"]
        assert parent == {"fields": "parent", "reference": {"resource": "", "fields": "id"}}
        fields = {f["name"]: f for f in resources["relationships"]["schema"]["fields"]}
        assert fields["share"]["type"] == "number"
        assert "approximately" in fields["share_qualifier"]["constraints"]["enum"]

    def test_csv_exact(self, folder: Path) -> None:
        """The CSV holds the exact share, its qualifier and its printed form."""
        with (folder / "relationships.csv").open(encoding="utf-8", newline="") as f:
            rows = {row["id"]: row for row in csv.DictReader(f)}
        row = rows["jl-mag-stake-state"]
        assert (row["share"], row["share_qualifier"], row["share_text"]) == (
            "9.4",
            "approximately",
            "around 9.4%",
        )
