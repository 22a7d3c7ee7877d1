"""Deal headlines in plain news English, built from a deal's kind, status and parties.

The linking service calls `deal_headline` to fill Deal.title; the pages call it for deals whose title is empty.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class _Phrase:
    subject_roles: tuple[str, ...]
    object_roles: tuple[str, ...]
    verb: str  # after "plans to" / "agreed to": "acquire", "spin off"
    past: str  # the completed deal: "acquired", "spun off"
    # Who else is named after the object, and with which word: ("seller", "from") -> "... from Vivendi".
    extra_role: str = ""
    extra_word: str = ""


_PHRASES: dict[str, _Phrase] = {
    "acquisition": _Phrase(("acquirer", "bidder"), ("target",), "acquire", "acquired", "seller", "from"),
    "merger": _Phrase(("merger_party", "acquirer", "target"), (), "merge", "merged"),
    "investment": _Phrase(("investor",), ("investee",), "invest in", "invested in"),
    "funding_round": _Phrase(("investee", "issuer"), (), "raise funding", "raised funding", "investor", "from"),
    "ipo": _Phrase(("issuer",), (), "go public", "went public"),
    "spin_off": _Phrase(("parent", "seller"), ("spun_off", "target"), "spin off", "spun off"),
    "divestment": _Phrase(("seller",), ("target",), "sell", "sold", "acquirer", "to"),
    "partnership": _Phrase(("partner",), (), "form a partnership", "formed a partnership"),
}

_KIND_NOUNS = {
    "acquisition": "Acquisition",
    "merger": "Merger",
    "investment": "Investment",
    "funding_round": "Funding round",
    "ipo": "IPO",
    "spin_off": "Spin-off",
    "divestment": "Divestment",
    "partnership": "Partnership",
}


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _names(parties: list[tuple[str, str]], roles: tuple[str, ...]) -> list[str]:
    # The first role that has parties wins: an acquisition names its acquirer, or failing that its bidder.
    for role in roles:
        names = list(dict.fromkeys(name for name, party_role in parties if party_role == role))
        if names:
            return names
    return []


def deal_headline(*, kind: str, status: str, parties: list[tuple[str, str]]) -> str:
    """A headline for a deal: "Kuaishou plans to spin off Kling AI", "Microsoft acquired Activision Blizzard".

    `parties` is a list of (company name, role). Unknown kinds or missing parties give a plainer headline
    ("Acquisition of Figma") rather than a wrong sentence.
    """
    phrase = _PHRASES.get(kind)
    noun = _KIND_NOUNS.get(kind, "Deal")
    all_names = list(dict.fromkeys(name for name, _ in parties))
    if phrase is None:
        return f"{noun}: {join_names(all_names)}" if all_names else noun
    subjects = _names(parties, phrase.subject_roles)
    objects = _names(parties, phrase.object_roles) if phrase.object_roles else []
    if not subjects:
        if not all_names:
            return noun
        # Only the company bought, sold or spun off is known: "Acquisition of Figma".
        return f"{noun} of {join_names(all_names)}" if phrase.object_roles else f"{noun}: {join_names(all_names)}"
    subject = join_names(subjects)
    plural = len(subjects) > 1
    # A merger of two companies "merge"; a lone party "plans to merge" with nobody named. A buyer or seller whose
    # business is not a company of the knowledge base (a unit the news names loosely) deals in "a business":
    # "Acquisition of Swisscom and Vodafone" read as if both were bought.
    obj = f" {join_names(objects)}" if objects else " a business" if phrase.object_roles else ""
    extras = _names(parties, (phrase.extra_role,)) if phrase.extra_role else []
    extra = f" {phrase.extra_word} {join_names(extras)}" if extras else ""
    verb = f"{phrase.verb}{obj}{extra}"
    match status:
        case "rumored":
            return f"{subject} reportedly {'plan' if plural else 'plans'} to {verb}"
        case "proposed":
            return f"{subject} {'plan' if plural else 'plans'} to {verb}"
        case "agreed":
            return f"{subject} agreed to {verb}"
        case "completed":
            return f"{subject} {phrase.past}{obj}{extra}"
        case "rejected":
            return f"Plan for {subject} to {verb} was rejected"
        case "cancelled":
            return f"{subject} called off {'their' if plural else 'its'} plan to {verb}"
        case _:
            return f"{noun}: {join_names(all_names)}"
