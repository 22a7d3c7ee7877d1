"""The shorter names an article uses for a company after naming it in full ("Kling AI" ... "Kling")."""

from __future__ import annotations

import re
from collections.abc import Container

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
_LOWERCASE_WORD = re.compile(r"[a-z]+")


class LowercaseWords:
    """Whether a text writes a word in lower case ("time" in "... at the same time"), to tell ordinary words
    from names.

    Each question is answered by a search for that word (in C), and remembered. Listing every lower-case word of
    the text instead cost a few per cent of the engine's time, for the handful of words a text asks about (only
    dictionary words that start a company's name).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._answers: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        answer = self._answers.get(word)
        if answer is None:
            answer = self._answers[word] = _written_as_a_word(self._text, word)
        return answer


def _written_as_a_word(text: str, word: str) -> bool:
    """`word`, all lower-case ASCII letters, stands as a whole word somewhere in `text` (what \\b[a-z]+\\b finds)."""
    if _LOWERCASE_WORD.fullmatch(word) is None:
        return False
    position = text.find(word)
    while position >= 0:
        end = position + len(word)
        if (position == 0 or not _is_word_character(text[position - 1])) and (
            end == len(text) or not _is_word_character(text[end])
        ):
            return True
        position = text.find(word, position + 1)
    return False


def _is_word_character(char: str) -> bool:
    """What \\w matches."""
    return char.isalnum() or char == "_"


def short_forms(name: str, lexicon: Lexicon, lowercase_words: Container[str]) -> list[str]:
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


def _is_distinctive(word: str, lexicon: Lexicon, lowercase_words: Container[str]) -> bool:
    """A first word can stand for the company unless it is an ordinary word: one the dictionary has and this
    article also uses in lower case ("Time" of "Time Warner" next to "time"). Obscure dictionary words that
    the article never writes in lower case ("Kling") stay distinctive."""
    key = word.casefold()
    if (
        len(word) < 3
        or not word[:1].isupper()
        or key in lexicon.places
        or key in lexicon.first_names
        or key in FUNCTION_WORDS
        or key in NATIONALITIES
    ):
        return False
    # Asked last, since it may list the text's lower-case words.
    return key not in lexicon.dictionary_words or key not in lowercase_words
