"""Timeline and figures: windows, imprecise dates, filters, order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import rareearth as ree


class TestTimeline:
    def test_may_2025(self) -> None:
        """May 2025 holds the MEMA letter, the Geneva pause and Ford's Chicago halt."""
        within = [e.id for e in ree.timeline("May 2025", "2025-05", match="within")]
        assert within == ["ford-chicago-halt", "mema-letter", "geneva-tariff-pause"]
        overlap = [e.id for e in ree.timeline("2025-05", "May 2025")]
        assert set(within) < set(overlap)

    def test_june_11(self) -> None:
        """2025-06-11 holds JL MAG's licences, its share rise and the Truth Social post."""
        events = ree.timeline("2025-06-11", "2025-06-11", match="within")
        assert [e.id for e in events] == [
            "jl-mag-export-licences",
            "jl-mag-shares-rise",
            "trump-truth-social-post",
        ]

    def test_jl_mag_starts_with_founding(self) -> None:
        """JL MAG's own timeline starts with its founding in 2008."""
        events = ree.timeline(entity="JL MAG")
        assert events[0].id == "jl-mag-founded"
        assert events[0].date.text == "2008"

    def test_expected(self) -> None:
        """Northern Zhaobao's phase II construction in H2 2025 is expected."""
        (event,) = ree.timeline(entity="Northern Zhaobao Magnets", expected=True)
        assert event.id == "northern-zhaobao-phase-ii-construction"
        assert event.date.precision is ree.Precision.HALF

    def test_imprecise_overlap_vs_within(self) -> None:
        """'late 2024' overlaps November 2024 but is not within it."""
        assert [e.id for e in ree.timeline("2024-11", "2024-11")] == [
            "northern-zhaobao-phase-i-trial-production"
        ]
        assert ree.timeline("2024-11", "2024-11", match="within") == ()

    def test_open_ends(self) -> None:
        """Either side may be open."""
        assert ree.timeline(end="1999")[0].id == "ningbo-zhaobao-founded"
        assert len(ree.timeline(end="1999")) == 1
        assert all(e.date.latest >= dt.date(2025, 10, 1) for e in ree.timeline(start="2025-10"))
        assert len(ree.timeline()) == len(ree.dataset().events)

    def test_kind_and_tag(self) -> None:
        """Kind and tag filters."""
        talks = [e.id for e in ree.timeline(kind="trade-talks", tag="tariffs")]
        assert talks == ["geneva-tariff-pause", "london-talks"]

    def test_sorted_and_stable(self) -> None:
        """Results are sorted by earliest date, then precision."""
        keys = [e.date.sort_key for e in ree.timeline()]
        assert keys == sorted(keys)

    def test_bad_date(self) -> None:
        """A date string that cannot be read names the string."""
        with pytest.raises(ree.DateParseError, match="'Smarch'"):
            ree.timeline("Smarch")

    def test_end_before_start(self) -> None:
        """An end before the start is a WindowError."""
        with pytest.raises(ree.WindowError, match="ends"):
            ree.timeline("2025-06", "2025-05")

    def test_bad_match(self) -> None:
        """match must be overlap or within."""
        with pytest.raises(ValueError, match="match"):
            ree.timeline(match="near")  # type: ignore[arg-type]

    def test_unknown_entity(self) -> None:
        """An unknown entity raises UnknownEntityError."""
        with pytest.raises(ree.UnknownEntityError):
            ree.timeline(entity="Acme")


class TestFigures:
    def test_price(self) -> None:
        """NdFeB 35H: RMB 520-540/kg."""
        (price,) = ree.figures(metric="ndfeb-price")
        assert (str(price.value), price.unit, price.value.qualifier) == (
            "520–540",
            "CNY/kg",
            ree.Qualifier.RANGE,
        )

    def test_jl_mag_claim(self) -> None:
        """JL MAG's 14% of high-end supply is 'their data': Asian Metal's, the likely party."""
        (share,) = ree.figures(entity="JL MAG", metric="market-share")
        assert share.value.number == 14
        assert share.claimed_by == ("asian-metal",)
        assert ree.figures(claimed_by="Asian Metal", metric="market-share") == (share,)

    def test_usgs(self) -> None:
        """China ≈ 70% of world output in 2024, nearly half of reserves, per USGS."""
        output, reserves = ree.figures(claimed_by="U.S. Geological Survey")
        assert output.value == ree.Value(
            Decimal(70), ree.Qualifier.APPROXIMATELY, text="approximately 70%"
        )
        assert output.period is not None
        assert output.period.means == "2024"
        assert reserves.value.qualifier is ree.Qualifier.NEARLY

    def test_exports_and_demand(self) -> None:
        """April 2025 exports over 2,600 t; demand over 300,000 t/yr by 2030."""
        (april,) = ree.figures(metric="magnet-exports", start="2025-04", end="2025-04")
        assert april.value == ree.Value(
            Decimal(2600), ree.Qualifier.MORE_THAN, text="over 2,600 tons"
        )
        (demand,) = ree.figures(metric="ndfeb-demand")
        assert demand.value.number == 300000
        assert demand.per is ree.Period.YEAR

    def test_geography_and_kind(self) -> None:
        """Figures about Inner Mongolia that are shares."""
        ids = [f.id for f in ree.figures(geography="Inner Mongolia", kind="share")]
        assert ids == [
            "baotou-zone-high-tech-enterprises-share",
            "baotou-zone-global-experts-share",
            "baotou-zone-grassland-elites-share",
        ]

    def test_nothing(self) -> None:
        """A filter nothing matches gives an empty tuple."""
        assert ree.figures(metric="ndfeb-price", end="2020") == ()

    def test_unknown_metric_suggests(self) -> None:
        """`figures(metric="price")` is refused with the close metrics, not answered empty."""
        with pytest.raises(ree.ChoiceError) as caught:
            ree.figures(metric="price")
        assert caught.value.suggestions == ("ndfeb-price", "share-price-change")
        assert "`rareearth values metric`" in str(caught.value)

    def test_unknown_tag_suggests(self) -> None:
        """`timeline(tag="export control")` suggests export-controls."""
        with pytest.raises(ree.ChoiceError, match="did you mean 'export-controls'"):
            ree.timeline(tag="export control")

    def test_kind_read_leniently(self) -> None:
        """Kinds ignore case, spaces and underscores."""
        assert ree.timeline(kind="Trade Talks") == ree.timeline(kind="trade-talks")
