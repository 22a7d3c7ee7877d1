import pytest

from articles.readers import ReaderError, decode_text, normalize_text


def test_normalize_fixes_mojibake():
    assert normalize_text("The cafÃ© said itâ€\u2122s open") == "The café said it\u2019s open"


def test_normalize_composes_to_nfc():
    assert normalize_text("cafe\u0301") == "caf\u00e9"


def test_normalize_turns_windows_and_old_mac_line_endings_into_newlines():
    assert normalize_text("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_normalize_removes_control_characters_and_turns_tabs_into_spaces():
    assert normalize_text("Acme\x07 bought\tWidget\x1b\x00") == "Acme bought Widget"


def test_normalize_strips_trailing_spaces_and_collapses_blank_lines():
    assert normalize_text("  First.   \n\n\n\n\nSecond.\u00a0\n") == "First.\n\nSecond."


def test_normalize_keeps_curly_quotes_and_html_entities_as_written():
    assert normalize_text("“Quoted” &amp; kept") == "“Quoted” &amp; kept"


def test_decode_text_drops_the_utf8_byte_order_mark():
    assert decode_text(b"\xef\xbb\xbfAcme") == "Acme"


def test_decode_text_reads_utf16_with_a_byte_order_mark():
    assert decode_text("Acme £5".encode("utf-16")) == "Acme £5"


def test_invalid_utf8_is_refused_naming_the_byte_and_its_offset():
    with pytest.raises(ReaderError, match=r"not UTF-8 text \(invalid byte 0xff at offset 10\)"):
        decode_text(b"Acme buys \xff Widget")


def test_a_latin1_file_is_refused_as_not_utf8():
    with pytest.raises(ReaderError, match="not UTF-8 text"):
        decode_text("Café £5".encode("latin-1"))


def test_a_file_with_nul_bytes_is_refused_as_binary():
    with pytest.raises(ReaderError, match="binary file"):
        decode_text(b"Acme\x00\x00\x01\x02")


def test_a_pdf_is_refused_saying_what_it_is():
    with pytest.raises(ReaderError, match="binary file, not text \\(looks like a PDF document\\)"):
        decode_text(b"%PDF-1.7\n...")


def test_a_file_of_control_characters_is_refused_as_binary():
    with pytest.raises(ReaderError, match="mostly control characters"):
        decode_text(bytes(range(1, 32)) * 20)
