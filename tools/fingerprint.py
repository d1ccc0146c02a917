"""Write ``src/rareearth/data/fingerprint.txt``: the fingerprint of the shipped files, once checked.

Run it after changing the shipped data (``--check`` says whether the file is
current). It first reads the files with every check the loader makes, and
writes nothing if one fails: the fingerprint says that these files passed.
At run time, files with this fingerprint are read without checking them
again; files without it are checked in full.
"""

from __future__ import annotations

import sys
from pathlib import Path

import generated

from rareearth._facts import FINGERPRINT_FILE, fingerprint, shipped_documents
from rareearth._load import load_documents

TARGET = Path(__file__).resolve().parent.parent / "src" / "rareearth" / "data" / FINGERPRINT_FILE


def fingerprint_text() -> str:
    """The fingerprint file's text, after every check of the shipped files has passed."""
    documents = list(shipped_documents())
    texts = [d.text for d in documents]
    load_documents(documents)  # raises DataError, naming each problem
    return fingerprint(texts) + "\n"


if __name__ == "__main__":
    sys.exit(generated.main(TARGET, fingerprint_text, __doc__.splitlines()[0]))
