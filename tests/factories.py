"""Builders of fact-file records as JSON-shaped dicts, shared by the loader and schema tests."""

from __future__ import annotations

from typing import Any

#: A shipped source that users' test records can cite.
SRC = "000_75a9973f81fad0cb"


def cite() -> dict[str, str]:
    """A citation of the shipped source 000."""
    return {"source": SRC, "quote": "JL MAG"}


def phase(**overrides: Any) -> dict[str, Any]:
    """A valid phase of 1,000 t/yr of sintered magnets, with ``overrides``."""
    return {
        "id": "my-line-1",
        "name": "Line 1",
        "summary": "A new line.",
        "cites": [cite()],
        "milestones": [{"status": "announced", "cites": [cite()]}],
        "capacity": {
            "value": 1000,
            "unit": "t",
            "per": "year",
            "product": "sintered-ndfeb-magnets",
        },
        **overrides,
    }


def facility(**overrides: Any) -> dict[str, Any]:
    """A valid facility of JL MAG's with one phase, with ``overrides``."""
    return {
        "id": "my-plant",
        "name": "My plant",
        "operator": "jl-mag",
        "summary": "A plant a user knows of.",
        "cites": [cite()],
        "phases": [phase()],
        **overrides,
    }


def entity(**overrides: Any) -> dict[str, Any]:
    """A valid company 'acme', with ``overrides``."""
    return {
        "id": "acme",
        "name": "Acme Magnets",
        "kind": "company",
        "summary": "A company a user knows of.",
        "cites": [cite()],
        **overrides,
    }


def figure(**overrides: Any) -> dict[str, Any]:
    """A valid figure of 1,000 t, with ``overrides``."""
    return {
        "id": "my-figure",
        "metric": "output",
        "kind": "statistic",
        "value": 1000,
        "unit": "t",
        "summary": "A figure a user knows of.",
        "cites": [cite()],
        **overrides,
    }


def stake(**overrides: Any) -> dict[str, Any]:
    """A valid stake of the state in 'acme', share undisclosed, with ``overrides``."""
    return {
        "id": "acme-stake",
        "kind": "stake",
        "subject": "acme",
        "party_label": "the state",
        "holder_type": "state",
        "summary": "A stake a user knows of.",
        "cites": [cite()],
        **overrides,
    }
