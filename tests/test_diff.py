"""What changed between two fact sets: records added, removed and changed, by field path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rareearth as ree
from rareearth._cli import main
from rareearth._diff import _fields

ACME = {
    "id": "acme-magnets",
    "name": "Acme Magnets",
    "kind": "company",
    "summary": "A magnet maker of our own invention, for this test.",
    "cites": [{"source": "000_75a9973f81fad0cb", "quote": "JL MAG"}],
}


def _edit(folder: Path, name: str, change: object) -> None:
    path = folder / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data[name])  # type: ignore[operator]
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shipped data dumped twice; the second with phase III at 25,000 t/yr,
    no Tesla customer relation, and one more entity."""
    old, new = tmp_path_factory.mktemp("old"), tmp_path_factory.mktemp("new")
    ree.dataset().dump(old)
    ree.dataset().dump(new)

    def grow(facilities: list[dict[str, object]]) -> None:
        (baotou,) = [f for f in facilities if f["id"] == "jl-mag-baotou-base"]
        phases = baotou["phases"]
        assert isinstance(phases, list)
        (third,) = [p for p in phases if p["id"] == "jl-mag-baotou-phase-iii"]
        third["capacity"]["value"]["number"] = 25000

    _edit(new, "facilities", grow)
    _edit(new, "relationships", lambda rs: rs.remove(next(r for r in rs if r["id"] == TESLA)))
    _edit(new, "entities", lambda es: es.append(ACME))
    return old, new


TESLA = "jl-mag-customer-tesla"


class TestDiff:
    def test_exact_json(
        self, versions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """One changed capacity, one removed relation, one added entity, and exit 1."""
        old, new = versions
        code = main(["diff", str(old), str(new), "--alone", "--json"])
        assert code == 1
        assert json.loads(capsys.readouterr().out) == {
            "equal": False,
            "collections": {
                "entities": {"added": ["acme-magnets"], "removed": [], "changed": {}},
                "facilities": {
                    "added": [],
                    "removed": [],
                    "changed": {
                        "jl-mag-baotou-base": [
                            {
                                "path": "phases[id=jl-mag-baotou-phase-iii].capacity.value.number",
                                "old": 20000,
                                "new": 25000,
                            }
                        ]
                    },
                },
                "relationships": {"added": [], "removed": [TESLA], "changed": {}},
            },
        }

    def test_text(self, versions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
        """For people: a summary, then the changes collection by collection."""
        old, new = versions
        assert main(["diff", str(old), str(new), "--alone"]) == 1
        assert capsys.readouterr().out.splitlines() == [
            "3 records: 1 added, 1 removed, 1 changed",
            "entities:",
            "  added acme-magnets",
            "facilities:",
            (
                "  jl-mag-baotou-base.phases[id=jl-mag-baotou-phase-iii].capacity.value.number:"
                " 20000 → 25000"
            ),
            "relationships:",
            f"  removed {TESLA}",
        ]

    def test_equal_is_exit_0(
        self, versions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The shipped data against its own dump: no change, exit 0."""
        old, _ = versions
        assert main(["diff", "shipped", str(old), "--alone"]) == 0
        assert capsys.readouterr().out == "no change\n"

    def test_bad_input_is_exit_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A fact set that cannot be read is exit 2, with the reason on stderr."""
        assert main(["diff", "shipped", str(tmp_path / "missing.json")]) == 2
        assert "missing.json" in capsys.readouterr().err

    def test_python(self, versions: tuple[Path, Path]) -> None:
        """`Dataset.diff` gives the same changes, with exact values."""
        old, new = (ree.Dataset.load(v, include_shipped=False) for v in versions)
        found = old.diff(new)
        assert [(c.collection, c.record, c.kind) for c in found.changes] == [
            ("entities", "acme-magnets", "added"),
            ("facilities", "jl-mag-baotou-base", "changed"),
            ("relationships", TESLA, "removed"),
        ]
        assert str(found.changes[1].new) == "25000"
        assert repr(found) == "<Diff: 3 records: 1 added, 1 removed, 1 changed>"
        assert not new.diff(new)
        assert [row["kind"] for row in found.to_dicts()] == ["added", "changed", "removed"]

    def test_lists_by_id_or_position(self) -> None:
        """Records with ids pair by id; other lists place by place; missing keys are None."""
        old = {"tickers": ["A", "B"], "phases": [{"id": "p1", "n": 1}, {"id": "p2", "n": 2}]}
        new = {"tickers": ["A", "C", "D"], "phases": [{"id": "p2", "n": 3}], "note": "x"}
        assert list(_fields(old, new, "")) == [
            ("note", None, "x"),
            ("phases[id=p1]", {"id": "p1", "n": 1}, None),
            ("phases[id=p2].n", 2, 3),
            ("tickers[1]", "B", "C"),
            ("tickers[2]", None, "D"),
        ]
