"""The shipped data, held to its sources."""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import rareearth as ree
from rareearth._cli import main
from rareearth._quotes import check_quotes, quote_in

S0, S1, S2, S3, S4 = (
    "000_75a9973f81fad0cb",
    "001_9b4396c9fe4624bb",
    "002_d6347f7a471a7569",
    "003_9594616c843f5455",
    "004_f52c7b396b0b7d1a",
)


class TestQuotes:
    def test_every_quote_is_in_its_source(
        self, ds: ree.Dataset, source_texts: dict[str, str]
    ) -> None:
        """Each of the quotes cited by the data is found in its source text."""
        assert set(source_texts) == {s.id for s in ds.sources}
        found = check_quotes(ds, source_texts)
        assert found.problems == (), str(found)
        assert found.checked > 250

    def test_shipped_quotes_through_the_command(
        self, source_texts: dict[str, str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`rareearth check --sources DIR` verifies every shipped quote and says how many."""
        assert source_texts  # the folder holds the five texts (or the test skips)
        code = main(["check", "--sources", os.environ["RAREEARTH_SOURCES_DIR"]])
        out = capsys.readouterr().out
        assert code == 0
        assert re.fullmatch(r"ok: \d{3} quotes checked against 5 sources: every one found\n", out)

    def test_check_catches_a_changed_number(self, source_texts: dict[str, str]) -> None:
        """The check is not vacuous: a quote with one digit changed is refused."""
        good = "JL MAG Rare-Earth Co. Ltd. (300748.SZ)"
        assert quote_in(good, source_texts[S3])
        assert not quote_in(good.replace("8", "9"), source_texts[S3])

    def test_damaged_punctuation_is_matched(self, source_texts: dict[str, str]) -> None:
        """Clean quotes match the damaged texts of 000, 001 and 004."""
        assert quote_in("will hit 40,000 tpa\u2014cementing", source_texts[S0])
        assert quote_in("RMB 520\u2013540 /kg", source_texts[S1])
        assert quote_in("what they call the \u201c1234 program.\u201d", source_texts[S4])

    def test_shipped_text_is_clean(self) -> None:
        """No damaged punctuation is copied into the data."""
        for path in (Path(ree.__file__).parent / "data").glob("*.json"):
            text = path.read_text(encoding="utf-8")
            assert "\u0e42" not in text, path.name
            assert "\u0e22" not in text, path.name


class TestEachSourceContributes:
    @pytest.mark.parametrize(
        ("source", "minimum"), [(S0, 20), (S1, 15), (S2, 20), (S3, 30), (S4, 15)]
    )
    def test_source_is_cited(self, ds: ree.Dataset, source: str, minimum: int) -> None:
        """Every source backs a substantial number of records."""
        cited = {
            r.id
            for rs in (
                ds.entities,
                ds.facilities,
                ds.relationships,
                ds.events,
                ds.figures(),
                ds.claims,
            )
            for r in rs
            if any(c.source == source for c in r.cites)
        }
        assert len(cited) >= minimum


class TestAnswers:
    """Answers straight from the sources."""

    def test_jl_mag(self, ds: ree.Dataset) -> None:
        """JL MAG: ticker 300748.SZ, founded 2008, hubs Baotou and Ganzhou."""
        jl = ds.entity("JL MAG")
        assert [str(t) for t in jl.tickers] == ["300748.SZ"]
        assert jl.founded == 2008
        assert jl.hubs == ("baotou", "ganzhou")

    def test_phase_iii(self, ds: ree.Dataset) -> None:
        """Phase III: RMB 1.05 billion reported as USD 146 million, on 7.67 ha, 20,000 t/yr."""
        facility, phase = ds.phase("jl-mag-baotou-phase-iii")
        assert facility.id == "jl-mag-baotou-base"
        assert phase.investment is not None
        assert phase.investment.amount == ree.Money("1050000000", "CNY")
        assert phase.investment.reported == (ree.Money("146000000", "USD"),)
        assert phase.site_area is not None
        assert phase.site_area.value.number == Decimal("7.67")
        assert phase.site_area.unit == "ha"
        assert phase.capacity is not None
        assert phase.capacity.value.number == 20000
        assert phase.capacity.per is ree.Period.YEAR
        assert phase.status is ree.Status.UNDER_CONSTRUCTION
        assert phase.milestones[0].date is not None
        assert phase.milestones[0].date.latest == dt.date(2025, 7, 10)

    def test_baotou_before_phase_iii_is_derived(self, ds: ree.Dataset) -> None:
        """The 20,000 t/yr before phase III is marked derived, from the 40,000 total."""
        _, phase = ds.phase("jl-mag-baotou-phases-i-ii")
        assert phase.capacity is not None
        assert phase.capacity.value.number == 20000
        assert phase.derived is not None
        assert "40,000" in phase.derived.rule
        total = ds.record("jl-mag-baotou-capacity-after-phase-iii")
        assert isinstance(total, ree.Figure)
        assert total.value.number == 40000
        assert total.id in phase.derived.inputs

    def test_northern_zhaobao(self, ds: ree.Dataset) -> None:
        """Northern Zhaobao: 3,000 t/yr, trial production since late 2024, JV of two."""
        (plant,) = ds.facilities_of("Northern Zhaobao Magnets")
        phase_i, phase_ii = plant.phases
        assert phase_i.capacity is not None
        assert phase_i.capacity.value.number == 3000
        assert phase_i.status is ree.Status.TRIAL_PRODUCTION
        assert phase_i.milestones[0].date is not None
        assert phase_i.milestones[0].date.text == "late 2024"
        assert phase_ii.status is ree.Status.DESIGN
        assert [m.expected for m in phase_ii.milestones] == [False, True]
        partners = {r.party for r in ds.relations("northern-zhaobao", kind="joint-venture")}
        assert partners == {"china-northern-rare-earth", "ningbo-zhaobao"}

    def test_possible_double_count_is_recorded(self, ds: ree.Dataset) -> None:
        """Northern Magnet (002) and Northern Zhaobao (001) point at each other."""
        assert ds.facility("northern-zhaobao-plant").possibly_same_as == ("northern-magnet-baotou",)
        assert ds.facility("northern-magnet-baotou").possibly_same_as == ("northern-zhaobao-plant",)

    def test_ningbo_zhaobao(self, ds: ree.Dataset) -> None:
        """Ningbo Zhaobao was founded in 1998 and is private."""
        nz = ds.entity("Zhaobao Magnet")
        assert nz.founded == 1998
        assert nz.ownership is ree.OwnershipType.PRIVATE

    @pytest.mark.parametrize(
        ("figure", "number", "qualifier"),
        [
            ("national-hi-tech-zones", 108, ree.Qualifier.EXACT),
            ("baotou-zone-enterprises", 3100, ree.Qualifier.MORE_THAN),
            ("baotou-zone-listed-enterprises", 22, ree.Qualifier.EXACT),
            ("baotou-zone-overseas-talents", 298, ree.Qualifier.EXACT),
            ("china-magnet-exports-2025-04", 2600, ree.Qualifier.MORE_THAN),
            ("china-rare-earth-output-share", 70, ree.Qualifier.APPROXIMATELY),
            ("jl-mag-share-move-2025-06-11", 8, ree.Qualifier.NEARLY),
            ("ndfeb-demand-2030", 300000, ree.Qualifier.MORE_THAN),
        ],
    )
    def test_figures(
        self, ds: ree.Dataset, figure: str, number: int, qualifier: ree.Qualifier
    ) -> None:
        """Figures keep their number and qualifier."""
        record = ds.record(figure)
        assert isinstance(record, ree.Figure)
        assert record.value.number == number
        assert record.value.qualifier is qualifier

    def test_price_range_and_equivalents(self, ds: ree.Dataset) -> None:
        """NdFeB 35H: RMB 520-540/kg, about USD 72/kg and AUD 110/kg."""
        price = ds.record("ndfeb-35h-price")
        assert isinstance(price, ree.Figure)
        assert (price.value.low, price.value.high, price.unit) == (
            Decimal(520),
            Decimal(540),
            "CNY/kg",
        )
        assert [(e.value.number, e.unit) for e in price.equivalents] == [
            (Decimal(72), "USD/kg"),
            (Decimal(110), "AUD/kg"),
        ]

    def test_march_exports_derived(self, ds: ree.Dataset) -> None:
        """March 2025 exports of more than about 5,200 t are derived from April's."""
        march = ds.record("china-magnet-exports-2025-03")
        assert isinstance(march, ree.Figure)
        assert march.value.number == 5200
        assert march.derived is not None
        assert march.derived.inputs == ("china-magnet-exports-2025-04",)

    def test_claims_keep_their_claimant(self, ds: ree.Dataset) -> None:
        """ "World's largest" is a claim, the publisher's."""
        largest = ds.record("jl-mag-worlds-largest")
        assert isinstance(largest, ree.Claim)
        assert "largest" in largest.statement
        assert largest.claimed_by == ("rare-earth-exchanges",)

    def test_slip_is_noted_not_copied(self, ds: ree.Dataset) -> None:
        """'RMB100 million (USD13.65)' is recorded as USD 13.65 million, with a note."""
        _, line = ds.phase("hunan-zhongzi-baotou-line")
        assert line.investment is not None
        assert line.investment.reported == (ree.Money("13650000", "USD"),)
        assert line.investment.note is not None
        assert "'m'" in line.investment.note

    def test_units_kept_apart(self, ds: ree.Dataset) -> None:
        """Alloy, powder, magnets and motor units are different products and units."""
        quantities = {
            p.id: p.capacity for f in ds.facilities for p in f.phases if p.capacity is not None
        }
        assert quantities["cnre-ndfeb-alloy"].product == "ndfeb-alloy"
        assert quantities["cnre-hydrogen-crushed-powder"].product == "hydrogen-crushed-powder"
        motors = quantities["hunan-zhongzi-baotou-line"]
        assert (motors.unit, motors.per) == ("unit", None)

    def test_rates_are_derived_and_dated(self, ds: ree.Dataset) -> None:
        """Rates come from paired amounts, each derived; 000's is dated 2025-07-10."""
        assert all(r.derived.rule for r in ds.rates)
        rate = ds.record("rate-000-cny-usd")
        assert isinstance(rate, ree.ExchangeRate)
        assert rate.date is not None
        assert rate.date.exact == dt.date(2025, 7, 10)
        # Exactly the printed pair: RMB 1,050 million for USD 146 million.
        assert rate.rate == Fraction(146, 1050)
        assert 1_050_000_000 * rate.rate == 146_000_000

    def test_relative_dates_are_resolved(self, ds: ree.Dataset) -> None:
        """'last year' in 003 means 2024 and is marked resolved."""
        output = ds.record("china-rare-earth-output-share")
        assert isinstance(output, ree.Figure)
        assert output.period is not None
        assert output.period.resolved
        assert (output.period.text, output.period.means) == ("last year", "2024")

    def test_resolved_dates_agree_with_the_parser(self, ds: ree.Dataset) -> None:
        """Where the parser can resolve a relative date itself, it agrees with the data."""
        checked = 0
        for figure in ds.figures():
            period = figure.period
            if period is not None and period.text in {"last year", "this year"}:
                source = ds.source(figure.cites[0].source)
                assert source.published is not None
                again = ree.parse_date(period.text, reference=source.published.latest)
                assert (again.earliest, again.latest) == (
                    period.earliest,
                    period.latest,
                )
                checked += 1
        assert checked >= 2


class TestCounts:
    def test_counts(self, ds: ree.Dataset) -> None:
        """The data holds every kind of record, in numbers worth having."""
        counts = {
            "sources": len(ds.sources),
            "entities": len(ds.entities),
            "places": len(ds.places),
            "facilities": len(ds.facilities),
            "phases": sum(len(f.phases) for f in ds.facilities),
            "relationships": len(ds.relationships),
            "events": len(ds.events),
            "figures": len(ds.figures()),
            "claims": len(ds.claims),
            "rates": len(ds.rates),
        }
        assert counts["sources"] == 5
        assert counts["entities"] >= 45
        assert counts["events"] >= 20
        assert counts["figures"] >= 30
        assert counts["rates"] >= 4

    def test_timeline_of_003_is_whole(self, ds: ree.Dataset) -> None:
        """Every dated entry of 003's timeline is an event."""
        dates = {e.date.text for e in ds.events if any(c.source == S3 for c in e.cites)}
        assert {
            "April 2025",
            "May 9, 2025",
            "May 12, 2025",
            "May 2025",
            "June 4, 2025",
            "June 5, 2025",
            "the first week of June 2025",
            "June 9-10, 2025",
            "Wednesday, June 11, 2025",
        } <= dates


class TestAttribution:
    """Who makes a claim is who the source says makes it, and no one else."""

    def test_high_end_share_is_their_data(self, ds: ree.Dataset) -> None:
        """The 14% is 'according to their data' after Asian Metal: Asian Metal, the likely party."""
        share = ds.record("jl-mag-high-end-market-share")
        assert isinstance(share, ree.Figure)
        assert (share.value.number, share.value.text) == (Decimal(14), "14%")
        assert share.claimed_by == ("asian-metal",)
        assert any(c.quote == "According to Asian Metal (July 10)" for c in share.cites)
        assert any("could be JL MAG's own data" in note for note in share.notes)
        # The period holds no attribution phrase: the source gives the share no date.
        assert share.period is None

    def test_export_controls_aim_is_an_unnamed_sources_view(self, ds: ree.Dataset) -> None:
        """The controls' aim is the view of 'a source familiar with' them, not Caixin's own."""
        claim = ds.record("china-export-controls-purpose")
        assert isinstance(claim, ree.Claim)
        assert claim.claimed_by == ("export-control-policy-source",)
        source = ds.entity("export-control-policy-source")
        assert source.name == "A source familiar with China's export control policies"
        first, second = (c.quote for c in claim.cites)
        assert first.startswith("A source familiar with China’s export control policies explained")
        assert second.endswith("destined for civilian products or sensitive military items.")

    def test_hunan_zhongzi_revenue_is_the_publishers(self, ds: ree.Dataset) -> None:
        """002's RMB 15 million carries no attribution: the publisher's, not Asian Metal's."""
        revenue = ds.record("hunan-zhongzi-projected-revenue")
        assert isinstance(revenue, ree.Figure)
        assert (revenue.value.number, revenue.unit) == (Decimal(15_000_000), "CNY")
        assert revenue.claimed_by == ("rare-earth-exchanges",)
        # Northern Magnet's RMB 690 million is given "According to the report in Asian Metal".
        northern = ds.record("northern-magnet-projected-revenue")
        assert isinstance(northern, ree.Figure)
        assert northern.claimed_by == ("asian-metal",)


class TestDates:
    """Imprecise dates mean what the sources allow, and no more."""

    def test_groundbreaking_is_by_the_report(self, ds: ree.Dataset) -> None:
        """Ground on phase III was broken by July 10 (2025), the Asian Metal report's day."""
        event = ds.record("jl-mag-baotou-phase-iii-groundbreaking")
        assert isinstance(event, ree.Event)
        _, phase = ds.phase("jl-mag-baotou-phase-iii")
        milestone = phase.milestones[0].date
        for date in (event.date, milestone):
            assert date is not None
            assert date.text == "by July 10"
            assert date.exact is None
            assert date.latest == dt.date(2025, 7, 10)
            assert date.earliest < date.latest
            assert date.precision is ree.Precision.SPAN
        assert not event.date.within(dt.date(2025, 7, 10), dt.date(2025, 7, 10))

    def test_recent_ends_at_the_earliest_source(self, ds: ree.Dataset) -> None:
        """'Recent' in 000 (July 2025) puts the MP Materials-DoD deal no later than July 2025."""
        deal = ds.record("mp-materials-dod-deal")
        assert isinstance(deal, ree.Event)
        assert deal.date.latest == dt.date(2025, 7, 31)
        apple = ds.record("mp-materials-apple-deal")
        assert isinstance(apple, ree.Event)
        assert {c.source for c in apple.cites} == {S4}
        for event in (deal, apple):
            published = [ds.source(c.source).published for c in event.cites]
            assert event.date.latest == min(p.latest for p in published if p is not None)

    def test_this_year_at_the_half_year_call_is_year_to_date(self, ds: ree.Dataset) -> None:
        """The 165% valuation jump 'this year alone' runs from January 1 to the half-year call."""
        jump = ds.record("cnre-valuation-jump-2025")
        assert isinstance(jump, ree.Figure)
        assert jump.value.number == 165
        period = jump.period
        assert period is not None
        assert period.precision is ree.Precision.SPAN
        assert period.earliest == dt.date(2025, 1, 1)
        call = ds.record("cnre-half-year-call")
        assert isinstance(call, ree.Event)
        assert period.latest == call.date.latest
        assert period.note is not None
        assert "Year to date" in period.note
        assert "The year is inferred" in period.note

    def test_rate_000_keeps_the_reports_day(self, ds: ree.Dataset) -> None:
        """The rate of 000 holds for the Asian Metal report's day, July 10, 2025."""
        rate = ds.record("rate-000-cny-usd")
        assert isinstance(rate, ree.ExchangeRate)
        assert rate.date is not None
        assert rate.date.exact == dt.date(2025, 7, 10)
        assert rate.date.note is not None
        assert "as far as the USD figure is the report's" in rate.date.note


class TestStakes:
    """JL MAG's stakes keep the qualifiers 000 prints, and its warning about them."""

    def test_only_the_9_4_is_around(self, ds: ree.Dataset) -> None:
        """'around 9.4%, with another 9.3%': the 9.4% is approximate, the 9.3% as printed."""
        state = ds.record("jl-mag-stake-state")
        enterprises = ds.record("jl-mag-stake-government-enterprises")
        assert isinstance(state, ree.Relationship)
        assert isinstance(enterprises, ree.Relationship)
        assert state.share == ree.Value(
            Decimal("9.4"), ree.Qualifier.APPROXIMATELY, text="around 9.4%"
        )
        assert enterprises.share == ree.Value(Decimal("9.3"), text="another 9.3%")
        share = ds.state_share("JL MAG")
        assert share.value == ree.Value(Decimal("18.7"), ree.Qualifier.APPROXIMATELY)

    def test_percentages_vary_by_source(self, ds: ree.Dataset) -> None:
        """Both stakes cite 000's warning that state ownership percentages vary by source."""
        warning = "While specific state ownership percentages vary depending on the source"
        for stake in ds.state_share("JL MAG").stakes:
            assert warning in [c.quote for c in stake.cites]
            assert any("vary depending on the source" in note for note in stake.notes)


class TestRates:
    """Rates implied by paired amounts, with the arithmetic shown honestly."""

    def test_002_implies_two_rates(self, ds: ree.Dataset) -> None:
        """002's investments imply 0.1365; its RMB 690m = USD 94.16m implies about 0.13646."""
        rate = ds.record("rate-002-cny-usd")
        assert isinstance(rate, ree.ExchangeRate)
        assert rate.rate == Fraction("0.1365")
        assert 120 * rate.rate == Fraction("16.38")
        # 690 x 0.1365 is 94.185, not 94.16: the USD 94.16m implies another rate.
        assert 690 * rate.rate == Fraction("94.185")
        assert (Decimal("94.16") / 690).quantize(Decimal("0.00001")) == Decimal("0.13646")
        notes = " ".join(rate.notes)
        assert "about 0.13646" in notes
        assert "not 0.1365 rounded" in notes
        assert "rounded equivalents" not in notes


class TestClaims:
    """Views the sources attribute to a party are claims of that party."""

    @pytest.mark.parametrize(
        ("claim", "who", "words"),
        [
            (
                "northern-zhaobao-green-growth",
                ("northern-zhaobao", "rare-earth-exchanges", S1),
                "According to Rare Earth Exchanges, the company’s development aligns",
            ),
            (
                "china-export-stance-softening",
                ("china-government", "caixin-global", S3),
                "signaling that the country’s stance on the controversial elements is softening",
            ),
            (
                "us-deals-stimulated-cnre-response",
                ("china-northern-rare-earth", "rare-earth-exchanges", S4),
                "Rare Earth Exchanges (REEx) suggests the recent flurry of deal-making",
            ),
        ],
    )
    def test_attributed_views(
        self, ds: ree.Dataset, claim: str, who: tuple[str, str, str], words: str
    ) -> None:
        """Each view given 'according to' or 'suggests' a party is that party's claim."""
        subject, claimant, source = who
        record = ds.record(claim)
        assert isinstance(record, ree.Claim)
        assert (record.subject, record.claimed_by) == (subject, (claimant,))
        assert record.cites[0].source == source
        assert words in record.cites[0].quote

    def test_green_growth_names_heavy_rare_earths(self, ds: ree.Dataset) -> None:
        """001's view: green, low-carbon growth and less reliance on heavy rare earths."""
        record = ds.record("northern-zhaobao-green-growth")
        assert isinstance(record, ree.Claim)
        assert "green, low-carbon industrial growth" in record.statement
        assert "reducing dependence on heavy rare earths" in record.statement

    def test_us_deals_name_mp_materials_dod_and_apple(self, ds: ree.Dataset) -> None:
        """004's view names MP Materials' deals with the Department of Defense and Apple."""
        record = ds.record("us-deals-stimulated-cnre-response")
        assert isinstance(record, ree.Claim)
        assert "MP Materials and the Department of Defense and Apple" in record.statement

    @pytest.mark.parametrize(
        ("claim", "uses"),
        [
            (
                "jl-mag-magnet-end-uses",
                ("electric vehicle (EV) motors", "wind turbines", "robotics", "high-efficiency"),
            ),
            (
                "northern-zhaobao-magnet-end-uses",
                ("electric vehicles", "wind turbines", "robotics", "other clean-energy"),
            ),
        ],
    )
    def test_magnet_end_uses(self, ds: ree.Dataset, claim: str, uses: tuple[str, ...]) -> None:
        """JL MAG's and Northern Zhaobao's magnets go into the end uses their profiles list."""
        record = ds.record(claim)
        assert isinstance(record, ree.Claim)
        assert record.claimed_by == ("rare-earth-exchanges",)
        for use in uses:
            assert use in record.statement
            assert use in record.cites[0].quote


class TestSmallerCorrections:
    """Supporting cites, inferred periods, the right subject and the right bound."""

    def test_cnre_hub_is_cited(self, ds: ree.Dataset) -> None:
        """China Northern Rare Earth's hub, Inner Mongolia, is cited: 'the heartland' in 001."""
        cnre = ds.entity("China Northern Rare Earth")
        assert cnre.hubs == ("inner-mongolia",)
        assert any(
            c.source == S1 and "Inner Mongolia — the heartland of China Northern" in c.quote
            for c in cnre.cites
        )

    def test_price_period_is_inferred(self, ds: ree.Dataset) -> None:
        """'This week' is not in 001's price sentence, so the price's period says it is inferred."""
        price = ds.record("ndfeb-35h-price")
        assert isinstance(price, ree.Figure)
        assert "this week" not in price.cites[0].quote.lower()
        assert price.period is not None
        assert price.period.note is not None
        assert price.period.note.startswith("Inferred: the price sentence gives no date.")

    def test_leading_manufacturer_is_the_baotou_company(self, ds: ree.Dataset) -> None:
        """'China's leading rare earth magnet manufacturer' is JL MAG (Baotou) Technology."""
        leading = ds.record("jl-mag-baotou-leading-manufacturer")
        assert isinstance(leading, ree.Claim)
        assert leading.subject == "jl-mag-baotou"
        assert leading.statement == "China’s leading rare earth magnet manufacturer"
        assert leading.cites[0].quote.endswith("JL MAG (Baotou) Technology Co., Ltd")
        parent = ds.record("jl-mag-market-leader")
        assert isinstance(parent, ree.Claim)
        assert parent.subject == "jl-mag"
        assert parent.statement == "Global Market Leader"
        assert all("leading" not in c.quote for c in parent.cites)

    def test_march_exports_are_more_than_about_5200(self, ds: ree.Dataset) -> None:
        """Twice 'more than 2,600 t' is more than about 5,200 t, not about 5,200 t."""
        march = ds.record("china-magnet-exports-2025-03")
        april = ds.record("china-magnet-exports-2025-04")
        assert isinstance(march, ree.Figure)
        assert isinstance(april, ree.Figure)
        assert april.value.qualifier is ree.Qualifier.MORE_THAN
        assert march.value.number == 2 * april.value.number == 5200
        assert march.value.qualifier is ree.Qualifier.MORE_THAN
        assert march.value.text == "more than about 5,200 t (derived)"


class TestRelations:
    """Relations the sources state between companies, not only the companies."""

    def test_western_competitors_of_jl_mag(self, ds: ree.Dataset) -> None:
        """000 names four Western competitors: MP Materials, USA Rare Earth, Neo and VAC."""
        competitors = [r.party for r in ds.relations("JL MAG", kind="competitor")]
        assert competitors == ["mp-materials", "usa-rare-earth", "neo-performance-materials", "vac"]
        for relation in ds.relations("JL MAG", kind=ree.RelationKind.COMPETITOR):
            assert relation.subject == "jl-mag"
            assert relation.cites[0].source == S0
            assert "may intensify competition" in relation.cites[0].quote
            assert not relation.is_ownership

    def test_peers_whose_shares_moved(self, ds: ree.Dataset) -> None:
        """003 calls Jingzhou Jiuling, Ningbo Souwest and Shanxi Huayang JL MAG's peers."""
        peers = {r.party: r for r in ds.relations("JL MAG", kind="peer")}
        assert set(peers) == {"jingzhou-jiuling", "ningbo-souwest", "shanxi-huayang"}
        assert all(c.source == S3 for r in peers.values() for c in r.cites)
        assert any("peer" in c.quote for r in peers.values() for c in r.cites)
        # Zhejiang Zhongke and Bgrimm hit the limit too, but 003 does not call them peers.
        assert not ds.relations("Bgrimm Technology", kind="peer")
        assert not ds.relations("Zhejiang Zhongke Magnetic Industry", kind="peer")

    def test_peer_share_moves_are_the_figures(self, ds: ree.Dataset) -> None:
        """The two peers that soared over 20% have that move as a figure."""
        for peer in ("jingzhou-jiuling", "ningbo-souwest"):
            move = ds.record(f"{peer}-share-move-2025-06-11")
            assert isinstance(move, ree.Figure)
            assert move.value.number == 20
            assert move.value.qualifier is ree.Qualifier.MORE_THAN
