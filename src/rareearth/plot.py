"""Plots of timelines, capacity totals and ownership, drawn with matplotlib.

matplotlib is an optional dependency: install it with
``pip install 'rareearth[plot]'``. It is imported on the first plot, not
with this module.

Every function builds a `matplotlib.figure.Figure` directly, without pyplot:
no global state, no GUI backend, nothing left open. Show a figure in a
notebook by leaving it as a cell's value; save it with ``save=`` (a ``.png``
or ``.svg`` file name) or with ``fig.savefig``.

>>> import rareearth
>>> from rareearth import plot
>>> fig = plot.capacity(rareearth.total_capacity(company="JL MAG", site="Baotou"))
>>> fig.axes[0].get_ylabel()
't/yr sintered-ndfeb-magnets'
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from rareearth._capacity import CapacityTotal
from rareearth._dataset import Dataset, dataset
from rareearth._ownership import is_state_entity, state_holder
from rareearth._records import (
    CapacityPart,
    Entity,
    Event,
    HolderType,
    OwnershipType,
    RelationKind,
    Relationship,
    Status,
)
from rareearth._timeline import window
from rareearth._values import Qualifier, Value, share_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.text import Text
    from matplotlib.ticker import Formatter, Locator

__all__ = ["capacity", "ownership", "timeline"]

#: File name suffixes `save` accepts, with the format each is written in.
_SAVE_FORMATS = {".png": "png", ".svg": "svg"}
_DPI = 150

# Okabe-Ito colours: told apart with the common kinds of colour blindness.
_HAPPENED = "#0072B2"
_EXPECTED = "#D55E00"
_NEUTRAL = "#0072B2"
_STATUS_COLOURS = {
    Status.ANNOUNCED: "#999999",
    Status.SIGNED: "#56B4E9",
    Status.DESIGN: "#CC79A7",
    Status.UNDER_CONSTRUCTION: "#E69F00",
    Status.TRIAL_PRODUCTION: "#F0E442",
    Status.OPERATING: "#009E73",
}

_STATE_LINKED = "state-linked"
_MIXED = "mixed"
_PRIVATE = "private"
_UNKNOWN = "unknown"
#: Fill and edge colours of ownership nodes, by who owns them.
_OWNER_COLOURS = {
    _STATE_LINKED: ("#F4A6A6", "#B2182B"),
    _MIXED: ("#F7D08A", "#B35806"),
    _PRIVATE: ("#A6CEE3", "#1F78B4"),
    _UNKNOWN: ("#E0E0E0", "#757575"),
}
_OWNER_LEGEND = {
    _STATE_LINKED: "state-linked",
    _MIXED: "mixed: private with state-linked holders",
    _PRIVATE: "private",
    _UNKNOWN: "owners not stated",
}
_PRIVATE_HOLDERS = frozenset({HolderType.PRIVATE, HolderType.INDIVIDUALS})

_RUNS_ON = "runs on past the window"
_LEAST_DAYS = 31  # the narrowest span of days a timeline's axis shows
_INCLUDES_DERIVED = "incl. derived"
_TITLE_WIDTH = 62  # characters of an event title shown beside its row
_DATE_WIDTH = 60  # characters of a date's wording shown under the title
_BAR_LABEL_WIDTH = 16  # characters a capacity bar's label wraps at
_NODE_WIDTH = 20  # characters an ownership box wraps at


class _Matplotlib(NamedTuple):
    """The parts of matplotlib the plots use, imported on first use.

    ``matplotlib.dates`` has no type annotations; its functions are given
    the types they are used with here, so that nothing untyped is called.
    """

    figure: type[Figure]
    patch: type[Patch]
    date2num: Callable[[dt.date], float]
    date_locator: Callable[[], Locator]
    date_formatter: Callable[..., Formatter]  # ConciseDateFormatter(locator, **options)


def _matplotlib() -> _Matplotlib:
    """Import matplotlib, or say how to install it."""
    # Imported here, not at the top, so that `rareearth.plot` imports
    # without the optional dependency; the first plot needs it.
    try:
        import matplotlib  # noqa: F401, PLC0415 - checked first: see the test of a missing matplotlib
        from matplotlib import dates  # noqa: PLC0415
        from matplotlib.figure import Figure  # noqa: PLC0415
        from matplotlib.patches import Patch  # noqa: PLC0415
    except ImportError as e:
        raise ImportError("rareearth's plots need matplotlib: pip install 'rareearth[plot]'") from e
    _show_in_notebooks(Figure)
    return _Matplotlib(
        figure=Figure,
        patch=Patch,
        date2num=dates.date2num,
        date_locator=dates.AutoDateLocator,
        date_formatter=dates.ConciseDateFormatter,
    )


def _show_in_notebooks(figure: type[Figure]) -> None:
    """Let IPython show a returned figure as an image.

    Without pyplot, IPython has no display for a bare `Figure` until the
    user runs ``%matplotlib inline``; registering one here makes a figure
    left as a cell's value appear, as the module promises. Outside IPython
    this does nothing.
    """
    ipython = sys.modules.get("IPython")
    shell = None if ipython is None else ipython.get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.formatters["image/png"]
    formatter.for_type(figure, _png)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight")
    return buffer.getvalue()


# --- saving -------------------------------------------------------------------


def _save_path(save: str | os.PathLike[str] | None) -> Path | None:
    """Check a ``save`` argument before any drawing is done."""
    if save is None:
        return None
    path = Path(save)
    if path.suffix.lower() not in _SAVE_FORMATS:
        allowed = " or ".join(_SAVE_FORMATS)
        got = f"suffix {path.suffix!r}" if path.suffix else "no suffix"
        msg = f"cannot save a plot as {path.name!r} ({got}): name a {allowed} file"
        raise ValueError(msg)
    return path


def _finish(fig: Figure, path: Path | None) -> Figure:
    if path is not None:
        fig.savefig(path, format=_SAVE_FORMATS[path.suffix.lower()], dpi=_DPI)
    return fig


def _plain(text: str) -> str:
    """Text drawn as written: a dollar sign must not start mathtext."""
    return text.replace("$", r"\$")


def _shorten(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder="…")


def _wrap(text: str, width: int) -> str:
    lines = textwrap.wrap(text, width=width, break_on_hyphens=True, break_long_words=False)
    return "\n".join(lines) or text


# --- timeline -----------------------------------------------------------------


def timeline(
    events: Iterable[Event],
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    save: str | os.PathLike[str] | None = None,
    title: str | None = None,
) -> Figure:
    """Draw events in chronological order, one row each.

    A date that names one day is drawn as a dot at the middle of that day.
    An imprecise date ("May 2025", "Q3 2025", "late 2024", "between X and
    Y") is drawn as a bar over every day it can mean, from the start of
    ``date.earliest`` to the end of ``date.latest``. Planned or expected
    events are drawn in another colour, hollow and dashed, and their row
    says "expected". Each row is labelled with the event's title (shortened
    if long) and the date as the source words it.

    With ``start`` or ``end``, the plot covers that window, as
    `rareearth.timeline` reads it: a span that runs on past an edge is cut
    there, with an arrow, and events wholly outside are left out. Pass the
    window you asked `rareearth.timeline` for, so that a "recent" event
    spanning a year does not stretch a plot of May and June.

    Args:
        events: The events, such as `rareearth.timeline` returns; they are
            sorted by date here, events of the same date in the order given.
        start: The window's first day ("2025-05" means May 1).
        end: Its last day ("2025-06" means June 30).
        save: A ``.png`` or ``.svg`` file name to write the figure to.
        title: A title for the figure; by default the window, or the
            months the events span.

    Returns:
        The figure, with one axes.

    Raises:
        ValueError: When there are no events (in the window), or ``save``
            names another kind of file.
        DateParseError: ``start`` or ``end`` cannot be read.
        WindowError: ``end`` comes before ``start``.
        ImportError: When matplotlib is not installed.

    >>> import rareearth
    >>> fig = timeline(rareearth.timeline("2025-05", "2025-06"), start="2025-05", end="2025-06")
    >>> fig.get_suptitle()
    'Events from 1 May 2025 to 30 June 2025'
    """
    path = _save_path(save)
    since, until = window(start, end)
    rows = sorted(
        (
            e
            for e in events
            if (since is None or e.date.latest >= since)
            and (until is None or e.date.earliest <= until)
        ),
        key=lambda e: e.date.sort_key,
    )
    if not rows:
        raise ValueError("no events to plot" + (" in the window" if since or until else ""))
    mpl = _matplotlib()
    fig = mpl.figure(figsize=(11, 1.6 + 0.42 * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    legend: set[str] = set()
    for row, event in enumerate(rows):
        _draw_event(ax, mpl, row, event, legend, bounds=(since, until))
    labels = [_event_label(e) for e in rows]
    ax.set_yticks(range(len(rows)), labels=labels, fontsize=8)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # the first event at the top
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.grid(axis="x", color="#EEEEEE", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.use_sticky_edges = False  # bars would otherwise touch the sides, ignoring the margins
    ax.margins(x=0.03)
    if since is not None or until is not None:
        left, right = ax.get_xlim()
        ax.set_xlim(
            left if since is None else float(mpl.date2num(since)),
            right if until is None else float(mpl.date2num(until)) + 1,
        )
    else:
        # A few days, or one, would otherwise be drawn over years of margin.
        first = float(mpl.date2num(min(e.date.earliest for e in rows)))
        last = float(mpl.date2num(max(e.date.latest for e in rows))) + 1
        if last - first < _LEAST_DAYS:
            middle = (first + last) / 2
            ax.set_xlim(middle - _LEAST_DAYS / 2, middle + _LEAST_DAYS / 2)
    locator = mpl.date_locator()
    ax.xaxis.set_major_locator(locator)
    # The offset beside the axis gives the year only ("2025", not "2025-Jun").
    year = ["", "%Y", "%Y", "%Y", "%Y", "%Y"]
    ax.xaxis.set_major_formatter(mpl.date_formatter(locator, offset_formats=year))
    handles, names = ax.get_legend_handles_labels()
    order = sorted(range(len(names)), key=lambda i: names[i] == _RUNS_ON)  # the arrow last
    handles, names = [handles[i] for i in order], [names[i] for i in order]
    columns = _legend_columns(names, fig.get_figwidth())
    fig.legend(handles, names, loc="outside lower center", ncols=columns, fontsize=8)
    fig.suptitle(_plain(title if title is not None else _window_title(rows, since, until)))
    return _finish(fig, path)


def _window_title(rows: Sequence[Event], since: dt.date | None, until: dt.date | None) -> str:
    if since is not None or until is not None:
        first = "the start" if since is None else f"{since.day} {since:%B %Y}"
        last = "the end" if until is None else f"{until.day} {until:%B %Y}"
        return f"Events from {first} to {last}"
    first_month = min(e.date.earliest for e in rows)
    last_month = max(e.date.latest for e in rows)
    span = f"{first_month:%B %Y}"
    if (last_month.year, last_month.month) != (first_month.year, first_month.month):
        span += f" to {last_month:%B %Y}"
    return f"{len(rows)} event{'s' if len(rows) != 1 else ''}, {span}"


def _event_label(event: Event) -> str:
    wording = _shorten(event.date.text, _DATE_WIDTH)
    if event.expected:
        wording += " · expected"
    return _plain(f"{_shorten(event.title, _TITLE_WIDTH)}\n{wording}")


def _draw_event(
    ax: Axes,
    mpl: _Matplotlib,
    row: int,
    event: Event,
    legend: set[str],
    *,
    bounds: tuple[dt.date | None, dt.date | None],
) -> None:
    """One event's mark, cut to the window; the first mark of each kind is named in the legend."""
    date, expected = event.date, event.expected
    colour = _EXPECTED if expected else _HAPPENED
    since, until = bounds
    first = date.earliest if since is None else max(date.earliest, since)
    last = date.latest if until is None else min(date.latest, until)
    start = float(mpl.date2num(first))
    if date.exact is not None:
        kind = "expected, on a day" if expected else "on a day"
        ax.plot(
            [start + 0.5],
            [row],
            marker="o",
            markersize=7,
            linestyle="none",
            color=colour,
            markerfacecolor="none" if expected else colour,
            markeredgewidth=1.5,
            gid=event.id,
            label=_legend_label(kind, legend),
        )
        return
    kind = "expected, in a span of days" if expected else "in a span of days"
    ax.barh(
        row,
        (last - first).days + 1,
        left=start,
        height=0.5,
        color="none" if expected else colour,
        alpha=None if expected else 0.55,
        edgecolor=colour,
        linewidth=1.2,
        linestyle="--" if expected else "-",
        hatch="///" if expected else None,
        gid=event.id,
        label=_legend_label(kind, legend),
    )
    # An arrow where the span runs on past the window's edge.
    for cut, x, marker in (
        (first > date.earliest, start, "<"),
        (last < date.latest, float(mpl.date2num(last)) + 1, ">"),
    ):
        if cut:
            ax.plot(
                [x],
                [row],
                marker=marker,
                markersize=7,
                linestyle="none",
                color=colour,
                clip_on=False,  # whole at the axes' edge
                gid=f"{event.id}:runs-on",
                label=_legend_label(_RUNS_ON, legend),
            )


def _legend_columns(labels: Sequence[str], width: float) -> int:
    """As many legend columns as fit across ``width`` inches, so none is cut off."""
    # An entry at 8 points: about 0.075 inch a character, 0.6 for its swatch and gap.
    entry = 0.6 + 0.075 * max(len(label) for label in labels)
    return max(1, min(len(labels), int((width - 0.4) // entry)))


def _legend_label(kind: str, seen: set[str]) -> str:
    if kind in seen:
        return "_nolegend_"
    seen.add(kind)
    return kind


# --- capacity -----------------------------------------------------------------


def capacity(
    totals: CapacityTotal | Iterable[CapacityTotal],
    *,
    save: str | os.PathLike[str] | None = None,
    title: str | None = None,
) -> Figure:
    """Draw capacity: one total by its phases, or grouped totals side by side.

    One `rareearth.CapacityTotal` is drawn as one bar per phase counted in it,
    coloured by the phase's status, with the total in the axes title.
    Several totals (``total_capacity(by="company")`` and the like) are
    drawn as one bar per total, labelled with its group's value.

    Totals of different units, periods or products are never put on one
    axis: each kind (its ``label``, "t/yr sintered-ndfeb-magnets") gets its
    own subplot, whose y axis names it. Each bar is labelled with its value
    as printed, qualifier included ("≈ 9,000", "> 2,600"); a range is drawn
    to its midpoint, hatched, with an error bar from its low to its high
    end, and labelled "low–high (range)". A value the library derived (a
    phase's capacity worked out from a total, say) is dotted and labelled
    "(derived)". Groups are named as people read them (companies and sites
    by name). Phases that state no capacity and possible double counts are
    noted under the plot.

    Args:
        totals: A total, or several (a grouped total's tuple).
        save: A ``.png`` or ``.svg`` file name to write the figure to.
        title: A title for the figure; by default the facilities of a single
            total, or what grouped totals are grouped by.

    Returns:
        The figure: one axes for a single total, one per kind of quantity
        for several.

    Raises:
        ValueError: When ``totals`` is empty, a total has no parts, or
            ``save`` names another kind of file.
        ImportError: When matplotlib is not installed.

    >>> import rareearth
    >>> fig = capacity(rareearth.total_capacity(company="JL MAG", site="Baotou"))
    >>> [float(bar.get_height()) for bar in fig.axes[0].patches]
    [20000.0, 20000.0]
    >>> fig.get_suptitle()
    'Capacity of JL MAG Baotou base'
    >>> len(capacity(rareearth.total_capacity(by="company")).axes)  # one per unit and product
    5
    """
    path = _save_path(save)
    if isinstance(totals, CapacityTotal):
        if not totals.parts:
            raise ValueError("the total has no parts to plot")
        fig = _capacity_by_part(_matplotlib(), totals)
    else:
        listed = tuple(totals)
        if not listed:
            raise ValueError("no capacity totals to plot")
        fig = _capacity_by_group(_matplotlib(), listed)
    if title is not None:
        fig.suptitle(_plain(title))
    return _finish(fig, path)


def _derived(total: CapacityTotal) -> str:
    return _INCLUDES_DERIVED if any(p.phase.derived is not None for p in total.parts) else ""


def _capacity_by_part(mpl: _Matplotlib, total: CapacityTotal) -> Figure:
    parts = total.parts
    fig = mpl.figure(figsize=(max(5.0, 1.6 * len(parts) + 2.5), 5.0), layout="constrained")
    ax = fig.add_subplot()
    derived = ["derived" if p.phase.derived is not None else "" for p in parts]
    _bars(
        ax,
        [f"{p.facility.name} / {p.phase.name}" for p in parts],
        [p.value for p in parts],
        [_STATUS_COLOURS[p.status] for p in parts],
        derived,
    )
    ax.set_ylabel(_plain(total.label))
    ax.set_title(_plain(f"Total: {total.value} {total.label}"), fontsize=10)
    facilities = list(dict.fromkeys(p.facility.name for p in parts))
    named = ", ".join(facilities) if len(facilities) <= 2 else f"{len(facilities)} facilities"
    fig.suptitle(_plain(f"Capacity of {named}"))
    # The legend in the order of the bars, left to right.
    statuses = dict.fromkeys(p.status for p in parts)
    handles = [mpl.patch(facecolor=_STATUS_COLOURS[s], label=_status_name(s)) for s in statuses]
    if any(derived):
        handles.append(_derived_patch(mpl, "derived, not printed"))
    fig.legend(handles=handles, loc="outside right center", title="status", fontsize=8)
    _notes(fig, [total])
    return fig


def _capacity_by_group(mpl: _Matplotlib, totals: Sequence[CapacityTotal]) -> Figure:
    kinds: dict[str, list[CapacityTotal]] = {}
    for total in totals:
        kinds.setdefault(total.label, []).append(total)
    columns = min(len(kinds), 3)
    rows = math.ceil(len(kinds) / columns)
    widest = max(len(members) for members in kinds.values())
    panel = max(3.6, 1.4 * widest + 1.6)
    fig = mpl.figure(figsize=(panel * columns, 4.4 * rows + 0.6), layout="constrained")
    grid = fig.add_gridspec(rows, columns)
    for index, (label, members) in enumerate(kinds.items()):
        ax = fig.add_subplot(grid[index // columns, index % columns])
        _bars(
            ax,
            [_group_name(t) for t in members],
            [t.value for t in members],
            [_group_colour(t) for t in members],
            [_derived(t) for t in members],
        )
        ax.set_ylabel(_plain(label))
    dimension = {t.group[0] for t in totals if t.group is not None}
    heading = f"Capacity by {dimension.pop()}" if len(dimension) == 1 else "Capacity"
    fig.suptitle(heading)
    if any(_derived(t) for t in totals):
        patch = _derived_patch(mpl, "includes a derived value")
        fig.legend(handles=[patch], loc="outside right center", fontsize=8)
    _notes(fig, totals)
    return fig


def _derived_patch(mpl: _Matplotlib, label: str) -> Patch:
    return mpl.patch(facecolor="white", edgecolor="#333333", hatch="..", label=label)


def _bars(
    ax: Axes,
    names: Sequence[str],
    values: Sequence[Value],
    colours: Sequence[str],
    derived: Sequence[str],
) -> None:
    """A bar per value, drawn to its number (a range's midpoint), labelled as printed.

    A range is hatched with lines; a derived value (``derived`` says how, or
    is empty) is dotted, its label saying so.
    """
    slots = list(range(len(values)))
    heights = [float(v.midpoint) for v in values]
    ranged = [v.qualifier is Qualifier.RANGE for v in values]
    ax.bar(
        slots,
        heights,
        width=0.6,
        color=colours,
        edgecolor="#333333",
        linewidth=0.8,
        hatch=[("//" * r) + (".." * bool(d)) for r, d in zip(ranged, derived, strict=True)],
    )
    for slot, value, is_range, is_derived in zip(slots, values, ranged, derived, strict=True):
        if is_range:
            mid = float(value.midpoint)
            ax.errorbar(
                [slot],
                [mid],
                yerr=[[mid - float(value.low)], [float(value.high) - mid]],
                fmt="none",
                ecolor="#333333",
                capsize=6,
                linewidth=1.2,
            )
        text = f"{value} (range)" if is_range else str(value)
        if is_derived:
            text += f" ({is_derived})"
        ax.annotate(
            _plain(text),
            xy=(slot, float(value.high)),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
        )
    ax.set_xticks(slots, labels=[_plain(_wrap(n, _BAR_LABEL_WIDTH)) for n in names], fontsize=8)
    spare = max(0.0, 2 - len(values)) / 2  # a lone bar stands in the middle, not wide
    ax.set_xlim(-0.7 - spare, len(values) - 0.3 + spare)
    top = max(float(v.high) for v in values)
    ax.set_ylim(0, top * 1.18 if top > 0 else 1)
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.grid(axis="y", color="#EEEEEE", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)


def _status_name(status: Status) -> str:
    return status.value.replace("-", " ")


def _group_name(total: CapacityTotal) -> str:
    if total.group_name is not None:
        return total.group_name
    facilities = dict.fromkeys(p.facility.name for p in total.parts)
    return ", ".join(facilities)


def _group_colour(total: CapacityTotal) -> str:
    if total.group is not None and total.group[0] == "status":
        return _STATUS_COLOURS[Status(total.group[1])]
    return _NEUTRAL


def _notes(fig: Figure, totals: Sequence[CapacityTotal]) -> None:
    """Say under the plot what the bars leave out or may count twice."""
    unknown = dict.fromkeys(_part_name(p) for t in totals for p in t.unknown)
    names = {p.facility.id: p.facility.name for t in totals for p in (*t.parts, *t.unknown)}
    doubles = dict.fromkeys(
        f"{names.get(a, a)} and {names.get(b, b)}"
        for t in totals
        for a, b in t.possible_double_counts
    )
    lines = []
    if unknown:
        lines.append(f"No capacity stated, not counted: {'; '.join(unknown)}.")
    if doubles:
        lines.append(f"May be the same project, counted twice: {'; '.join(doubles)}.")
    if lines:
        fig.supxlabel(_plain("\n".join(lines)), fontsize=8, color="#444444")


def _part_name(part: CapacityPart) -> str:
    return f"{part.facility.name} / {part.phase.name}"


# --- ownership ----------------------------------------------------------------


class _Node(NamedTuple):
    """A box of the ownership graph: an entity, or a holder the sources do not name."""

    key: str
    label: str
    owner: str  # one of _OWNER_COLOURS
    named: bool


def ownership(
    key: str,
    *,
    dataset: Dataset | None = None,
    depth: int = 2,
    save: str | os.PathLike[str] | None = None,
    title: str | None = None,
) -> Figure:
    """Draw who owns an entity and what it owns, as layered boxes and arrows.

    The entity is in the middle row; its owners are above it, their owners
    above them, up to ``depth`` levels; its holdings are below, the same
    number of levels down. Arrows point from owner to owned and carry the
    share ("≈ 9.4%"), or "undisclosed"; a joint venture or subsidiary says
    so under the share. Holders the sources do not name ("individual
    investors") are drawn with their description, in a dashed box.

    Boxes are coloured by who owns them: state-linked (the entity is state
    or state-owned, or is held as a state or state-owned enterprise),
    mixed, private (or held as private or individual holders), or not
    stated (a fund's own owners are not known).

    Args:
        key: The entity, by any key `rareearth.Dataset.entity` accepts.
        dataset: The data set to read; by default the shipped one.
        depth: How many levels of owners and of holdings to draw.
        save: A ``.png`` or ``.svg`` file name to write the figure to.
        title: A title for the figure; by default "Ownership of <name>".

    Returns:
        The figure, with one axes.

    Raises:
        UnknownEntityError: When no entity matches ``key``.
        AmbiguousKeyError: When several do.
        ValueError: When ``depth`` is negative, or ``save`` names another
            kind of file.
        ImportError: When matplotlib is not installed.

    >>> fig = ownership("JL MAG", depth=1)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text().endswith("%"))
    ['9.3%', '≈ 9.4%']
    """
    path = _save_path(save)
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, got {depth}")
    ds = dataset if dataset is not None else _shipped()
    focal = ds.entity(key)
    levels, edges = _walk(ds, focal, depth)
    nodes = _nodes(ds, levels, edges)
    mpl = _matplotlib()
    fig = _draw_graph(mpl, focal, levels, nodes, edges)
    fig.suptitle(_plain(title if title is not None else f"Ownership of {focal.name}"))
    return _finish(fig, path)


def _shipped() -> Dataset:
    # `ownership` takes a parameter named `dataset`, shadowing the function.
    return dataset()


def _holder_key(relationship: Relationship) -> str:
    """A node's key: the party's entity id, or one per unnamed holder."""
    # ":" never occurs in an id, so the two kinds of key cannot clash.
    return relationship.party or f"holder:{relationship.id}"


def _walk(
    ds: Dataset, focal: Entity, depth: int
) -> tuple[dict[str, int], dict[str, tuple[str, str, Relationship]]]:
    """Every node's level (owners negative) and every edge, keyed by relationship id."""
    levels = {focal.id: 0}
    edges: dict[str, tuple[str, str, Relationship]] = {}
    for direction in (-1, 1):
        frontier = [focal.id]
        for step in range(1, depth + 1):
            reached: list[str] = []
            for node in frontier:
                if direction < 0:
                    links = [(_holder_key(r), node, r) for r in ds.owners_of(node)]
                else:
                    links = [(node, r.subject, r) for r in ds.holdings_of(node)]
                for owner, owned, relationship in links:
                    edges.setdefault(relationship.id, (owner, owned, relationship))
                    other = owner if direction < 0 else owned
                    if other not in levels:
                        levels[other] = direction * step
                        reached.append(other)
            # Unnamed holders are not entities: nothing is known above them.
            frontier = [n for n in reached if not n.startswith("holder:")]
    return levels, edges


def _nodes(
    ds: Dataset, levels: dict[str, int], edges: dict[str, tuple[str, str, Relationship]]
) -> dict[str, _Node]:
    held: dict[str, list[Relationship]] = {}
    for owner, _, relationship in edges.values():
        held.setdefault(owner, []).append(relationship)
    nodes = {}
    for key in levels:
        if key.startswith("holder:"):
            relationship = edges[key.removeprefix("holder:")][2]
            label = relationship.party_label or relationship.id
            nodes[key] = _Node(key, label, _owner_kind(None, held.get(key, [])), named=False)
        else:
            entity = ds.entity(key)
            owner = _owner_kind(entity, held.get(key, []))
            nodes[key] = _Node(key, entity.name, owner, named=True)
    # A subsidiary with no ownership of its own recorded is coloured as its
    # parent, which controls it; owners sit on lower levels, so come first.
    parents = {
        owned: owner
        for owner, owned, relationship in edges.values()
        if relationship.kind is RelationKind.SUBSIDIARY
    }
    for key in sorted(nodes, key=levels.__getitem__):
        parent = nodes.get(parents.get(key, ""))
        if nodes[key].owner == _UNKNOWN and parent is not None:
            nodes[key] = nodes[key]._replace(owner=parent.owner)
    return nodes


def _owner_kind(entity: Entity | None, held: Sequence[Relationship]) -> str:
    """How a box is coloured: by `rareearth._ownership`'s rule for a state holder."""
    if (entity is not None and is_state_entity(entity)) or any(
        state_holder(r, entity) for r in held
    ):
        return _STATE_LINKED
    ownership = None if entity is None else entity.ownership
    if ownership is OwnershipType.MIXED:
        return _MIXED
    if ownership is OwnershipType.PRIVATE or any(r.holder_type in _PRIVATE_HOLDERS for r in held):
        return _PRIVATE
    return _UNKNOWN


def _draw_graph(
    mpl: _Matplotlib,
    focal: Entity,
    levels: dict[str, int],
    nodes: dict[str, _Node],
    edges: dict[str, tuple[str, str, Relationship]],
) -> Figure:
    rows: dict[int, list[str]] = {}
    for key, level in levels.items():
        rows.setdefault(level, []).append(key)
    widest = max(len(keys) for keys in rows.values())
    height = max(rows) - min(rows) + 1
    fig = mpl.figure(figsize=(max(6.0, 2.3 * widest), 1.5 * height + 1.3), layout="constrained")
    ax = fig.add_subplot()
    where = {
        key: (i - (len(keys) - 1) / 2, -float(level))
        for level, keys in rows.items()
        for i, key in enumerate(keys)
    }
    boxes = {key: _draw_node(ax, nodes[key], where[key], focal=key == focal.id) for key in nodes}
    anchors = _anchors(edges, where)
    for rid, (owner, owned, relationship) in edges.items():
        ends = (boxes[owner], boxes[owned]), (where[owner], where[owned])
        _draw_edge(ax, *ends, anchors[rid], relationship)
    ax.set_xlim(-widest / 2, widest / 2)
    ax.set_ylim(-max(rows) - 0.35, -min(rows) + 0.35)
    ax.axis("off")
    present = [kind for kind in _OWNER_COLOURS if any(n.owner == kind for n in nodes.values())]
    handles = [
        mpl.patch(facecolor=_OWNER_COLOURS[k][0], edgecolor=_OWNER_COLOURS[k][1], label=label)
        for k, label in _OWNER_LEGEND.items()
        if k in present
    ]
    if not all(n.named for n in nodes.values()):
        handles.append(
            mpl.patch(
                facecolor="white",
                edgecolor="#555555",
                linestyle="--",
                label="holder not named in the sources",
            )
        )
    columns = _legend_columns([str(h.get_label()) for h in handles], fig.get_figwidth())
    fig.legend(handles=handles, loc="outside lower center", ncols=columns, fontsize=8)
    return fig


def _anchors(
    edges: dict[str, tuple[str, str, Relationship]], where: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Where along its two boxes' sides each edge starts and ends, from 0 to 1.

    Arrows into one box are spread along its side in the order of the
    boxes they come from, so that their heads do not land on one point.
    """
    ends: dict[tuple[str, int], list[tuple[float, str]]] = {}
    for rid, (owner, owned, _) in edges.items():
        ends.setdefault((owner, 0), []).append((where[owned][0], rid))
        ends.setdefault((owned, 1), []).append((where[owner][0], rid))
    spread: dict[str, list[float]] = {rid: [0.5, 0.5] for rid in edges}
    for (_, side), members in ends.items():
        members.sort()
        for i, (_, rid) in enumerate(members):
            n = len(members)
            spread[rid][side] = 0.5 if n == 1 else 0.1 + 0.8 * i / (n - 1)
    return {rid: (start, end) for rid, (start, end) in spread.items()}


def _draw_node(ax: Axes, node: _Node, xy: tuple[float, float], *, focal: bool) -> Text:
    fill, edge = _OWNER_COLOURS[node.owner]
    return ax.text(
        *xy,
        _plain(_wrap(node.label, _NODE_WIDTH)),
        ha="center",
        va="center",
        fontsize=9,
        fontweight="bold" if focal else "normal",
        fontstyle="normal" if node.named else "italic",
        bbox={
            "boxstyle": "round,pad=0.5",
            "facecolor": fill,
            "edgecolor": edge,
            "linewidth": 2.5 if focal else 1.2,
            "linestyle": "-" if node.named else "--",
        },
        zorder=3,
        gid=f"node:{node.key}",
    )


def _draw_edge(
    ax: Axes,
    boxes: tuple[Text, Text],
    centres: tuple[tuple[float, float], tuple[float, float]],
    along: tuple[float, float],
    relationship: Relationship,
) -> None:
    owner, owned = boxes
    owner_xy, owned_xy = centres
    # Anchor the arrow on the facing sides of the two boxes, in each box's
    # own coordinates, so it follows the boxes whatever size they are drawn.
    start: tuple[float, float]
    end: tuple[float, float]
    if owner_xy[1] != owned_xy[1]:
        down = owner_xy[1] > owned_xy[1]
        start, end = (
            ((along[0], 0.0), (along[1], 1.0)) if down else ((along[0], 1.0), (along[1], 0.0))
        )
    else:
        right = owner_xy[0] < owned_xy[0]
        start, end = ((1.0, 0.5), (0.0, 0.5)) if right else ((0.0, 0.5), (1.0, 0.5))
    arrow: dict[str, Any] = {
        "arrowstyle": "-|>",
        "color": "#555555",
        "linewidth": 1.2,
        "shrinkA": 6,  # the box's padding, beyond the text's own extent
        "shrinkB": 6,
        "mutation_scale": 12,
    }
    ax.annotate("", xy=end, xycoords=owned, xytext=start, textcoords=owner, arrowprops=arrow)
    # The label sits nearer the owner, where arrows fanning in are still apart.
    at = 0.42
    x = owner_xy[0] + at * (owned_xy[0] - owner_xy[0])
    y = owner_xy[1] + at * (owned_xy[1] - owner_xy[1])
    ax.text(
        x,
        y,
        _plain(_share_label(relationship)),
        ha="center",
        va="center",
        fontsize=8,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
        zorder=4,
        gid=f"edge:{relationship.id}",
    )


def _share_label(relationship: Relationship) -> str:
    share = share_label(relationship.share)
    if relationship.kind is RelationKind.STAKE:
        return share
    return f"{share}\n{relationship.kind.value.replace('-', ' ')}"
