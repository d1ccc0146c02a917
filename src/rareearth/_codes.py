"""The ISO code lists rareearth checks codes against: currencies and countries.

Both are data, not code: ``tools/currencies.py`` and ``tools/countries.py``
write them at release time from pycountry's copy of the standards, and
tests keep the committed files current.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["CURRENCY_ALIASES", "iso_3166", "iso_4217"]


def _codes(name: str) -> frozenset[str]:
    """The ``codes`` of a generated list that ships beside this module."""
    path = os.path.join(os.path.dirname(__file__), name)  # noqa: PTH118, PTH120
    if not os.path.isfile(path):  # noqa: PTH113  # pragma: no cover - only from a zip
        from importlib import resources  # noqa: PLC0415

        text = (resources.files("rareearth") / name).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as f:  # noqa: PTH123 - no pathlib on the way
            text = f.read()
    return frozenset(json.loads(text)["codes"])


@functools.cache
def iso_4217() -> frozenset[str]:
    """The ISO 4217 codes rareearth accepts, read on first use from ``currencies.json``.

    A code outside them is refused, so that a typo cannot pass as a currency.

    >>> "CNY" in iso_4217(), "RMB" in iso_4217()
    (True, False)
    """
    return _codes("currencies.json")


@functools.cache
def iso_3166() -> frozenset[str]:
    """The ISO 3166 alpha-2 country codes, read on first use from ``countries.json``.

    >>> "CN" in iso_3166(), "XX" in iso_3166()
    (True, False)
    """
    return _codes("countries.json")


#: Names sources use for a currency, mapped to its ISO 4217 code.
CURRENCY_ALIASES: Mapping[str, str] = MappingProxyType({"RMB": "CNY", "CNH": "CNY"})
