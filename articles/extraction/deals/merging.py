"""Merging the reports of one deal: when two statements are the same deal, and which one speaks for it."""

from __future__ import annotations

from dataclasses import replace

from articles.extraction.deals.identity import roles_compatible, stated_dates_compatible
from articles.extraction.types import DealCandidate, DealKind, PartyRole

_CORE_ROLES = frozenset({PartyRole.TARGET, PartyRole.INVESTEE, PartyRole.SPUN_OFF, PartyRole.ISSUER})


def _core(deal: DealCandidate) -> frozenset[str]:
    """The companies a deal is about: its target, investee, spun-off unit or issuer; else all its parties."""
    core = frozenset(party.name for party in deal.parties if party.role in _CORE_ROLES)
    return core or frozenset(party.name for party in deal.parties)


# A divestment is the seller's side of a purchase: merged with the purchase of the same company, it takes the
# purchase's kind, and its target becomes the purchase's target or investee.
_ABSORBS_DIVESTMENT = frozenset({DealKind.ACQUISITION, DealKind.INVESTMENT})


def _parties(deal: DealCandidate) -> list[tuple[str, str]]:
    return [(party.name, party.role) for party in deal.parties]


def same_deal(first: DealCandidate, second: DealCandidate) -> bool:
    kinds = {first.kind, second.kind}
    if len(kinds) > 1 and not (DealKind.DIVESTMENT in kinds and kinds - {DealKind.DIVESTMENT} <= _ABSORBS_DIVESTMENT):
        return False
    # Two buyers of the same company are two deals (a unit sold on, a rival bid), and a company keeps its side.
    if not roles_compatible(_parties(first), _parties(second)) or not stated_dates_compatible(first, second):
        return False
    first_core, second_core = _core(first), _core(second)
    if first_core & second_core:
        return True
    # One report names only the buyer ("X bought a software firm"): the same deal when the buyer agrees.
    first_all = {party.name for party in first.parties}
    second_all = {party.name for party in second.parties}
    lacks_core = not any(p.role in _CORE_ROLES for p in first.parties) or not any(
        p.role in _CORE_ROLES for p in second.parties
    )
    return len(kinds) == 1 and lacks_core and bool(first_all & second_all)


def _rank(item: tuple[DealCandidate, bool]) -> tuple[int, int, int]:
    deal, explicit = item
    complete = len(deal.parties) >= 2 or deal.kind in {DealKind.IPO, DealKind.DIVESTMENT, DealKind.FUNDING_ROUND}
    return (int(complete), int(explicit), -deal.evidence.start)


def _as_kind(deal: DealCandidate, kind: DealKind) -> DealCandidate:
    if deal.kind == kind:
        return deal
    target_role = PartyRole.INVESTEE if kind == DealKind.INVESTMENT else PartyRole.TARGET
    parties = tuple(
        replace(party, role=target_role) if party.role == PartyRole.TARGET else party for party in deal.parties
    )
    return replace(deal, kind=kind, parties=parties)


def merge_reports(reports: list[tuple[DealCandidate, bool]]) -> DealCandidate:
    """One deal from its reports: the clearest first statement as evidence, every party, the first stated sums."""
    kinds = {deal.kind for deal, _ in reports}
    if len(kinds) > 1:
        # The first report's kind wins: iterating a set gives a different order in each process.
        kind = next(deal.kind for deal, _ in reports if deal.kind != DealKind.DIVESTMENT)
        reports = [(_as_kind(deal, kind), stated) for deal, stated in reports]
    best, explicit = max(reports, key=_rank)
    parties = list(best.parties)
    names = {party.name for party in parties}
    for deal, _ in sorted(reports, key=lambda item: item[0].evidence.start):
        for party in deal.parties:
            if party.name not in names:
                names.add(party.name)
                parties.append(party)
    ordered = sorted(reports, key=lambda item: item[0].evidence.start)
    amount = next(((d.amount, d.currency) for d, _ in [(best, explicit), *ordered] if d.amount is not None), None)
    valuation = next(
        ((d.valuation, d.valuation_currency) for d, _ in [(best, explicit), *ordered] if d.valuation is not None),
        None,
    )
    status = best.status
    if not explicit:
        status = next((d.status for d, stated in ordered if stated), best.status)
    announced = best.announced_on or next((d.announced_on for d, _ in ordered if d.announced_on), None)
    confidence = min(1.0, max(d.confidence for d, _ in reports) + 0.05 * (len(reports) - 1))
    return replace(
        best,
        parties=tuple(parties),
        status=status,
        amount=amount[0] if amount else None,
        currency=amount[1] if amount else None,
        valuation=valuation[0] if valuation else None,
        valuation_currency=valuation[1] if valuation else None,
        round=best.round or next((d.round for d, _ in ordered if d.round), None),
        announced_on=announced,
        stated_year=best.stated_year or next((d.stated_year for d, _ in ordered if d.stated_year), None),
        confidence=round(confidence, 3),
    )
