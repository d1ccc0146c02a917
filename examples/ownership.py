"""Who owns whom, and how much of it the state holds: run with `python examples/ownership.py`.

Shows an entity's direct owners with their shares as the sources word them,
its state-linked share (qualifiers carried through the sum), the chains by
which the state holds a joint venture, a state-owned group's holdings, and
what happens at a subsidiary whose parent's share is undisclosed.
"""

from __future__ import annotations

import rareearth as ree


def holder(stake: ree.Relationship) -> str:
    """The holder's name, or how the sources describe a holder they do not name."""
    return ree.entity(stake.party).name if stake.party is not None else str(stake.party_label)


def main() -> None:
    """Print the owners and state-linked shares of JL MAG and Northern Zhaobao Magnets."""
    print("JL MAG's direct owners:")
    for stake in ree.owners_of("JL MAG"):
        share = "undisclosed" if stake.share is None else f"{stake.share}% ({stake.share.text})"
        print(f"  {holder(stake)}: {share}, held as {stake.holder_type}")

    jl = ree.state_share("JL MAG")
    print(f"\n{jl}")
    print("  not in the sum (share undisclosed):", ", ".join(map(holder, jl.undisclosed)))

    print("\nNorthern Zhaobao Magnets, a joint venture:")
    for owner in ree.owners_of("Northern Zhaobao Magnets"):
        print(f"  {owner.kind} partner {holder(owner)}, held as {owner.holder_type}")
    print(f"  {ree.state_share('Northern Zhaobao Magnets')}")
    for link in ree.state_links("Northern Zhaobao Magnets"):
        print(f"  state-linked through: {link}")

    print("\nWhat China Northern Rare Earth holds:")
    for holding in ree.holdings_of("China Northern Rare Earth"):
        print(f"  {ree.entity(holding.subject).name}: {holding.kind}")

    print("\nJL MAG's Baotou plant belongs to a subsidiary; JL MAG's share in it is not stated:")
    print(f"  {ree.state_share('JL MAG (Baotou) Technology')}")
    for link in ree.state_links("JL MAG (Baotou) Technology"):
        print(f"  {link}")


if __name__ == "__main__":
    main()
