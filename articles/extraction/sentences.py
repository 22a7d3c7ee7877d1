"""Split text into paragraphs and sentences, keeping character offsets into the original text."""

from __future__ import annotations

import re

from articles.extraction.types import Sentence, Span

# A blank line always ends a paragraph; so does a line break followed by indentation (wire copy indents
# paragraphs and wraps lines inside them).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n(?=[ \t]+\S)")
_LINE_BREAK = re.compile(r"\n+")

# A sentence ends at . ! or ? (possibly followed by closing quotes or brackets) before whitespace and a capital,
# a digit or an opening quote.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")

# Words whose trailing full stop does not end a sentence ("Mr. Smith", "U.S. Steel", "Corp. said").
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "no", "vs", "inc", "corp", "co", "ltd", "bros",
        "u.s", "u.k", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "gen", "gov", "sen", "rep", "rev", "mt", "ft", "n.v", "s.a", "a.g", "p.m", "a.m",
    }
)  # fmt: skip
_LAST_WORD = re.compile(r"([\w.]+)\.$")
# Initials, one or several ("F.", "J.P.", "E.F.", "U.S.A."): inside a name ("J.P. Morgan", "E.F. Hutton") far more
# often than at the end of a sentence.
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
# Titles before a name never end a sentence; other abbreviations and initials do when the next word can only open
# one ("... Woodco Inc. The company said", "... in the U.S. It said").
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "rev", "mt"})
_SENTENCE_OPENERS = frozenset(
    {
        "the", "it", "its", "he", "she", "they", "we", "i", "this", "these", "those", "there", "but", "however",
        "his", "her", "their", "our", "a", "an", "in", "on", "at", "if", "when", "while", "after", "under",
        "analysts", "shares",
    }
)  # fmt: skip
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(\[]?([A-Za-z]+)\b")


def split_paragraphs(text: str) -> list[Span]:
    """Paragraphs as spans. Text with neither blank lines nor indentation is split at every line break."""
    breaker = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    paragraphs: list[Span] = []
    start = 0
    for match in breaker.finditer(text):
        _append_trimmed(paragraphs, text, start, match.start())
        start = match.end()
    _append_trimmed(paragraphs, text, start, len(text))
    return paragraphs


def split_sentences(text: str, paragraphs: list[Span]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        start = paragraph.start
        for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
            end = match.start() + 1
            if _ends_with_abbreviation(text, start, end, match.end()):
                continue
            _append_sentence(sentences, text, start, match.end(), number)
            start = match.end()
        _append_sentence(sentences, text, start, paragraph.end, number)
    return sentences


def _ends_with_abbreviation(text: str, start: int, end: int, next_start: int) -> bool:
    match = _LAST_WORD.search(text, max(start, end - 12), end)
    if match is None:
        return False
    word = match.group(1).casefold()
    if word in _TITLES:
        return True
    if word not in _ABBREVIATIONS and _INITIALS.fullmatch(word) is None:
        return False
    following = _NEXT_WORD.match(text, next_start)
    return following is None or following.group(1).casefold() not in _SENTENCE_OPENERS


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))


def _append_sentence(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end], paragraph))
