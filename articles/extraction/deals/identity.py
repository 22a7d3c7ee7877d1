"""When two reports are one deal: the rules shared by the engine's merge within a document and the linker's match
across documents, so that both tell deals apart the same way.

Parties are compared as (company, role) pairs, whatever a company is known by: its name inside one document, its
stored id across documents. Roles are compared by the side of the deal they stand on, because reports of one deal
name it from different sides ("X buys Y" / "Z sells Y to X") but a company never changes side within one deal.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date, timedelta
from enum import Enum

from articles.extraction.types import DealCandidate, DealStatus, PartyRole


class Side(Enum):
    BUYER = "buyer"
    BOUGHT = "bought"
    SELLER = "seller"
    MERGING = "merging"
    PARTNER = "partner"


SIDE_OF_ROLE: dict[str, Side] = {
    PartyRole.ACQUIRER: Side.BUYER,
    PartyRole.BIDDER: Side.BUYER,
    PartyRole.INVESTOR: Side.BUYER,
    PartyRole.TARGET: Side.BOUGHT,
    PartyRole.INVESTEE: Side.BOUGHT,
    PartyRole.ISSUER: Side.BOUGHT,
    PartyRole.SPUN_OFF: Side.BOUGHT,
    PartyRole.SELLER: Side.SELLER,
    PartyRole.PARENT: Side.SELLER,
    PartyRole.MERGER_PARTY: Side.MERGING,
    PartyRole.PARTNER: Side.PARTNER,
}

Party = tuple[Hashable, str]


def _sides(parties: Iterable[Party]) -> dict[Hashable, set[Side]]:
    sides: dict[Hashable, set[Side]] = {}
    for company, role in parties:
        sides.setdefault(company, set()).add(SIDE_OF_ROLE[role])
    return sides


def _camps(sides: set[Side]) -> set[Side]:
    """Sides with the seller and what it sells taken as one: news names a unit by its owner's name and an owner by
    its unit's ("Honeywell sells Honeywell Information Systems"), so a company reported as seller in one report and
    as the business sold in another is one sale told loosely, not two deals."""
    return {Side.SELLER if side == Side.BOUGHT else side for side in sides}


def _on_side(sides: dict[Hashable, set[Side]], side: Side) -> set[Hashable]:
    return {company for company, its_sides in sides.items() if side in its_sides}


def roles_compatible(first: Iterable[Party], second: Iterable[Party]) -> bool:
    """Whether two reports' parties can be one deal.

    Every company both name stands on the same side in both: an acquirer and a bidder agree, and so do a seller
    and the business sold; an acquirer and a seller or target do not, nor an investor and an investee. Two
    different buyers are two deals (rival bids, a company sold on), and so are two different companies bought. A
    report that leaves a side out ("X buys Y" / "X buys Y from Z") agrees with one that names it."""
    first_sides, second_sides = _sides(first), _sides(second)
    for company in first_sides.keys() & second_sides.keys():
        if _camps(first_sides[company]) != _camps(second_sides[company]):
            return False
    for side in (Side.BUYER, Side.BOUGHT):
        first_named, second_named = _on_side(first_sides, side), _on_side(second_sides, side)
        if first_named and second_named and not first_named & second_named:
            return False
    return True


# How far apart two reports of one deal can be: a year when they say the same thing about it; up to two years when
# the later one takes the deal further or reports its end, since big deals take that long to close or collapse
# (Microsoft and Activision Blizzard: 21 months; Nvidia's bid for Arm: 17 months).
DEAL_WINDOW = timedelta(days=365)
DEAL_LIFETIME = timedelta(days=730)
_STAGE = {
    DealStatus.RUMORED: 0,
    DealStatus.PROPOSED: 1,
    DealStatus.AGREED: 2,
    DealStatus.COMPLETED: 3,
    DealStatus.REJECTED: 3,
    DealStatus.CANCELLED: 3,
}
_FINAL_STAGE = 3


def dates_compatible(first_on: date, first_status: str, second_on: date, second_status: str) -> bool:
    """Whether reports dated so far apart can be one deal, given the stage each reports it at."""
    (earlier_on, earlier_status), (later_on, later_status) = sorted(
        [(first_on, first_status), (second_on, second_status)], key=lambda report: report[0]
    )
    gap = later_on - earlier_on
    if gap <= DEAL_WINDOW:
        return True
    later_stage = _STAGE[DealStatus(later_status)]
    moved_on = later_stage == _FINAL_STAGE or later_stage > _STAGE[DealStatus(earlier_status)]
    return gap <= DEAL_LIFETIME and moved_on


def report_date(announced_on: date | None, stated_year: int | None, *, near: date, published_on: date) -> date:
    """The date a report puts its deal at: the day it states; within the year it states ("in 2016"), as close to
    `near` (the other report's date) as that year allows; else the day it was published."""
    if announced_on is not None:
        return announced_on
    if stated_year is not None:
        return min(max(near, date(stated_year, 1, 1)), date(stated_year, 12, 31))
    return published_on


def stated_dates_compatible(first: DealCandidate, second: DealCandidate) -> bool:
    """Whether the dates two reports of one document state (a day, or a year) allow them to be one deal; reports
    that state none cannot be told apart by time."""
    first_rough, second_rough = _rough_date(first), _rough_date(second)
    if first_rough is None or second_rough is None:
        return True
    first_on = report_date(first.announced_on, first.stated_year, near=second_rough, published_on=first_rough)
    second_on = report_date(second.announced_on, second.stated_year, near=first_on, published_on=second_rough)
    return dates_compatible(first_on, first.status, second_on, second.status)


def _rough_date(deal: DealCandidate) -> date | None:
    if deal.announced_on is not None:
        return deal.announced_on
    return None if deal.stated_year is None else date(deal.stated_year, 7, 1)
