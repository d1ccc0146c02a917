"""Ownership: owners, holdings, the state-linked share and chains."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rareearth as ree
from rareearth._load import shipped_documents
from rareearth._ownership import MAX_CHAIN_LENGTH, MAX_CHAINS, effective_share, state_holder
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


def _simple_chains(ds: ree.Dataset, entity_id: str) -> list[tuple[str, ...]]:
    """The oracle: every chain, by brute force: each path up to a state holder."""
    found: list[tuple[str, ...]] = []

    def up(here: str, below: tuple[ree.Relationship, ...], seen: frozenset[str]) -> None:
        for stake in ds.owners_of(here):
            party = None if stake.party is None else ds.entity(stake.party)
            if state_holder(stake, party):
                found.append(tuple(r.id for r in (stake, *below)))
            elif stake.party is not None and stake.party not in seen:
                up(stake.party, (stake, *below), seen | {stake.party})

    up(entity_id, (), frozenset({entity_id}))
    return found


def _assert_one_rule(ds: ree.Dataset, entity_id: str) -> None:
    share, links = ds.state_share(entity_id), ds.state_links(entity_id)
    assert share.links == tuple(links)
    assert (share.more, links.more) == (0, 0)
    assert share.state_linked is bool(links) is _linked_by_walk(ds, entity_id)
    known = [link.effective for link in links if link.effective is not None]
    assert share.value == (sum_values(known) if known else None)
    # Every listed chain is one of the brute-force chains, and without a
    # cycle cut they are all listed, in the same order.
    chains = [tuple(r.id for r in link.chain) for link in links if link.chain]
    simple = _simple_chains(ds, entity_id)
    assert set(chains) <= set(simple)
    if not share.cycles:
        assert chains == simple
    bottoms = [link.chain[-1] for link in links if link.chain]
    known_bottoms = [link.chain[-1] for link in links if link.chain and link.effective]
    assert share.stakes == tuple(dict.fromkeys(known_bottoms))
    assert share.undisclosed == tuple(r for r in dict.fromkeys(bottoms) if r not in share.stakes)
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


def _web(entities: list[dict[str, Any]], stakes: list[dict[str, Any]]) -> ree.Dataset:
    shipped = [d[:2] for d in shipped_documents()]
    web = json.dumps({"entities": entities, "relationships": stakes})
    return ree.Dataset.from_documents([*shipped, ("web.json", web)])


_CITE = {"source": "000_75a9973f81fad0cb", "quote": "q"}


def _company(name: str) -> dict[str, Any]:
    return {"id": name, "name": name, "kind": "company", "summary": "s", "cites": [_CITE]}


def _stake(subject: str, party: str, share: int, **more: str) -> dict[str, Any]:
    return {
        "id": f"{party}-in-{subject}",
        "kind": "stake",
        "subject": subject,
        "party": party,
        "share": share,
        "summary": "s",
        "cites": [_CITE],
        **more,
    }


def _line(n: int) -> ree.Dataset:
    """A line of ``n`` companies, each holding all of the next; the state holds the first."""
    entities = [_company(f"link-{i}") for i in range(n)]
    stakes = [_stake(f"link-{i + 1}", f"link-{i}", 100) for i in range(n - 1)]
    stakes[0]["holder_type"] = "state"
    return _web(entities, stakes)


def _clique(n: int) -> ree.Dataset:
    """``n`` companies each holding 5% of every other; the state holds 10% of each."""
    stakes = []
    for i in range(n):
        state = _stake(f"c-{i}", "", 10, holder_type="state")
        stakes.append(state | {"id": f"state-in-c-{i}", "party": None, "party_label": "state"})
        stakes.extend(_stake(f"c-{i}", f"c-{j}", 5) for j in range(n) if j != i)
    return _web([_company(f"c-{i}") for i in range(n)], stakes)


class TestLongChains:
    def test_two_thousand_stakes(self) -> None:
        """A chain of 2,000 stakes adds up (100%) at once, and is counted as a chain not listed."""
        ds = _line(2000)
        start = time.perf_counter()
        share = ds.state_share("link-1999")
        elapsed = time.perf_counter() - start
        assert elapsed < 0.5
        assert (share.value, share.links, share.more) == (ree.Value(Decimal(100)), (), 1)
        assert share.state_linked
        assert str(share) == "link-1999: 100% state-linked; 1 chain not listed"
        links = ds.state_links("link-1999")
        assert (links, links.more, str(links)) == ((), 1, "1 ownership link not listed")

    def test_longest_listed(self) -> None:
        """A chain of `MAX_CHAIN_LENGTH` stakes is listed; one stake more, it is only counted."""
        ds = _line(MAX_CHAIN_LENGTH + 2)
        (link,) = ds.state_links(f"link-{MAX_CHAIN_LENGTH}")
        assert len(link.chain) == MAX_CHAIN_LENGTH
        assert link.holder == "link-0"
        longer = ds.state_links(f"link-{MAX_CHAIN_LENGTH + 1}")
        assert (len(longer), longer.more) == (0, 1)


class TestCrossHoldings:
    def test_ten_companies(self) -> None:
        """Ten companies holding each other answer at once: 512 chains, 45 stakes cut."""
        ds = _clique(10)
        start = time.perf_counter()
        share = ds.state_share("c-0")
        elapsed = time.perf_counter() - start
        assert elapsed < 0.5  # it enumerated 986,410 paths in about a minute before
        # Walking up c-1, c-2, ... in order, a stake back down is cut: every
        # chain climbs, so each subset of c-1..c-9 makes one, 10% x 5% each step.
        assert share.value == ree.Value(Decimal(10) * Decimal("1.05") ** 9)
        assert (len(share.links), share.more, len(share.cycles)) == (512, 0, 45)
        assert str(share).startswith(
            "c-0: 15.51328215978515625% state-linked (10% + 0.5% + 0.025% + "
        )
        assert str(share).endswith(" + …); 45 stakes closing a cycle not followed")

    def test_chains_not_listed_are_counted(self) -> None:
        """Twelve companies make 2,048 chains: 1,000 listed, 1,048 counted and said so."""
        ds = _clique(12)
        share = ds.state_share("c-0")
        assert len(share.links) == MAX_CHAINS
        assert share.more == 2**11 - MAX_CHAINS
        assert share.value == ree.Value(Decimal(10) * Decimal("1.05") ** 11)
        assert "1,048 more chains not listed" in str(share)
        links = ds.state_links("c-0")
        assert (len(links), links.more) == (MAX_CHAINS, 1048)
        assert str(links).startswith("1,000 ownership links, 1,048 more not listed\n")
        assert "1,048 more not listed" in links._repr_html_()

    def test_each_answer_agrees(self) -> None:
        """In the clique, every company's share and links follow the one rule."""
        ds = _clique(5)
        for i in range(5):
            _assert_one_rule(ds, f"c-{i}")
