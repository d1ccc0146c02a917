"""Text rules every layer shares: the key names are matched by, and what is invisible."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["INVISIBLE", "INVISIBLE_BMP", "has_visible", "normalize_key"]

_PUNCT = re.compile(r"[\W_]+")
_ASCII_PUNCT = bytes(c for c in range(128) if not chr(c).isalnum())


def normalize_key(text: str) -> str:
    """Fold case and drop punctuation and spaces: the form keys are matched in.

    >>> normalize_key("JL MAG Rare-Earth Co., Ltd.")
    'jlmagrareearthcoltd'
    """
    folded = text.casefold()
    if folded.isascii():  # the usual case: deleting bytes is quicker than the pattern
        return folded.encode("ascii").translate(None, _ASCII_PUNCT).decode("ascii")
    return _PUNCT.sub("", folded)


#: Characters that show nothing, as a regex class body (BMP only): control
#: characters, Unicode's white space, and its default-ignorable code points
#: (zero-width spaces and joiners, direction marks and isolates, the soft
#: hyphen, variation selectors, the byte-order mark, Hangul fillers). Written
#: out rather than read from `unicodedata`, so that the rule, and the JSON
#: Schema written from it, do not change with the Python that runs them; and
#: in ``\uXXXX`` escapes, which Python's and ECMAScript's regexes both read.
INVISIBLE_BMP: Final = (
    r"\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5"
    r"\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f"
    r"\ufeff\uffa0\ufff0-\ufff8"
)
#: `INVISIBLE_BMP` and the default-ignorable code points beyond the BMP
#: (shorthand format controls, musical format characters, tags, variation
#: selectors supplement), which the JSON Schema cannot write portably.
INVISIBLE: Final = (
    INVISIBLE_BMP + r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_VISIBLE = re.compile(f"[^{INVISIBLE}]")


def has_visible(text: str) -> bool:
    """Whether ``text`` has a character that shows: not only spaces, zero-width or direction marks.

    >>> has_visible("JL MAG"), has_visible(" " + chr(0x200B) + chr(0x200E) + chr(0x2066))
    (True, False)
    """
    return _VISIBLE.search(text) is not None
