"""Listings: "X plans to float", "X's initial public offering", "X went public"."""

from __future__ import annotations

import re

from articles.extraction.deals.parties import FoundDeal, company_of
from articles.extraction.deals.sentence import DealSentence, rx
from articles.extraction.types import CompanyCandidate, DealKind, PartyRole

IPO = rx(
    r"\b(?:initial public (?:offering|share offering|shares|share sale)|(?-i:IPOs?)|flotation|"
    r"stock market (?:debut|listing|flotation)|go(?:es|ing)? public|went public|gone public|public listing|"
    r"float(?:s|ed|ing)? (?:its|on|in|shares|part)|to float\b|list(?:s|ed|ing)? (?:its )?shares)"
)
_OF_OR_BY = rx(r" (?:of|by) ")
_FLOTATION_AFTER = rx(r" (?:of|by|on) ")
# "Flotation" is a listing when something owns it or it is planned: "its flotation", "the planned flotation".
_FLOTATION_BEFORE = rx(
    r"(?:'s|\b(?:its|their|the|a|planned|proposed|expected|possible|market|share|stock))(?: [\w-]+)? $"
)
_POSSESSIVE_AFTER = rx(r"'s?\b")
_PREPARE_FOR = rx(
    r"\b(?:prepar\w+|readying|readies|groom\w*|bring\w*|brought|tak\w+|took) (?P<object>[\w&.' -]{1,40}?) "
    r"(?:for|to)\b(?: \S+){0,4} $"
)
_THE_COMPANY = rx(r"(?:the|that) (?:company|firm|business|group|unit)$")


def _prepared_company(sentence: DealSentence, prepared: re.Match[str]) -> CompanyCandidate | None:
    """The company in "prepare Y for a listing": Y when named, else the one "the company" points back to."""
    start, end = prepared.span("object")
    named = sentence.mentions_between(start, end)
    if named:
        return named[0].company
    if not _THE_COMPANY.fullmatch(prepared.group("object")):
        return None
    subject, _ = sentence.subject_before(start)
    return sentence.company_referred_to(start, excluding=subject)


def ipo(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    text = sentence.text
    start, end = match.span()
    if rx(r"\b(?:secondary|debt|notes|debentures|bonds?)\b").search(text, end, min(len(text), end + 40)):
        return []
    word = match.group(0).lower()
    if word == "flotation" and not (
        _FLOTATION_AFTER.match(text, end) or _FLOTATION_BEFORE.search(text, max(0, start - 30), start)
    ):
        return []  # "recovered by cyanidation or flotation": an ore process, not a listing
    of = _OF_OR_BY.match(text, end)
    issuer = company_of(sentence.object_after(of.end(), window=40)) if of else None
    sure = 1.0
    named_before = sentence.mentions_ending_between(start - 3, start)
    if issuer is None and named_before and not _POSSESSIVE_AFTER.match(text, named_before[-1].end):
        issuer = named_before[-1].company  # "the European Sugar flotation", "the Arm IPO"
    if issuer is None and word.startswith(("float", "to float")):
        floated = sentence.object_after(end, window=40)
        issuer = company_of(floated)  # "plans to float a new company, BHP Gold Mines"
    prepared = _PREPARE_FOR.search(text, sentence.clause_start(start), start)
    if issuer is None and prepared:
        # "X, which owns Y, will prepare the company for a listing": the company prepared is listed, not X.
        issuer, sure = _prepared_company(sentence, prepared), 0.8
        if issuer is None:
            return []
    if issuer is None:
        issuer, sure = sentence.subject_before(start)
    if issuer is None:
        return []
    # A debut is the first day of trading: the listing is done, unless the wording says it is still to come.
    past = bool(re.search(r"\b(?:went|gone|floated|listed|debut)\b", word))
    return [FoundDeal(DealKind.IPO, [(issuer, PartyRole.ISSUER)], start, end, 0.75 * sure, past=past)]
