"""Headlines: the title line of a plain-text document, or a short one derived from the text when there is none."""

from __future__ import annotations

import re

from articles.readers.normalize import normalize_line

# A title line is a headline, not a lead paragraph: short, and not ending as a sentence does.
_MAX_TITLE_LINE = 150
# Titles from pages and feeds can be whole paragraphs; past this they are cut (the body keeps every word).
MAX_TITLE = 300
# A derived headline aims for the length of a real one.
_DERIVED_TARGET = 80
_DERIVED_MAX = 90
_DERIVED_MIN_CLAUSE = 30

# Closing and opening quotes are written as escapes: curly quotes and dashes look too much like their ASCII twins.
_SENTENCE_END = re.compile("(?<=[.!?])([\"'\u201d\u2019)]*)\\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])")
_CLAUSE_BREAK = re.compile("\\s*(?:[;:]|,|\\s[-\u2013\u2014]\\s)\\s*")
# A headline cut short should not end on a word that needs the next one.
_DANGLING = frozenset(
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "its", "of", "on", "or", "our", "the",
        "their", "this", "to", "with", "without", "that", "which", "who", "is", "are", "was", "were", "be", "been",
        "has", "have", "had", "will", "would", "can", "could",
    }
)  # fmt: skip


def split_title_line(text: str) -> tuple[str | None, str]:
    """(title, body) when the text opens with a headline followed by a blank line; (None, text) otherwise."""
    first, separator, rest = text.partition("\n\n")
    if not separator or "\n" in first or not rest.strip():
        return None, text
    first = first.strip()
    if not first or len(first) > _MAX_TITLE_LINE or (first.endswith(".") and not first.endswith("...")):
        return None, text
    return first, rest


def derive_title(body: str) -> str:
    """A short readable headline from the first sentence: its leading clause, cut at a word if still too long."""
    # Hard-wrapped text (newswires wrap at 70 columns) continues its sentence on the next line.
    first_paragraph = " ".join(body.strip().split("\n\n", 1)[0].split())
    end = _SENTENCE_END.search(first_paragraph)
    # A closing quote or bracket belongs to the sentence it closes.
    sentence = first_paragraph[: end.end(1)] if end else first_paragraph
    sentence = normalize_line(sentence).rstrip(".!?;:,")
    if not sentence:
        # Nothing but punctuation before the first break: the text's opening words are still a title.
        return shorten(normalize_line(body), _DERIVED_TARGET)
    if len(sentence) <= _DERIVED_MAX:
        return sentence
    clause = _leading_clause(sentence)
    if len(clause) <= _DERIVED_MAX:
        return clause
    return shorten(clause, _DERIVED_TARGET)


def _leading_clause(sentence: str) -> str:
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.start() >= _DERIVED_MIN_CLAUSE:
            return sentence[: match.start()]
    return sentence


def shorten(text: str, limit: int) -> str:
    """The text cut at a word boundary to at most `limit` characters, with an ellipsis only if it was cut."""
    if len(text) <= limit:
        return text
    words = text[: limit + 1].split(" ")
    if len(words) > 1:
        words = words[:-1]
    while len(words) > 1 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    cut = " ".join(words).rstrip(",;: -\u2013\u2014")
    return (cut[:limit] if cut else text[:limit]) + "…"


def clean_title(title: str) -> str:
    """A title from metadata: on one line, and not longer than a title can be."""
    return shorten(normalize_line(title), MAX_TITLE)
