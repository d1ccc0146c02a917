"""The quote check: every citation against its source's text, damaged punctuation repaired."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import rareearth as ree
from rareearth._codec import unstructure
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
        found = check_quotes(ds, _texts_holding_every_quote(ds))
        assert [p for p in found.problems if p.path.startswith("$.entities")] == []

    def test_missing_quote_named_with_its_place(self, ds: ree.Dataset) -> None:
        """A quote not in its text is a problem naming the file, JSON path and record."""
        texts = _texts_holding_every_quote(ds)
        texts["000_75a9973f81fad0cb"] = "nothing of what the records quote"
        problems = check_quotes(ds, texts).problems
        first = next(p for p in problems if p.record == "jl-mag")
        assert first.file == "rareearth/data/entities.json"
        assert first.path == "$.entities[0].cites[0]"
        assert "quote not found in source '000_75a9973f81fad0cb'" in first.message

    def test_source_without_text_reported(self, ds: ree.Dataset) -> None:
        """A cited source with no text is a problem on the source record, not a silent skip."""
        texts = _texts_holding_every_quote(ds)
        del texts["003_9594616c843f5455"]
        found = check_quotes(ds, texts, ["jl-mag"])
        (problem,) = found.problems
        assert (problem.path, problem.record) == ("$.sources[3]", "003_9594616c843f5455")
        assert problem.message.startswith("no text for source '003_9594616c843f5455' (")
        assert problem.message.endswith("not checked): give it as 003_9594616c843f5455.txt")
        assert not found

    def test_wrong_quote_shows_closest_passage(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """A quote with a typo is reported with the passage it should have matched."""
        texts = {"000_75a9973f81fad0cb": "JL MAG, China's leading rare earth magnet maker, said"}
        quote = "China's leeding rare earth"
        typo = attrs.evolve(
            ds.entity("jl-mag"),
            id="jl-mag-again",
            name="JL MAG again",
            aliases=(),
            tickers=(),
            other_names=(),
            cites=(ree.Citation("000_75a9973f81fad0cb", quote),),
        )
        mine = tmp_path / "mine.json"
        mine.write_text(json.dumps({"entities": [unstructure(typo)]}), encoding="utf-8")
        found = check_quotes(ree.Dataset.load(mine), texts, ["jl-mag-again"])
        (problem,) = found.problems
        assert (problem.file, problem.path, problem.record) == (
            str(mine),
            "$.entities[0].cites[0]",
            "jl-mag-again",
        )
        assert problem.message == (
            "quote not found in source '000_75a9973f81fad0cb': \"China's leeding rare earth\";"
            ' the closest passage is "China\'s leading rare earth"'
        )

    def test_counts_what_it_checked(self, ds: ree.Dataset) -> None:
        """The answer says how many quotes were checked against which sources."""
        found = check_quotes(ds, _texts_holding_every_quote(ds), ["jl-mag"])
        cites = ds.entity("jl-mag").cites
        sources = sorted({c.source for c in cites})
        assert (found.checked, found.sources) == (len(cites), tuple(sources))
        assert found.summary == f"{len(cites)} quotes checked against 2 sources: every one found"
        assert check_quotes(ds, {}, []).checked == 0


class TestQuoteIn:
    def test_spaces_and_dashes(self) -> None:
        """Runs of spaces and any dash match; a different word does not."""
        assert quote_in("40,000 tpa — cementing", "40,000  tpa - cementing its lead")
        assert not quote_in("40,000 tpa", "45,000 tpa")

    def test_words_left_out(self) -> None:
        """A quote's "..." stands for words left out: its parts must come in order."""
        text = "JL MAG, China's leading rare earth magnet maker, said on Wednesday"
        assert quote_in("JL MAG ... magnet maker", text)
        assert quote_in("JL MAG, … said", text)
        assert not quote_in("magnet maker ... JL MAG", text)


class TestReadSourceTexts:
    def test_reads_txt_and_md_files_by_id(self, tmp_path: Path) -> None:
        """Each ``<id>.txt`` or ``<id>.md`` file's text is read under its id."""
        (tmp_path / "000_75a9973f81fad0cb.txt").write_text("JL MAG", encoding="utf-8")
        (tmp_path / "my-notes.md").write_text("my own notes", encoding="utf-8")
        (tmp_path / "ignored.json").write_text("{}", encoding="utf-8")
        assert read_source_texts(tmp_path) == {
            "000_75a9973f81fad0cb": "JL MAG",
            "my-notes": "my own notes",
        }

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A folder that is not there is an error naming it, not an empty set of texts."""
        with pytest.raises(ree.UnknownRecordError, match="no folder of source texts has the path"):
            read_source_texts(tmp_path / "nowhere")
