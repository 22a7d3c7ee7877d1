"""Headlines for deals, built from the deal itself: "Kuaishou plans to spin off Kling AI"."""

from __future__ import annotations

# For each kind: (first role, second role, phrasing by status). {a} is the first party, {b} the second.
_PHRASES: dict[str, dict[str, str]] = {
    "acquisition": {
        "rumored": "{a} in talks to acquire {b}",
        "proposed": "{a} bids for {b}",
        "agreed": "{a} agrees to acquire {b}",
        "completed": "{a} acquires {b}",
        "rejected": "{b} rejects {a}'s bid",
        "cancelled": "{a}'s deal for {b} is called off",
    },
    "merger": {
        "rumored": "{a} and {b} in merger talks",
        "proposed": "{a} proposes merger with {b}",
        "agreed": "{a} and {b} agree to merge",
        "completed": "{a} and {b} merge",
        "rejected": "{b} rejects merger with {a}",
        "cancelled": "{a} and {b} call off merger",
    },
    "investment": {
        "rumored": "{a} in talks to invest in {b}",
        "proposed": "{a} plans to invest in {b}",
        "agreed": "{a} agrees to invest in {b}",
        "completed": "{a} invests in {b}",
        "rejected": "{b} rejects investment by {a}",
        "cancelled": "{a}'s investment in {b} is called off",
    },
    "funding_round": {
        "rumored": "{b} in talks to raise money from {a}",
        "proposed": "{b} plans to raise money from {a}",
        "agreed": "{b} raises money from {a}",
        "completed": "{b} raises money from {a}",
        "rejected": "{b} turns down funding from {a}",
        "cancelled": "{b}'s funding round is called off",
    },
    "ipo": {
        "rumored": "{a} considers a stock market listing",
        "proposed": "{a} plans to go public",
        "agreed": "{a} prepares its IPO",
        "completed": "{a} goes public",
        "rejected": "{a} drops its IPO",
        "cancelled": "{a} calls off its IPO",
    },
    "spin_off": {
        "rumored": "{a} considers spinning off {b}",
        "proposed": "{a} plans to spin off {b}",
        "agreed": "{a} will spin off {b}",
        "completed": "{a} spins off {b}",
        "rejected": "{a} rejects spin-off of {b}",
        "cancelled": "{a} calls off spin-off of {b}",
    },
    "divestment": {
        "rumored": "{a} considers selling {b}",
        "proposed": "{a} plans to sell {b}",
        "agreed": "{a} agrees to sell {b}",
        "completed": "{a} sells {b}",
        "rejected": "{a}'s sale of {b} is rejected",
        "cancelled": "{a} calls off sale of {b}",
    },
    "partnership": {
        "rumored": "{a} and {b} in partnership talks",
        "proposed": "{a} and {b} plan a partnership",
        "agreed": "{a} and {b} form a partnership",
        "completed": "{a} and {b} form a partnership",
        "rejected": "{a} and {b} partnership rejected",
        "cancelled": "{a} and {b} end their partnership",
    },
}
# Which roles come first and second in each kind's headline, in order of preference.
_FIRST = {
    "acquisition": ("acquirer", "bidder", "investor"),
    "merger": ("merger_party",),
    "investment": ("investor",),
    "funding_round": ("investor",),
    "ipo": ("issuer",),
    "spin_off": ("parent", "seller"),
    "divestment": ("seller", "parent"),
    "partnership": ("partner",),
}
_SECOND = {
    "acquisition": ("target",),
    "merger": ("merger_party",),
    "investment": ("investee",),
    "funding_round": ("investee",),
    "ipo": (),
    "spin_off": ("spun_off", "target"),
    "divestment": ("target", "spun_off"),
    "partnership": ("partner",),
}
_KIND_NAMES = {"funding_round": "Funding round", "ipo": "IPO", "spin_off": "Spin-off"}


def deal_headline(*, kind: str, status: str, parties: list[tuple[str, str]]) -> str:
    """A short headline from the deal's kind, status and (company name, role) parties."""
    first = _pick(parties, _FIRST.get(kind, ()), exclude=None)
    second = _pick(parties, _SECOND.get(kind, ()), exclude=first)
    phrase = _PHRASES.get(kind, {}).get(status)
    names = [name for name, _ in parties]
    if kind == "funding_round" and second and not first:
        return f"{second} raises money" if status in {"agreed", "completed"} else f"{second} plans to raise money"
    if phrase and first and (second or "{b}" not in phrase):
        return phrase.format(a=first, b=second or "")
    label = _KIND_NAMES.get(kind, kind.replace("_", " ").capitalize())
    return f"{label}: {' and '.join(names)}" if names else label


def _pick(parties: list[tuple[str, str]], roles: tuple[str, ...], exclude: str | None) -> str | None:
    for role in roles:
        for name, party_role in parties:
            if party_role == role and name != exclude:
                return name
    return None
