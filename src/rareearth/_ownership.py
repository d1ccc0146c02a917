"""Ownership: who holds an entity, and how the state does, by one rule.

The rule, written once here and used by `state_links`, `state_share` and
the plots:

- A *state holder* is a holder recorded as the state, a state-owned or a
  government enterprise, or an entity that is itself state or state-owned.
- An entity is *state-linked* when it is itself state or state-owned, or
  when a chain of ownership (stakes, joint ventures, parents) leads up to it
  from a state holder. A chain stops at the first state holder going up: a
  state holder's own owners add nothing to the state's share.
- Its state-linked share adds up the chains' effective shares (the product
  of the shares along each); a chain with an undisclosed share is listed,
  not added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from rareearth._index import Index
from rareearth._records import Entity, OwnershipType, Relationship
from rareearth._tables import (
    Layout,
    Table,
    Tabular,
    col,
    layout_for,
    register_layout,
    value_columns,
)
from rareearth._values import Qualifier, Value, exact, share_label, sum_values

__all__ = [
    "OwnershipLink",
    "StateShare",
    "effective_share",
    "is_state_entity",
    "state_holder",
    "state_links",
    "state_share",
]

_STATE_ENTITIES = frozenset({OwnershipType.STATE, OwnershipType.STATE_OWNED})


def is_state_entity(entity: Entity) -> bool:
    """Whether an entity is itself the state or state-owned."""
    return entity.ownership in _STATE_ENTITIES


def state_holder(relationship: Relationship, party: Entity | None) -> bool:
    """Whether the holder in an ownership relation is a state holder (see the module).

    Args:
        relationship: The stake, joint venture or parent relation.
        party: The holder's entity, or ``None`` for a holder with no entity.
    """
    return relationship.state_linked or (party is not None and is_state_entity(party))


@attrs.frozen
class OwnershipLink:
    """How the state holds an entity: a chain of stakes from a state holder down to it.

    An entity that is itself state or state-owned has a link with no chain.

    Attributes:
        entity: The id of the entity held.
        chain: The ownership relations, from the state holder down to the
            entity; empty when the entity is itself state or state-owned.
        effective: The holder's effective share of the entity: the product
            of the shares along the chain, or ``None`` when any is undisclosed
            (and for an entity that is itself state-owned).
        itself: For an entity that is itself state or state-owned, which.
    """

    entity: str
    chain: tuple[Relationship, ...]
    effective: Value | None
    itself: OwnershipType | None = None

    @property
    def holder(self) -> str:
        """The state holder's entity id, or its label when it has none."""
        if not self.chain:
            return self.entity
        top = self.chain[0]
        return top.party or top.party_label or ""

    @property
    def path(self) -> str:
        """The holder and each entity below it, joined by arrows."""
        return " → ".join([self.holder, *(r.subject for r in self.chain)])

    def __str__(self) -> str:
        return f"{self.path} ({_effective_label(self)})"


@attrs.frozen
class StateShare(Tabular):
    """The state-linked share of an entity: its state links, added up.

    Attributes:
        entity: The entity.
        value: The sum of the links' effective shares where known, keeping
            their qualifiers; ``None`` if no link's share is known.
        links: Every state link (the answer of `state_links`).
        notes: What the sources say about these stakes that a reader should know.
    """

    entity: Entity
    value: Value | None
    links: tuple[OwnershipLink, ...]
    notes: tuple[str, ...] = ()

    @property
    def stakes(self) -> tuple[Relationship, ...]:
        """The entity's own ownership relations through which a known share runs."""
        return _bottoms(link for link in self.links if link.effective is not None)

    @property
    def undisclosed(self) -> tuple[Relationship, ...]:
        """Its ownership relations through which a state link of undisclosed share runs."""
        known = set(self.stakes)
        return tuple(
            r
            for r in _bottoms(link for link in self.links if link.effective is None)
            if r not in known
        )

    @property
    def state_linked(self) -> bool:
        """Whether the entity is state-linked at all."""
        return bool(self.links)

    def table(self) -> Table:
        """The state links as a table, those with a known share first."""
        ordered = sorted(self.links, key=lambda link: link.effective is None)
        return layout_for(OwnershipLink).build(ordered, str(self))

    def __str__(self) -> str:
        name = self.entity.name
        if self.value is not None:
            parts = " + ".join(share_label(link.effective) for link in self.links if link.effective)
            return f"{name}: {self.value}% state-linked ({parts})"
        if self.entity.ownership in _STATE_ENTITIES:
            return (
                f"{name}: itself {self.entity.ownership.value}; no state-linked stake is recorded"
            )
        if self.links:
            return f"{name}: state-linked share not disclosed"
        return f"{name}: no state-linked stake is recorded"


def _bottoms(links: Iterable[OwnershipLink]) -> tuple[Relationship, ...]:
    found: dict[str, Relationship] = {}
    for link in links:
        if link.chain:
            found.setdefault(link.chain[-1].id, link.chain[-1])
    return tuple(found.values())


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
    if len(shares) == 1:  # a direct stake: its own share, with its own qualifier
        share = shares[0]
        return None if share is None else attrs.evolve(share, text=None)
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


def state_links(index: Index, entity: Entity) -> tuple[OwnershipLink, ...]:
    """Every state link of an entity, by the module's rule; see `Dataset.state_links`."""
    links: list[OwnershipLink] = []
    if is_state_entity(entity):
        links.append(OwnershipLink(entity.id, (), None, entity.ownership))
    for chain in _chains(index, entity.id):
        effective = effective_share([r.share for r in chain])
        links.append(OwnershipLink(entity.id, chain, effective))
    return tuple(links)


#: A step of the walk up: a chain found (no entity), or an entity to look
#: above, with the stakes below it and the entities on the way down (a cycle
#: in users' data stops there).
_Step = tuple[tuple[Relationship, ...], str | None, frozenset[str]]


def _chains(index: Index, entity_id: str) -> list[tuple[Relationship, ...]]:
    """Chains from a state holder down to ``entity_id``, through no state holder between.

    Walked with a stack of its own, not by recursion: a chain of thousands of
    stakes in users' data must not exhaust Python's. The order is a
    depth-first walk of each entity's owners, in their order.
    """
    found: list[tuple[Relationship, ...]] = []
    steps: list[_Step] = [((), entity_id, frozenset({entity_id}))]
    while steps:
        below, above, seen = steps.pop()
        if above is None:
            found.append(below)
            continue
        ahead: list[_Step] = []
        for stake in index.owners_of(above):
            party = None if stake.party is None else index.entity(stake.party)
            if state_holder(stake, party):
                ahead.append(((stake, *below), None, seen))
            elif stake.party is not None and stake.party not in seen:
                ahead.append(((stake, *below), stake.party, seen | {stake.party}))
        steps.extend(reversed(ahead))
    return found


def state_share(index: Index, entity: Entity) -> StateShare:
    """Add up an entity's state links; see `Dataset.state_share`."""
    links = state_links(index, entity)
    known = [link.effective for link in links if link.effective is not None]
    notes = dict.fromkeys(note for link in links for r in link.chain for note in r.notes)
    return StateShare(entity, sum_values(known) if known else None, links, tuple(notes))


def _effective_label(link: OwnershipLink) -> str:
    return share_label(link.effective) if link.itself is None else f"itself {link.itself.value}"


def _link_layout() -> Layout:
    return Layout(
        "ownership links",
        (
            *col("holder", "str", lambda link: link.holder),
            *col("entity", "str", lambda link: link.entity),
            *col("chain", "str", lambda link: link.path),
            *value_columns("effective", lambda link: link.effective),
        ),
        (
            ("chain", lambda link: link.path),
            ("effective share", _effective_label),
        ),
    )


register_layout(OwnershipLink, _link_layout)
