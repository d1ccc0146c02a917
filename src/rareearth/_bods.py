"""BODS 0.4: the fact base's ownership as Beneficial Ownership Data Standard statements.

A JSON array of statements, written with the standard library (the tests
check it with ``libcovebods``, which is not needed here):

- **Entity statements** for every entity: a company is a
  ``registeredEntity`` (with its listings), a government a ``state``, an
  agency a ``stateBody``, a zone that is itself state or state-owned a
  ``stateBody`` too, anything else a ``legalEntity``; the rareearth kind is
  the entity type's ``details``. **Person statements** for people.
- **Relationship statements** for stakes (``shareholding``), joint ventures
  and parents (``otherInfluenceOrControl``, with details saying which:
  BODS has no closer type). A share keeps its printed form in the
  interest's ``details``; it is ``exact``, or bounds from its qualifier:
  "around 9.4%" is 9.35–9.45 (half a unit of its last printed digit either
  side), "nearly 8%" is at least 7.5 and under 8, "over 20%" is an
  exclusive minimum of 20. A range made from "around" or "nearly" has an
  ``annotations`` entry saying so, and a `Loss`. A holder the sources do
  not name is an unspecified record with its reason
  (``informationUnknownToPublisher``) and label.
- **Provenance.** ``recordId`` is the rareearth id; ``statementId`` a
  SHA-256 of "rareearth", the data version and the id (stable for one data
  version, new with the next, as BODS wants of a new statement);
  ``publicationDetails`` name the data version and date. ``source`` is
  ``thirdParty`` with each source and its verbatim quotes in the
  description. A record's summary and notes are ``commenting`` annotations.
- **Dates.** BODS dates are full days. A statement is dated by the latest
  day its sources' publication can mean ("July 2025" → 2025-07-31; the
  data's own date for sources without one); a founding year becomes its
  first day, as BODS advises. Each is a `Loss`.

Places, facilities, events, figures, claims, rates and the relations that
are not ownership (customers, partners...) are not BODS statements: each
is one `Loss`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from rareearth._export import Export, Loss, file_target, losses_file
from rareearth._files import write_texts
from rareearth._index import Index
from rareearth._ownership import is_state_entity
from rareearth._records import (
    Citation,
    Entity,
    EntityKind,
    Exchange,
    PlaceKind,
    RelationKind,
    Relationship,
    Source,
)
from rareearth._tables import Records, dumps
from rareearth._values import Qualifier, Value, exact
from rareearth._version import DATA_DATE, DATA_VERSION

__all__ = ["share", "write"]

BODS_VERSION = "0.4"
PUBLISHER = f"rareearth data {DATA_VERSION}"

#: Where each exchange rareearth knows is regulated (all three are in China).
_EXCHANGE_COUNTRY = {Exchange.SZ: "CN", Exchange.SH: "CN", Exchange.BJ: "CN"}
_DETAILS = {
    RelationKind.JOINT_VENTURE: "joint-venture partner",
    RelationKind.SUBSIDIARY: "parent company: the subject is its subsidiary",
}
_UNEXPORTED = ("places", "facilities", "events", "figures", "claims", "rates")

Json = dict[str, object]


_BOUNDS = {
    Qualifier.EXACT: "exact",
    Qualifier.AT_LEAST: "minimum",
    Qualifier.MORE_THAN: "exclusiveMinimum",
    Qualifier.AT_MOST: "maximum",
    Qualifier.LESS_THAN: "exclusiveMaximum",
}


@exact
def share(value: Value) -> tuple[dict[str, Decimal], str | None]:
    """A share as a BODS share object, and what was changed to make it, if anything.

    >>> from rareearth._values import Qualifier, Value
    >>> bounds, change = share(Value(Decimal("9.4"), Qualifier.APPROXIMATELY))
    >>> bounds
    {'minimum': Decimal('9.35'), 'maximum': Decimal('9.45')}
    >>> change
    'approximately 9.4 became the range 9.35–9.45'
    >>> share(Value(Decimal("20"), Qualifier.MORE_THAN))
    ({'exclusiveMinimum': Decimal('20')}, None)
    """
    number, kind = value.number, value.qualifier
    if kind in _BOUNDS:
        return {_BOUNDS[kind]: number}, None
    if kind is Qualifier.RANGE:
        return {"minimum": value.low, "maximum": value.high}, None
    low = max(number - _half_unit(number), Decimal(0))
    if kind is Qualifier.APPROXIMATELY:
        high = min(number + _half_unit(number), Decimal(100))
        return {"minimum": low, "maximum": high}, (
            f"approximately {number} became the range {low}–{high}"
        )
    return {"minimum": low, "exclusiveMaximum": number}, (  # nearly: a little under
        f"nearly {number} became at least {low} and under {number}"
    )


def _half_unit(number: Decimal) -> Decimal:
    """Half a unit of the last digit printed: 0.05 for 9.4, 0.5 for 9."""
    exponent = number.as_tuple().exponent
    last = exponent if isinstance(exponent, int) else 0  # a Value's number is finite
    return Decimal(5).scaleb(min(last, 0) - 1)


class _Writer:
    def __init__(self, index: Index) -> None:
        self.index = index
        self.statements: list[Json] = []
        self.losses: list[Loss] = []
        self.dated: set[str] = set()
        self.countries = {
            p.country: p.name for p in index.places if p.kind is PlaceKind.COUNTRY and p.country
        }

    def country(self, code: str) -> Json:
        return {"name": self.countries.get(code, code), "code": code}

    def statement(
        self,
        record_id: str,
        *,
        record_type: str,
        subject: str,
        cites: tuple[Citation, ...],
        details: Json,
        annotations: list[Json],
    ) -> None:
        key = f"rareearth/{DATA_VERSION}/{record_id}".encode()
        self.statements.append(
            {
                "statementId": hashlib.sha256(key).hexdigest(),
                "declarationSubject": subject,
                "statementDate": self.date(cites).isoformat(),
                "recordId": record_id,
                "recordType": record_type,
                "recordDetails": details,
                "publicationDetails": {
                    "publicationDate": DATA_DATE.isoformat(),
                    "bodsVersion": BODS_VERSION,
                    "publisher": {"name": PUBLISHER},
                },
                "source": self.source(cites),
                **({"annotations": annotations} if annotations else {}),
            }
        )

    def date(self, cites: tuple[Citation, ...]) -> dt.date:
        """The latest day the citing sources' publication can mean; the data's date if none."""
        days: list[dt.date] = []
        for source_id in dict.fromkeys(c.source for c in cites):
            source = self.index.source(source_id)
            if source.published is None:
                continue
            days.append(source.published.latest)
            if source.published.exact is None and source_id not in self.dated:
                self.dated.add(source_id)
                what = f"{str(source.published)!r} became {source.published.latest}, its last day"
                self.losses.append(Loss(source_id, "published", f"{what}, as a statementDate"))
        return max(days, default=DATA_DATE)

    def source(self, cites: tuple[Citation, ...]) -> Json:
        parts: list[str] = []
        asserted: dict[str, None] = {}
        for source_id in dict.fromkeys(c.source for c in cites):
            source = self.index.source(source_id)
            quotes = " ".join(f"“{c.quote}”" for c in cites if c.source == source_id)
            by = self.publisher(source)
            if by is not None:
                asserted[by] = None
            when = "undated" if source.published is None else str(source.published)
            parts.append(
                f"{source.id}, {source.title!r} ({by or 'unknown publisher'}, {when}): {quotes}"
            )
        found: Json = {"type": ["thirdParty"], "description": "; ".join(parts)}
        if asserted:
            found["assertedBy"] = [{"name": name} for name in asserted]
        return found

    def publisher(self, source: Source) -> str | None:
        if source.publisher is None:
            return None
        return self.index.entity(source.publisher).name

    def entity(self, entity: Entity) -> None:
        annotations = _comments(entity.summary, entity.notes)
        if entity.kind is EntityKind.PERSON:
            names = [{"fullName": entity.name}]
            names += [{"fullName": n, "type": "alternative"} for n in entity.names[1:]]
            details: Json = {"isComponent": False, "personType": "knownPerson", "names": names}
            if entity.country:
                details["nationalities"] = [self.country(entity.country)]
            self.statement(
                entity.id,
                record_type="person",
                subject=entity.id,
                cites=entity.cites,
                details=details,
                annotations=annotations,
            )
            return
        name = entity.legal_name or entity.name
        details = {
            "isComponent": False,
            "entityType": {"type": _entity_type(entity), "details": entity.kind.value},
            "name": name,
        }
        others = [n for n in dict.fromkeys(entity.names) if n != name]
        if others:
            details["alternateNames"] = others
        if entity.country:
            details["jurisdiction"] = self.country(entity.country)
        if entity.founded is not None:
            details["foundingDate"] = f"{entity.founded:04d}-01-01"
            what = f"{entity.founded} became {details['foundingDate']}, its first day"
            annotations.append(_transformed("/recordDetails/foundingDate", what))
            self.losses.append(Loss(entity.id, "founded", what))
        if entity.tickers:
            details["publicListing"] = {
                "hasPublicListing": True,
                "securitiesListings": [
                    {
                        "stockExchangeJurisdiction": _EXCHANGE_COUNTRY[t.exchange],
                        "stockExchangeName": t.exchange.full_name,
                        "security": {"ticker": t.symbol},
                    }
                    for t in entity.tickers
                ],
            }
        if entity.ownership is not None:
            annotations.append(_comment(f"Ownership, broadly: {entity.ownership.value}."))
        self.statement(
            entity.id,
            record_type="entity",
            subject=entity.id,
            cites=entity.cites,
            details=details,
            annotations=annotations,
        )

    def relationship(self, relationship: Relationship) -> None:
        interest: Json = {"directOrIndirect": "unknown"}
        if relationship.kind is RelationKind.STAKE:
            interest["type"] = "shareholding"
        else:
            interest |= {"type": "otherInfluenceOrControl", "details": _DETAILS[relationship.kind]}
        annotations = _comments(relationship.summary, relationship.notes)
        if relationship.share is not None:
            bounds, change = share(relationship.share)
            interest["share"] = bounds
            printed = relationship.share.text or str(relationship.share)
            interest["details"] = "; ".join(
                d for d in (str(interest.get("details") or ""), f"as printed: {printed}") if d
            )
            if change is not None:
                what = f"{printed!r}: {change}"
                annotations.append(_transformed("/recordDetails/interests/0/share", what))
                self.losses.append(Loss(relationship.id, "share", what))
        party: object = relationship.party
        if party is None:
            holder = relationship.holder_type.value if relationship.holder_type else "unknown"
            party = {
                "reason": "informationUnknownToPublisher",
                "description": f"{relationship.party_label} (holder type: {holder}); "
                "the sources do not name them",
            }
        details: Json = {
            "isComponent": False,
            "subject": relationship.subject,
            "interestedParty": party,
            "interests": [interest],
        }
        self.statement(
            relationship.id,
            record_type="relationship",
            subject=relationship.subject,
            cites=relationship.cites,
            details=details,
            annotations=annotations,
        )


def write(index: Index, target: Path) -> Export:
    """Write the fact base's ownership as a BODS 0.4 JSON array of statements.

    Args:
        index: The data set's index.
        target: The file to write (``out.bods.json``); written whole or not at all.

    Returns:
        What was written, and what BODS could not hold (see the module).

    Raises:
        WriteError: The file cannot be written; nothing is changed.

    >>> import tempfile, rareearth as ree
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = ree.dataset().export("bods", Path(folder) / "out.bods.json")
    >>> report.items
    60
    >>> print(next(loss for loss in report.losses if loss.field == "share"))
    jl-mag-stake-state: share: 'around 9.4%': approximately 9.4 became the range 9.35–9.45
    """
    writer = _Writer(index)
    for entity in index.entities:
        writer.entity(entity)
    others: dict[str, int] = {}
    for relationship in index.relationships:
        if relationship.is_ownership:
            writer.relationship(relationship)
        else:
            others[relationship.kind.value] = others.get(relationship.kind.value, 0) + 1
    if others:
        kinds = ", ".join(f"{n} {kind}" for kind, n in others.items())
        what = f"not exported ({kinds}): BODS states ownership and control only"
        writer.losses.append(Loss(None, "relationships", what))
    for name in _UNEXPORTED:
        count = len(getattr(index, name))
        if count:
            what = f"{count} not exported: BODS states entities, people and ownership only"
            writer.losses.append(Loss(None, name, what))
    target = file_target(target, starts=b"[", kind="a BODS export")
    report = losses_file(target, is_folder=False)
    export = Export("bods", (target, report), len(writer.statements), Records(writer.losses, Loss))
    # The data and its loss report, together: both written or neither.
    write_texts({target: dumps(writer.statements, indent=2) + "\n", report: str(export) + "\n"})
    return export


def _entity_type(entity: Entity) -> str:
    if entity.kind is EntityKind.COMPANY:
        return "registeredEntity"
    if entity.kind is EntityKind.GOVERNMENT:
        return "state"
    if entity.kind is EntityKind.AGENCY or (
        entity.kind is EntityKind.ZONE and is_state_entity(entity)
    ):
        return "stateBody"
    return "legalEntity"


def _comment(text: str) -> Json:
    return {"statementPointerTarget": "", "motivation": "commenting", "description": text}


def _comments(summary: str, notes: Iterable[str]) -> list[Json]:
    return [_comment(summary), *(_comment(note) for note in notes)]


def _transformed(pointer: str, what: str) -> Json:
    return {"statementPointerTarget": pointer, "motivation": "transformation", "description": what}
