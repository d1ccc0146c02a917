"""Write the ISO 3166 alpha-2 country codes rareearth accepts, from pycountry's copy.

Run at release time (and whenever pycountry is bumped), then commit the file:

    python tools/countries.py            # writes src/rareearth/countries.json
    python tools/countries.py --check    # exits 1 when the file is not current

pycountry carries ISO 3166-1 as Debian's iso-codes publish it: the officially
assigned codes, so that ``"XX"`` or a typo cannot pass as a country.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

import generated
import pycountry

TARGET = Path(__file__).resolve().parent.parent / "src" / "rareearth" / "countries.json"


def text() -> str:
    """The file's text: the codes, sorted, and where they come from."""
    document = {
        "about": "ISO 3166-1 alpha-2 codes rareearth accepts; written by tools/countries.py.",
        "source": f"pycountry {version('pycountry')}",
        "codes": sorted(c.alpha_2 for c in pycountry.countries),
    }
    return json.dumps(document, indent=1) + "\n"


if __name__ == "__main__":
    sys.exit(generated.main(TARGET, text, "Write the ISO 3166 country codes rareearth accepts."))
