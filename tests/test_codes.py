"""The ISO code lists: generated from pycountry at release time, committed, kept current."""

from __future__ import annotations

import countries

from rareearth._codes import iso_3166


class TestIso3166:
    def test_list_is_current(self) -> None:
        """The committed codes are what tools/countries.py writes from pycountry now."""
        assert countries.TARGET.read_text(encoding="utf-8") == countries.text(), (
            "src/rareearth/countries.json is out of date: run python tools/countries.py"
        )

    def test_assigned_codes_only(self) -> None:
        """The 249 assigned codes: China and Taiwan are in; 'XX' and the old 'YU' are not."""
        assert len(iso_3166()) == 249
        assert {"CN", "TW", "US", "AU"} <= iso_3166()
        assert not {"XX", "YU", "cn", "UK"} & iso_3166()
