"""Who reaches the editors' admin: editors everything they need, other staff nothing, anonymous visitors the login."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from articles.editors import EDITOR_PERMISSIONS, EDITORS_GROUP
from articles.models import ReviewState
from tests.factories import CompanyFactory, DealFactory, IngestRunFactory, MentionFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("admin:articles_article_changelist", []),
    ("admin:articles_article_add", []),
    ("admin:articles_article_upload", []),
    ("admin:articles_mention_changelist", []),
    ("admin:articles_ingestrun_changelist", []),
    ("admin:articles_ingestitem_changelist", []),
    ("admin:articles_feed_changelist", []),
    ("admin:articles_source_changelist", []),
    ("admin:companies_discoveredcompany_changelist", []),
    ("admin:companies_company_changelist", []),
    ("admin:companies_company_add", []),
    ("admin:companies_companyalias_changelist", []),
    ("admin:companies_deal_changelist", []),
    ("admin:companies_dealparty_changelist", []),
    ("admin:companies_rejectedname_changelist", []),
    ("admin:companies_companyredirect_changelist", []),
]


@pytest.fixture
def records() -> dict[str, object]:
    return {"mention": MentionFactory(), "deal": DealFactory(), "run": IngestRunFactory(), "company": CompanyFactory()}


def object_pages(records: dict) -> list[str]:
    return [
        reverse("admin:articles_article_change", args=[records["mention"].article_id]),
        reverse("admin:articles_mention_change", args=[records["mention"].pk]),
        reverse("admin:articles_ingestrun_change", args=[records["run"].pk]),
        reverse("admin:companies_company_change", args=[records["company"].pk]),
        reverse("admin:companies_company_history", args=[records["company"].pk]),
        reverse("admin:companies_deal_change", args=[records["deal"].pk]),
        reverse("admin:companies_deal_history", args=[records["deal"].pk]),
    ]


def all_pages(records: dict) -> list[str]:
    return [reverse(name, args=args) for name, args in PAGES] + object_pages(records)


def test_an_editor_is_staff_in_the_editors_group_without_superuser_rights(editor) -> None:
    assert editor.is_staff
    assert not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    expected = {f"{app}.{action}_{model}" for app, model, actions in EDITOR_PERMISSIONS for action in actions}
    assert editor.get_all_permissions() == expected


def test_an_editor_reaches_every_page_of_the_workflow(editor_client: Client, records: dict) -> None:
    for url in all_pages(records):
        assert editor_client.get(url).status_code == 200, url
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "Discovered companies (review queue)" in index


def test_staff_outside_the_editors_group_see_nothing_and_change_nothing(staff_client: Client, records: dict) -> None:
    index = staff_client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "have permission to view or edit anything" in index.content.decode()
    for url in all_pages(records):
        assert staff_client.get(url).status_code == 403, url
    mention = records["mention"]
    response = staff_client.post(reverse("admin:articles_mention_review", args=[mention.pk]), {"state": "rejected"})
    assert response.status_code == 403
    assert staff_client.post(reverse("admin:articles_mention_needs_context", args=[mention.pk])).status_code == 403
    response = staff_client.post(
        reverse("admin:companies_company_changelist"),
        {"action": "reject", "_selected_action": [records["company"].pk], "post": "yes"},
    )
    assert response.status_code == 403
    mention.refresh_from_db()
    assert mention.review_state == ReviewState.AUTO
    assert records["company"].__class__.objects.filter(pk=records["company"].pk).exists()


def test_nothing_is_reachable_anonymously(client: Client, records: dict) -> None:
    login = reverse("admin:login")
    for url in [reverse("admin:index"), *all_pages(records)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{login}?next="), url
    mention = records["mention"]
    response = client.post(reverse("admin:articles_mention_review", args=[mention.pk]), {"state": "rejected"})
    assert response["Location"].startswith(login)
    mention.refresh_from_db()
    assert mention.review_state == ReviewState.AUTO


def test_create_editor_refuses_a_weak_password_and_a_taken_name(editor, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CommandError, match="too short"):
        call_command("create_editor", "newbie", "--password", "abc")
    monkeypatch.setenv("NEWSBASE_EDITOR_PASSWORD", "another long passphrase 9")
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_editor", "eddie")
    call_command("create_editor", "newbie")
    assert Group.objects.get(name=EDITORS_GROUP).user_set.count() == 2
