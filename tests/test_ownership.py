"""Ownership: owners, holdings, the state-linked share and chains."""

from __future__ import annotations

from decimal import Decimal

import pytest

import rareearth as ree
from rareearth._ownership import effective_share


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
        from rareearth._dataset import _shipped_documents  # noqa: PLC0415

        ds = ree.Dataset.from_documents([*_shipped_documents(), ("mine.json", document)])
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
