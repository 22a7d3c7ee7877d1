"""HTML fragments (feed summaries, JSON `content_html`, pages trafilatura finds nothing in) to plain text.

Nothing of the markup survives: scripts, styles and embedded objects are dropped with their content, and the text is
returned as plain paragraphs, so nothing from a document can ever run on our pages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROPPED = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed", "canvas"}
)
# Page furniture, dropped only when a whole page is read without trafilatura's help.
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "button", "select"})
_BLOCKS = frozenset(
    {
        "address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "main", "ol", "p", "pre", "section", "summary", "table", "tr",
        "ul", "li", "caption", "tbody", "thead", "tfoot",
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "source", "track", "wbr"})
_SPACES = re.compile(r"[^\S\n]+")

_LOOKS_LIKE_HTML = re.compile(r"<(?:p|div|br|span|a|b|i|em|strong|h[1-6]|ul|ol|li|img|table|blockquote)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def html_to_text(html: str, *, drop_furniture: bool = False) -> str:
    """Paragraphs of plain text, separated by blank lines; list items on their own lines."""
    parser = _TextCollector(_DROPPED | _FURNITURE if drop_furniture else _DROPPED)
    parser.feed(html)
    parser.close()
    return parser.text()


class _TextCollector(HTMLParser):
    def __init__(self, dropped: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self._dropped = dropped
        self._skip_depth = 0
        self._pre_depth = 0
        self._paragraphs: list[str] = []
        self._current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._dropped and tag not in _VOID:
            self._skip_depth += 1
        if self._skip_depth:
            return
        if tag == "br":
            self._current.append("\n")
        elif tag in _BLOCKS:
            self._break()
            if tag == "li":
                self._current.append("- ")
            elif tag == "pre":
                self._pre_depth += 1
        elif tag in ("td", "th"):
            self._current.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip_depth and tag == "br":
            self._current.append("\n")
        elif not self._skip_depth and tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._dropped and tag not in _VOID:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if self._skip_depth:
            return
        if tag in _BLOCKS:
            if tag == "pre":
                self._pre_depth = max(0, self._pre_depth - 1)
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        self._current.append(data if self._pre_depth else _SPACES.sub(" ", data.replace("\n", " ")))

    def _break(self) -> None:
        paragraph = "".join(self._current)
        self._current = []
        lines = [line.strip() for line in paragraph.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            self._paragraphs.append(paragraph)

    def text(self) -> str:
        self._break()
        return _join_paragraphs(self._paragraphs)


def _join_paragraphs(paragraphs: list[str]) -> str:
    # Consecutive list items read as one list, not as paragraphs of their own.
    out: list[str] = []
    for paragraph in paragraphs:
        if out and paragraph.startswith("- ") and out[-1].rsplit("\n", 1)[-1].startswith("- "):
            out[-1] += "\n" + paragraph
        else:
            out.append(paragraph)
    return "\n\n".join(out)
