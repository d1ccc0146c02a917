"""Exports: the report every format gives of what it wrote and what it could not hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import rareearth as ree
from rareearth._export import FORMATS, Export, Loss, losses_file
from rareearth._files import write_files
from rareearth._tables import Records


def _export(*losses: Loss) -> Export:
    return Export("ftm", (Path("out.ftm.json"),), 1312, Records(losses, Loss))


class TestReport:
    def test_summary_counts(self) -> None:
        """One line names the format, the items, the files and the losses (one "loss")."""
        loss = Loss("jl-mag-founded", "date", "'late 2024' became 2024")
        assert _export(loss).summary == "ftm: 1,312 items in out.ftm.json; 1 loss"
        assert _export().summary == "ftm: 1,312 items in out.ftm.json; 0 losses"

    def test_each_loss_on_its_line(self) -> None:
        """The report lists each loss under the summary, with its record and field."""
        losses = (
            Loss("jl-mag-stake-state", "share", "'≈ 9.4%' became 9.35-9.45"),
            Loss(None, "date", "every date keeps its day only"),
        )
        assert str(_export(*losses)).splitlines() == [
            "ftm: 1,312 items in out.ftm.json; 2 losses",
            "  jl-mag-stake-state: share: '≈ 9.4%' became 9.35-9.45",
            "  date: every date keeps its day only",
        ]

    def test_repr_is_short(self) -> None:
        """A repr fits a line, whatever the losses."""
        loss = Loss("x", "date", "kept the year")
        assert repr(_export(loss, loss)) == "<Export ftm: 1,312 items, 2 losses>"

    def test_table_of_losses(self) -> None:
        """The losses are a table, captioned with the summary."""
        table = _export(Loss("x", "date", "kept the year")).table()
        assert table.caption == "ftm: 1,312 items in out.ftm.json; 1 loss"
        assert table.to_dicts() == [{"record": "x", "field": "date", "what": "kept the year"}]


class TestDatasetExport:
    def test_unknown_format_lists_the_formats(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """An unknown format is a ChoiceError naming it and every format; nothing is written."""
        with pytest.raises(
            ree.ChoiceError, match=r"format 'xlsx' is not one of 'ftm', 'bods', 'sqlite', "
        ) as e:
            ds.export("xlsx", tmp_path / "out")
        assert set(e.value.choices) == set(FORMATS)
        assert list(tmp_path.iterdir()) == []

    def test_empty_target(self, ds: ree.Dataset) -> None:
        """An empty target is refused, not taken as the current folder."""
        with pytest.raises(ree.WriteError, match="no target given"):
            ds.export("datapackage", "")

    @pytest.mark.parametrize("name", ["datapackage", "sqlite"])
    def test_every_format_writes_its_loss_report(
        self, ds: ree.Dataset, tmp_path: Path, name: str
    ) -> None:
        """The report is written beside what was exported, and says what it printed."""
        target = tmp_path / ("out.db" if name == "sqlite" else "out")
        export = ds.export(name, target)
        report = export.files[-1]
        assert report == losses_file(target, is_folder=name != "sqlite")
        assert report.read_text(encoding="utf-8") == str(export) + "\n"
        assert "figures.equivalents: a figure printed beside another" in str(export)

    def test_users_records_exported(self, user_file: Path, tmp_path: Path) -> None:
        """A user's Dataset exports their records beside the shipped ones."""
        ree.Dataset.load(user_file).export("datapackage", tmp_path / "out")
        phases = (tmp_path / "out" / "phases.csv").read_text(encoding="utf-8")
        assert "jl-mag-ningbo-line-1,JL MAG Ningbo plant,Line 1,jl-mag," in phases
        citations = (tmp_path / "out" / "citations.csv").read_text(encoding="utf-8")
        assert "my-cnre-stake,relationships,cites[0],my-notes,about 2%" in citations

    def test_import_is_lazy(self) -> None:
        """No format module is imported until its format is asked for.

        Compared with a bare start: under coverage, a subprocess has sqlite3
        imported by coverage itself before the test's code runs.
        """
        watched = (
            "'rareearth._sqlite', 'rareearth._parquet', 'rareearth._datapackage', "
            "'rareearth._relational', 'rareearth._ftm', 'rareearth._bods', 'sqlite3', 'pyarrow'"
        )
        show = f"print(sorted(m for m in sys.modules if m.startswith(({watched}))))"
        found = []
        for start in ("import sys", "import sys, rareearth as ree; ree.company('JL MAG')"):
            done = subprocess.run(
                [sys.executable, "-c", f"{start}; {show}"],
                capture_output=True,
                text=True,
                check=True,
            )
            found.append(done.stdout.strip())
        bare, after = found
        assert after == bare


class TestFolderTargets:
    def test_a_file_in_the_way(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """A folder format given a file's path says so, and leaves the file alone."""
        target = tmp_path / "out"
        target.write_text("mine", encoding="utf-8")
        with pytest.raises(ree.WriteError, match=f"cannot write {target}: it is a file"):
            ds.export("datapackage", target)
        assert target.read_text(encoding="utf-8") == "mine"

    def test_failed_export_leaves_the_folder_as_it_was(
        self, ds: ree.Dataset, tmp_path: Path
    ) -> None:
        """A file that cannot be written leaves the earlier export whole, and no temporary file."""
        target = tmp_path / "out"
        ds.export("datapackage", target)
        before = {p.name: p.read_bytes() for p in target.iterdir()}
        (target / "notes.csv").unlink()
        (target / "notes.csv").mkdir()  # a folder where a file should go
        with pytest.raises(ree.WriteError, match=r"notes\.csv: it is a folder"):
            ds.export("datapackage", target)
        after = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()}
        assert after == {k: v for k, v in before.items() if k != "notes.csv"}
        assert not list(target.glob(".*.tmp"))

    def test_a_new_folder_is_removed_when_the_export_fails(
        self, ds: ree.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A folder the export made is gone again if the export fails."""

        def refuse(_: object) -> None:
            raise ree.WriteError("cannot write: refused")

        monkeypatch.setattr("rareearth._datapackage.write_texts", refuse)
        with pytest.raises(ree.WriteError, match="refused"):
            ds.export("datapackage", tmp_path / "new")
        assert list(tmp_path.iterdir()) == []


class TestWriteFiles:
    def test_a_writer_that_fails_leaves_the_targets(self, tmp_path: Path) -> None:
        """A function that fails to write its file leaves every target as it was."""
        first, second = tmp_path / "a.bin", tmp_path / "b.bin"
        first.write_bytes(b"old a")

        def broken(path: Path) -> None:
            path.write_bytes(b"half")
            raise OSError(28, "No space left on device")

        with pytest.raises(ree.WriteError, match=r"cannot write .*b\.bin: No space left"):
            write_files({first: b"new a", second: broken})
        assert first.read_bytes() == b"old a"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin"]

    def test_other_errors_pass_through(self, tmp_path: Path) -> None:
        """An error that is not about writing passes through, the new files removed."""

        def wrong(_: Path) -> None:
            raise ValueError("a bug")

        with pytest.raises(ValueError, match="a bug"):
            write_files({tmp_path / "a.bin": wrong})
        assert list(tmp_path.iterdir()) == []


class TestSummary:
    def test_many_files_in_one_folder_are_counted(self) -> None:
        """A folder export's summary names the folder and counts its files: one short line."""
        files = tuple(Path("pkg") / f"{name}.csv" for name in ("a", "b", "c", "d"))
        export = Export("datapackage", files, 567, Records([], Loss))
        assert export.summary == "datapackage: 567 items in pkg (4 files); 0 losses"


class TestNoClobbering:
    def test_another_format_never_overwrites(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """An ftm export named like an existing database is refused; the database is whole."""
        target = tmp_path / "facts"
        ds.export("sqlite", target)
        before = target.read_bytes()
        with pytest.raises(ree.WriteError, match="holds something other than a FollowTheMoney"):
            ds.export("ftm", target)
        with pytest.raises(ree.WriteError, match="holds something other than a BODS export"):
            ds.export("bods", target)
        assert target.read_bytes() == before

    def test_a_users_file_is_not_replaced(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """A file of the user's (notes, say) is not overwritten by a database."""
        target = tmp_path / "notes.txt"
        target.write_text("my notes", encoding="utf-8")
        with pytest.raises(ree.WriteError, match="holds something other than an SQLite database"):
            ds.export("sqlite", target)
        assert target.read_text(encoding="utf-8") == "my notes"

    def test_same_format_replaced(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """Exporting again to the same file replaces the earlier export."""
        target = tmp_path / "out.ftm.json"
        first = ds.export("ftm", target)
        again = ds.export("ftm", target)
        assert (first.items, again.items) == (219, 219)
