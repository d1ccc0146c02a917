"""Write the ISO 4217 currency codes rareearth accepts, from pycountry's copy of the standard.

Run at release time (and whenever pycountry is bumped), then commit the file:

    python tools/currencies.py            # writes src/rareearth/currencies.json
    python tools/currencies.py --check    # exits 1 when the file is not current

pycountry carries ISO 4217 as Debian's iso-codes publish it. Every code in it
is kept but the two the standard reserves for testing (XTS) and for "no
currency" (XXX): a fact file may price in gold (XAU) or special drawing
rights (XDR), never in a test code.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

import generated
import pycountry

TARGET = Path(__file__).resolve().parent.parent / "src" / "rareearth" / "currencies.json"
#: Codes ISO 4217 reserves for testing and for transactions with no currency.
NOT_CURRENCIES = frozenset({"XTS", "XXX"})


def text() -> str:
    """The file's text: the codes, sorted, and where they come from."""
    codes = sorted({c.alpha_3 for c in pycountry.currencies} - NOT_CURRENCIES)
    document = {
        "about": "ISO 4217 currency codes rareearth accepts; written by tools/currencies.py.",
        "source": f"pycountry {version('pycountry')}",
        "codes": codes,
    }
    return json.dumps(document, indent=1) + "\n"


if __name__ == "__main__":
    sys.exit(generated.main(TARGET, text, "Write the ISO 4217 codes rareearth accepts."))
