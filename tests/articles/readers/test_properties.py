from hypothesis import given, settings
from hypothesis import strategies as st

from articles.readers import ReaderError, normalize_text, read_bytes

NAMES = st.sampled_from(["doc", "doc.txt", "doc.md", "doc.html", "doc.json", "doc.jsonl", "doc.xml", "doc.zip"])

# Bytes that look like the formats, so the parsers behind each reader are exercised, not only the binary check.
FORMAT_SHAPED = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(str.encode),
    st.builds(lambda a, b: f"---\ntitle: {a}\n---\n{b}".encode(), st.text(max_size=50), st.text(max_size=200)),
    st.builds(lambda a: f"<html><body><p>{a}</p></body></html>".encode(), st.text(max_size=300)),
    st.builds(lambda a: f'[{{"title": "t", "body": {a}}}]'.encode(), st.text(max_size=100)),
    st.builds(
        lambda a: f"<rss><channel><item><title>{a}</title></item></channel></rss>".encode(), st.text(max_size=100)
    ),
)


@settings(max_examples=300, deadline=None)
@given(data=FORMAT_SHAPED, name=NAMES)
def test_read_bytes_on_arbitrary_bytes_raises_nothing_but_reader_error(data, name):
    try:
        documents = read_bytes(data, name=name, origin=name)
    except ReaderError:
        return
    for document in documents:
        assert document.body.strip()
        assert document.title


@settings(max_examples=500, deadline=None)
@given(text=st.text())
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)

    assert normalize_text(once) == once


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_the_stored_body_is_already_normalised(text):
    try:
        [document] = read_bytes(text.encode(), name="doc.txt", origin="doc.txt")
    except ReaderError:
        return

    assert normalize_text(document.body) == document.body
