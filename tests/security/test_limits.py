"""Limits on what one client can make Newsbase do: upload sizes and counts, archives, request rates.

Each refusal is a clear answer (an HTTP error in the API's shape, or a failed IngestItem with its reason), never a
crash, and never at the cost of the other documents of the same upload.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import ApiKeyAccess
from accounts.services import api_key_create
from articles.models import Article, IngestItem, IngestRun, IngestVia, ItemStatus
from articles.services import ingest_submit_files

pytestmark = pytest.mark.django_db

STORY = b"Northwind buys Contoso\n\nNorthwind Traders agreed to buy Contoso for $2bn, the companies said on Monday."
OTHER_STORY = b"Litware raises money\n\nLitware raised $40m in a Series B round led by Fabrikam Ventures on Friday."


@pytest.fixture
def writer(db: None) -> APIClient:
    user = get_user_model().objects.create_user("importer", password=None)
    _, key = api_key_create(name="Importer", user=user, access=ApiKeyAccess.WRITE)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def zip_of(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def outcomes(run: IngestRun) -> list[tuple[str, str, str]]:
    return list(run.items.order_by("position").values_list("origin", "status", "reason"))


# --- Upload size and count ---------------------------------------------------------------------------------------


def test_an_api_upload_over_the_size_limit_is_a_failed_item_and_the_others_are_stored(
    writer: APIClient, settings, django_capture_on_commit_callbacks: Callable
) -> None:
    settings.NEWSBASE_MAX_DOCUMENT_BYTES = 1000
    files = [SimpleUploadedFile("huge.txt", b"Northwind " * 500), SimpleUploadedFile("story.txt", STORY)]

    with django_capture_on_commit_callbacks(execute=True):
        response = writer.post("/api/ingest/", {"files": files}, format="multipart")

    assert response.status_code == 202
    [(_, huge_status, huge_reason), (_, story_status, _)] = outcomes(IngestRun.objects.get())
    assert (huge_status, story_status) == (ItemStatus.FAILED, ItemStatus.CREATED)
    assert huge_reason.endswith("over the 1000 bytes limit")
    assert Article.objects.count() == 1


def test_an_api_upload_of_a_zip_larger_than_one_document_is_read_through_its_archive_limits(
    writer: APIClient, settings, django_capture_on_commit_callbacks: Callable
) -> None:
    settings.NEWSBASE_MAX_DOCUMENT_BYTES = 1000
    stories = {
        f"story-{number}.txt": STORY.replace(b"Northwind", f"Northwind {number}".encode()) for number in range(8)
    }
    archive = zip_of(stories, compression=zipfile.ZIP_STORED)
    assert len(archive) > settings.NEWSBASE_MAX_DOCUMENT_BYTES

    with django_capture_on_commit_callbacks(execute=True):
        response = writer.post(
            "/api/ingest/", {"files": [SimpleUploadedFile("batch.zip", archive)]}, format="multipart"
        )

    assert response.status_code == 202
    statuses = [status for _, status, _ in outcomes(IngestRun.objects.get())]
    assert statuses == [ItemStatus.CREATED] * 8


def test_an_upload_over_the_upload_limit_is_a_failed_item_naming_the_limit(
    writer: APIClient, settings, django_capture_on_commit_callbacks: Callable
) -> None:
    settings.NEWSBASE_MAX_UPLOAD_BYTES = 1000
    archive = zip_of({"big.txt": b"Northwind " * 1000}, compression=zipfile.ZIP_STORED)
    files = [SimpleUploadedFile("big.zip", archive), SimpleUploadedFile("story.txt", STORY)]

    with django_capture_on_commit_callbacks(execute=True):
        response = writer.post("/api/ingest/", {"files": files}, format="multipart")

    assert response.status_code == 202
    [(origin, status, reason), (_, story_status, _)] = outcomes(IngestRun.objects.get())
    assert (origin, status, reason) == ("big.zip", ItemStatus.FAILED, "upload is over the 1000 bytes limit")
    assert story_status == ItemStatus.CREATED


def test_an_api_upload_of_more_files_than_allowed_is_refused_in_the_api_error_shape(writer: APIClient) -> None:
    files = [SimpleUploadedFile(f"story-{number}.txt", STORY) for number in range(101)]

    response = writer.post("/api/ingest/", {"files": files}, format="multipart")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"status", "code", "detail", "fields"}
    assert not IngestRun.objects.exists()


def test_an_admin_upload_over_the_size_limit_is_a_failed_item_with_its_reason(
    editor_client: Client, settings, django_capture_on_commit_callbacks: Callable
) -> None:
    settings.NEWSBASE_MAX_DOCUMENT_BYTES = 1000
    files = [SimpleUploadedFile("huge.txt", b"Northwind " * 500), SimpleUploadedFile("story.txt", STORY)]

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:articles_article_upload"), {"files": files})

    assert response.status_code == 302
    [(_, huge_status, huge_reason), (_, story_status, _)] = outcomes(IngestRun.objects.get(via=IngestVia.ADMIN))
    assert (huge_status, story_status) == (ItemStatus.FAILED, ItemStatus.CREATED)
    assert "over the 1000 bytes limit" in huge_reason


def test_an_admin_upload_of_more_files_than_allowed_is_refused(editor_client: Client, settings) -> None:
    files = [
        SimpleUploadedFile(f"story-{number}.txt", STORY) for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]

    response = editor_client.post(reverse("admin:articles_article_upload"), {"files": files})

    assert response.status_code == 400
    assert not IngestRun.objects.exists()


# --- Archives ----------------------------------------------------------------------------------------------------


def _symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("passwd.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("story.txt", STORY)
    return buffer.getvalue()


def _lying_zip() -> bytes:
    """A directory that says its member is 10 bytes while the data inflates to 3 MB."""
    data = bytearray(zip_of({"liar.txt": b"A" * 3 * 1024 * 1024, "story.txt": STORY}))
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 22 : local + 26] = (10).to_bytes(4, "little")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    return bytes(data)


ARCHIVES = {
    "zip bomb": (zip_of({"bomb.txt": b"0" * 20 * 1024 * 1024}), "over the"),
    "high compression ratio": (zip_of({"a.txt": b"Northwind " * 150_000, "story.txt": STORY}), "compression ratio"),
    "path traversal": (zip_of({"../../etc/cron.d/evil.txt": STORY, "story.txt": OTHER_STORY}), "escapes the archive"),
    "absolute path": (zip_of({"/etc/evil.txt": STORY, "story.txt": OTHER_STORY}), "escapes the archive"),
    "windows path": (zip_of({"C:\\evil.txt": STORY, "story.txt": OTHER_STORY}), "escapes the archive"),
    "nested zip": (zip_of({"inner.zip": zip_of({"a.txt": STORY}), "story.txt": OTHER_STORY}), "nested archives"),
    "symbolic link": (_symlink_zip(), "symbolic link"),
    # zipfile stops at the declared size, so the lie is caught as damage, not read to the end.
    "directory that lies": (_lying_zip(), "cannot decompress the zip member"),
    "nothing in it": (zip_of({}), "holds no documents"),
    "only hidden files": (zip_of({"__MACOSX/._a.txt": b"\x00\x05", ".DS_Store": b"\x00"}), "holds no documents"),
    "truncated": (zip_of({"a.txt": STORY, "b.txt": OTHER_STORY})[:60], "not a readable zip archive"),
}


@pytest.mark.parametrize("oddity", sorted(ARCHIVES))
def test_a_hostile_archive_is_refused_with_its_reason_and_its_good_members_are_kept(
    oddity: str, settings, django_capture_on_commit_callbacks: Callable
) -> None:
    settings.NEWSBASE_MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
    data, reason = ARCHIVES[oddity]

    with django_capture_on_commit_callbacks(execute=True):
        run = ingest_submit_files(files=[("upload.zip", data)], via=IngestVia.API)

    failed = run.items.filter(status=ItemStatus.FAILED)
    assert failed.exists()
    assert all(item.reason for item in failed)
    assert any(reason in item.reason for item in failed), [item.reason for item in failed]
    assert all(item.origin.startswith("upload.zip") for item in run.items.all())
    # Nothing was extracted anywhere: no member name ever became a stored path or article origin outside the archive.
    assert not Article.objects.filter(title__contains="etc").exists()
    stored = set(run.items.filter(status=ItemStatus.CREATED).values_list("origin", flat=True))
    assert stored <= {"upload.zip!story.txt"}


def test_many_members_are_refused_before_any_is_read(django_capture_on_commit_callbacks: Callable) -> None:
    members = {f"story-{number}.txt": b"Northwind %d" % number for number in range(10_001)}

    with django_capture_on_commit_callbacks(execute=True):
        run = ingest_submit_files(files=[("many.zip", zip_of(members, compression=zipfile.ZIP_STORED))], via="api")

    assert outcomes(run) == [("many.zip", ItemStatus.FAILED, "zip archive has 10,001 members, over the 10,000 limit")]
    assert IngestItem.objects.count() == 1


# --- Request rates -----------------------------------------------------------------------------------------------


@pytest.fixture
def tight_rates(settings) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "key": "4/minute"},
    }


def test_a_new_forwarded_for_header_on_each_request_does_not_escape_the_anonymous_limit(tight_rates: None) -> None:
    client = APIClient()
    statuses = [
        client.get("/api/sources/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code for number in range(5)
    ]

    assert statuses == [200, 200, 200, 429, 429]


def test_an_invalid_key_is_refused_rather_than_served_outside_any_limit(tight_rates: None, db: None) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-key")

    assert {client.get("/api/sources/").status_code for _ in range(5)} == {401}


def test_uploads_count_against_the_keys_limit(
    writer: APIClient, tight_rates: None, django_capture_on_commit_callbacks: Callable
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            writer.post(
                "/api/ingest/", {"files": [SimpleUploadedFile(f"s{number}.txt", STORY)]}, format="multipart"
            ).status_code
            for number in range(5)
        ]

    assert statuses == [202, 202, 202, 202, 429]
    assert IngestRun.objects.count() == 4
