"""Ownership: direct owners, holdings, the state-linked share and chains."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from rareearth._records import Entity, OwnershipType, Relationship
from rareearth._tables import Table, Tabular
from rareearth._values import Qualifier, Value, exact, sum_values

if TYPE_CHECKING:
    from rareearth._dataset import Dataset

__all__ = ["OwnershipLink", "StateShare", "effective_share", "state_links", "state_share"]

_STATE_ENTITIES = frozenset({OwnershipType.STATE, OwnershipType.STATE_OWNED})


@attrs.frozen
class StateShare(Tabular):
    """The state-linked share of an entity, from its direct stakes.

    Attributes:
        entity: The entity.
        value: The sum of the state-linked stakes whose shares are known,
            keeping their qualifiers; ``None`` if no such share is known.
        stakes: The state-linked stakes with a known share, summed.
        undisclosed: State-linked stakes whose share is not disclosed (not
            in the sum; they may overlap it).
    """

    entity: Entity
    value: Value | None
    stakes: tuple[Relationship, ...]
    undisclosed: tuple[Relationship, ...]

    def table(self) -> Table:
        """The state-linked stakes as a table, those summed first."""
        from rareearth._layouts import layout_for  # noqa: PLC0415 - built on first use

        return layout_for(Relationship).build((*self.stakes, *self.undisclosed), str(self))

    def __str__(self) -> str:
        if self.value is None and self.entity.ownership in _STATE_ENTITIES:
            kind = self.entity.ownership.value
            return f"{self.entity.name}: itself {kind}; no state-linked stake is recorded"
        if self.value is None and not self.undisclosed:
            return f"{self.entity.name}: no state-linked stake is recorded"
        if self.value is None:
            return f"{self.entity.name}: state-linked share not disclosed"
        parts = " + ".join(f"{s.share}%" for s in self.stakes if s.share is not None)
        return f"{self.entity.name}: {self.value}% state-linked ({parts})"


@attrs.frozen
class OwnershipLink:
    """A chain from a state-linked holder down to an entity.

    Attributes:
        chain: The stakes, from the top holder down to the entity.
        effective: The holder's effective share of the entity: the product
            of the shares along the chain, or ``None`` when any is undisclosed.
    """

    chain: tuple[Relationship, ...]
    effective: Value | None

    @property
    def holder(self) -> str:
        """The top holder's entity id, or its label when it has none."""
        top = self.chain[0]
        return top.party or top.party_label or ""

    def __str__(self) -> str:
        names = [self.holder, *(r.subject for r in self.chain)]
        share = "undisclosed" if self.effective is None else f"{self.effective}%"
        return f"{' → '.join(names)} ({share})"


def _state_linked_holder(ds: Dataset, stake: Relationship) -> bool:
    if stake.state_linked:
        return True
    if stake.party is None:
        return False
    party = ds.entity(stake.party)
    return party.ownership in _STATE_ENTITIES


def state_share(ds: Dataset, entity: Entity) -> StateShare:
    """Sum the direct state-linked stakes of an entity; see `Dataset.state_share`."""
    linked = [s for s in ds.owners_of(entity.id) if _state_linked_holder(ds, s)]
    known = tuple(s for s in linked if s.share is not None)
    value = sum_values([s.share for s in known if s.share is not None]) if known else None
    return StateShare(entity, value, known, tuple(s for s in linked if s.share is None))


@exact
def effective_share(shares: Sequence[Value | None]) -> Value | None:
    """The product of percentage shares along a chain, in percent.

    Ranges are carried through; an undisclosed share makes the result
    undisclosed (``None``).

    >>> print(effective_share([Value(Decimal(50)), Value(Decimal(40))]))
    20
    >>> print(effective_share([Value(Decimal(50)), None]))
    None
    """
    low, high = Decimal(100), Decimal(100)
    kinds: set[Qualifier] = set()
    for share in shares:
        if share is None:
            return None
        low, high = low * share.low / 100, high * share.high / 100
        kinds.add(share.qualifier)
    if low != high:
        return Value(low.normalize(), Qualifier.RANGE, upper=high.normalize())
    if kinds <= {Qualifier.EXACT}:
        return Value(low.normalize())
    return Value(low.normalize(), Qualifier.APPROXIMATELY)


def state_links(
    ds: Dataset, entity: Entity, _seen: frozenset[str] = frozenset()
) -> tuple[OwnershipLink, ...]:
    """Chains by which the state holds an entity; see `Dataset.state_links`."""
    links: list[OwnershipLink] = []
    for stake in ds.owners_of(entity.id):
        if stake.party in _seen:
            continue  # a cycle in users' data
        if _state_linked_holder(ds, stake):
            links.append(OwnershipLink((stake,), effective_share([stake.share])))
        if stake.party is not None:
            parent = ds.entity(stake.party)
            for above in state_links(ds, parent, _seen | {entity.id}):
                chain = (*above.chain, stake)
                links.append(OwnershipLink(chain, effective_share([r.share for r in chain])))
    return tuple(links)
