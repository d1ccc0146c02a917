"""The indexes built at load give the answers a scan of the records would."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import rareearth as ree
from factories import cite
from rareearth._dates import FuzzyDate

#: Event dates of every length, including one spanning thirty years.
DATES = [
    "2024-05-17",
    "2024-05",
    "2024",
    "late 2023",
    "between 1995 and 2025",
    "between 2024-04-20 and 2024-06-02",
    "Q2 2024",
    "2026",
]


@pytest.fixture(scope="module")
def events_set(tmp_path_factory: pytest.TempPathFactory) -> ree.Dataset:
    events = [
        {"id": f"my-event-{i}", "date": date, "title": f"Event {i}", "kind": "production",
         "cites": [cite()]}
        for i, date in enumerate(DATES)
    ]  # fmt: skip
    path = tmp_path_factory.mktemp("events") / "events.json"
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    return ree.Dataset.load(path)


def _scan(ds: ree.Dataset, since: dt.date | None, until: dt.date | None) -> list[str]:
    def keep(d: FuzzyDate) -> bool:
        return (since is None or d.latest >= since) and (until is None or d.earliest <= until)

    return [e.id for e in ds.events if keep(e.date)]


class TestTimelineIndex:
    @pytest.mark.parametrize(
        ("start", "end"),
        [
            ("2024-05", "2024-05"),
            ("2010", "2010"),
            ("2025-06-11", "2025-06-11"),
            ("1990", None),
            (None, "2000"),
            ("2030", "2031"),
        ],
    )
    def test_same_as_a_scan(
        self, events_set: ree.Dataset, start: str | None, end: str | None
    ) -> None:
        """A window found by bisecting holds the events a scan finds, long spans included."""
        since = None if start is None else ree.parse_date(start).earliest
        until = None if end is None else ree.parse_date(end).latest
        found = [e.id for e in events_set.timeline(start, end)]
        assert found == _scan(events_set, since, until)

    def test_long_span_found_far_from_its_start(self, events_set: ree.Dataset) -> None:
        """An event spanning 1995-2025 is in a 2010 window, though it starts 15 years before."""
        assert "my-event-4" in [e.id for e in events_set.timeline("2010", "2010")]

    def test_window_at_the_first_day(self, events_set: ree.Dataset) -> None:
        """A window starting on the first day a date can hold does not overflow."""
        assert events_set.timeline(dt.date.min, dt.date(1990, 1, 1)) == ()
        assert len(events_set.timeline(dt.date.min)) == len(events_set.events)


class TestOrigins:
    def test_compact_mapping(self) -> None:
        """Origins read like a dict of (file, JSON path), and cannot be changed."""
        origins = ree.dataset().origins
        assert origins["jl-mag"] == ("rareearth/data/entities.json", "$.entities[0]")
        assert len(origins) == len(dict(origins.items())) == len(set(origins))
        assert dict(origins) == origins
        assert repr(origins).startswith("<Origins of ")
        assert "rareearth/data/rates.json" in {file for file, _ in origins.values()}
        with pytest.raises(KeyError):
            origins["no-such-record"]


class TestLoadInput:
    def test_documents_left_alone(self) -> None:
        """`from_documents` reads the caller's list without emptying it."""
        documents = [("mine.json", '{"entities": []}')]
        ree.Dataset.from_documents(documents)
        assert documents == [("mine.json", '{"entities": []}')]


class TestDateCache:
    def test_same_text_same_object(self) -> None:
        """Equal date texts share one frozen date; refusals are raised every time."""
        assert ree.parse_date("2025-06") is ree.parse_date("2025-06")
        for _ in range(2):
            with pytest.raises(ree.DateParseError):
                ree.parse_date("2025-13")
