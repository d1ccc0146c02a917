"""Dataset.dump: fact files that load back to an equal data set."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import rareearth as ree
from rareearth._index import Index
from rareearth._load import FactSet
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


def _surrogate_dataset() -> ree.Dataset:
    """A data set holding half a character, as no loaded one can: built in Python."""
    shipped = ree.dataset()
    source = ree.Source("my-notes", "N\udcff", "notes")
    return ree.Dataset(Index(FactSet({**_collections(shipped), "sources": (source,)}, {})))


def _collections(ds: ree.Dataset) -> dict[str, tuple[object, ...]]:
    return {name: tuple(ds.collection(name)) for name in COLLECTIONS}


class TestAtomicWrites:
    """A write that cannot finish leaves the old files as they were."""

    def test_text_utf8_cannot_hold(self, tmp_path: Path) -> None:
        """Half a character in a record is a WriteError naming the file; the old dump stays."""
        ree.dataset().dump(tmp_path)
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
        with pytest.raises(ree.WriteError, match=r"sources\.json: the text holds U\+DCFF"):
            _surrogate_dataset().dump(tmp_path)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before

    def test_csv_to_a_file_not_truncated(self, tmp_path: Path) -> None:
        """A table that cannot be written leaves the earlier file whole."""
        target = tmp_path / "sources.csv"
        target.write_text("earlier\n", encoding="utf-8")
        with pytest.raises(ree.WriteError):
            _surrogate_dataset().sources.to_csv(target)
        assert target.read_text(encoding="utf-8") == "earlier\n"

    def test_read_only_file_replaced(self, tmp_path: Path) -> None:
        """A read-only file of an old dump is replaced with the others, not left behind."""
        ree.dataset().dump(tmp_path)
        (tmp_path / "rates.json").chmod(0o444)
        written = ree.dataset().dump(tmp_path)
        assert {p.name for p in written} == {p.name for p in tmp_path.iterdir()}
        assert not list(tmp_path.glob(".*.tmp"))

    def test_symlink_replaced_not_followed(self, tmp_path: Path) -> None:
        """A link planted at a target is replaced; the file it points to is untouched."""
        elsewhere = tmp_path / "elsewhere.txt"
        elsewhere.write_text("keep me", encoding="utf-8")
        (tmp_path / "all.json").symlink_to(elsewhere)
        ree.dataset().dump(tmp_path / "all.json")
        assert elsewhere.read_text(encoding="utf-8") == "keep me"
        assert not (tmp_path / "all.json").is_symlink()

    def test_empty_target(self) -> None:
        """An empty target is refused, not taken as the current folder."""
        with pytest.raises(ree.WriteError, match="no target given"):
            ree.dataset().dump("")
        with pytest.raises(ree.WriteError, match="no file given"):
            ree.dataset().rates.to_csv("")

    def test_unwritable_folder(self, tmp_path: Path) -> None:
        """A folder that refuses new files is a WriteError naming the path."""
        if os.geteuid() == 0:
            pytest.skip("root may write into any folder")
        tmp_path.chmod(0o555)
        try:
            with pytest.raises(ree.WriteError, match=str(tmp_path)):
                ree.dataset().dump(tmp_path)
        finally:
            tmp_path.chmod(0o755)

    def test_missing_folder_named(self, tmp_path: Path) -> None:
        """A file in a folder that does not exist is a WriteError naming the file."""
        target = tmp_path / "missing" / "rates.csv"
        with pytest.raises(ree.WriteError, match=re.escape(f"cannot write {target}: No such file")):
            ree.dataset().rates.to_csv(target)

    def test_a_folder_in_the_way(self, tmp_path: Path) -> None:
        """A folder where a file should go is refused, and nothing is left behind."""
        (tmp_path / "rates.json").mkdir()
        with pytest.raises(ree.WriteError, match=r"rates\.json: it is a folder"):
            ree.dataset().dump(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["rates.json"]
