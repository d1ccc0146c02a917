"""Prices, shares and statistics with their qualifiers: run with `python examples/figures.py`.

Shows a price range with the equivalents printed beside it, figures about a
company and who claims them, a derived figure with the rule that derives it,
figures whose period falls in a window, and claims that are not numbers.
"""

from __future__ import annotations

import rareearth as ree


def main() -> None:
    """Print the NdFeB price, JL MAG's figures, China's magnet exports and who claims what."""
    [price] = ree.figures(metric="ndfeb-price")
    print(f"NdFeB price: {price.value} {price.unit} ({price.value.qualifier}), {price.period}")
    print(f"  printed as {price.value.text!r}, midpoint {price.value.midpoint}")
    for equivalent in price.equivalents:
        print(f"  printed beside it: {equivalent.value} {equivalent.unit}")
    print(f"  source {price.cites[0].source}: “{price.cites[0].quote}”")

    print("\nFigures about JL MAG, and who claims them:")
    for figure in ree.figures(entity="JL MAG"):
        said = f"claimed by {', '.join(figure.claimed_by)}" if figure.claimed_by else "stated"
        source = figure.cites[0].source[:3]
        print(f"  {figure.metric}: {figure.value} {figure.unit_label} ({said} in source {source})")

    print("\nChina's magnet exports, March and April 2025:")
    for figure in ree.figures(metric="magnet-exports", start="2025-03", end="2025-04"):
        how = (
            f"derived: {figure.derived.rule}"
            if figure.derived is not None
            else f"as printed: {figure.value.text!r}"
        )
        print(f"  {figure.period}: {figure.value} {figure.unit_label}, {how}")

    print("\nProjections, which are not facts yet:")
    print(ree.figures(kind="projection"))

    print("\nClaims about JL MAG that are not numbers:")
    for claim in ree.dataset().claims:
        if claim.subject == "jl-mag":
            print(f"  {', '.join(claim.claimed_by)}: {claim.statement}")


if __name__ == "__main__":
    main()
