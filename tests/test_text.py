"""Text rules: the folded key names are matched by, and what counts as invisible."""

from __future__ import annotations

import pytest

from rareearth._text import has_visible, normalize_key


class TestHasVisible:
    @pytest.mark.parametrize(
        "text",
        [
            "",
            " \t\n",
            "\u200b\u200c\u200d",  # zero-width space, non-joiner, joiner
            "\u200e\u200f\u2066\u2069",  # direction marks and isolates
            "\ufeff\u00ad\u3164",  # byte-order mark, soft hyphen, Hangul filler
            "\U000e0041\U000e007f",  # tag characters
        ],
    )
    def test_invisible(self, text: str) -> None:
        """Spaces, zero-width characters, direction marks and format characters show nothing."""
        assert not has_visible(text)

    @pytest.mark.parametrize("text", ["-", "\u200bJL MAG", "北方稀土", "é"])
    def test_visible(self, text: str) -> None:
        """A letter, a digit or a mark of punctuation shows."""
        assert has_visible(text)


class TestNormalizeKey:
    def test_punctuation_folds_to_nothing(self) -> None:
        """A name of punctuation only folds to an empty key; letters of any script are kept."""
        assert normalize_key("-") == ""
        assert normalize_key("\u200b") == ""
        assert normalize_key("北方 稀土") == "北方稀土"
