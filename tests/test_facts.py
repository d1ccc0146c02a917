"""The shipped data's quick path: read without checks only when the files are those checked."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from typing import Any

import attrs
import fingerprint as fingerprint_tool
import pytest
from fingerprint import difference, fingerprint_text

import rareearth as ree
from rareearth import _dataset, _facts, _load, _records, _values
from rareearth._dates import FuzzyDate
from rareearth._facts import FINGERPRINT_FILE, fingerprint, shipped_documents, shipped_facts
from rareearth._money import MoneyValue
from rareearth._records import COLLECTIONS, Citation, Entity, EntityKind


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped data set not yet read, as in a new process."""
    monkeypatch.setattr(_dataset, "_shipped", None)


@pytest.fixture
def checked_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each full, checked load of documents, counted by how many documents it read."""
    counts: list[int] = []
    original = _load.load_documents

    def counting(documents: list[_facts.Document], **limits: Any) -> _facts.FactSet:
        counts.append(len(documents))
        return original(documents, **limits)

    monkeypatch.setattr(_load, "load_documents", counting)
    return counts


class TestQuickPath:
    def test_records_identical_to_the_loaders(self) -> None:
        """The plain decoder reads each record as the loader does, type for type, from one place."""
        quick = shipped_facts()
        assert quick is not None
        checked = _load.load_documents(list(shipped_documents()))
        assert difference(quick.records, checked.records) is None
        assert difference(dict(quick.origins), dict(checked.origins)) is None
        assert sum(map(len, quick.records.values())) == len(quick.origins) > 180

    def test_annotations_as_written(self) -> None:
        """The decoder reads the annotations as written, even once cattrs has resolved them."""
        assert not isinstance(attrs.fields(Entity).cites.type, str)  # resolved by the loader
        text, names = _facts._annotations(Entity)["cites"]  # noqa: SLF001
        assert text == "tuple[Citation, ...]"
        assert names["Citation"] is Citation
        # An inherited field is read in the module of the class that declares it.
        assert _facts._annotations(MoneyValue)["qualifier"][1] is vars(_values)  # noqa: SLF001

    def test_byte_order_mark(self) -> None:
        """A file beginning with a byte-order mark reads as the loader reads it."""
        documents = [d._replace(text="\ufeff" + d.text) for d in shipped_documents()]
        quick = _facts.read_unchecked(documents)
        checked = _load.load_documents(list(documents))
        assert difference(quick.records, checked.records) is None

    def test_ids_are_shared(self) -> None:
        """Ids records refer to are one string each, as the loader makes them."""
        quick = shipped_facts()
        assert quick is not None
        first: dict[str, str] = {}
        cited = [
            c.source for key in ("entities", "events") for r in quick.records[key] for c in r.cites
        ]
        assert all(first.setdefault(s, s) is s for s in cited)
        assert len(first) == 5 < len(cited)

    @pytest.mark.usefixtures("fresh")
    def test_first_answer_checks_nothing_again(self, checked_loads: list[int]) -> None:
        """Files whose fingerprint matches are read without the loader."""
        assert ree.company("JL MAG").id == "jl-mag"
        assert checked_loads == []

    @pytest.mark.usefixtures("fresh")
    def test_edited_files_are_checked(
        self, checked_loads: list[int], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Files differing from those checked at release are read with every check."""
        monkeypatch.setattr(_facts, "_recorded", lambda: "00000000")
        assert shipped_facts() is None
        data = ree.dataset()
        assert checked_loads == [len(COLLECTIONS)]
        monkeypatch.undo()
        assert data == ree.Dataset._build(None, max_size=1, max_depth=1)  # noqa: SLF001

    @pytest.mark.usefixtures("fresh")
    def test_edited_file_with_a_fault_is_refused(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An edit the loader refuses is refused at the first answer, not read in silence."""
        documents = list(shipped_documents())
        # A reference to no record: a check across records, which the plain decoder skips.
        broken = [
            d._replace(text=d.text.replace('"operator": "jl-mag"', '"operator": "jl-mug"', 1))
            if d.name.endswith("facilities.json")
            else d
            for d in documents
        ]
        monkeypatch.setattr(_facts, "shipped_documents", lambda: iter(broken))
        monkeypatch.setattr(_dataset, "shipped_documents", lambda: iter(broken))
        with pytest.raises(ree.DataError, match=r"facilities\.json.*\.operator.*'jl-mug'"):
            ree.dataset()

    def test_annotations_read_without_typing(self) -> None:
        """The three annotation forms the records use are read as the types they name."""
        names = vars(_records)
        assert _facts._annotation("tuple[Citation, ...]", names) == tuple[Citation, ...]  # noqa: SLF001
        assert _facts._annotation("FuzzyDate | None", names) == FuzzyDate | None  # noqa: SLF001
        assert _facts._annotation("str", names) is str  # noqa: SLF001
        with pytest.raises(TypeError, match=r"cannot read a field annotated 'dict\[str, int\]'"):
            _facts._annotation("dict[str, int] | None", names)  # noqa: SLF001

    def test_unknown_field_type_is_refused(self) -> None:
        """A field type the decoder does not know stops it, naming the type."""
        with pytest.raises(TypeError, match="cannot read a field of type <class 'complex'>"):
            _facts._make_decoder(complex)  # noqa: SLF001


class TestDifference:
    def test_types_count(self) -> None:
        """Values equal by ``==`` but of other types, or other exponents, differ."""
        assert difference(Decimal(2008), 2008) == "$: Decimal Decimal('2008') is not int 2008"
        assert difference((Decimal("1.0"),), (Decimal(1),)) == (
            "$[0]: Decimal('1.0') is not Decimal('1')"
        )
        assert difference([EntityKind.COMPANY], ["company"]) is not None
        assert difference({"a": 1}, {"b": 1}) == "$: the keys ['a'] are not ['b']"

    def test_records_field_by_field(self, ds: ree.Dataset) -> None:
        """A record differing in one nested field is found at that field."""
        entity = ds.entity("JL MAG")
        cite = attrs.evolve(entity.cites[1], quote=entity.cites[1].quote + " ")
        changed = attrs.evolve(entity, cites=(entity.cites[0], cite, *entity.cites[2:]))
        assert difference(entity, changed) == (
            f"$.cites[1].quote: {entity.cites[1].quote!r} is not {cite.quote!r}"
        )
        assert difference(entity, entity) is None


class TestFingerprint:
    def test_file_is_current(self) -> None:
        """The recorded fingerprint is that of the shipped files, after every check passed."""
        recorded = (resources.files("rareearth") / "data" / FINGERPRINT_FILE).read_text(
            encoding="utf-8"
        )
        assert recorded == fingerprint_text(), "run python tools/fingerprint.py"

    def test_refused_when_the_readers_differ(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """No fingerprint is written when the unchecked reading differs from the checked one."""
        real = _facts.read_unchecked

        def lossy(documents: list[_facts.Document]) -> _facts.FactSet:
            facts = real(documents)
            first = attrs.evolve(facts.records["entities"][0], founded=None)
            records = {**facts.records, "entities": (first, *facts.records["entities"][1:])}
            return attrs.evolve(facts, records=records)

        monkeypatch.setattr(fingerprint_tool, "read_unchecked", lossy)
        with pytest.raises(SystemExit, match=r"differently: \$\.entities\[0\]\.founded"):
            fingerprint_text()

    def test_one_changed_character_differs(self) -> None:
        """An edit of one character in one file changes the fingerprint."""
        texts = [d.text for d in shipped_documents()]
        edited = [*texts[:-1], texts[-1].replace("0", "1", 1)]
        assert fingerprint(texts) != fingerprint(edited)
        assert len(fingerprint(texts).split()) == len(COLLECTIONS)
