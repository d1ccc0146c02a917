"""Plots: what is drawn matches the sources; saving; matplotlib as an optional extra."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

import rareearth as ree
from rareearth import plot

matplotlib = pytest.importorskip("matplotlib", reason="the plots need the extra rareearth[plot]")

# Imported after the skip above, so that these tests skip without matplotlib.
import numpy as np  # noqa: E402 - matplotlib requires numpy
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Annotation, Text  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def days(day: dt.date) -> float:
    """A day as matplotlib places it on a date axis: days since its epoch."""
    epoch = dt.datetime.fromisoformat(matplotlib.rcParams["date.epoch"]).date()
    return float((day - epoch).days)


def bars(ax: Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def by_gid(ax: Axes, gid: str) -> list[object]:
    return [a for a in ax.get_children() if a.get_gid() == gid]


def texts(ax: Axes, prefix: str) -> dict[str, Text]:
    return {
        gid.removeprefix(prefix): t
        for t in ax.texts
        if (gid := t.get_gid()) is not None and gid.startswith(prefix)
    }


class TestTimeline:
    def test_one_row_per_event_in_order(self, ds: ree.Dataset) -> None:
        """Each event gets a row, earliest at the top, whatever order they come in."""
        events = ds.timeline("2025-05", "2025-06")
        fig = plot.timeline(reversed(events))
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert len(labels) == len(events) == 15
        assert [label.split("\n")[1] for label in labels] == [e.date.text for e in events]
        assert labels[0].startswith("MP Materials")  # "recent": 2025, the widest span
        assert labels[-1].endswith("Wednesday, June 11, 2025")
        top, bottom = ax.get_ylim()
        assert top > bottom  # the y axis runs down: row 0 is drawn at the top

    def test_axis_offset_is_the_year(self, ds: ree.Dataset) -> None:
        """Ticks within a year read "Apr, 15, May", with "2025" by the axis, not "2025-Jun"."""
        fig = plot.timeline(ds.timeline("2025-04", "2025-06", tag="export-controls"))
        fig.savefig(io.BytesIO(), format="png")  # ticks are formatted when drawn
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["Apr", "15", "May"]
        assert ax.xaxis.get_major_formatter().get_offset() == "2025"

    def test_exact_day_is_a_marker(self, ds: ree.Dataset) -> None:
        """The Geneva pause, May 12, 2025, is a dot in the middle of that day."""
        ax = plot.timeline(ds.timeline("2025-05", "2025-05")).axes[0]
        (mark,) = by_gid(ax, "geneva-tariff-pause")
        assert isinstance(mark, Line2D)
        assert np.asarray(mark.get_xdata()).tolist() == [days(dt.date(2025, 5, 12)) + 0.5]

    def test_late_2024_spans_september_to_december(self, ds: ree.Dataset) -> None:
        """ "late 2024" is drawn over September 1 to December 31, every day of it."""
        event = ds.record("northern-zhaobao-phase-i-trial-production")
        assert isinstance(event, ree.Event)
        ax = plot.timeline([event]).axes[0]
        (span,) = by_gid(ax, event.id)
        assert isinstance(span, Rectangle)
        assert span.get_x() == days(dt.date(2024, 9, 1))
        assert span.get_width() == 122 == (event.date.latest - event.date.earliest).days + 1
        assert "late 2024" in ax.get_yticklabels()[0].get_text()

    def test_every_imprecise_date_spans_its_interval(self, ds: ree.Dataset) -> None:
        """Months, weeks, spans of days and "between" dates cover exactly their days."""
        imprecise = [e for e in ds.events if e.date.exact is None]
        ax = plot.timeline(imprecise).axes[0]
        for event in imprecise:
            (span,) = by_gid(ax, event.id)
            assert isinstance(span, Rectangle)
            assert span.get_x() == days(event.date.earliest)
            assert span.get_x() + span.get_width() == days(event.date.latest) + 1

    def test_expected_drawn_differently(self, ds: ree.Dataset) -> None:
        """Phase II's expected construction is hollow and dashed, and its row says so."""
        events = ds.timeline(entity="Northern Zhaobao Magnets")
        ax = plot.timeline(events).axes[0]
        (happened,) = by_gid(ax, "northern-zhaobao-phase-i-trial-production")
        (expected,) = by_gid(ax, "northern-zhaobao-phase-ii-construction")
        assert isinstance(happened, Rectangle)
        assert isinstance(expected, Rectangle)
        assert to_rgba(happened.get_facecolor())[3] > 0
        assert to_rgba(expected.get_facecolor())[3] == 0
        assert expected.get_linestyle() == "--" != happened.get_linestyle()
        assert expected.get_edgecolor() != happened.get_edgecolor()
        labels = {t.get_text() for t in ax.get_yticklabels()}
        assert "the second half of 2025 · expected" in {label.split("\n")[1] for label in labels}
        legend = fig_legend_texts(ax.figure)
        assert "expected, in a span of days" in legend

    def test_expected_day_is_hollow(self, ds: ree.Dataset) -> None:
        """An expected event on a known day is an unfilled dot."""
        geneva = ds.record("geneva-tariff-pause")
        assert isinstance(geneva, ree.Event)
        planned = attrs.evolve(geneva, id="planned-talks", expected=True)
        ax = plot.timeline([geneva, planned]).axes[0]
        (done,) = by_gid(ax, "geneva-tariff-pause")
        (later,) = by_gid(ax, "planned-talks")
        assert isinstance(done, Line2D)
        assert isinstance(later, Line2D)
        assert later.get_markerfacecolor() == "none" != done.get_markerfacecolor()

    def test_long_title_shortened(self, ds: ree.Dataset) -> None:
        """A long title is cut at a word with an ellipsis; the date wording stays whole."""
        event = ds.record("peers-export-approvals")
        assert isinstance(event, ree.Event)
        ax = plot.timeline([event]).axes[0]
        title, date = ax.get_yticklabels()[0].get_text().split("\n")
        assert title == "Several of JL MAG's competitors receive export approval for…"
        assert date == "after China added seven mid-to-heavy rare earths in April"

    def test_dates_readable(self, ds: ree.Dataset) -> None:
        """The x axis names months and days, not raw day numbers."""
        fig = plot.timeline(ds.timeline("2025-05-01", "2025-06-30", match="within"))
        fig.draw_without_rendering()
        ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
        assert "May" in ticks
        assert "Jun" in ticks

    def test_dollar_signs_drawn_as_written(self, ds: ree.Dataset) -> None:
        """A dollar sign in a title does not start mathtext."""
        geneva = ds.record("geneva-tariff-pause")
        assert isinstance(geneva, ree.Event)
        priced = attrs.evolve(geneva, title="Prices go from $5 to $6 and $7")
        fig = plot.timeline([priced])
        fig.draw_without_rendering()
        assert fig.axes[0].get_yticklabels()[0].get_text().startswith(r"Prices go from \$5")

    def test_title(self, ds: ree.Dataset) -> None:
        """The title is the figure's."""
        fig = plot.timeline(ds.timeline("2025-05", "2025-05"), title="May 2025")
        assert fig.get_suptitle() == "May 2025"

    def test_empty(self) -> None:
        """No events is an error, not an empty plot."""
        with pytest.raises(ValueError, match="no events to plot"):
            plot.timeline([])

    def test_one_day_drawn_at_a_month_s_scale(self, ds: ree.Dataset) -> None:
        """A single event on one day is drawn on a month's axis, not over years of margin."""
        fig = plot.timeline(ds.timeline("2025-05-12", "2025-05-12", match="within"))
        left, right = fig.axes[0].get_xlim()
        assert right - left == 31
        assert left < days(dt.date(2025, 5, 12)) < right

    def test_default_title(self, ds: ree.Dataset) -> None:
        """With no title, the figure names the months its events span."""
        fig = plot.timeline(ds.timeline("2025-06-11", "2025-06-11", match="within"))
        assert fig.get_suptitle() == "3 events, June 2025"


class TestTimelineWindow:
    """A plot of May and June covers May and June, not the year two "recent" events span."""

    def test_window_is_the_axis(self, ds: ree.Dataset) -> None:
        """The x axis runs from the window's first day to the end of its last."""
        fig = plot.timeline(ds.timeline("2025-05", "2025-06"), start="2025-05", end="2025-06")
        assert fig.axes[0].get_xlim() == (days(dt.date(2025, 5, 1)), days(dt.date(2025, 7, 1)))
        assert fig.get_suptitle() == "Events from 1 May 2025 to 30 June 2025"

    def test_spans_cut_with_an_arrow(self, ds: ree.Dataset) -> None:
        """The Apple deal, "recent" (all 2025), is cut to the window, with arrows both ways."""
        fig = plot.timeline(ds.timeline("2025-05", "2025-06"), start="2025-05", end="2025-06")
        ax = fig.axes[0]
        (span,) = by_gid(ax, "mp-materials-apple-deal")
        assert isinstance(span, Rectangle)
        assert (span.get_x(), span.get_x() + span.get_width()) == ax.get_xlim()
        arrows = by_gid(ax, "mp-materials-apple-deal:runs-on")
        assert sorted(str(a.get_marker()) for a in arrows if isinstance(a, Line2D)) == ["<", ">"]
        assert not by_gid(ax, "geneva-tariff-pause:runs-on")  # one day, inside
        (legend,) = fig.legends
        assert legend.get_texts()[-1].get_text() == "runs on past the window"

    def test_events_outside_left_out(self, ds: ree.Dataset) -> None:
        """Given every event and the window June 11, only that day's events get rows."""
        fig = plot.timeline(ds.events, start="2025-06-11", end="2025-06-11")
        rows = len(fig.axes[0].get_yticklabels())
        assert rows == len(ds.timeline("2025-06-11", "2025-06-11")) == 7

    def test_bad_window(self, ds: ree.Dataset) -> None:
        """A window that ends before it starts is the same error as the timeline's."""
        with pytest.raises(ree.WindowError):
            plot.timeline(ds.events, start="2025-06", end="2025-05")
        with pytest.raises(ValueError, match="no events to plot in the window"):
            plot.timeline(ds.events, start="1990", end="1990")


def fig_legend_texts(fig: Figure | object) -> set[str]:
    assert isinstance(fig, Figure)
    return {t.get_text() for legend in fig.legends for t in legend.get_texts()}


class TestCapacity:
    def test_jl_mag_baotou_by_phase(self) -> None:
        """JL MAG's Baotou base: two phases of 20,000 t/yr, totalling 40,000."""
        total = ree.total_capacity(company="JL MAG", site="Baotou")
        ax = plot.capacity(total).axes[0]
        assert [b.get_height() for b in bars(ax)] == [20000, 20000]
        assert sum(b.get_height() for b in bars(ax)) == total.value.number == 40000
        assert ax.get_ylabel() == "t/yr sintered-ndfeb-magnets"
        assert ax.get_title() == "Total: 40,000 t/yr sintered-ndfeb-magnets"
        labels = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
        assert labels == [
            "JL MAG Baotou base / Phases I and II",
            "JL MAG Baotou base / Phase III",
        ]
        # Phases I and II are worked out as the 40,000 total less phase III.
        assert [t.get_text() for t in ax.texts] == ["20,000 (derived)", "20,000"]
        assert ax.figure.get_suptitle() == "Capacity of JL MAG Baotou base"

    def test_title_of_many_facilities_counts_them(self) -> None:
        """Three facilities in one total: the title counts them rather than running off."""
        total = ree.total_capacity(region="Inner Mongolia", product="ndfeb-magnets")
        assert plot.capacity(total).get_suptitle() == "Capacity of 3 facilities"

    def test_derived_dotted(self) -> None:
        """The derived phase is dotted and its legend says so; the printed one is plain."""
        fig = plot.capacity(ree.total_capacity(company="JL MAG", site="Baotou"))
        derived, printed = bars(fig.axes[0])
        assert (derived.get_hatch(), printed.get_hatch()) == ("..", "")
        assert "derived, not printed" in fig_legend_texts(fig)

    def test_parts_coloured_by_status(self) -> None:
        """The operating phase and the one under construction differ, and the legend says which."""
        total = ree.total_capacity(company="JL MAG", site="Baotou")
        assert [p.status.value for p in total.parts] == ["operating", "under-construction"]
        fig = plot.capacity(total)
        operating, building = bars(fig.axes[0])
        assert operating.get_facecolor() != building.get_facecolor()
        (legend,) = fig.legends
        # In the order of the bars, left to right, then the derived mark.
        assert [t.get_text() for t in legend.get_texts()] == [
            "operating",
            "under construction",
            "derived, not printed",
        ]

    def test_groups_one_bar_each(self) -> None:
        """By company, sintered magnets: JL MAG Baotou 40,000 and Northern Zhaobao 3,000."""
        totals = ree.total_capacity(product="sintered-ndfeb-magnets", by="company")
        fig = plot.capacity(totals)
        (ax,) = fig.axes
        assert len(bars(ax)) == len(totals) == 2
        assert [b.get_height() for b in bars(ax)] == [40000, 3000]
        names = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
        assert names == ["JL MAG (Baotou) Technology", "Northern Zhaobao Magnets"]
        assert [t.get_text() for t in ax.texts] == ["40,000 (incl. derived)", "3,000"]
        assert fig_legend_texts(fig) == {"includes a derived value"}
        assert fig.get_suptitle() == "Capacity by company"

    def test_unlike_units_get_their_own_axes(self) -> None:
        """Tonnes of magnets, of alloy and motor units are never on one axis."""
        totals = ree.total_capacity(by="company")
        fig = plot.capacity(totals)
        labels = list(dict.fromkeys(t.label for t in totals))
        assert [ax.get_ylabel() for ax in fig.axes] == labels
        assert "unit permanent-magnet-motors" in labels
        for ax in fig.axes:
            members = [t for t in totals if t.label == ax.get_ylabel()]
            assert [b.get_height() for b in bars(ax)] == [t.value.number for t in members]

    def test_qualifier_in_label(self) -> None:
        """An approximate total is labelled with its sign: "≈ 9,000"."""
        total = ree.total_capacity(company="JL MAG", site="Baotou")
        printed = total.parts[1:]  # phase III, as printed
        approx = attrs.evolve(total, value=ree.Value(Decimal(9000), "approximately"), parts=printed)
        ax = plot.capacity([approx]).axes[0]
        assert [t.get_text() for t in ax.texts] == ["≈ 9,000"]

    def test_range_shows_its_range(self) -> None:
        """A range is drawn to its midpoint, hatched, with an error bar over its ends."""
        total = ree.total_capacity(company="JL MAG", site="Baotou")
        value = ree.Value(Decimal(30000), "range", upper=Decimal(45000))
        ranged = attrs.evolve(total, value=value, parts=total.parts[1:])
        ax = plot.capacity([ranged, total]).axes[0]
        ranged_bar, derived_bar = bars(ax)
        assert ranged_bar.get_height() == 37500
        assert ranged_bar.get_hatch() == "//"
        assert derived_bar.get_hatch() == ".."
        (whisker,) = [c for c in ax.collections if isinstance(c, LineCollection)]
        ((low, high),) = [(seg[0][1], seg[1][1]) for seg in whisker.get_segments()]
        assert (low, high) == (30000, 45000)
        assert [t.get_text() for t in ax.texts] == [
            "30,000–45,000 (range)",
            "40,000 (incl. derived)",
        ]

    def test_unknown_and_double_counts_noted(self) -> None:
        """Phases with no stated capacity and possible double counts are said under the plot."""
        fig = plot.capacity(ree.total_capacity(company="JL MAG"))
        assert "JL MAG Ganzhou" in fig.get_supxlabel()
        total = ree.total_capacity(region="Inner Mongolia", product="ndfeb-magnets")
        note = plot.capacity(total).get_supxlabel()
        names = "Northern Magnet high-performance NdFeB project and Northern Zhaobao Magnets NdFeB"
        assert names in note

    def test_title(self) -> None:
        """The title is the figure's."""
        fig = plot.capacity(ree.total_capacity(company="JL MAG"), title="JL MAG")
        assert fig.get_suptitle() == "JL MAG"

    def test_empty(self) -> None:
        """No totals is an error, not an empty plot."""
        with pytest.raises(ValueError, match="no capacity totals"):
            plot.capacity([])


class TestOwnership:
    def test_jl_mag_owners_shares(self) -> None:
        """JL MAG's state holders carry ≈ 9.4% and 9.3%; the other four are undisclosed."""
        ax = plot.ownership("JL MAG", depth=1).axes[0]
        edges = {gid: t.get_text() for gid, t in texts(ax, "edge:").items()}
        assert edges["jl-mag-stake-state"] == "≈ 9.4%"
        assert edges["jl-mag-stake-government-enterprises"] == "9.3%"
        stakes = [r.id for r in ree.owners_of("JL MAG")]
        assert sorted(edges[s] for s in stakes) == ["9.3%", *["undisclosed"] * 4, "≈ 9.4%"]
        assert edges["jl-mag-baotou-parent"].startswith("undisclosed")

    def test_northern_zhaobao_owner_undisclosed(self) -> None:
        """China Northern Rare Earth's joint-venture share is undisclosed."""
        ax = plot.ownership("Northern Zhaobao Magnets").axes[0]
        edges = texts(ax, "edge:")
        owners = ree.owners_of("northern-zhaobao")
        (cnre,) = [r for r in owners if r.party == "china-northern-rare-earth"]
        assert edges[cnre.id].get_text() == "undisclosed\njoint venture"

    def test_owners_above_holdings_below(self) -> None:
        """Owners are drawn above the entity and its holdings below it."""
        ax = plot.ownership("JL MAG", depth=1).axes[0]
        nodes = texts(ax, "node:")
        y = {key: node.get_position()[1] for key, node in nodes.items()}
        assert y["jl-mag"] == 0
        assert y["china-sasac"] == 1
        assert y["jl-mag-baotou"] == -1
        assert len(nodes) == 8  # six holders, the entity and its subsidiary

    def test_one_arrow_per_relationship(self) -> None:
        """Each ownership relationship is one arrow."""
        ax = plot.ownership("JL MAG", depth=1).axes[0]
        arrows = [t for t in ax.texts if isinstance(t, Annotation) and t.arrow_patch is not None]
        assert len(arrows) == len(ree.owners_of("JL MAG")) + len(ree.holdings_of("JL MAG")) == 7

    def test_depth(self) -> None:
        """Depth 2 reaches the owners of JL MAG (Baotou)'s parent; depth 1 does not."""
        deep = texts(plot.ownership("JL MAG (Baotou) Technology").axes[0], "node:")
        shallow = texts(plot.ownership("jl-mag-baotou", depth=1).axes[0], "node:")
        assert "china-sasac" in deep
        assert set(shallow) == {"jl-mag-baotou", "jl-mag"}

    def test_unnamed_holders_drawn_with_their_label(self) -> None:
        """Holders the sources do not name are boxes bearing their description."""
        ax = plot.ownership("JL MAG", depth=1).axes[0]
        labels = {t.get_text().replace("\n", " ") for t in texts(ax, "node:").values()}
        assert {"individual investors", "a mixed-ownership reform fund"} <= labels

    def test_coloured_by_owner(self) -> None:
        """State-linked, private and unstated holders are told apart by colour."""
        jl = texts(plot.ownership("JL MAG", depth=1).axes[0], "node:")
        nz = texts(plot.ownership("Northern Zhaobao Magnets").axes[0], "node:")

        def fill(node: Text) -> object:
            patch = node.get_bbox_patch()
            assert patch is not None
            return patch.get_facecolor()

        state = fill(jl["holder:jl-mag-stake-state"])
        private = fill(jl["holder:jl-mag-stake-private"])
        assert fill(jl["china-sasac"]) == state == fill(nz["china-northern-rare-earth"])
        assert fill(nz["ningbo-zhaobao"]) == private == fill(jl["holder:jl-mag-stake-individuals"])
        assert len({state, private, fill(jl["holder:jl-mag-stake-reform-fund"])}) == 3

    def test_subsidiary_coloured_as_its_parent(self) -> None:
        """JL MAG (Baotou), with no ownership of its own recorded, is coloured as JL MAG is."""
        nodes = texts(plot.ownership("JL MAG", depth=1).axes[0], "node:")

        def fill(node: Text) -> object:
            patch = node.get_bbox_patch()
            assert patch is not None
            return patch.get_facecolor()

        assert ree.entity("jl-mag-baotou").ownership is None
        assert fill(nodes["jl-mag-baotou"]) == fill(nodes["jl-mag"])
        assert fill(nodes["jl-mag"]) != fill(nodes["holder:jl-mag-stake-reform-fund"])

    def test_own_dataset(self, ds: ree.Dataset) -> None:
        """A data set can be passed in place of the shipped one."""
        fig = plot.ownership("China Northern Rare Earth", dataset=ds, title="CNRE")
        assert set(texts(fig.axes[0], "node:")) == {"china-northern-rare-earth", "northern-zhaobao"}
        assert fig.get_suptitle() == "CNRE"

    def test_unknown_key(self) -> None:
        """An unknown entity raises the library's lookup error."""
        with pytest.raises(ree.UnknownEntityError):
            plot.ownership("Acme Magnets")

    def test_negative_depth(self) -> None:
        """A negative depth is refused."""
        with pytest.raises(ValueError, match="depth"):
            plot.ownership("JL MAG", depth=-1)


def _timeline(save: Path) -> Figure:
    return plot.timeline(ree.timeline("2025-05", "2025-05"), save=save)


def _capacity(save: Path) -> Figure:
    return plot.capacity(ree.total_capacity(company="JL MAG"), save=save)


def _ownership(save: Path) -> Figure:
    return plot.ownership("Northern Zhaobao Magnets", save=save)


PLOTS = pytest.mark.parametrize("draw", [_timeline, _capacity, _ownership])


class TestSave:
    @PLOTS
    def test_png(self, draw: Callable[[Path], Figure], tmp_path: Path) -> None:
        """A .png name writes a PNG file."""
        draw(tmp_path / "x.png")
        assert (tmp_path / "x.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    @PLOTS
    def test_svg(self, draw: Callable[[Path], Figure], tmp_path: Path) -> None:
        """A .svg name (in any case) writes an SVG file."""
        draw(tmp_path / "x.SVG")
        assert (tmp_path / "x.SVG").read_bytes().startswith((b"<?xml", b"<svg"))

    @PLOTS
    def test_other_suffix(self, draw: Callable[[Path], Figure], tmp_path: Path) -> None:
        """Any other suffix is refused, naming those allowed, and nothing is written."""
        with pytest.raises(ValueError, match=r"'x\.gif'.*\.png or \.svg"):
            draw(tmp_path / "x.gif")
        assert not list(tmp_path.iterdir())


class TestWithoutMatplotlib:
    @pytest.fixture
    def no_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in ("matplotlib", "matplotlib.dates", "matplotlib.figure", "matplotlib.patches"):
            monkeypatch.setitem(sys.modules, name, None)

    @PLOTS
    @pytest.mark.usefixtures("no_matplotlib")
    def test_plots_say_how_to_install(self, draw: Callable[[Path], Figure], tmp_path: Path) -> None:
        """Each plot raises an ImportError naming the extra to install."""
        with pytest.raises(ImportError, match=r"pip install 'rareearth\[plot\]'") as info:
            draw(tmp_path / "x.png")
        assert isinstance(info.value.__cause__, ImportError)

    @pytest.mark.usefixtures("no_matplotlib")
    def test_module_imports(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """`rareearth.plot` itself imports without matplotlib."""
        monkeypatch.delitem(sys.modules, "rareearth.plot")
        monkeypatch.setattr(ree, "plot", plot)  # put back the package's attribute afterwards
        module = importlib.import_module("rareearth.plot")
        assert module.__all__ == ["capacity", "ownership", "timeline"]
