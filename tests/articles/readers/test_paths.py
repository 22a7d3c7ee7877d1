import io
import os
import zipfile
from pathlib import Path

import pytest

from articles.readers import RawDocument, ReadFailure, read_paths

STORY = "Acme buys Widget\n\nAcme said it would buy Widget.\n"


def test_a_folder_is_read_recursively_in_a_stable_sorted_order(tmp_path):
    for relative in ("b/2.txt", "a.txt", "b/1.txt", "c/d/3.txt", "B.txt"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(STORY)

    origins = [result.origin for result in read_paths([tmp_path])]

    assert origins == [os.path.join(tmp_path, name) for name in ("B.txt", "a.txt", "b/1.txt", "b/2.txt", "c/d/3.txt")]


def test_hidden_files_and_os_cruft_in_a_folder_are_skipped(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._story.txt").write_bytes(b"\x00\x05\x16\x07")

    assert [result.origin for result in read_paths([tmp_path])] == [os.path.join(tmp_path, "story.txt")]


def test_one_bad_file_fails_alone_and_the_rest_of_the_folder_is_read(tmp_path):
    (tmp_path / "1.txt").write_text(STORY)
    (tmp_path / "2.txt").write_bytes(b"Caf\xe9 au lait is \xff bad")
    (tmp_path / "3.txt").write_text(STORY)

    results = list(read_paths([tmp_path]))

    assert [type(result) for result in results] == [RawDocument, ReadFailure, RawDocument]
    assert str(results[1]) == f"{tmp_path}/2.txt: not UTF-8 text (invalid byte 0xe9 at offset 3); save it as UTF-8"


def test_an_empty_file_is_a_failure(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")

    assert list(read_paths([tmp_path / "empty.txt"])) == [ReadFailure(str(tmp_path / "empty.txt"), "empty file")]


def test_a_whitespace_only_file_is_a_failure(tmp_path):
    (tmp_path / "blank.txt").write_text(" \n\t\n  \r\n")

    [result] = read_paths([tmp_path / "blank.txt"])

    assert result == ReadFailure(str(tmp_path / "blank.txt"), "empty file (only whitespace)")


def test_a_title_with_no_body_is_a_failure(tmp_path):
    (tmp_path / "title.md").write_text("---\ntitle: Just a title\n---\n")

    [result] = read_paths([tmp_path / "title.md"])

    assert isinstance(result, ReadFailure)
    assert result.reason == "no text: the body is empty or only whitespace"


def test_a_binary_file_is_a_failure(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")

    [result] = read_paths([tmp_path / "photo.jpg"])

    assert result == ReadFailure(str(tmp_path / "photo.jpg"), "binary file, not text (looks like a JPEG image)")


def test_a_file_over_the_size_limit_is_a_failure_saying_its_size(tmp_path):
    (tmp_path / "huge.txt").write_text("word " * 1_500_000)

    [result] = read_paths([tmp_path / "huge.txt"])

    assert result == ReadFailure(str(tmp_path / "huge.txt"), "file is 7.2 MB, over the 5 MB limit")


def test_the_size_limit_can_be_changed(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)

    [result] = read_paths([tmp_path / "story.txt"], max_bytes=10)

    assert result == ReadFailure(str(tmp_path / "story.txt"), "file is 49 bytes, over the 10 bytes limit")


def test_a_missing_path_is_a_failure(tmp_path):
    missing = tmp_path / "nowhere" / "story.txt"

    assert list(read_paths([missing])) == [ReadFailure(str(missing), "no such file or folder")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_a_failure(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY)
    locked.chmod(0)

    assert list(read_paths([locked])) == [ReadFailure(str(locked), "permission denied")]


def test_a_pipe_is_not_read(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    assert list(read_paths([pipe])) == [ReadFailure(str(pipe), "not a regular file (a pipe, socket or device)")]


def test_a_linked_folder_is_not_followed(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text(STORY)
    (tmp_path / "news" / "loop").symlink_to(tmp_path / "news")

    results = list(read_paths([tmp_path / "news"]))

    assert results[0] == ReadFailure(
        str(tmp_path / "news" / "loop"), "link to a folder; linked folders are not followed"
    )
    assert isinstance(results[1], RawDocument)


def test_a_dash_reads_standard_input():
    [document] = read_paths(["-"], stdin=io.BytesIO(STORY.encode()))

    assert document.origin == "-"
    assert document.title == "Acme buys Widget"


def test_standard_input_over_the_size_limit_is_a_failure():
    [result] = read_paths(["-"], stdin=io.BytesIO(b"x" * 100), max_bytes=50)

    assert result == ReadFailure("-", "standard input is over the 50 bytes limit")


def test_a_zip_on_standard_input_is_read_member_by_member():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zip_file:
        zip_file.writestr("story.txt", STORY)
    buffer.seek(0)

    [document] = read_paths(["-"], stdin=buffer)

    assert document.origin == "-!story.txt"


def test_files_folders_and_stdin_mix_in_the_order_given(tmp_path):
    (tmp_path / "one.txt").write_text(STORY)

    origins = [result.origin for result in read_paths([tmp_path / "one.txt", "-"], stdin=io.BytesIO(b"More text."))]

    assert origins == [str(tmp_path / "one.txt"), "-"]


def test_a_file_that_cannot_be_opened_is_a_failure_even_for_root(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY)
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)

    assert list(read_paths([locked])) == [ReadFailure(str(locked), "permission denied")]


def test_a_path_through_a_file_is_a_failure(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    impossible = tmp_path / "story.txt" / "child.txt"

    assert list(read_paths([impossible])) == [ReadFailure(str(impossible), "cannot read (Not a directory)")]


def test_a_word_document_is_a_binary_file_not_an_archive_of_news(tmp_path):
    with zipfile.ZipFile(tmp_path / "report.docx", "w") as document:
        document.writestr("word/document.xml", "<w:document/>")

    [result] = read_paths([tmp_path / "report.docx"])

    assert isinstance(result, ReadFailure)
    assert result.reason.startswith("binary file, not text (looks like a zip archive")
