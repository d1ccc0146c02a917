"""Money and conversion with the rates the sources imply: run with `python examples/currency.py`.

Shows a conversion on a date, which rate it used and where that rate comes
from; the same amount with no date (the latest rate) and with a named rate;
a conversion through a common currency; your own rate table; and the error
when no rate links two currencies. Nothing touches the network.
"""

from __future__ import annotations

import rareearth as ree


def main() -> None:
    """Convert JL MAG's phase III investment and the NdFeB price, saying which rates were used."""
    phase = ree.facility("jl-mag-baotou-base").phases[-1]
    if phase.investment is None:  # a phase's investment is optional; this one is given
        raise SystemExit(f"{phase.id} states no investment")
    invested = phase.investment.amount
    print(f"{phase.name} investment: {invested}, printed as {phase.investment.text!r}")

    on_the_day = ree.convert(invested, "USD", on="2025-07-10")
    print(f"\n{on_the_day}")
    [leg] = on_the_day.path.legs
    if leg.record is not None:
        print(f"  rate {leg.record.id}, derived: {leg.record.derived.rule}")
        print(f"  quoted from source {leg.source}: “{leg.record.cites[0].quote}”")

    print("\nThe same amount without a date takes the latest rate; a named rate is used as is:")
    for conversion in (
        ree.convert(invested, "USD"),
        ree.convert(invested, "USD", rate="rate-002-cny-usd"),
    ):
        # rounded(-4): to the nearest ten thousand, so millions show two decimals
        print(f"  {conversion.result.rounded(-4)} at {conversion.path}")

    print("\nUSD to AUD has no direct rate; it goes through CNY:")
    print(f"  {ree.convert(ree.Money(72, 'USD'), 'AUD', on='2025-10')}")

    print("\nYour own rate, when you have a better one:")
    print(f"  {ree.convert(ree.Money('100e6', 'RMB'), 'USD', rates={('CNY', 'USD'): '0.14'})}")

    print("\nMoney adds exactly, and refuses to mix currencies:")
    total = ree.Money("20e6", "CNY") + ree.Money("100e6", "CNY")
    print(f"  {total}")
    try:
        print(total + ree.Money(1, "USD"))
    except ree.CurrencyError as e:
        print(f"  {type(e).__name__}: {e}")

    try:
        ree.convert(ree.Money(1, "EUR"), "CNY")
    except ree.NoRateError as e:
        print(f"\n{type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
