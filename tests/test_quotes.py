"""The quote check: every citation against its source's text, damaged punctuation repaired."""

from __future__ import annotations

from pathlib import Path

import rareearth as ree
from rareearth._quotes import check_quotes, quote_in, read_source_texts
from rareearth._records import Citation, walk


def _texts_holding_every_quote(ds: ree.Dataset) -> dict[str, str]:
    """Stand-in source texts: each source's quotes, with its punctuation damaged."""
    quotes: dict[str, list[str]] = {}
    for record in (r for name in ("sources", "entities") for r in ds.collection(name)):
        for _, _, _, value in walk(record, "$"):
            for item in value if isinstance(value, tuple) else ():
                if isinstance(item, Citation):
                    quotes.setdefault(item.source, []).append(item.quote)
    damaged = {source: "\n\n".join(q).replace("’", "โ") for source, q in quotes.items()}
    return {source.id: damaged.get(source.id, "") for source in ds.sources}


class TestCheckQuotes:
    def test_every_quote_found(self, ds: ree.Dataset) -> None:
        """Quotes found in their texts, through damaged apostrophes, give no problem."""
        problems = check_quotes(ds, _texts_holding_every_quote(ds))
        assert [p for p in problems if p.path.startswith("$.entities")] == []

    def test_missing_quote_named_with_its_place(self, ds: ree.Dataset) -> None:
        """A quote not in its text is a problem naming the file, JSON path and record."""
        texts = _texts_holding_every_quote(ds)
        texts["000_75a9973f81fad0cb"] = "nothing of what the records quote"
        problems = check_quotes(ds, texts)
        first = next(p for p in problems if p.record == "jl-mag")
        assert first.file == "rareearth/data/entities.json"
        assert first.path == "$.entities[0].cites[0]"
        assert "quote not found in source '000_75a9973f81fad0cb'" in first.message

    def test_sources_without_text_skipped(self, ds: ree.Dataset) -> None:
        """Citations of a source whose text is not given are not checked."""
        assert check_quotes(ds, {}) == []


class TestQuoteIn:
    def test_spaces_and_dashes(self) -> None:
        """Runs of spaces and any dash match; a different word does not."""
        assert quote_in("40,000 tpa — cementing", "40,000  tpa - cementing its lead")
        assert not quote_in("40,000 tpa", "45,000 tpa")


class TestReadSourceTexts:
    def test_reads_txt_files_by_id(self, tmp_path: Path) -> None:
        """Each ``<id>.txt`` file's text is read under its id; other files are not."""
        (tmp_path / "000_75a9973f81fad0cb.txt").write_text("JL MAG", encoding="utf-8")
        (tmp_path / "notes.md").write_text("not a source", encoding="utf-8")
        assert read_source_texts(tmp_path) == {"000_75a9973f81fad0cb": "JL MAG"}
