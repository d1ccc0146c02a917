"""Sphinx configuration for rareearth's documentation.

Pages are MyST Markdown; the API reference comes from the docstrings (Google
style, through napoleon). Build with warnings as errors::

    sphinx-build -W --keep-going -n -b html docs docs/_build/html
"""

import decimal
import fractions
import sys
from importlib.metadata import version as _version
from pathlib import Path

import rareearth

# the docs' own extension: figures drawn by rareearth.plot at build time
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# rareearth imports its public names on first use, and the names its
# signatures use only for type checkers; autodoc reads the signatures' types
# from the module's namespace, so it gets them all first.
for _name in rareearth.__all__:
    getattr(rareearth, _name)
rareearth._Decimal = decimal.Decimal  # type: ignore[attr-defined] # noqa: SLF001
rareearth._Fraction = fractions.Fraction  # type: ignore[attr-defined] # noqa: SLF001

project = "rareearth"
author = "The rareearth developers"
copyright = "2025–2026, The rareearth developers"  # noqa: A001 - Sphinx's name
release = _version("rareearth")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "rareearth_docs",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]
myst_heading_anchors = 3
# Quotes stay as written: smart quotes turned "≈ 9.4%" into ”≈ 9.4%”.
smartquotes = False

# The reference shows the public names, in source order, with attrs' generated
# signatures; type hints stay in the signature, where attrs puts them.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
add_module_names = False
python_use_unqualified_type_names = True
# `name` in a docstring is a cross-reference, checked like the others
default_role = "py:obj"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# Nitpicky mode checks every cross-reference. The documentation is built with
# no network, so there is no intersphinx inventory for the standard library or
# third-party packages: references into them are left unlinked on purpose.
nitpick_ignore_regex = [
    (r"py:.*", r"(datetime|dt|decimal|fractions|collections|typing|pathlib|os|io|enum|re)\..*"),
    (r"py:.*", r"types\..*"),
    (r"py:.*", r"(attrs|attr|cattrs|matplotlib|pandas|dateutil)\..*"),
    (
        r"py:(class|obj)",
        r"(Decimal|Fraction|Path|PathLike|TextIO|Iterable|Iterator|Sequence|Mapping|Callable)",
    ),
    # type variables, and the internal index a Dataset is built from
    (r"py:class", r"(rareearth\.(_\w+\.)?)?_[A-Z]"),
    (r"py:class", r"(rareearth\._index\.)?Index"),
]

html_theme = "furo"
html_title = f"rareearth {release}"
html_theme_options = {
    "source_repository": "https://github.com/rareearth/rareearth/",
    "source_branch": "main",
    "source_directory": "docs/",
}
