"""Hostile files for the ingestion fuzz run: valid documents of every format, then mutated.

Pure Python and deterministic: the same seed always gives the same files, so a failure found by the fuzz run can be
reproduced by its seed and number. The documents are written here (invented news about invented and well-known
companies); nothing comes from a corpus.
"""

from __future__ import annotations

import codecs
import io
import json
import random
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Names the starter knowledge base knows, and invented ones, so linking has mentions and deals to find.
_COMPANIES = ("Microsoft", "Nvidia", "Arm", "Alphabet", "Northwind Traders", "Contoso", "Litware", "Fabrikam")
_VERBS = (
    "agreed to buy",
    "completed its acquisition of",
    "invested $2bn in",
    "is in talks to acquire",
    "sold its stake in",
)
_PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE articles_article; --",
    "\u202e\u200b\ufeff",
    "Zalgo: Z\u0351\u0364\u036b",
    "emoji \U0001f4b8 and astral \U00010348",
)


@dataclass(frozen=True)
class FuzzFile:
    """One generated file: the name it is saved under (its extension picks the reader) and its bytes."""

    name: str
    data: bytes
    mutation: str


def _story(rng: random.Random) -> tuple[str, str]:
    buyer, target = rng.sample(_COMPANIES, 2)
    title = f"{buyer} {rng.choice(_VERBS)} {target} {rng.choice(_PAYLOADS) if rng.random() < 0.2 else ''}".strip()
    sentences = [
        f"{buyer} {rng.choice(_VERBS)} {target}, the companies said on {rng.choice(('Monday', 'Friday'))}.",
        f"The deal values {target} at ${rng.randint(1, 90)}bn, people familiar with the matter said.",
        f"Shares in {buyer} rose {rng.randint(1, 9)}% after the announcement {rng.randint(0, 10**6)}.",
    ]
    if rng.random() < 0.3:
        sentences.append(rng.choice(_PAYLOADS))
    paragraphs = ["\n".join(sentences[: rng.randint(1, len(sentences))]) for _ in range(rng.randint(1, 3))]
    return title, "\n\n".join(paragraphs)


def _text(rng: random.Random) -> FuzzFile:
    title, body = _story(rng)
    return FuzzFile("story.txt", f"{title}\n\n{body}\n".encode(), "valid")


def _markdown(rng: random.Random) -> FuzzFile:
    title, body = _story(rng)
    front = f"---\ntitle: {json.dumps(title)}\ndate: 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
    front += f"url: https://news.example.com/{rng.randint(0, 10**9)}\ntags: [deals, tech]\n---\n"
    return FuzzFile("story.md", f"{front}# {title}\n\n**{body}**\n\n- one\n- two\n".encode(), "valid")


def _html(rng: random.Random) -> FuzzFile:
    title, body = _story(rng)
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in body.split("\n\n"))
    page = (
        f"<!doctype html><html><head><title>{title}</title><meta property='og:site_name' content='Example'>"
        f"<script>var x = 1;</script></head><body><nav>Home</nav><article><h1>{title}</h1>{paragraphs}"
        "</article><footer>(c)</footer></body></html>"
    )
    return FuzzFile("story.html", page.encode(), "valid")


def _json(rng: random.Random) -> FuzzFile:
    entries = []
    for _ in range(rng.randint(1, 3)):
        title, body = _story(rng)
        entries.append(
            {"title": title, "body": body, "url": f"https://news.example.com/{rng.randint(0, 10**9)}",
             "published_at": "2024-05-01T10:00:00Z", "source": {"name": "Example Wire"}, "tags": ["deals"]}
        )  # fmt: skip
    data: object = entries[0] if len(entries) == 1 else {"articles": entries}
    return FuzzFile("stories.json", json.dumps(data).encode(), "valid")


def _jsonl(rng: random.Random) -> FuzzFile:
    lines = []
    for _ in range(rng.randint(1, 4)):
        title, body = _story(rng)
        lines.append(json.dumps({"headline": title, "text": body, "date": 1_700_000_000 + rng.randint(0, 10**7)}))
    return FuzzFile("stories.jsonl", ("\n".join(lines) + "\n").encode(), "valid")


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rss(rng: random.Random) -> FuzzFile:
    items = ""
    for number in range(rng.randint(1, 4)):
        title, body = _story(rng)
        items += (
            f"<item><title>{_xml_escape(title)}</title><link>https://news.example.com/r{number}{rng.random()}</link>"
            f"<description>{_xml_escape('<p>' + body + '</p>')}</description>"
            "<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item>"
        )
    feed = (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    )
    return FuzzFile("feed.rss", feed.encode(), "valid")


def _atom(rng: random.Random) -> FuzzFile:
    entries = ""
    for number in range(rng.randint(1, 3)):
        title, body = _story(rng)
        entries += (
            f"<entry><title>{_xml_escape(title)}</title><id>urn:e:{number}:{rng.random()}</id>"
            f"<updated>2024-05-06T10:00:00Z</updated><content type='html'>{_xml_escape(body)}</content></entry>"
        )
    feed = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>{entries}</feed>'
    return FuzzFile("feed.atom", feed.encode(), "valid")


VALID_MAKERS: tuple[Callable[[random.Random], FuzzFile], ...] = (_text, _markdown, _html, _json, _jsonl, _rss, _atom)


def _zip(members: list[tuple[str, bytes]], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _valid_zip(rng: random.Random) -> FuzzFile:
    members = [(f"dir/{index}-{made.name}", made.data) for index, made in enumerate(_valid(rng, 3))]
    return FuzzFile("bundle.zip", _zip(members), "valid")


def _valid(rng: random.Random, count: int) -> list[FuzzFile]:
    return [rng.choice(VALID_MAKERS)(rng) for _ in range(count)]


# --- Mutations: each takes a valid file and returns a hostile one -----------------------------------------------


def _truncate(rng: random.Random, made: FuzzFile) -> FuzzFile:
    return FuzzFile(made.name, made.data[: rng.randint(0, max(len(made.data) - 1, 0))], "truncated")


def _flip_bytes(rng: random.Random, made: FuzzFile) -> FuzzFile:
    data = bytearray(made.data)
    for _ in range(rng.randint(1, 20)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return FuzzFile(made.name, bytes(data), "byte flips")


def _random_bytes(rng: random.Random, made: FuzzFile) -> FuzzFile:
    return FuzzFile(made.name, rng.randbytes(rng.randint(1, 4096)), "random bytes")


def _splice_random(rng: random.Random, made: FuzzFile) -> FuzzFile:
    at = rng.randint(0, len(made.data))
    return FuzzFile(made.name, made.data[:at] + rng.randbytes(rng.randint(1, 64)) + made.data[at:], "random splice")


def _huge_line(rng: random.Random, made: FuzzFile) -> FuzzFile:
    line = (rng.choice(("Nvidia ", "a", "x" * 7 + " ", "\u00e9", "<b>")) * rng.randint(10_000, 100_000)).encode()
    at = rng.randint(0, len(made.data))
    return FuzzFile(made.name, made.data[:at] + line + made.data[at:], "huge line")


def _deep_nesting(rng: random.Random, made: FuzzFile) -> FuzzFile:
    depth = rng.choice((1_000, 10_000, 100_000))
    shapes = {
        "nested.json": b"[" * depth + b"]" * depth,
        "nested-object.json": b'{"a":' * depth + b"1" + b"}" * depth,
        "nested.html": b"<html><body>" + b"<div>" * depth + b"Nvidia text" + b"</div>" * depth + b"</body></html>",
        "nested.rss": b"<rss><channel><item><description>" + b"<x>" * depth + b"</description></item></channel></rss>",
        "nested.md": b"---\ntitle: t\n---\n" + b">" * depth + b" Nvidia quoted\n",
        "nested.jsonl": b'{"body":' + b"[" * depth + b"]" * depth + b"}\n",
    }
    name = rng.choice(sorted(shapes))
    return FuzzFile(name, shapes[name], "deep nesting")


def _bad_encoding(rng: random.Random, made: FuzzFile) -> FuzzFile:
    text = made.data.decode("utf-8", errors="replace") + " caf\u00e9 na\u00efve \u20ac"
    choices: dict[str, Callable[[], bytes]] = {
        "latin-1": lambda: text.encode("latin-1", errors="replace"),
        "utf-16 without BOM": lambda: text.encode("utf-16-le"),
        "utf-16 odd length": lambda: codecs.BOM_UTF16_LE + text.encode("utf-16-le")[:-1],
        "utf-32": lambda: text.encode("utf-32"),
        "overlong utf-8": lambda: made.data + b"\xc0\xaf\xe0\x80\xaf",
        "lone surrogate": lambda: made.data + b"\xed\xa0\x80",
        "cp1252 smart quotes": lambda: text.encode("cp1252", errors="replace") + b"\x93quoted\x94",
        "double-encoded": lambda: text.encode("utf-8").decode("latin-1").encode("utf-8"),
    }
    label = rng.choice(sorted(choices))
    return FuzzFile(made.name, choices[label](), f"bad encoding ({label})")


def _nul_bytes(rng: random.Random, made: FuzzFile) -> FuzzFile:
    data = bytearray(made.data)
    for _ in range(rng.randint(1, 5)):
        data.insert(rng.randint(0, len(data)), 0)
    return FuzzFile(made.name, bytes(data), "NUL bytes")


def _control_characters(rng: random.Random, made: FuzzFile) -> FuzzFile:
    text = made.data.decode("utf-8", errors="replace")
    noise = "".join(chr(rng.choice((1, 7, 8, 11, 12, 27, 127, 0x85, 0x2028, 0x2029, 0xFFFE))) for _ in range(30))
    at = rng.randint(0, len(text))
    return FuzzFile(made.name, (text[:at] + noise + text[at:]).encode("utf-8", errors="surrogatepass"), "controls")


def _wrong_extension(rng: random.Random, made: FuzzFile) -> FuzzFile:
    name = rng.choice(("x.txt", "x.md", "x.html", "x.json", "x.jsonl", "x.xml", "x.atom", "x", "x.zip", "x.pdf"))
    return FuzzFile(name, made.data, "wrong extension")


def _empty(rng: random.Random, made: FuzzFile) -> FuzzFile:
    return FuzzFile(
        made.name, rng.choice((b"", b"   \n\t\n", b"\xef\xbb\xbf", b"{}", b"[]", b"null", b"---\n---\n")), "empty"
    )


def _entity_bomb(rng: random.Random, made: FuzzFile) -> FuzzFile:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + level)} "{("&" + chr(97 + level) + ";") * 10}">' for level in range(8)
    )
    external = '<!ENTITY ext SYSTEM "file:///etc/passwd">'
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}{external}]><rss version="2.0"><channel><title>&i;</title>'
        "<item><title>&ext;</title><description>&i; Nvidia</description></item></channel></rss>"
    )
    return FuzzFile("bomb.rss", feed.encode(), "XML entity bomb")


def _yaml_bomb(rng: random.Random, made: FuzzFile) -> FuzzFile:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join(['*' + chr(97 + level)] * 9)}]" for level in range(8)]
    front = "\n".join(lines) + "\ntitle: !!python/object/apply:os.system ['echo pwned']\n"
    return FuzzFile("bomb.md", f"---\n{front}\n---\nNvidia bought Arm.\n".encode(), "YAML bomb")


def _huge_numbers(rng: random.Random, made: FuzzFile) -> FuzzFile:
    shape = rng.choice(
        (
            '{"title": "t", "body": "Nvidia", "published_at": ' + "9" * 5000 + "}",
            '{"title": "t", "body": "Nvidia", "date": 1e999999}',
            '{"title": "t", "body": "Nvidia", "date": -1e300}',
            '{"title": ' + "1" * 10_000 + ', "body": "x"}',
            '{"title": "t", "body": "Nvidia", "date": "9999-99-99T99:99:99"}',
            '{"title": "t", "body": "Nvidia", "date": NaN}',
        )
    )
    return FuzzFile("numbers.json", shape.encode(), "huge numbers")


# --- Zip oddities -------------------------------------------------------------------------------------------------


def _zip_oddity(rng: random.Random, made: FuzzFile) -> FuzzFile:
    good = made.data
    oddities: dict[str, Callable[[], bytes]] = {
        "path traversal": lambda: _zip([("../../etc/evil.txt", good), ("/abs/path.txt", good), ("C:/win.txt", good)]),
        "nested zip": lambda: _zip([("inner.zip", _zip([("a.txt", good)])), ("ok.txt", good)]),
        "zip bomb": lambda: _zip([("bomb.txt", b"0" * (rng.randint(2, 8) * 1024 * 1024))]),
        "many members": lambda: _zip(
            [(f"m{index}.txt", b"Nvidia %d" % index) for index in range(rng.randint(50, 300))]
        ),
        "symlink member": lambda: _symlink_zip(good),
        "truncated zip": lambda: _zip([("a.txt", good), ("b.txt", good)])[: rng.randint(10, 200)],
        "duplicate names": lambda: _duplicate_names_zip(good),
        "stored member": lambda: _zip([("stored.txt", good)], compression=zipfile.ZIP_STORED),
        "lzma member": lambda: _zip([("lzma.txt", good)], compression=zipfile.ZIP_LZMA),
        "bzip2 member": lambda: _zip([("bz.txt", good)], compression=zipfile.ZIP_BZIP2),
        "lying sizes": lambda: _lying_zip(good),
        "flipped central directory": lambda: _flip_tail(rng, _zip([("a.txt", good), ("b.md", good)])),
        "cruft only": lambda: _zip([("__MACOSX/._a.txt", good), (".DS_Store", b"\x00\x01"), ("Thumbs.db", b"x")]),
        "empty zip": lambda: _zip([]),
        "encrypted flag": lambda: _encrypted_flag_zip(good),
        "unicode and odd names": lambda: _zip(
            [("\u202etxt.exe", good), ("a\\b\\c.txt", good), ("x" * 300 + ".txt", good)]
        ),
    }
    label = rng.choice(sorted(oddities))
    return FuzzFile(rng.choice(("odd.zip", "odd")), oddities[label](), f"zip: {label}")


def _symlink_zip(good: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("real.txt", good)
    return buffer.getvalue()


def _duplicate_names_zip(good: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("same.txt", good)
        archive.writestr(zipfile.ZipInfo("same.txt"), b"Another Nvidia text")
    return buffer.getvalue()


def _lying_zip(good: bytes) -> bytes:
    """A directory that claims each member is tiny while the data expands to megabytes."""
    data = bytearray(_zip([("liar.txt", b"A" * 3 * 1024 * 1024)]))
    central = data.rfind(b"PK\x01\x02")
    # Uncompressed size fields: local header offset 22, central directory offset 24.
    data[22:26] = (10).to_bytes(4, "little")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    return bytes(data)


def _encrypted_flag_zip(good: bytes) -> bytes:
    data = bytearray(_zip([("secret.txt", good)]))
    central = data.rfind(b"PK\x01\x02")
    data[6] |= 1
    data[central + 8] |= 1
    return bytes(data)


def _flip_tail(rng: random.Random, data: bytes) -> bytes:
    mutable = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        position = rng.randrange(max(len(mutable) - 120, 0), len(mutable))
        mutable[position] ^= 1 << rng.randrange(8)
    return bytes(mutable)


MUTATIONS: tuple[Callable[[random.Random, FuzzFile], FuzzFile], ...] = (
    _truncate, _flip_bytes, _flip_bytes, _random_bytes, _splice_random, _huge_line, _deep_nesting, _bad_encoding,
    _nul_bytes, _control_characters, _wrong_extension, _empty, _entity_bomb, _yaml_bomb, _huge_numbers,
    _zip_oddity, _zip_oddity,
)  # fmt: skip


def fuzz_files(count: int, *, seed: int = 0, valid_share: float = 0.15) -> Iterator[FuzzFile]:
    """`count` files: about `valid_share` of them valid documents (zips of them too), the rest mutated."""
    rng = random.Random(seed)
    for _ in range(count):
        made = _valid_zip(rng) if rng.random() < 0.05 else rng.choice(VALID_MAKERS)(rng)
        if rng.random() >= valid_share:
            made = rng.choice(MUTATIONS)(rng, made)
        yield made
