"""Exports: the report every format gives of what it wrote and what it could not hold."""

from __future__ import annotations

from pathlib import Path

from rareearth._export import Export, Loss
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
