"""The version and metadata agree everywhere a release states them."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import metadata, version
from pathlib import Path

import rareearth as ree

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_code_version_is_the_package_version() -> None:
    """`rareearth.__version__` is pyproject's version, as installed (`rareearth --version`)."""
    assert ree.__version__ == PYPROJECT["version"] == version("rareearth")


def test_citation_names_the_version() -> None:
    """CITATION.cff cites the version being released."""
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^version: (\S+)$", citation, re.MULTILINE)[1] == ree.__version__  # type: ignore[index]


def test_installed_metadata_declares_the_runtime_dependencies() -> None:
    """The installed metadata requires exactly pyproject's three runtime dependencies."""
    requires = metadata("rareearth").get_all("Requires-Dist") or []
    plain = sorted(r for r in requires if "extra ==" not in r)
    assert (
        plain
        == sorted(PYPROJECT["dependencies"])
        == [
            "attrs>=23.1.0",
            "cattrs>=24.1.0",
            "python-dateutil>=2.8.2",
        ]
    )
