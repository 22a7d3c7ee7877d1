"""Editors add, correct, re-link and upload articles in the admin, and review the mentions found in them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article, DealEvidence, IngestRun, IngestVia, ItemStatus, LinkStatus, Mention, ReviewState
from companies.models import CompanyAlias, Deal, DealKind
from companies.name_changes import names_versions
from tests.admin.conftest import messages_of

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
DEAL_STORY = (
    "Microsoft agreed to buy Activision Blizzard for $68.7 billion, the companies said on Monday.\n\n"
    "Activision Blizzard makes Call of Duty and World of Warcraft."
)


def article_form(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Microsoft to buy Activision Blizzard",
        "body": DEAL_STORY,
        "url": "https://news.example.com/microsoft-activision",
        "source": "",
        "author": "A. Reporter",
        "published_at_0": "2025-06-02",
        "published_at_1": "09:30:00",
    }
    return {**data, **overrides}


def add_article(client: Client, committing, **overrides: str) -> Article:
    with committing():
        response = client.post(ADD_URL, article_form(**overrides))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return Article.objects.get(title=overrides.get("title", "Microsoft to buy Activision Blizzard"))


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def test_an_article_added_in_the_admin_is_stored_and_linked(editor_client: Client, knowledge_base, committing) -> None:
    article = add_article(editor_client, committing, body="  " + DEAL_STORY.replace("\n\n", "\r\n\r\n") + "\n\n\n")
    assert article.body == DEAL_STORY
    assert article.slug == "microsoft-to-buy-activision-blizzard"
    assert article.link_status == LinkStatus.LINKED
    assert set(article.mentions.values_list("company__slug", flat=True)) == {"microsoft", "activision-blizzard"}
    deal = Deal.objects.get(evidence__article=article)
    assert deal.kind == DealKind.ACQUISITION
    assert set(deal.parties.values_list("company__slug", "role")) == {
        ("microsoft", "acquirer"),
        ("activision-blizzard", "target"),
    }
    assert article.fingerprints.exists()


def test_the_change_page_shows_the_link_status_the_highlighted_text_the_mentions_and_the_deals(
    editor_client: Client, knowledge_base, committing
) -> None:
    article = add_article(editor_client, committing)
    deal = Deal.objects.get(evidence__article=article)
    page = editor_client.get(change_url(article)).content.decode()
    assert "Linked" in page
    assert '<mark class="nb-mention nb-mention--auto" title="Microsoft (Not reviewed)">Microsoft</mark>' in page
    assert page.count('class="nb-review__row nb-review__row--auto"') == article.mentions.count()
    assert reverse("admin:companies_deal_change", args=[deal.pk]) in page
    assert deal.title in page


def test_the_text_is_escaped_on_the_change_page(editor_client: Client, knowledge_base, committing) -> None:
    body = "Microsoft <script>alert('x')</script> said <b>nothing</b> about Vodafone."
    article = add_article(editor_client, committing, body=body, title="Escaping")
    page = editor_client.get(change_url(article)).content.decode()
    assert "<script>alert" not in page
    assert "<b>nothing</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_the_same_text_twice_is_refused_on_the_form_naming_the_stored_article(
    editor_client: Client, knowledge_base, committing
) -> None:
    first = add_article(editor_client, committing)
    response = editor_client.post(ADD_URL, article_form(title="Again", url=""))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert f"article {first.pk}" in errors["body"][0]
    response = editor_client.post(ADD_URL, article_form(title="Other text", body="Vodafone said nothing."))
    assert "This URL is stored already" in response.context["adminform"].form.errors["url"][0]
    assert Article.objects.count() == 1


def test_editing_the_text_drops_what_no_longer_fits_and_links_again(
    editor_client: Client, knowledge_base, committing
) -> None:
    article = add_article(editor_client, committing)
    assert Deal.objects.exists()
    with committing():
        response = editor_client.post(
            change_url(article), article_form(body="Microsoft said on Monday that it had a good quarter.")
        )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.link_status == LinkStatus.LINKED
    assert [(m.text, m.company.slug) for m in article.mentions.select_related("company")] == [
        ("Microsoft", "microsoft")
    ]
    for mention in article.mentions.all():
        assert article.body[mention.start : mention.end] == mention.text
    assert not DealEvidence.objects.filter(article=article).exists()
    assert not Deal.objects.exists()


def test_a_mention_rejected_with_its_button_stays_rejected_when_the_article_is_linked_again(
    editor_client: Client, knowledge_base, committing
) -> None:
    article = add_article(editor_client, committing)
    mention = article.mentions.get(company__slug="activision-blizzard", start=article.body.index("Activision"))
    response = editor_client.post(
        reverse("admin:articles_mention_review", args=[mention.pk]),
        {"state": "rejected", "next": change_url(article)},
    )
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    with committing():
        response = editor_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "link_again", "_selected_action": [article.pk]},
            follow=True,
        )
    assert "1 articles queued for linking." in messages_of(response)
    mention.refresh_from_db()
    assert mention.review_state == ReviewState.REJECTED
    assert article.mentions.filter(start=mention.start, end=mention.end).count() == 1
    public = Client().get(article.get_absolute_url()).content.decode()
    assert f'id="mention-{mention.pk}"' not in public


def test_a_mention_is_confirmed_from_its_own_page(editor_client: Client, knowledge_base, committing) -> None:
    article = add_article(editor_client, committing)
    mention = article.mentions.filter(company__slug="microsoft").first()
    page = editor_client.get(reverse("admin:articles_mention_change", args=[mention.pk])).content.decode()
    assert "needs corporate context" in page
    assert 'name="_save"' not in page
    assert mention.reviewed_by is None
    response = editor_client.post(reverse("admin:articles_mention_review", args=[mention.pk]), {"state": "confirmed"})
    assert response["Location"] == reverse("admin:articles_mention_change", args=[mention.pk])
    mention.refresh_from_db()
    assert mention.review_state == ReviewState.CONFIRMED
    # Who decided, and when, is kept with the decision and shown on the mention's page.
    editor = editor_client.get(reverse("admin:index")).wsgi_request.user
    assert mention.reviewed_by == editor
    assert mention.reviewed_at is not None
    page = editor_client.get(reverse("admin:articles_mention_change", args=[mention.pk])).content.decode()
    assert editor.get_username() in page


def test_a_review_needs_a_post(editor_client: Client, knowledge_base, committing) -> None:
    article = add_article(editor_client, committing)
    mention = article.mentions.first()
    response = editor_client.get(reverse("admin:articles_mention_review", args=[mention.pk]) + "?state=rejected")
    assert response.status_code == 405
    mention.refresh_from_db()
    assert mention.review_state == ReviewState.AUTO


def test_an_alias_that_links_wrongly_is_marked_as_needing_corporate_context_from_the_mention(
    editor_client: Client, knowledge_base, committing
) -> None:
    article = add_article(
        editor_client, committing, title="Corp", body="Microsoft Corp said it would hire 300 people in Dublin."
    )
    mention = article.mentions.get(text="Microsoft Corp")
    before = names_versions()
    with committing():
        response = editor_client.post(reverse("admin:articles_mention_needs_context", args=[mention.pk]), follow=True)
    assert any("“Microsoft Corp” now links to Microsoft only where" in text for text in messages_of(response))
    assert CompanyAlias.objects.get(name="Microsoft Corp").needs_context
    assert names_versions()[1] == before[1] + 1


def test_a_companys_own_name_is_marked_as_needing_corporate_context(
    editor_client: Client, knowledge_base, committing
) -> None:
    article = add_article(editor_client, committing)
    mention = article.mentions.filter(text="Microsoft").first()
    with committing():
        editor_client.post(
            reverse("admin:articles_mention_changelist"), {"action": "needs_context", "_selected_action": [mention.pk]}
        )
    knowledge_base["microsoft"].refresh_from_db()
    assert knowledge_base["microsoft"].name_needs_context


def test_uploading_files_starts_an_ingestion_run_and_shows_it(
    editor_client: Client, editor, knowledge_base, committing
) -> None:
    files = [
        SimpleUploadedFile("deal.txt", f"Microsoft to buy Activision Blizzard\n\n{DEAL_STORY}".encode()),
        SimpleUploadedFile("vodafone.md", b"---\ntitle: Vodafone results\n---\nVodafone said profits rose."),
        SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ]
    with committing():
        response = editor_client.post(reverse("admin:articles_article_upload"), {"files": files, "source": "Wire"})
    run = IngestRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_ingestrun_change", args=[run.pk])
    assert (run.via, run.requested_by, run.source_name) == (IngestVia.ADMIN, editor, "Wire")
    assert run.inputs == ["deal.txt", "vodafone.md", "photo.png"]
    statuses = dict(run.items.values_list("origin", "status"))
    assert statuses == {"deal.txt": ItemStatus.CREATED, "vodafone.md": ItemStatus.CREATED, "photo.png": "failed"}
    page = editor_client.get(response["Location"]).content.decode()
    assert "a PNG image" in page
    stored = Article.objects.get(title="Microsoft to buy Activision Blizzard")
    assert stored.source.name == "Wire"
    assert Mention.objects.filter(article=stored).exists()


def test_an_upload_without_files_is_refused_on_the_form(editor_client: Client) -> None:
    response = editor_client.post(reverse("admin:articles_article_upload"), {"source": "Wire"})
    assert response.status_code == 200
    assert response.context["form"].errors["files"]
    assert not IngestRun.objects.exists()
