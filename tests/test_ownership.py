"""Ownership: owners, holdings, the state-linked share and chains."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rareearth as ree
from rareearth._load import shipped_documents
from rareearth._ownership import effective_share, state_holder
from rareearth._values import sum_values
from strategies import fuzz_examples, within_100


class TestOwners:
    def test_jl_mag_owners(self) -> None:
        """JL MAG's owners: state ≈ 9.4%, government enterprises 9.3%, others undisclosed."""
        owners = ree.owners_of("JL MAG")
        types = [o.holder_type for o in owners]
        assert types == [
            ree.HolderType.STATE,
            ree.HolderType.GOVERNMENT_ENTERPRISE,
            ree.HolderType.STATE,
            ree.HolderType.FUND,
            ree.HolderType.PRIVATE,
            ree.HolderType.INDIVIDUALS,
        ]
        assert [o.share is None for o in owners] == [False, False, True, True, True, True]
        assert owners[2].party == "china-sasac"

    def test_holdings(self) -> None:
        """China Northern Rare Earth holds Northern Zhaobao as a joint-venture partner."""
        (jv,) = ree.holdings_of("North Rare Earth")
        assert (jv.subject, jv.kind) == ("northern-zhaobao", ree.RelationKind.JOINT_VENTURE)

    def test_parent_counts_as_owner(self) -> None:
        """A subsidiary's parent is among its owners."""
        assert [o.party for o in ree.owners_of("JL MAG (Baotou) Technology")] == ["jl-mag"]


class TestStateShare:
    def test_jl_mag(self) -> None:
        """≈ 9.4% + 9.3% = ≈ 18.7%, approximate; SASAC and the fund listed as undisclosed."""
        share = ree.state_share("JL MAG")
        assert share.value == ree.Value(Decimal("18.7"), ree.Qualifier.APPROXIMATELY)
        assert [s.id for s in share.stakes] == [
            "jl-mag-stake-state",
            "jl-mag-stake-government-enterprises",
        ]
        assert [s.id for s in share.undisclosed] == ["jl-mag-stake-sasac"]

    def test_caveat_carried(self) -> None:
        """JL MAG's share carries 000's caveat that state percentages vary by source."""
        share = ree.state_share("JL MAG")
        assert "vary depending on the source" in share.notes[0]
        assert len(share.notes) == len(set(share.notes))

    def test_undisclosed_only(self) -> None:
        """Northern Zhaobao's state-linked partner's share is undisclosed: no number."""
        share = ree.state_share("Northern Zhaobao Magnets")
        assert share.value is None
        assert [s.party for s in share.undisclosed] == ["china-northern-rare-earth"]
        assert str(share) == "Northern Zhaobao Magnets: state-linked share not disclosed"

    def test_state_owned_itself(self) -> None:
        """A state-owned company with no stake recorded says so, not "not disclosed"."""
        share = ree.state_share("China Northern Rare Earth")
        assert share.value is None
        assert str(share) == (
            "China Northern Rare Earth: itself state-owned; no state-linked stake is recorded"
        )

    def test_private(self) -> None:
        """A company with no state-linked holders has no state share, and says so."""
        share = ree.state_share("Tesla")
        assert (share.value, share.stakes, share.undisclosed) == (None, (), ())
        assert str(share) == "Tesla: no state-linked stake is recorded"


class TestStateLinks:
    def test_northern_zhaobao(self) -> None:
        """Northern Zhaobao is state-linked through China Northern Rare Earth, share undisclosed."""
        (link,) = ree.state_links("Northern Zhaobao Magnets")
        assert link.holder == "china-northern-rare-earth"
        assert link.effective is None

    def test_chain_through_a_subsidiary(self) -> None:
        """Known shares multiply down a chain; a range carries through."""
        document = """{"relationships": [
          {"id": "u1", "kind": "stake", "subject": "ningbo-zhaobao", "party": "china-sasac",
           "holder_type": "state", "share": {"number": 10, "qualifier": "range", "upper": 20},
           "summary": "s", "cites": [{"source": "001_9b4396c9fe4624bb", "quote": "q"}]},
          {"id": "u2", "kind": "joint-venture", "subject": "tianjin-ruimaige",
           "party": "ningbo-zhaobao",
           "holder_type": "private", "share": 50,
           "summary": "s", "cites": [{"source": "001_9b4396c9fe4624bb", "quote": "q"}]}]}"""
        shipped = [d[:2] for d in shipped_documents()]
        ds = ree.Dataset.from_documents([*shipped, ("mine.json", document)])
        (link,) = ds.state_links("Tianjin Ruimaige")
        assert [r.id for r in link.chain] == ["u1", "u2"]
        assert link.effective == ree.Value(Decimal(5), ree.Qualifier.RANGE, upper=Decimal(10))
        assert str(link) == "china-sasac → ningbo-zhaobao → tianjin-ruimaige (5–10%)"

    def test_none(self) -> None:
        """A company nobody state-linked holds has no chain."""
        assert ree.state_links("BYD") == ()


class TestEffectiveShare:
    def test_approximate(self) -> None:
        """An approximate share makes the product approximate."""
        share = effective_share(
            [ree.Value(Decimal(50), ree.Qualifier.APPROXIMATELY), ree.Value(Decimal(50))]
        )
        assert share == ree.Value(Decimal(25), ree.Qualifier.APPROXIMATELY)


class TestRelations:
    def test_customers(self) -> None:
        """JL MAG supplies Tesla, Toyota, Siemens Gamesa and BYD."""
        assert [r.party for r in ree.relations("JL MAG", kind="customer")] == [
            "tesla",
            "toyota",
            "siemens-gamesa",
            "byd",
        ]

    def test_landlord_and_partner(self) -> None:
        """Seagate lets Northern Magnet its plant; Shenyang Zongbei partners Tianjin Ruimaige."""
        assert [r.party for r in ree.relations("Northern Magnet", kind="landlord")] == [
            "inner-mongolia-seagate"
        ]
        assert [r.party for r in ree.relations("Tianjin Ruimaige", kind="partner")] == [
            "shenyang-zongbei"
        ]

    def test_bad_kind(self) -> None:
        """An unknown relation kind is a ValueError."""
        with pytest.raises(ValueError, match="supplier"):
            ree.relations("JL MAG", kind="supplier")


def _linked_by_walk(ds: ree.Dataset, entity_id: str) -> bool:
    """The oracle: itself state, or some ownership path up from it meets a state holder."""
    seen, frontier = {entity_id}, [entity_id]
    while frontier:
        here = ds.entity(frontier.pop())
        if here.ownership in {ree.OwnershipType.STATE, ree.OwnershipType.STATE_OWNED}:
            return True
        for stake in ds.owners_of(here.id):
            if stake.state_linked:
                return True
            if stake.party is not None and stake.party not in seen:
                seen.add(stake.party)
                frontier.append(stake.party)
    return False


def _assert_one_rule(ds: ree.Dataset, entity_id: str) -> None:
    share, links = ds.state_share(entity_id), ds.state_links(entity_id)
    assert share.links == tuple(links)
    assert share.state_linked is bool(links) is _linked_by_walk(ds, entity_id)
    known = [link.effective for link in links if link.effective is not None]
    assert share.value == (sum_values(known) if known else None)
    for link in links:
        assert link.entity == entity_id
        assert link.effective == (
            effective_share([r.share for r in link.chain]) if link.chain else None
        )
        # A chain starts at a state holder and passes through none.
        for i, relationship in enumerate(link.chain):
            party = None if relationship.party is None else ds.entity(relationship.party)
            assert state_holder(relationship, party) is (i == 0)


_OWNERSHIP = [None, *(o.value for o in ree.OwnershipType)]
_HOLDERS = [None, *(h.value for h in ree.HolderType)]


@st.composite
def _ownership_webs(draw: st.DrawFn) -> dict[str, Any]:
    """Up to five entities of any ownership, with stakes among them in any direction."""
    count = draw(st.integers(2, 5))
    cite = {"source": "000_75a9973f81fad0cb", "quote": "q"}
    entities = [
        {"id": f"web-{i}", "name": f"Web {i}", "kind": "company", "summary": "s", "cites": [cite]}
        | ({"ownership": o} if (o := draw(st.sampled_from(_OWNERSHIP))) else {})
        for i in range(count)
    ]
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(
        lambda p: p[0] != p[1]
    )
    stakes = []
    for n, (party, subject) in enumerate(draw(st.lists(pairs, max_size=8, unique=True))):
        stake: dict[str, Any] = {
            "id": f"web-stake-{n}",
            "kind": draw(st.sampled_from(["stake", "joint-venture", "subsidiary"])),
            "subject": f"web-{subject}",
            "party": f"web-{party}",
            "summary": "s",
            "cites": [cite],
        }
        if (holder := draw(st.sampled_from(_HOLDERS))) is not None:
            stake["holder_type"] = holder
        if draw(st.booleans()):
            stake["share"] = draw(st.integers(0, 100))
        stakes.append(stake)
    return {"entities": entities, "relationships": within_100(stakes)}


class TestOneRule:
    """`state_share`, `state_links` and the plots follow one state-linked rule."""

    def test_shipped_entities_agree(self, ds: ree.Dataset) -> None:
        """For every shipped entity, the share adds up exactly its links, by the rule."""
        for entity in ds.entities:
            _assert_one_rule(ds, entity.id)

    def test_subsidiary_linked_through_its_parent(self) -> None:
        """JL MAG (Baotou) is state-linked through its parent: three chains, undisclosed."""
        share = ree.state_share("JL MAG (Baotou) Technology")
        assert [link.path for link in share.links] == [
            "the state (holders not named) → jl-mag → jl-mag-baotou",
            "government enterprises (not named) → jl-mag → jl-mag-baotou",
            "china-sasac → jl-mag → jl-mag-baotou",
        ]
        assert str(share) == "JL MAG (Baotou) Technology: state-linked share not disclosed"
        assert [r.id for r in share.undisclosed] == ["jl-mag-baotou-parent"]

    def test_state_owned_company_is_linked_itself(self) -> None:
        """China Northern Rare Earth is state-owned: one link of its own, with no chain."""
        (link,) = ree.state_links("China Northern Rare Earth")
        assert (link.holder, link.chain, link.itself) == (
            "china-northern-rare-earth",
            (),
            ree.OwnershipType.STATE_OWNED,
        )
        assert str(link) == "china-northern-rare-earth (itself state-owned)"

    @given(web=_ownership_webs())
    @settings(max_examples=fuzz_examples(60), deadline=None)
    def test_any_web_agrees(self, web: dict[str, Any]) -> None:
        """In any web of stakes, cycles included, share and links agree and follow the rule."""
        shipped = [d[:2] for d in shipped_documents()]
        ds = ree.Dataset.from_documents([*shipped, ("web.json", json.dumps(web))])
        for entity in web["entities"]:
            _assert_one_rule(ds, entity["id"])


class TestLongChains:
    def test_two_thousand_stakes(self) -> None:
        """A chain of 2,000 stakes down from a state holder is one link, not a RecursionError."""
        cite = {"source": "000_75a9973f81fad0cb", "quote": "q"}
        n = 2000
        entities = [
            {"id": f"link-{i}", "name": f"Link {i}", "kind": "company", "summary": "s",
             "cites": [cite]}
            for i in range(n)
        ]  # fmt: skip
        stakes = [
            {"id": f"link-stake-{i}", "kind": "stake", "subject": f"link-{i + 1}",
             "party": f"link-{i}", "share": 100, "summary": "s", "cites": [cite]}
            for i in range(n - 1)
        ]  # fmt: skip
        stakes[0]["holder_type"] = "state"
        web = json.dumps({"entities": entities, "relationships": stakes})
        shipped = [d[:2] for d in shipped_documents()]
        ds = ree.Dataset.from_documents([*shipped, ("chain.json", web)])
        (link,) = ds.state_links(f"link-{n - 1}")
        assert len(link.chain) == n - 1
        assert link.effective == ree.Value(Decimal(100))
