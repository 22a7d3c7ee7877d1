"""A deal's status, read from the wording around the verb that states it.

News signals the stage of a deal with a small vocabulary: "reportedly", "in talks" (a rumour), "plans to", "offered"
(a proposal), "agreed to", "will buy" (agreed, not yet closed), "completed", "bought" (done), "rejected",
"called off" (dead). The strongest signal wins: an offer that was rejected is rejected, whatever else the sentence
says, and a completed deal was once agreed, so "completed" outranks "agreed".
"""

from __future__ import annotations

import re

from articles.extraction.types import DealStatus


def _cue(words: str) -> re.Pattern[str]:
    # A space in a cue matches any run of whitespace, since wire copy wraps lines mid-sentence.
    spaced = words.replace(" ", r"\s+")
    return re.compile(rf"\b(?:{spaced})\b", re.IGNORECASE)


_CANCELLED = _cue(
    r"call(?:s|ed|ing)? off|abandon(?:s|ed|ing)?|withdr(?:ew|awn|aws|aw)|scrap(?:s|ped|ping)?|block(?:s|ed|ing)?|"
    r"collaps(?:e|ed|es)|fell through|terminat(?:e|es|ed|ing)|"
    r"(?:ended|end|ends|broke off|breaks off) (?:talks|its|the)|"
    r"pull(?:s|ed)? out|came close to|failed|fail(?:s|ed)? to|vetoed|prohibited|dropp(?:ed|ing) (?:its|the|a|plans)"
)
_REJECTED = _cue(r"reject(?:s|ed|ing)?|rebuff(?:s|ed)?|turn(?:s|ed)? down|spurn(?:s|ed)?|snub(?:s|bed)?")
_COMPLETED = _cue(
    r"complet(?:e|es|ed|ing|ion)|clos(?:ed|es|ing) (?:the|its|a)|finali[sz](?:e|es|ed)|now owns|"
    r"(?:has|have|had) (?:now )?(?:bought|acquired|purchased|sold|merged|taken over|spun off|invested|raised|floated)"
)
_RUMORED = _cue(
    r"reportedly|reported to|(?:press|media|newspaper) reports?|reports? (?:say|said|suggest|that)|"
    r"according to (?:reports|sources|people)|rumou?r(?:s|ed)?|talks|discussions|negotiations|negotiating|"
    r"consider(?:s|ed|ing)?|"
    r"mull(?:s|ed|ing)?|explor(?:e|es|ed|ing)|weigh(?:s|ed|ing)?|eye(?:s|ing|ed)?|may|might|could|possible|"
    r"potential|speculation|speculated|said to be|sources|approach(?:ed)?|interested in|studying|looking to|tipped"
)
_AGREED = _cue(
    r"agree(?:s|d|ment)?|sign(?:s|ed)?|definitive|will (?:buy|acquire|merge|sell|take|invest|spin|be)|"
    r"(?:is|are|was) to (?:buy|acquire|merge|sell|take|be)|deal to|accept(?:s|ed)?|approv(?:e|es|ed|al)|"
    r"set to (?:buy|acquire|merge|sell)"
)
_PROPOSED = _cue(
    r"plan(?:s|ned|ning)?|offer(?:s|ed|ing)?|bid(?:s|ding)?|propos(?:e|es|ed|al|ing)|intend(?:s|ed)?|"
    r"intention|seek(?:s|ing)?|sought|want(?:s|ed)? to|hop(?:e|es|ed|ing) to|aim(?:s|ed)? to|would like|"
    r"prepar(?:e|es|ed|ing)|tender|letter of intent|in principle|expected|upcoming|forthcoming|announced|to float|"
    r"filed"
)
# Past tense of the deal verbs: a deal reported as done.
_PAST = _cue(
    r"bought|acquired|purchased|took over|taken over|snapped up|merged|sold|divested|disposed of|spun off|spun out|"
    r"invested|raised|floated|went public|listed|demerged|owns|holds|held|formed|set up|launched|was|were"
)


def status_from_wording(wording: str, *, past_default: bool) -> tuple[DealStatus, bool]:
    """The status the wording states, and whether it was stated at all (False means a guess from the verb form).

    `wording` is the clause around the deal verb; `past_default` says whether the verb itself is past tense.
    """
    for pattern, status in (
        (_CANCELLED, DealStatus.CANCELLED),
        (_REJECTED, DealStatus.REJECTED),
        (_COMPLETED, DealStatus.COMPLETED),
        (_RUMORED, DealStatus.RUMORED),
        (_AGREED, DealStatus.AGREED),
        (_PROPOSED, DealStatus.PROPOSED),
    ):
        if pattern.search(wording):
            return status, True
    if past_default or _PAST.search(wording):
        return DealStatus.COMPLETED, False
    return DealStatus.AGREED, False
