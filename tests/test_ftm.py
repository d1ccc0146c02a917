"""The FollowTheMoney export, checked with the followthemoney library itself."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import rareearth as ree
from factories import SRC
from rareearth._export import Export, Loss
from rareearth._ftm import write
from rareearth._version import DATA_VERSION

Item = dict[str, Any]


def _export(ds: ree.Dataset, target: Path) -> tuple[Export, list[Item]]:
    report = write(ds._index, target)  # noqa: SLF001 - the export reads the index, as Dataset.export will
    items = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    return report, items


@pytest.fixture(scope="module")
def shipped(ds: ree.Dataset, tmp_path_factory: pytest.TempPathFactory) -> tuple[Export, list[Item]]:
    return _export(ds, tmp_path_factory.mktemp("ftm") / "out.ftm.json")


@pytest.fixture(scope="module")
def items(shipped: tuple[Export, list[Item]]) -> dict[str, Item]:
    return {item["id"]: item for item in shipped[1]}


@pytest.fixture(scope="module")
def ftm(require_interop: Callable[[str], ModuleType]) -> ModuleType:
    return require_interop("followthemoney")


def _problems(ftm: ModuleType, items: list[Item]) -> list[str]:
    """What followthemoney finds wrong: a schema, a value, a required property, a reference."""
    model = ftm.model
    schemas = {item["id"]: item["schema"] for item in items}
    problems = []
    for item in items:
        proxy = model.get_proxy(item, cleaned=False)  # re-validates every value
        for name, values in item["properties"].items():
            prop = proxy.schema.get(name)
            if prop is None:
                problems.append(f"{item['id']}: {item['schema']} has no {name}")
                continue
            if proxy.get(name) != values:
                problems.append(f"{item['id']}: {name} {values} cleans to {proxy.get(name)}")
            for value in values if prop.type.name == "entity" else ():
                if value not in schemas:
                    problems.append(f"{item['id']}: {name} names a missing {value}")
                elif not model.get(schemas[value]).is_a(prop.range):
                    problems.append(f"{item['id']}: {name} {value} is not a {prop.range.name}")
        problems += [f"{item['id']}: no {r}" for r in proxy.schema.required if not proxy.get(r)]
    return problems


class TestWrite:
    def test_valid_for_followthemoney(
        self, ftm: ModuleType, shipped: tuple[Export, list[Item]]
    ) -> None:
        """Every line is an entity of its schema, its values valid, its references present."""
        assert _problems(ftm, shipped[1]) == []

    def test_counts(self, ds: ree.Dataset, shipped: tuple[Export, list[Item]]) -> None:
        """One item a line: an FtM entity per rareearth entity, event and source, and the links."""
        report, lines = shipped
        assert report.items == len(lines) == 219
        schemas = Counter(item["schema"] for item in lines)
        parties = ("Company", "PublicBody", "Organization", "Person")
        programmes = [e for e in ds.entities if e.kind.value == "programme"]
        assert sum(schemas[s] for s in parties) + len(programmes) == len(ds.entities) == 51
        assert schemas["Company"] == 27
        assert schemas["Project"] == len(programmes) + len(ds.facilities) == 11
        assert schemas["Event"] == len(ds.events) == 24
        assert schemas["Document"] == 5
        assert schemas["Ownership"] == 9

    def test_jl_mag_state_stakes(self, items: dict[str, Item]) -> None:
        """JL MAG's state stakes keep their printed share, holder type and quote."""
        state = items["rareearth-jl-mag-stake-state"]["properties"]
        assert items["rareearth-jl-mag-stake-state"]["schema"] == "Ownership"
        assert state["percentage"] == ["around 9.4%"]
        assert state["ownershipType"] == ["state"]
        assert state["asset"] == ["rareearth-jl-mag"]
        (owner,) = state["owner"]
        assert items[owner]["properties"]["name"] == ["the state (holders not named)"]
        assert any("state ownership is around 9.4%" in d for d in state["description"])
        enterprises = items["rareearth-jl-mag-stake-government-enterprises"]["properties"]
        assert enterprises["percentage"] == ["another 9.3%"]
        assert enterprises["ownershipType"] == ["government-enterprise"]

    def test_northern_zhaobao_joint_venture(self, shipped: tuple[Export, list[Item]]) -> None:
        """Northern Zhaobao's two joint-venture partners own it, undisclosed shares and all."""
        owners = {
            item["properties"]["owner"][0]: item["properties"]
            for item in shipped[1]
            if item["schema"] == "Ownership"
            and item["properties"]["asset"] == ["rareearth-northern-zhaobao"]
        }
        assert set(owners) == {"rareearth-china-northern-rare-earth", "rareearth-ningbo-zhaobao"}
        assert {p["role"][0] for p in owners.values()} == {"joint-venture partner"}
        assert all("percentage" not in p for p in owners.values())

    def test_fuzzy_date_loses_its_season(
        self, shipped: tuple[Export, list[Item]], items: dict[str, Item]
    ) -> None:
        """'late 2024' is written 2024, said in the losses, its wording kept in the notes."""
        event = items["rareearth-northern-zhaobao-phase-i-trial-production"]["properties"]
        assert event["date"] == ["2024"]
        assert "Date as the source gives it: late 2024." in event["notes"]
        loss = Loss("northern-zhaobao-phase-i-trial-production", "date", "'late 2024' became 2024")
        assert loss in shipped[0].losses
        assert items["rareearth-london-talks"]["properties"]["date"] == ["2025-06"]
        assert items["rareearth-geneva-tariff-pause"]["properties"]["date"] == ["2025-05-12"]

    def test_possibly_same_facilities(self, shipped: tuple[Export, list[Item]]) -> None:
        """The two 3,000 t/yr Inner Mongolia projects are one Similar pair, not two."""
        similar = [i["properties"] for i in shipped[1] if i["schema"] == "Similar"]
        assert similar == [
            {
                "candidate": ["rareearth-northern-magnet-baotou"],
                "match": ["rareearth-northern-zhaobao-plant"],
                "criteria": ["possibly the same project under another name"],
                "matcher": [f"rareearth data {DATA_VERSION}: possibly_same_as"],
            }
        ]

    def test_sources_documented(self, items: dict[str, Item]) -> None:
        """A record links to each source it cites, with the quotes, and names it as proof."""
        link = items[f"rareearth-jl-mag.cites.{SRC.replace('_', '.')}"]["properties"]
        assert link["document"] == ["rareearth-000.75a9973f81fad0cb"]
        assert link["entity"] == ["rareearth-jl-mag"]
        assert any(
            q.startswith("JL MAG (Jingling Magnetics), founded in 2008") for q in link["summary"]
        )
        jl_mag = items["rareearth-jl-mag"]["properties"]
        assert "rareearth-000.75a9973f81fad0cb" in jl_mag["proof"]
        assert jl_mag["ticker"] == ["300748.SZ"]
        assert jl_mag["incorporationDate"] == ["2008"]
        assert jl_mag["jurisdiction"] == ["cn"]

    def test_every_item_names_the_data_version(self, shipped: tuple[Export, list[Item]]) -> None:
        """Each item carries a rareearth id and the data version it comes from."""
        for item in shipped[1]:
            assert item["id"].startswith("rareearth-")
            where = {"Document": "processingAgent", "Similar": "matcher"}.get(item["schema"])
            assert DATA_VERSION in " ".join(item["properties"][where or "publisher"])

    def test_losses_name_what_ftm_cannot_hold(self, shipped: tuple[Export, list[Item]]) -> None:
        """Figures, claims, rates and places are said to be left out, with their counts."""
        whole = {loss.field: loss.what for loss in shipped[0].losses if loss.record is None}
        assert whole["figures"].startswith("33 figures not exported")
        assert whole["claims"].startswith("27 claims not exported")
        assert "facilities.phases" in whole

    def test_stable(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """Two exports of one data set are byte for byte the same."""
        write(ds._index, tmp_path / "a.json")  # noqa: SLF001
        write(ds._index, tmp_path / "b.json")  # noqa: SLF001
        assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()

    def test_unwritable(self, ds: ree.Dataset, tmp_path: Path) -> None:
        """A target in a missing folder is a WriteError naming it; nothing is written."""
        target = tmp_path / "missing" / "out.ftm.json"
        with pytest.raises(ree.WriteError, match=r"cannot write .*out\.ftm\.json"):
            write(ds._index, target)  # noqa: SLF001
        assert not (tmp_path / "missing").exists()


def cite() -> dict[str, str]:
    return {"source": "my-notes", "quote": "as my notes say"}


#: A user's records, alone, that FtM's schemas do not fit as they are.
_ODD_FACTS = {
    "sources": [{"id": "my-notes", "title": "My notes", "about": "Made up, for the tests."}],
    "entities": [
        {
            "id": "my-fund",
            "name": "My Fund",
            "kind": "fund",
            "summary": "A fund, held by a programme.",
            "cites": [cite()],
            "tickers": ["123456.SH"],
        },
        {
            "id": "my-programme",
            "name": "My Programme",
            "kind": "programme",
            "summary": "A programme.",
            "cites": [cite()],
            "founded": 2020,
        },
    ],
    "relationships": [
        {
            "id": "my-fund-stake",
            "kind": "stake",
            "subject": "my-fund",
            "party": "my-programme",
            "share": {"number": 8, "qualifier": "nearly", "text": "nearly 8%"},
            "summary": "The programme holds nearly 8% of the fund.",
            "cites": [cite()],
        }
    ],
    "events": [
        {
            "id": "my-event",
            "date": "between 2024 and 2025",
            "title": "The programme meets the fund",
            "kind": "corporate",
            "entities": ["my-programme", "my-fund"],
            "cites": [cite()],
        }
    ],
    "facilities": [
        {
            "id": "my-plant",
            "name": "My plant",
            "operator": "my-programme",
            "summary": "A plant a programme runs.",
            "cites": [cite()],
            "phases": [
                {
                    "id": "my-line",
                    "name": "Line 1",
                    "summary": "A line.",
                    "cites": [cite()],
                    "milestones": [{"status": "announced", "cites": [cite()]}],
                }
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> tuple[Export, list[Item]]:
    ds = ree.Dataset.from_documents([("odd.json", json.dumps(_ODD_FACTS))])
    return _export(ds, tmp_path_factory.mktemp("odd") / "odd.ftm.json")


class TestUsersRecords:
    def test_still_valid(self, ftm: ModuleType, odd: tuple[Export, list[Item]]) -> None:
        """Records that fit no FtM edge become links, and the output stays valid."""
        assert _problems(ftm, odd[1]) == []

    def test_losses(self, odd: tuple[Export, list[Item]]) -> None:
        """A programme's stake, a fund's ticker, a date across years are each a loss."""
        losses = {(loss.record, loss.field): loss.what for loss in odd[0].losses}
        assert losses["my-fund-stake", "kind"].startswith(
            "an FtM Ownership needs a legal entity owning a Company, not a Project Organization"
        )
        assert losses["my-fund", "tickers"] == "a Organization has no ticker"
        assert losses["my-programme", "founded"] == "a Project has no founding date or ownership"
        assert losses["my-event", "date"] == "'between 2024 and 2025' spans years: left out"

    def test_links(self, odd: tuple[Export, list[Item]]) -> None:
        """The stake, the operator and the involvement are UnknownLinks with their roles."""
        links = {i["id"]: i["properties"] for i in odd[1] if i["schema"] == "UnknownLink"}
        assert links["rareearth-my-fund-stake"]["role"] == ["stake"]
        assert links["rareearth-my-fund-stake"]["status"] == ["nearly 8%"]
        assert links["rareearth-my-plant.operator"]["role"] == ["operator"]
        assert links["rareearth-my-event.involved.my-programme"]["object"] == ["rareearth-my-event"]
