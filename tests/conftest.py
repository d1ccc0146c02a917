"""Shared fixtures: the shipped data set and the source texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import rareearth as ree
from rareearth._quotes import read_source_texts

SOURCES_ENV = "RAREEARTH_SOURCES_DIR"


@pytest.fixture(scope="session")
def ds() -> ree.Dataset:
    return ree.dataset()


@pytest.fixture(scope="session")
def source_texts() -> dict[str, str]:
    """The five source texts, or a skip (a failure in CI) saying why."""
    folder = os.environ.get(SOURCES_ENV, "")
    required = os.environ.get("RAREEARTH_REQUIRE_SOURCES") == "1"
    if not folder:
        reason = f"{SOURCES_ENV} is not set: point it at the folder of source texts"
    elif not Path(folder).is_dir():
        reason = f"{SOURCES_ENV}={folder!r} is not a folder"
    else:
        texts = read_source_texts(folder)
        if len(texts) == 5:
            return texts
        reason = f"{SOURCES_ENV} holds {len(texts)} .txt files, not the five sources"
    if required:
        pytest.fail(reason)
    pytest.skip(reason)
