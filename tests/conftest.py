"""Shared fixtures: the shipped data set and the source texts."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import rareearth as ree
from rareearth._quotes import read_source_texts

SOURCES_ENV = "RAREEARTH_SOURCES_DIR"
INTEROP_ENV = "RAREEARTH_REQUIRE_INTEROP"

# Ordinary runs draw the same examples every time, so that the coverage gate
# and a failure do not depend on luck; RAREEARTH_FUZZ=slow draws fresh ones.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("fresh")
settings.load_profile("fresh" if os.environ.get("RAREEARTH_FUZZ") == "slow" else "repeatable")
_FUZZ_CASES = pytest.StashKey[Counter[str]]()


@pytest.fixture(scope="session")
def fuzz_cases(request: pytest.FixtureRequest) -> Counter[str]:
    """Cases run by the fuzzing tests, by kind; the run's summary prints them."""
    return request.config.stash.setdefault(_FUZZ_CASES, Counter())


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    cases = config.stash.get(_FUZZ_CASES, None)
    if cases:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(cases.items()))
        terminalreporter.write_line(f"fuzzing: {cases.total()} cases ({kinds})")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The parquet module's examples need pyarrow, the optional extra: without it, a skip.

    Under RAREEARTH_REQUIRE_INTEROP=1 they run, and fail if it is missing.
    """
    del config
    if os.environ.get(INTEROP_ENV) == "1" or importlib.util.find_spec("pyarrow") is not None:
        return
    skip = pytest.mark.skip(reason="pyarrow is not installed: pip install 'rareearth[parquet]'")
    for item in items:
        if item.name.startswith("rareearth._parquet."):
            item.add_marker(skip)


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


def interop(module: str) -> Any:
    """Another tool's module the export tests check a format with (the interop group).

    When it is not installed the test is skipped, saying why; with
    RAREEARTH_REQUIRE_INTEROP=1 (the main run of tools/check) it fails instead.
    """
    reason = f"{module} is not installed: pip install --group interop"
    if os.environ.get(INTEROP_ENV) != "1":
        return pytest.importorskip(module, reason=reason)
    try:
        return importlib.import_module(module)
    except ImportError:
        pytest.fail(f"{reason} ({INTEROP_ENV}=1 requires it)")


@pytest.fixture(scope="session")
def require_interop() -> Callable[[str], Any]:
    """``require_interop("followthemoney")``: `interop` as a fixture."""
    return interop


#: A user's fact file: a source of their own and a new plant for JL MAG.
USER_FACTS: dict[str, object] = {
    "sources": [
        {
            "id": "my-notes",
            "title": "Example notes, made up to show a user's fact file",
            "about": "An invented plant and stake, for examples only; not a fact about JL MAG.",
        }
    ],
    "facilities": [
        {
            "id": "jl-mag-ningbo",
            "name": "JL MAG Ningbo plant",
            "operator": "jl-mag",
            "summary": "A plant the user's notes say JL MAG runs.",
            "cites": [{"source": "my-notes", "quote": "the Ningbo plant makes 5,000 t a year"}],
            "phases": [
                {
                    "id": "jl-mag-ningbo-line-1",
                    "name": "Line 1",
                    "summary": "The first line.",
                    "cites": [{"source": "my-notes", "quote": "5,000 t a year"}],
                    "milestones": [
                        {
                            "status": "operating",
                            "date": "2025-03",
                            "cites": [{"source": "my-notes", "quote": "running since March"}],
                        }
                    ],
                    "capacity": {
                        "value": 5000,
                        "unit": "t",
                        "per": "year",
                        "product": "sintered-ndfeb-magnets",
                    },
                }
            ],
        }
    ],
    "relationships": [
        {
            "id": "my-cnre-stake",
            "kind": "stake",
            "subject": "china-northern-rare-earth",
            "party_label": "a fund the user tracks",
            "holder_type": "fund",
            "share": {"number": 2, "qualifier": "approximately", "text": "about 2%"},
            "summary": "A fund holds about 2% of China Northern Rare Earth.",
            "cites": [{"source": "my-notes", "quote": "about 2%"}],
        }
    ],
}


def _broken_facts() -> dict[str, object]:
    """USER_FACTS broken in five different ways, each in a different record."""
    facts: dict[str, Any] = json.loads(json.dumps(USER_FACTS))
    phase = facts["facilities"][0]["phases"][0]
    phase["capacity"]["value"] = "abc"  # 1. a string for a number
    facts["relationships"][0]["share"]["number"] = 120  # 2. a share over 100
    facts["sources"][0]["colour"] = "red"  # 3. an unknown key
    facts["events"] = [
        {
            "id": "my-event",
            "date": "2025-02-30",  # 4. a day that does not exist
            "title": "t",
            "kind": "corporate",
            "cites": [{"source": "000_75a9973f81fad0cb", "quote": "JL MAG"}],
        },
        {
            "id": "jl-mag-export-licences",  # 5. an id the shipped data uses
            "date": "2025-06-11",
            "title": "t",
            "kind": "corporate",
            "cites": [{"source": "000_75a9973f81fad0cb", "quote": "JL MAG"}],
        },
    ]
    return facts


@pytest.fixture
def broken_paths() -> list[str]:
    """Where each of the five breaks in ``broken_file`` is reported, in order."""
    return [
        "$.sources[0].colour",
        "$.facilities[0].phases[0].capacity.value",
        "$.relationships[0].share",
        "$.events[0].date",
        "$.events[1].id",
    ]


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "my-facts.json"
    path.write_text(json.dumps(USER_FACTS, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_broken_facts(), indent=2), encoding="utf-8")
    return path
