"""Public types as users see them: checked by mypy, never run."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import rareearth as ree
from rareearth import plot

if TYPE_CHECKING:
    from matplotlib.figure import Figure

entity: ree.Entity = ree.company("JL MAG")
maybe: ree.Entity | None = ree.get_company("JL MAG")
founded: int | None = entity.founded
tickers: tuple[ree.Ticker, ...] = entity.tickers
exchange: ree.Exchange = tickers[0].exchange

ds: ree.Dataset = ree.dataset()
facility: ree.Facility = ds.facility("jl-mag-baotou-base")
phase: ree.Phase = facility.phases[0]
status: ree.Status = phase.status
capacity: ree.Quantity | None = phase.capacity
if capacity is not None:
    number: Decimal = capacity.value.number
    qualifier: ree.Qualifier = capacity.value.qualifier

hits: tuple[ree.SearchHit, ...] = ree.search("zhaobao")
score: float = hits[0].score
relations: tuple[ree.Relationship, ...] = ree.relations("JL MAG", kind="customer")
share: ree.Value | None = relations[0].share

when: ree.FuzzyDate = ree.parse_date("late 2024", reference=dt.date(2025, 6, 11))
earliest: dt.date = when.earliest
money: ree.Money = ree.Money("1.05e9", "RMB") + ree.Money(1, "CNY")
loaded: ree.Dataset = ree.Dataset.load("my-facts.json", include_shipped=True)
version: str = ree.DATA_VERSION

total: ree.CapacityTotal = ree.total_capacity(company="JL MAG", site="Baotou")
groups: tuple[ree.CapacityTotal, ...] = ree.total_capacity(company="JL MAG", by="status")
parts: tuple[ree.CapacityPart, ...] = total.parts
doubles: tuple[tuple[str, str], ...] = total.possible_double_counts
owners: tuple[ree.Relationship, ...] = ree.owners_of("JL MAG")
state: ree.StateShare = ree.state_share("JL MAG")
state_value: ree.Value | None = state.value
links: tuple[ree.OwnershipLink, ...] = ree.state_links("Northern Zhaobao Magnets")
conversion: ree.Conversion[ree.Money] = ree.convert(
    ree.Money("1.05e9", "RMB"), "USD", on="2025-07-10"
)
usd: ree.Money = conversion.rounded
exact_rate: Fraction = conversion.path.value
price = ree.figures(metric="ndfeb-price")[0]
price_usd: ree.Conversion[ree.MoneyValue] = ree.convert(price, "USD")
price_range: ree.MoneyValue = ree.convert(price.value, "USD", nearest=True).rounded
far: ree.Conversion[ree.Money] = ree.convert(
    ree.Money(1, "CNY"), "USD", on=dt.datetime(2025, 7, 10, 9, tzinfo=dt.UTC), nearest=True
)
day: ree.DateInput = price.period or "2025-10"
around: tuple[ree.Event, ...] = ree.timeline(day, day)
path: ree.RatePath = ree.rate("CNY", "AUD", rates={("CNY", "AUD"): "0.21"})
legs: tuple[ree.Leg, ...] = path.legs
events: tuple[ree.Event, ...] = ree.timeline("2025-05", "2025-05", match="within")
figures: tuple[ree.Figure, ...] = ree.figures(metric="ndfeb-price")

# Tables and exports
records: ree.Records[ree.Event] = ree.timeline("2025-05", "2025-06")
first: ree.Event = records[0]
head: ree.Records[ree.Event] = records[:2]
table: ree.Table = records.table()
columns: tuple[ree.Column, ...] = table.columns
rows: list[dict[str, object]] = records.to_dicts()
csv_text: str = records.to_csv()
nothing: None = records.to_csv("events.csv")
json_text: str = total.to_json(indent=2)
html: str = state._repr_html_()
phases: ree.Records[ree.CapacityPart] = ds.phases
every_figure: ree.Records[ree.Figure] = ds.figures()
claims: ree.Records[ree.Claim] = ds.claims
any_collection: ree.Records[object] = ds.collection("claims")
chain_links: tuple[ree.OwnershipLink, ...] = state.links
or_text: ree.Entity | str = ree.get_entity("no such maker", "not found")
written: tuple[Path, ...] = ds.dump("out", shipped=False)
same: bool = ree.Dataset.load(*written) == ds
schema: dict[str, object] = ree.fact_file_schema()

# Plots
figure: Figure = plot.timeline(records, save="timeline.svg")
bars: Figure = plot.capacity(ree.total_capacity(by="company"))
graph: Figure = plot.ownership("JL MAG", depth=1)
