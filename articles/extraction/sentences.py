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
            if _ends_with_abbreviation(text, start, end):
                continue
            _append_sentence(sentences, text, start, match.end(), number)
            start = match.end()
        _append_sentence(sentences, text, start, paragraph.end, number)
    return sentences


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    match = _LAST_WORD.search(text, max(start, end - 12), end)
    if match is None:
        return False
    word = match.group(1).casefold()
    # A single capital letter with a full stop is an initial ("John F. Kennedy"), not an ending.
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


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
