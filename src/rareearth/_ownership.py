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

Cross-holdings can make cycles, and the chains of a web of stakes can be
exponentially many, so the walk up from an entity visits each entity once
and gathers its chains from its owners' (the cost grows with the stakes).
It goes depth first, owners in their order, and does not follow a stake
back to an entity it is still above: a chain never passes an entity twice,
and the stakes cut that way are named in the answer. The share counts every
chain; at most `MAX_CHAINS` are listed, of at most `MAX_CHAIN_LENGTH` stakes
each, and the answer says how many more there are.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Final

import attrs

from rareearth._index import Index
from rareearth._records import Entity, OwnershipType, Relationship
from rareearth._tables import (
    Layout,
    Records,
    Table,
    Tabular,
    col,
    count,
    layout_for,
    register_layout,
    value_columns,
)
from rareearth._values import Qualifier, Value, exact, share_label, sum_values

__all__ = [
    "MAX_CHAINS",
    "MAX_CHAIN_LENGTH",
    "OwnershipLink",
    "StateShare",
    "effective_share",
    "is_state_entity",
    "state_holder",
    "state_links",
    "state_share",
]

#: At most this many chains are listed in one answer; the share still adds up
#: every chain, and the answer counts those not listed.
MAX_CHAINS: Final = 1000
#: Chains of more stakes than this are added up but not listed.
MAX_CHAIN_LENGTH: Final = 50
#: Chains are counted up to this many; an answer with more says "at least".
_COUNT_CAP: Final = 10**18
#: Steps of the listing walk; each leads to a listed chain, so this is a backstop.
_STEPS: Final = 20 * MAX_CHAINS * MAX_CHAIN_LENGTH

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
        value: The sum of the chains' effective shares where known, keeping
            their qualifiers; ``None`` if no chain's share is known. It
            counts every chain, listed or not.
        links: The state links listed (the answer of `state_links`).
        notes: What the sources say about these stakes that a reader should know.
        stakes: The entity's own ownership relations through which a known
            share runs.
        undisclosed: Its ownership relations through which only state links
            of undisclosed share run.
        more: How many chains are added up but not listed: beyond the
            first 1,000, or longer than 50 stakes; ``10**18`` stands for
            that many or more.
        cycles: Stakes not followed because they lead back to an entity
            already on the way up (a cycle of cross-holdings).
    """

    entity: Entity
    value: Value | None
    links: tuple[OwnershipLink, ...]
    notes: tuple[str, ...] = ()
    stakes: tuple[Relationship, ...] = ()
    undisclosed: tuple[Relationship, ...] = ()
    more: int = 0
    cycles: tuple[Relationship, ...] = ()

    @property
    def state_linked(self) -> bool:
        """Whether the entity is state-linked at all."""
        return bool(self.links) or self.more > 0

    def table(self) -> Table:
        """The state links as a table, those with a known share first."""
        ordered = sorted(self.links, key=lambda link: link.effective is None)
        return layout_for(OwnershipLink).build(ordered, str(self))

    def __str__(self) -> str:
        name = self.entity.name
        if self.value is not None:
            parts = [share_label(k.effective) for k in self.links if k.effective is not None]
            if len(parts) > _PARTS_SHOWN or self.more:
                parts[_PARTS_SHOWN:] = ["…"]
            said = f"{name}: {self.value}% state-linked"
            if any(k.chain for k in self.links):
                said += f" ({' + '.join(parts)})"
        elif self.entity.ownership in _STATE_ENTITIES:
            said = (
                f"{name}: itself {self.entity.ownership.value}; no state-linked stake is recorded"
            )
        elif self.state_linked:
            said = f"{name}: state-linked share not disclosed"
        else:
            said = f"{name}: no state-linked stake is recorded"
        if self.more:
            said += f"; {_unlisted_label(self.more, listed=any(link.chain for link in self.links))}"
        if self.cycles:
            said += f"; {count(len(self.cycles), 'stakes')} closing a cycle not followed"
        return said


#: How many links' shares `StateShare` prints before "…".
_PARTS_SHOWN: Final = 12


def _unlisted_label(more: int, *, listed: bool = True) -> str:
    """How an answer says that chains were left out of its list.

    >>> _unlisted_label(1_048), _unlisted_label(1, listed=False), _unlisted_label(10**18)
    ('1,048 more chains not listed', '1 chain not listed', 'at least 10^18 more chains not listed')
    """
    if more >= _COUNT_CAP:
        return "at least 10^18 more chains not listed"
    return f"{more:,} {'more ' if listed else ''}chain{'' if more == 1 else 's'} not listed"


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


@exact
def state_links(index: Index, entity: Entity) -> Records[OwnershipLink]:
    """Every state link of an entity, by the module's rule; see `Dataset.state_links`.

    At most `MAX_CHAINS` chains are listed, each of at most
    `MAX_CHAIN_LENGTH` stakes; the answer's ``more`` counts those left out.
    """
    walk = _Walk(index, entity.id)
    links = _links(entity, walk)
    return Records(links, OwnershipLink, more=walk.unlisted(links))


@exact
def state_share(index: Index, entity: Entity) -> StateShare:
    """Add up an entity's state links; see `Dataset.state_share`.

    The sum comes from the chains gathered entity by entity (see `_Walk`),
    not from the links listed, so that it counts the chains left unlisted.
    """
    walk = _Walk(index, entity.id)
    links = _links(entity, walk)
    return StateShare(
        entity,
        walk.value(),
        links,
        walk.notes(links),
        stakes=walk.stakes(known=True),
        undisclosed=walk.stakes(known=False),
        more=walk.unlisted(links),
        cycles=walk.cut,
    )


def _links(entity: Entity, walk: _Walk) -> tuple[OwnershipLink, ...]:
    itself = is_state_entity(entity)
    return (
        *([OwnershipLink(entity.id, (), None, entity.ownership)] if itself else []),
        *(
            OwnershipLink(entity.id, chain, effective_share([r.share for r in chain]))
            for chain in walk.listed()
        ),
    )


#: What a chain's effective share needs besides its ends, when chains are
#: gathered rather than kept: the qualifiers of its shares, whether its low
#: and high ends differ, and whether it is zero.
_Kind = tuple[frozenset[Qualifier], bool, bool]


def _kind_of(share: Value) -> _Kind:
    return frozenset({share.qualifier}), share.low != share.high, share.high == 0


def _below(kind: _Kind, share: Value) -> _Kind:
    """The kind of a chain extended down by a stake of ``share``.

    Shares are from 0 to 100, so a product's ends differ exactly when a
    factor's ends differ and neither end is zero.
    """
    qualifiers, ranged, zero = kind
    zero = zero or share.high == 0
    return qualifiers | {share.qualifier}, (ranged or share.low != share.high) and not zero, zero


def _extended(
    sums: dict[_Kind, tuple[Decimal, Decimal]], share: Value
) -> Iterator[tuple[_Kind, Decimal, Decimal]]:
    """Chains gathered by kind, each extended down by a stake of ``share``."""
    for kind, (low, high) in sums.items():
        yield _below(kind, share), low * share.low / 100, high * share.high / 100


def _chain_value(kind: _Kind, low: Decimal, high: Decimal) -> Value:
    """The effective share of chains of one kind, added up: as `effective_share` gives each."""
    qualifiers, ranged, _ = kind
    if ranged:
        return Value(low.normalize(), Qualifier.RANGE, upper=high.normalize())
    if qualifiers <= {Qualifier.EXACT}:
        return Value(low.normalize())
    return Value(low.normalize(), Qualifier.APPROXIMATELY)


class _Chains:
    """The chains from state holders down to one entity, gathered.

    Attributes:
        count: How many there are, up to `_COUNT_CAP`.
        shortest: The fewest stakes in one of them (0 when there is none).
        sums: The low and high ends of the known chains' effective shares,
            added up by kind.
    """

    __slots__ = ("count", "shortest", "sums")

    def __init__(self) -> None:
        self.count = 0
        self.shortest = 0
        self.sums: dict[_Kind, tuple[Decimal, Decimal]] = {}

    def add(self, count: int, length: int) -> None:
        self.count = min(self.count + count, _COUNT_CAP)
        self.shortest = min(self.shortest or length, length)

    def add_share(self, kind: _Kind, low: Decimal, high: Decimal) -> None:
        was_low, was_high = self.sums.get(kind, (Decimal(0), Decimal(0)))
        self.sums[kind] = (was_low + low, was_high + high)


#: A stake the walk follows up from an entity, with the owner to look above
#: (``None`` when the stake is held by a state holder: a chain starts there).
_Up = tuple[Relationship, str | None]


class _Walk:
    """A depth-first walk up from an entity through its owners, each entity once.

    Each entity's chains are gathered from its owners' once, so the cost
    grows with the stakes, not with the chains (which can be exponentially
    many). A stake leading back to an entity the walk is still above (a
    cycle of cross-holdings) is not followed: it is kept in `cut`. What is
    left is acyclic, and its chains are the state links.

    Attributes:
        root: The entity asked about.
        up: For each entity reached, the stakes followed up from it that
            lead to a chain, in the order of its owners.
        chains: For each entity reached, its chains gathered.
        cut: The stakes not followed because they close a cycle.
    """

    def __init__(self, index: Index, root: str) -> None:
        self.root = root
        self.up: dict[str, list[_Up]] = {root: []}
        self.chains: dict[str, _Chains] = {}
        cut: list[Relationship] = []
        # A stack of its own, not recursion: a chain of thousands of stakes
        # in users' data must not exhaust Python's.
        path = {root}
        stack = [(root, iter(index.owners_of(root)))]
        while stack:
            here, owners = stack[-1]
            for stake in owners:
                party = None if stake.party is None else index.entity(stake.party)
                if state_holder(stake, party):
                    self.up[here].append((stake, None))
                elif stake.party is None:
                    continue  # a holder with no entity, not state: nothing above it
                elif stake.party in path:
                    cut.append(stake)
                else:
                    self.up[here].append((stake, stake.party))
                    if stake.party not in self.up:
                        self.up[stake.party] = []
                        path.add(stake.party)
                        stack.append((stake.party, iter(index.owners_of(stake.party))))
                        break
            else:
                stack.pop()
                path.discard(here)
                self._gather(here)
        self.cut = tuple(cut)

    def _gather(self, here: str) -> None:
        """Gather an entity's chains from its owners' (all gathered already)."""
        found = _Chains()
        live: list[_Up] = []
        for stake, owner in self.up[here]:
            share = stake.share
            if owner is None:
                found.add(1, 1)
                if share is not None:
                    found.add_share(_kind_of(share), share.low, share.high)
            else:
                above = self.chains[owner]
                if not above.count:
                    continue
                found.add(above.count, above.shortest + 1)
                if share is not None:
                    for kind, low, high in _extended(above.sums, share):
                        found.add_share(kind, low, high)
            live.append((stake, owner))
        self.up[here] = live
        self.chains[here] = found

    def value(self) -> Value | None:
        """The sum of the known chains' effective shares, as `sum_values` adds them."""
        terms: list[Value] = []
        for stake, owner in self.up[self.root]:
            share = stake.share
            if share is None:
                continue
            if owner is None:  # a direct stake: its own share, with its own qualifier
                terms.append(attrs.evolve(share, text=None))
                continue
            terms.extend(_chain_value(*sums) for sums in _extended(self.chains[owner].sums, share))
        return sum_values(terms) if terms else None

    def stakes(self, *, known: bool) -> tuple[Relationship, ...]:
        """The root's own stakes through which a chain of known share runs, or only unknown."""
        return tuple(
            stake
            for stake, owner in self.up[self.root]
            if known
            is (stake.share is not None and (owner is None or bool(self.chains[owner].sums)))
        )

    def listed(self) -> list[tuple[Relationship, ...]]:
        """The chains to list, from the state holder down, depth first in the owners' order.

        An owner is looked above only when a chain short enough to list
        runs through it, so each step leads to a listed chain; `_STEPS`
        bounds the walk all the same.
        """
        found: list[tuple[Relationship, ...]] = []
        below: list[Relationship] = []  # the stakes from the root up to where the walk is
        stack = [iter(self.up[self.root])]
        steps = 0
        while stack and len(found) < MAX_CHAINS and steps < _STEPS:
            for stake, owner in stack[-1]:
                steps += 1
                length = len(below) + 1
                if owner is None:
                    if length <= MAX_CHAIN_LENGTH:
                        found.append((stake, *reversed(below)))
                elif length + self.chains[owner].shortest <= MAX_CHAIN_LENGTH:
                    below.append(stake)
                    stack.append(iter(self.up[owner]))
                    break
                if len(found) == MAX_CHAINS or steps == _STEPS:
                    break
            else:
                stack.pop()
                if below:
                    below.pop()
        return found

    def unlisted(self, links: Sequence[OwnershipLink]) -> int:
        """How many chains are counted but not listed; `_COUNT_CAP` when too many to count."""
        count = self.chains[self.root].count
        if count >= _COUNT_CAP:
            return _COUNT_CAP
        return count - sum(1 for link in links if link.chain)

    def notes(self, links: Sequence[OwnershipLink]) -> tuple[str, ...]:
        """The notes of every stake on a chain: those of the listed links first, in order."""
        listed = (note for link in links for r in link.chain for note in r.notes)
        rest = (note for ups in self.up.values() for r, _ in ups for note in r.notes)
        return tuple(dict.fromkeys(itertools.chain(listed, rest)))


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
