"""The shorter names an article uses for a company after naming it in full ("Kling AI" ... "Kling")."""

from __future__ import annotations

import re

from articles.extraction.lexicon import Lexicon
from articles.extraction.normalize import comparable_name, strip_legal_suffix
from articles.extraction.vocabulary import (
    FUNCTION_WORDS,
    GROUP_SUFFIXES,
    INDUSTRY_HEADS,
    LEGAL_SUFFIXES,
    NATIONALITIES,
)

_GENERIC_HEADS = LEGAL_SUFFIXES | GROUP_SUFFIXES | INDUSTRY_HEADS
_LOWERCASE_WORD = re.compile(r"\b[a-z]+\b")


def lowercase_words(text: str) -> set[str]:
    """The words a text writes in lower case, to tell ordinary words from names."""
    return set(_LOWERCASE_WORD.findall(text))


def short_forms(name: str, lexicon: Lexicon, lowercase_words: set[str]) -> list[str]:
    """Comparable short forms of a name: its first word when that word is distinctive, the name without its
    business head word ("Sybari Software" -> "Sybari"), and its initials ("Shanghai Automotive Industry
    Corporation" -> "SAIC")."""
    words = strip_legal_suffix(name).split()
    if len(words) < 2:
        return []
    forms: list[str] = []
    first = words[0]
    if _is_distinctive(first, lexicon, lowercase_words):
        forms.append(comparable_name(first))
    if words[-1].casefold() in _GENERIC_HEADS and len(words) > 2:
        forms.append(comparable_name(" ".join(words[:-1])))
    capitals = [word for word in name.split() if word[:1].isupper() and word.casefold() not in FUNCTION_WORDS]
    if len(capitals) >= 3:
        forms.append(comparable_name("".join(word[0] for word in capitals)))
    return forms


def _is_distinctive(word: str, lexicon: Lexicon, lowercase_words: set[str]) -> bool:
    """A first word can stand for the company unless it is an ordinary word: one the dictionary has and this
    article also uses in lower case ("Time" of "Time Warner" next to "time"). Obscure dictionary words that
    the article never writes in lower case ("Kling") stay distinctive."""
    key = word.casefold()
    ordinary = key in lexicon.dictionary_words and key in lowercase_words
    return (
        len(word) >= 3
        and word[:1].isupper()
        and not ordinary
        and key not in lexicon.places
        and key not in lexicon.first_names
        and key not in FUNCTION_WORDS
        and key not in NATIONALITIES
    )
