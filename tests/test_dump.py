"""Dataset.dump: fact files that load back to an equal data set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rareearth as ree
from rareearth._records import COLLECTIONS

DATA_FILES = [c.file for c in COLLECTIONS.values()]


class TestDump:
    def test_folder_round_trip(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """The shipped set dumped to a folder loads back, alone, to an equal set."""
        files = ds.dump(tmp_path / "out")
        assert [f.name for f in files] == list(DATA_FILES)
        again = ree.Dataset.load(*files, include_shipped=False)
        assert again == ds
        assert again.total_capacity(company="JL MAG", site="Baotou").value == (
            ds.total_capacity(company="JL MAG", site="Baotou").value
        )

    def test_load_a_dumped_folder(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """Dataset.load reads a folder's *.json files, so a dump's folder loads as one."""
        ds.dump(tmp_path / "out")
        assert ree.Dataset.load(tmp_path / "out", include_shipped=False) == ds

    def test_single_file_round_trip(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """A target ending in .json gets one file holding every collection."""
        (file,) = ds.dump(tmp_path / "all.json")
        assert list(json.loads(file.read_text(encoding="utf-8"))) == [
            name.removesuffix(".json") for name in DATA_FILES
        ]
        assert ree.Dataset.load(file, include_shipped=False) == ds

    def test_merged_round_trip(self, user_file: Path, tmp_path: Path) -> None:
        """A merged set (shipped + a user's file) dumps and loads back equal."""
        merged = ree.Dataset.load(user_file)
        files = merged.dump(tmp_path / "merged")
        again = ree.Dataset.load(*files, include_shipped=False)
        assert again == merged
        assert str(again.total_capacity(company="JL MAG").value) == "45,000"

    def test_users_records_only(self, user_file: Path, tmp_path: Path) -> None:
        """shipped=False writes only the user's records, which load beside the shipped data."""
        merged = ree.Dataset.load(user_file)
        (file,) = merged.dump(tmp_path / "mine.json", shipped=False)
        written = json.loads(file.read_text(encoding="utf-8"))
        assert [r["id"] for r in written["facilities"]] == ["jl-mag-ningbo"]
        assert [r["id"] for r in written["sources"]] == ["my-notes"]
        assert ree.Dataset.load(file) == merged

    def test_defaults_left_out(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """Fields at their default are not written; an exact value is a bare number."""
        (file,) = ds.dump(tmp_path / "all.json")
        text = file.read_text(encoding="utf-8")
        assert '"expected": false' not in text
        assert '"notes": []' not in text
        facilities = json.loads(text)["facilities"]
        phase_iii = facilities[0]["phases"][1]
        assert phase_iii["capacity"]["value"] == {
            "number": 20000,
            "qualifier": "exact",
            "text": "20,000 tonnes per annum (tpa)",
        }
        assert phase_iii["investment"]["amount"] == {"amount": 1050000000, "currency": "CNY"}

    def test_not_equal_to_other_things(self, ds: ree.Dataset, user_file: Path) -> None:
        """A data set equals only a data set with the same records."""
        assert ds != "dataset"
        assert ds != ree.Dataset.load(user_file)
        with pytest.raises(TypeError, match="unhashable"):
            hash(ds)
