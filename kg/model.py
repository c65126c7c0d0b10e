"""The fact model: the records a curator writes in ``seeds/*.yaml``, validated with pydantic.

Every fact carries ``sources`` (ids of :class:`Source` records). A field that sources disagree on
takes a list of claims instead of one value, each claim with its own sources::

    amount:
      - {value: 15B, sources: [pedaily-2025-06-tml-seed]}
      - {value: 14.8B, sources: [huxiu-2025-06-meta-cvc]}

The first claim is the one answers show; all of them stay in :attr:`Fact.claims` for ``kg audit``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from kg import schema
from kg.dates import DateError, parse_date
from kg.errors import shown

# -- closed vocabularies ---------------------------------------------------------------------

ORG_KINDS = tuple(schema.ORG_KINDS)
ROLE_KINDS = ("founder", "executive", "employee", "intern", "board", "advisor", "fellow", "investor_partner")
#: Roles that make up a career: leaving one of these for another is a move.
CAREER_ROLE_KINDS = frozenset({"founder", "executive", "employee"})
#: Roles that put two people in the same place at the same time (a career role, or an internship).
PRESENT_ROLE_KINDS = CAREER_ROLE_KINDS | {"intern"}
DEAL_KINDS = ("acquisition", "stake", "acqui_hire", "merger")
DEAL_OUTCOMES = ("completed", "announced", "pending", "rejected", "abandoned", "blocked")
#: Outcomes of deals that did not happen.
FAILED_OUTCOMES = frozenset({"rejected", "abandoned", "blocked"})
ORG_STATUSES = ("active", "acquired", "merged", "defunct")
OFFER_KINDS = ("hiring", "retention", "acquisition_of_team")
from kg.schema import OFFER_OUTCOMES  # noqa: E402  (declared where questions can read it without pydantic)
#: How far a source can be cited: its own words (primary), a named outlet at its own address (press),
#: a press report republished elsewhere (copy), an encyclopedia or wiki (reference), an SEO or content
#: farm (aggregator). Ordered from best to worst.
SOURCE_KINDS = ("primary", "press", "copy", "reference", "aggregator")
SOURCE_FORMS = ("article", "press_release", "blog", "filing", "interview", "profile", "paper", "database", "web_page")
NAMED_ROUNDS = (
    "pre_seed",
    "angel",
    "seed",
    "pre_a",
    "strategic",
    "convertible",
    "debt",
    "secondary",
    "tender",
    "grant",
    "ipo",
    "undisclosed",
)
_SERIES = re.compile(r"^[A-K](\+{1,2}|[1-9])?$")

OrgKind = Literal[ORG_KINDS]  # type: ignore[valid-type]
RoleKind = Literal[ROLE_KINDS]  # type: ignore[valid-type]
DealKind = Literal[DEAL_KINDS]  # type: ignore[valid-type]
DealOutcome = Literal[DEAL_OUTCOMES]  # type: ignore[valid-type]
OrgStatus = Literal[ORG_STATUSES]  # type: ignore[valid-type]
SourceKind = Literal[SOURCE_KINDS]  # type: ignore[valid-type]
OfferKind = Literal[OFFER_KINDS]  # type: ignore[valid-type]
OfferOutcome = Literal[OFFER_OUTCOMES]  # type: ignore[valid-type]
SourceForm = Literal[SOURCE_FORMS]  # type: ignore[valid-type]

# -- scalar types ----------------------------------------------------------------------------


def _date(value: object) -> str:
    try:
        return parse_date(value)
    except DateError as err:
        raise ValueError(str(err)) from None


_MONEY = re.compile(r"^(\d+(?:\.\d+)?)\s*([KMBT]?)$", re.IGNORECASE)
_SCALE = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}


def _money(value: object) -> int | float:
    """``650M``, ``14.8B``, ``2_000_000_000`` or a plain number, in whole currency units."""
    if isinstance(value, bool):
        raise ValueError(f"not an amount: {shown(value)}")
    if isinstance(value, (int, float)):
        number = value
    elif isinstance(value, str):
        match = _MONEY.match(value.replace(",", "").replace("_", "").strip())
        if not match:
            raise ValueError(f"not an amount (a number, or one with K, M, B or T such as 14.8B): {shown(value)}")
        number = float(match.group(1)) * _SCALE[match.group(2).upper()]
    else:
        raise ValueError(f"not an amount: {shown(value)}")
    if number < 0:
        raise ValueError(f"amount must not be negative: {shown(value)}")
    return int(number) if float(number).is_integer() else float(number)


def _round_name(value: object) -> str:
    if isinstance(value, str) and (value in NAMED_ROUNDS or _SERIES.match(value)):
        return value
    raise ValueError(
        f"unknown round {shown(value)}: use a series letter (A, B, B+, C2 …) or one of {', '.join(NAMED_ROUNDS)}"
    )


def _stake(value: object) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
        raise ValueError(f"a stake is a percentage above 0 and at most 100: {shown(value)}")
    return value


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
PartialDate = Annotated[str, BeforeValidator(_date)]
Money = Annotated[Union[int, float], BeforeValidator(_money)]
Stake = Annotated[Union[int, float], BeforeValidator(_stake)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Za-z]{2,4})?$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
RoundName = Annotated[str, BeforeValidator(_round_name)]
SourceIds = Annotated[list[Slug], Field(min_length=1)]

# -- records ---------------------------------------------------------------------------------


class Record(BaseModel):
    """Base of every YAML record: unknown keys and loose types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


class Claim(Record):
    """One source's version of a value that sources disagree on.

    ``preferred: true`` settles a conflict after review: that claim becomes the value answers show,
    the others stay on record, and ``kg audit --strict`` no longer counts the conflict as open.
    """

    value: Any
    sources: SourceIds
    note: Text | None = None
    preferred: bool = False


class Fact(Record):
    """A record that states something about the world, and so must say where it comes from."""

    #: Field names whose value may be given as a list of :class:`Claim`.
    CLAIMABLE: ClassVar[tuple[str, ...]] = ()

    sources: SourceIds
    note: Text | None = None
    disputed: bool = False
    claims: dict[str, list[Claim]] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _split_claims(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if "claims" in data:
            raise ValueError("'claims' is not written directly: give a field a list of {value, sources} instead")
        data = dict(data)
        claims: dict[str, list] = {}
        for name in cls.CLAIMABLE:
            value = data.get(name)
            if isinstance(value, list):
                if not value:
                    raise ValueError(f"{name}: an empty list of claims")
                preferred = [c for c in value if isinstance(c, dict) and c.get("preferred") is True]
                if len(preferred) > 1:
                    raise ValueError(f"{name}: only one claim can be preferred")
                claims[name] = preferred + [c for c in value if c not in preferred]
                first = claims[name][0]
                data[name] = first.get("value") if isinstance(first, dict) else first
        if claims:
            data["claims"] = claims
        return data

    @model_validator(mode="after")
    def _check_claim_values(self) -> Fact:
        for name, claims in self.claims.items():
            adapter = _field_adapter(type(self), name)
            for number, claim in enumerate(claims, start=1):
                try:
                    claim.value = adapter.validate_python(claim.value, strict=False)
                except ValidationError as err:
                    reason = err.errors()[0]["msg"].removeprefix("Value error, ")
                    raise ValueError(f"{name} claim {number}: {reason}") from None
        return self

    @property
    def conflicts(self) -> dict[str, list[Claim]]:
        """Fields whose claims carry more than one distinct value."""
        return {
            name: claims for name, claims in self.claims.items() if len({repr(c.value) for c in claims}) > 1
        }

    @property
    def open_conflicts(self) -> dict[str, list[Claim]]:
        """Conflicts no claim has been preferred in yet."""
        return {name: claims for name, claims in self.conflicts.items() if not any(c.preferred for c in claims)}


class Source(Record):
    """Where facts come from: an article, a press release, a profile page."""

    id: Slug
    title: Text
    publisher: Text
    author: Text | None = None
    date: PartialDate | None = None
    language: Language
    url: Url | None = None
    #: how far it can be cited; see SOURCE_KINDS
    kind: SourceKind
    #: what it is: article, press_release, interview …
    form: SourceForm = "article"
    #: for a copy: the outlet that first published it, and when
    original_publisher: Text | None = None
    original_date: PartialDate | None = None
    translated_from: Language | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _copy_names_its_original(self) -> "Source":
        if self.kind == "copy" and not self.original_publisher:
            raise ValueError("a source of kind 'copy' names the outlet it copies in original_publisher")
        return self


class TotalRaised(Fact):
    """A claim about how much an organisation has raised in all, as of a date."""

    CLAIMABLE: ClassVar[tuple[str, ...]] = ("amount",)

    amount: Money
    currency: Currency
    as_of: PartialDate | None = None


class Organization(Fact):
    CLAIMABLE: ClassVar[tuple[str, ...]] = ("founded",)

    id: Slug
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    kind: OrgKind
    country: Country | None = None
    founded: PartialDate | None = None
    parent: Slug | None = None
    status: OrgStatus = "active"
    raised: list[TotalRaised] = Field(default_factory=list)


class Education(Fact):
    CLAIMABLE: ClassVar[tuple[str, ...]] = ("start", "end")

    school: Slug
    degree: Text | None = None
    field: Text | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    advisor: Slug | None = None


class Role(Fact):
    """One position in a person's career; ``current: true`` marks a role known to be ongoing."""

    CLAIMABLE: ClassVar[tuple[str, ...]] = ("start", "end")

    org: Slug
    title: Text | None = None
    kind: RoleKind
    start: PartialDate | None = None
    end: PartialDate | None = None
    current: bool = False

    @model_validator(mode="after")
    def _current_has_no_end(self) -> Role:
        if self.current and self.end is not None:
            raise ValueError("a role with current: true has no end")
        return self


class Person(Fact):
    CLAIMABLE: ClassVar[tuple[str, ...]] = ("born",)

    id: Slug
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    born: PartialDate | None = None
    born_in: Text | None = None
    education: list[Education] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)


class Deal(Fact):
    """An acquisition, a stake, an acqui-hire (licence fee plus most of the team), or an attempt at one."""

    CLAIMABLE: ClassVar[tuple[str, ...]] = ("date", "amount", "stake")

    id: Slug
    kind: DealKind
    acquirer: Slug
    target: Slug
    date: PartialDate | None = None
    amount: Money | None = None
    currency: Currency | None = None
    stake: Stake | None = None
    outcome: DealOutcome = "completed"
    people: list[Slug] = Field(default_factory=list)

    @model_validator(mode="after")
    def _amount_has_currency(self) -> Deal:
        return _with_currency(self, "amount")

    @property
    def attempted(self) -> bool:
        return self.outcome in FAILED_OUTCOMES


class Investment(Record):
    """One investor's part in a round, when more is known than its name."""

    id: Slug
    amount: Money | None = None
    lead: bool = False
    sources: list[Slug] = Field(default_factory=list)
    note: Text | None = None


def _with_currency(record: Record, *fields: str) -> Record:
    """A record whose amounts are given only with a currency (the check of deals and rounds)."""
    if any(getattr(record, name) is not None for name in fields) and record.currency is None:  # type: ignore[attr-defined]
        raise ValueError(f"an {' or '.join(fields)} needs a currency (USD, CNY, EUR …)")
    return record


def _investment(value: object) -> object:
    return {"id": value} if isinstance(value, str) else value


class FundingRound(Fact):
    CLAIMABLE: ClassVar[tuple[str, ...]] = ("date", "amount", "valuation")

    id: Slug
    org: Slug
    round: RoundName
    date: PartialDate | None = None
    amount: Money | None = None
    currency: Currency | None = None
    valuation: Money | None = None
    leads: list[Slug] = Field(default_factory=list)
    investors: list[Annotated[Investment, BeforeValidator(_investment)]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _money_has_currency(self) -> FundingRound:
        return _with_currency(self, "amount", "valuation")

    def participations(self) -> list[Investment]:
        """Every investor once, leads first, with what is known of its part."""
        seen: dict[str, Investment] = {}
        for lead in self.leads:
            seen[lead] = Investment(id=lead, lead=True)
        for item in self.investors:
            if item.id in seen:
                seen[item.id] = seen[item.id].model_copy(
                    update={"amount": item.amount, "sources": item.sources, "note": item.note}
                )
            else:
                seen[item.id] = item
        return list(seen.values())


class Offer(Fact):
    """A hiring offer or retention package made to a person or a team, as reported.

    ``offered_by`` is the organisation that made it; ``to`` the people it was made to (empty when a
    report names no one); ``form`` what it consisted of as reported (``cash``, ``equity``,
    ``cash and equity``, ``bonus`` …).
    """

    CLAIMABLE: ClassVar[tuple[str, ...]] = ("date", "amount")

    id: Slug
    kind: OfferKind = "hiring"
    offered_by: Slug
    to: list[Slug] = Field(default_factory=list)
    #: who an offer went to when the report names no person, e.g. "OpenAI researchers"
    to_group: Text | None = None
    date: PartialDate | None = None
    amount: Money | None = None
    currency: Currency | None = None
    #: what the amount covers, as reported: "over four years", "first-year pay", "signing bonus"
    terms: Text | None = None
    form: Text | None = None
    outcome: OfferOutcome = "unknown"

    @model_validator(mode="after")
    def _offer_is_complete(self) -> Offer:
        if not self.to and not self.to_group:
            raise ValueError("an offer names the people it went to (to) or the group (to_group)")
        return _with_currency(self, "amount")


#: The sections a seeds file may hold, and the record each list holds.
SECTIONS: dict[str, type[Record]] = {
    "sources": Source,
    "organizations": Organization,
    "people": Person,
    "deals": Deal,
    "funding_rounds": FundingRound,
    "offers": Offer,
}

_ADAPTERS: dict[tuple[type, str], TypeAdapter] = {}


def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    key = (model, name)
    if key not in _ADAPTERS:
        annotation = model.model_fields[name].annotation
        metadata = model.model_fields[name].metadata
        _ADAPTERS[key] = TypeAdapter(Annotated[annotation, *metadata] if metadata else annotation)
    return _ADAPTERS[key]
