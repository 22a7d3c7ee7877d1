import io
import stat
import zipfile
from pathlib import Path

from articles.readers import ArchiveLimits, RawDocument, ReadFailure, read_entries, read_paths

STORY = b"Acme buys Widget\n\nAcme said it would buy Widget.\n"


def make_zip(path: Path, members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def read_all(path: Path, **kwargs) -> list[RawDocument | ReadFailure]:
    return list(read_paths([path], **kwargs))


def test_zip_members_are_read_in_name_order_with_archive_origins(tmp_path):
    archive = make_zip(
        tmp_path / "news.zip", {"b/2.txt": STORY, "a.md": b"# Title\n\nText.", "b/1.json": b'{"body": "x"}'}
    )

    results = read_all(archive)

    assert [result.origin for result in results] == [f"{archive}!a.md", f"{archive}!b/1.json", f"{archive}!b/2.txt"]
    assert all(isinstance(result, RawDocument) for result in results)


def test_zip_member_with_path_traversal_is_refused(tmp_path):
    archive = make_zip(tmp_path / "evil.zip", {"../../etc/passwd": STORY, "ok.txt": STORY})

    results = read_all(archive)

    assert results[0] == ReadFailure(f"{archive}!../../etc/passwd", "zip member ../../etc/passwd escapes the archive")
    assert isinstance(results[1], RawDocument)


def test_zip_member_with_an_absolute_path_is_refused(tmp_path):
    archive = make_zip(tmp_path / "evil.zip", {"/srv/story.txt": STORY})

    [result] = read_all(archive)

    assert isinstance(result, ReadFailure)
    assert result.reason == "zip member /srv/story.txt escapes the archive"


def test_zip_bomb_is_refused_before_anything_is_decompressed(tmp_path):
    archive = make_zip(tmp_path / "bomb.zip", {f"{n}.txt": b"0" * 1_000_000 for n in range(5)})

    results = read_all(archive, archive_limits=ArchiveLimits(max_total_bytes=3_000_000))

    assert results == [ReadFailure(str(archive), "zip archive expands to over 2.9 MB (zip bomb?)")]


def test_zip_member_with_an_extreme_compression_ratio_is_refused(tmp_path):
    archive = make_zip(tmp_path / "ratio.zip", {"zeros.txt": b"0" * 3_000_000})

    [result] = read_all(archive)

    assert isinstance(result, ReadFailure)
    assert "compression ratio" in result.reason
    assert "zip bomb?" in result.reason


def test_zip_with_too_many_members_is_refused(tmp_path):
    archive = make_zip(tmp_path / "many.zip", {f"{n}.txt": STORY for n in range(4)})

    results = read_all(archive, archive_limits=ArchiveLimits(max_members=3))

    assert results == [ReadFailure(str(archive), "zip archive has 4 members, over the 3 limit")]


def test_zip_member_over_the_size_limit_fails_alone(tmp_path):
    archive = make_zip(
        tmp_path / "big.zip", {"big.txt": b"word " * 400, "small.txt": STORY}, compression=zipfile.ZIP_STORED
    )

    results = read_all(archive, max_bytes=1000)

    assert results[0] == ReadFailure(f"{archive}!big.txt", "file is 2 KB, over the 1000 bytes limit")
    assert isinstance(results[1], RawDocument)


def test_a_zip_inside_a_zip_is_not_opened(tmp_path):
    inner = make_zip(tmp_path / "inner.zip", {"story.txt": STORY}).read_bytes()
    archive = make_zip(tmp_path / "outer.zip", {"inner.zip": inner})

    [result] = read_all(archive)

    assert result == ReadFailure(
        f"{archive}!inner.zip", "zip archive inside a zip archive: nested archives are not opened"
    )


def test_os_cruft_and_hidden_files_in_a_zip_are_skipped(tmp_path):
    archive = make_zip(
        tmp_path / "mac.zip", {"__MACOSX/._story.txt": b"\x00\x05", ".DS_Store": b"\x00", "story.txt": STORY}
    )

    assert [result.origin for result in read_all(archive)] == [f"{archive}!story.txt"]


def test_a_symbolic_link_in_a_zip_is_refused(tmp_path):
    link = zipfile.ZipInfo("link.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zip_file:
        zip_file.writestr(link, "/etc/passwd")

    [result] = read_all(archive)

    assert result == ReadFailure(f"{archive}!link.txt", "zip member is a symbolic link; links are not followed")


def test_a_corrupt_member_fails_alone(tmp_path):
    archive = make_zip(tmp_path / "corrupt.zip", {"a.txt": STORY, "b.txt": STORY}, compression=zipfile.ZIP_STORED)
    data = bytearray(archive.read_bytes())
    data[data.index(b"Acme said") + 2] ^= 0xFF  # the first member's CRC no longer matches
    archive.write_bytes(bytes(data))

    results = read_all(archive)

    assert isinstance(results[0], ReadFailure)
    assert results[0].reason.startswith("cannot decompress the zip member")
    assert isinstance(results[1], RawDocument)


def test_a_truncated_zip_is_refused_as_unreadable(tmp_path):
    archive = tmp_path / "cut.zip"
    archive.write_bytes(make_zip(tmp_path / "whole.zip", {"a.txt": STORY}).read_bytes()[:30])

    [result] = read_all(archive)

    assert result.origin == str(archive)
    assert result.reason.startswith("not a readable zip archive")


def test_a_zip_given_as_bytes_is_read_member_by_member():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zip_file:
        zip_file.writestr("one.txt", STORY)
        zip_file.writestr("two.txt", b"")

    results = read_entries(buffer.getvalue(), name="upload.zip", origin="upload.zip")

    assert isinstance(results[0], RawDocument)
    assert results[1] == ReadFailure("upload.zip!two.txt", "empty file")
