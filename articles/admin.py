"""The news in the admin: articles typed or uploaded by editors, what the machine found in them (with the editors'
decisions), and every ingestion run. Every write goes through a service; the admin only parses and renders.

The review queue, and the company and deal admins with merging and rejecting, are in articles/review_admin.py.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from articles.models import (
    Article,
    DealEvidence,
    Feed,
    IngestItem,
    IngestRun,
    IngestVia,
    ItemStatus,
    Mention,
    ReviewState,
    Source,
)
from articles.review import mention_review
from articles.services import (
    FeedError,
    article_check_from_admin,
    article_relink,
    article_save_from_admin,
    articles_delete,
    deal_evidence_delete,
    feed_poll,
    feed_url_validate,
    ingest_run_retry_failed,
    ingest_submit_files,
    mention_name_needs_context,
    mentions_delete,
    upload_read,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "website", "created_at"]
    search_fields = ["name", "website"]
    prepopulated_fields = {"slug": ["name"]}


def highlight_mentions(body: str, mentions: list[Mention]) -> SafeString:
    """The body with each mention marked by its review state; every piece of the text is escaped."""
    pieces: list[str] = []
    position = 0
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        if mention.start < position or mention.end > len(body):
            continue
        pieces.append(escape(body[position : mention.start]))
        pieces.append(
            format_html(
                '<mark class="nb-mention nb-mention--{}" title="{} ({})">{}</mark>',
                mention.review_state,
                mention.company.name,
                mention.get_review_state_display(),
                body[mention.start : mention.end],
            )
        )
        position = mention.end
    pieces.append(escape(body[position:]))
    # Every piece went through escape() or format_html() above.
    return mark_safe("".join(pieces))  # noqa: S308


def mentions_go_with_their_record(deleted: tuple[list, dict, set, list]) -> tuple[list, dict, set, list]:
    """The admin's list of what a deletion takes, without asking for the right to delete mentions one by one.

    Editors reject a mention rather than delete it (a rejection survives re-linking), so they have no permission to
    delete mentions; the mentions found in an article, or of a company, are part of it and go with it.
    """
    to_delete, model_count, perms_needed, protected = deleted
    perms_needed.discard(Mention._meta.verbose_name)
    return to_delete, model_count, perms_needed, protected


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


# --- Articles -------------------------------------------------------------------------------------------------


class ArticleAdminForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, required=False, assume_scheme="https")

    class Meta:
        model = Article
        fields = ["title", "body", "url", "source", "author", "published_at"]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        if "body" in cleaned:
            try:
                cleaned["body"] = article_check_from_admin(
                    article_id=self.instance.pk, body=cleaned["body"], url=cleaned.get("url") or ""
                )
            except ValidationError as error:
                for field_name, errors in error.message_dict.items():
                    self.add_error(field_name, errors)
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: object, initial: object = None) -> list[object]:
        files = data if isinstance(data, list | tuple) else [data]
        # No file at all is one empty value, so "required" applies.
        return [super(MultipleFileField, self).clean(item, initial) for item in files or [None]]


class UploadForm(forms.Form):
    files = MultipleFileField(
        help_text="Plain text, Markdown, HTML, JSON or JSONL, RSS or Atom, or a zip of them; several at once."
    )
    source = forms.CharField(
        max_length=200, required=False, help_text="The publisher, when the files do not say who published them."
    )


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ["title", "source", "published_at", "link_status", "created_at"]
    list_filter = ["link_status", "source", "language"]
    search_fields = ["title", "url", "slug"]
    list_select_related = ["source"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["source"]
    readonly_fields = [
        "link_status", "link_error", "link_warning", "linked_at", "highlighted_body",
        "slug", "content_hash", "created_at", "updated_at",
    ]  # fmt: skip
    actions = ["link_again"]
    history_list_display = ["title"]

    def get_fieldsets(self, request: HttpRequest, obj: Article | None = None) -> list:
        article = (None, {"fields": ["title", "body", "url", "source", "author", "published_at"]})
        if obj is None:
            return [article]
        linking = (
            "What the machine found",
            {"fields": ["link_status", "link_error", "link_warning", "linked_at", "highlighted_body"]},
        )
        stored = (
            "Stored as",
            {"fields": ["slug", "content_hash", "created_at", "updated_at"], "classes": ["collapse"]},
        )
        return [article, linking, stored]

    @admin.display(description="Text with the mentions found")
    def highlighted_body(self, article: Article) -> SafeString:
        mentions = list(article.mentions.select_related("company"))
        return format_html('<div class="nb-body">{}</div>', highlight_mentions(article.body, mentions))

    def save_model(self, request: HttpRequest, obj: Article, form: object, change: bool) -> None:
        article_save_from_admin(article=obj, user=request.user)

    # Deleting, one or many ("delete selected" would call queryset.delete(), which recounts nothing), through the
    # service: the companies named are recounted and deals left without evidence go.
    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        articles_delete(article_ids=[obj.pk], user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        articles_delete(article_ids=queryset.values_list("pk", flat=True), user=request.user)

    def get_deleted_objects(self, objs: object, request: HttpRequest) -> tuple[list, dict, set, list]:
        return mentions_go_with_their_record(super().get_deleted_objects(objs, request))

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        article = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if article is not None:
            extra_context["found_mentions"] = list(article.mentions.select_related("company").order_by("start"))
            extra_context["found_deals"] = list(
                DealEvidence.objects.filter(article=article).select_related("deal").order_by("deal_id", "start")
            )
            extra_context["can_review"] = request.user.has_perm("articles.change_mention")
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Link the selected articles again", permissions=["change"])
    def link_again(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        queued = article_relink(article_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, f"{queued} articles queued for linking.", messages.SUCCESS)

    def get_urls(self) -> list[URLPattern]:
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="articles_article_upload")
        return [upload, *super().get_urls()]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            run = ingest_submit_files(
                files=[upload_read(upload, name=upload.name) for upload in form.cleaned_data["files"]],
                via=IngestVia.ADMIN,
                source_name=form.cleaned_data["source"],
                requested_by=request.user,
            )
            self.message_user(request, f"{run}: {len(form.cleaned_data['files'])} files received.", messages.SUCCESS)
            return redirect("admin:articles_ingestrun_change", run.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload files to ingest",
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/articles/article/upload.html", context)


# --- Mentions -------------------------------------------------------------------------------------------------


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "company", "article", "confidence", "method", "review_state", "reviewed_by"]
    list_filter = ["review_state", "method"]
    search_fields = ["text", "company__name", "article__title"]
    list_select_related = ["company", "article", "reviewed_by"]
    fields = [
        *("text", "company", "article", "in_context", "confidence", "method"),
        *("review_state", "reviewed_by", "reviewed_at", "created_at"),
    ]
    readonly_fields = fields
    actions = ["confirm", "reject", "needs_context"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    # Through the service, one or many: the companies named are recounted.
    def delete_model(self, request: HttpRequest, obj: Mention) -> None:
        mentions_delete(mention_ids=[obj.pk], user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Mention]) -> None:
        mentions_delete(mention_ids=queryset.values_list("pk", flat=True), user=request.user)

    @admin.display(description="sentence")
    def in_context(self, mention: Mention) -> SafeString:
        body = mention.article.body
        start = mention.sentence_start if mention.sentence_start is not None else max(mention.start - 150, 0)
        end = mention.sentence_end if mention.sentence_end is not None else mention.end + 150
        return format_html(
            '<div class="nb-body">{}<mark class="nb-mention">{}</mark>{}</div>',
            body[start : mention.start],
            body[mention.start : mention.end],
            body[mention.end : end],
        )

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        # Every field is read-only: decisions are the buttons below the form, each a service call.
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "review_states": [ReviewState.CONFIRMED, ReviewState.REJECTED, ReviewState.AUTO],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:mention_id>/review/", wrap(self.review_view), name="articles_mention_review"),
            path(
                "<int:mention_id>/needs-context/", wrap(self.needs_context_view), name="articles_mention_needs_context"
            ),
            *super().get_urls(),
        ]

    def _mention_for_change(self, request: HttpRequest, mention_id: int) -> Mention:
        mention = get_object_or_404(Mention.objects.select_related("company", "article"), pk=mention_id)
        if not self.has_change_permission(request, mention):
            raise PermissionDenied
        return mention

    @staticmethod
    def _change_url(mention: Mention) -> str:
        return reverse("admin:articles_mention_change", args=[mention.pk])

    def review_view(self, request: HttpRequest, mention_id: int) -> HttpResponse:
        return require_POST(self._review)(request, mention_id)

    def _review(self, request: HttpRequest, mention_id: int) -> HttpResponse:
        mention = self._mention_for_change(request, mention_id)
        try:
            mention_review(mention=mention, state=request.POST.get("state", ""), user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request, f"“{mention.text}” ({mention.company}): {mention.get_review_state_display().lower()}."
            )
        return HttpResponseRedirect(_safe_next(request, self._change_url(mention)))

    def needs_context_view(self, request: HttpRequest, mention_id: int) -> HttpResponse:
        return require_POST(self._needs_context)(request, mention_id)

    def _needs_context(self, request: HttpRequest, mention_id: int) -> HttpResponse:
        mention = self._mention_for_change(request, mention_id)
        self._mark_needs_context(request, [mention])
        return HttpResponseRedirect(_safe_next(request, self._change_url(mention)))

    def _mark_needs_context(self, request: HttpRequest, mentions: QuerySet[Mention] | list[Mention]) -> None:
        for mention in mentions:
            try:
                name = mention_name_needs_context(mention=mention, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                self.message_user(
                    request,
                    f"“{name}” now links to {mention.company} only where the text is about the company "
                    "(articles already linked change when they are linked again).",
                    messages.SUCCESS,
                )

    @admin.action(description="Confirm the selected mentions", permissions=["change"])
    def confirm(self, request: HttpRequest, queryset: QuerySet[Mention]) -> None:
        for mention in queryset:
            mention_review(mention=mention, state=ReviewState.CONFIRMED, user=request.user)
        self.message_user(request, f"{len(queryset)} mentions confirmed.", messages.SUCCESS)

    @admin.action(description="Reject the selected mentions", permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Mention]) -> None:
        for mention in queryset:
            mention_review(mention=mention, state=ReviewState.REJECTED, user=request.user)
        self.message_user(request, f"{len(queryset)} mentions rejected.", messages.SUCCESS)

    @admin.action(description="Their names need corporate context to link", permissions=["change"])
    def needs_context(self, request: HttpRequest, queryset: QuerySet[Mention]) -> None:
        self._mark_needs_context(request, queryset.select_related("company"))


@admin.register(DealEvidence)
class DealEvidenceAdmin(admin.ModelAdmin):
    list_display = ["deal", "article", "start", "end"]
    search_fields = ["sentence", "deal__title", "article__title"]
    list_select_related = ["deal", "article"]
    raw_id_fields = ["deal", "article"]
    readonly_fields = ["article", "sentence", "start", "end"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    # Through the service, one or many: a machine-made deal left without evidence goes too.
    def delete_model(self, request: HttpRequest, obj: DealEvidence) -> None:
        deal_evidence_delete(evidence_ids=[obj.pk], user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[DealEvidence]) -> None:
        deal_evidence_delete(evidence_ids=queryset.values_list("pk", flat=True), user=request.user)


# --- Ingestion runs -------------------------------------------------------------------------------------------


class IngestItemInline(admin.TabularInline):
    model = IngestItem
    extra = 0
    fields = ["position", "origin", "status", "reason", "article"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: IngestRun | None = None) -> bool:
        return False


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = [
        "id", "via", "status", "source_name", "requested_by", "created", "duplicates", "failed", "pending",
        "created_at", "finished_at",
    ]  # fmt: skip
    list_filter = ["via", "status"]
    list_select_related = ["requested_by"]
    fields = ["via", "status", "inputs", "source_name", "requested_by", "error", "created_at", "finished_at"]
    readonly_fields = fields
    inlines = [IngestItemInline]
    actions = ["retry_failed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Runs start from an upload (Articles → Upload files), the CLI, the API or a feed.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[IngestRun]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                created_count=Count("items", filter=Q(items__status=ItemStatus.CREATED)),
                duplicate_count=Count("items", filter=Q(items__status=ItemStatus.DUPLICATE)),
                failed_count=Count("items", filter=Q(items__status=ItemStatus.FAILED)),
                pending_count=Count("items", filter=Q(items__status=ItemStatus.PENDING)),
            )
        )

    @admin.display(description="created", ordering="created_count")
    def created(self, run: IngestRun) -> int:
        return run.created_count  # type: ignore[attr-defined]

    @admin.display(description="duplicates", ordering="duplicate_count")
    def duplicates(self, run: IngestRun) -> int:
        return run.duplicate_count  # type: ignore[attr-defined]

    @admin.display(description="failed", ordering="failed_count")
    def failed(self, run: IngestRun) -> int:
        return run.failed_count  # type: ignore[attr-defined]

    @admin.display(description="pending", ordering="pending_count")
    def pending(self, run: IngestRun) -> int:
        return run.pending_count  # type: ignore[attr-defined]

    @admin.action(description="Retry the failed items", permissions=["change"])
    def retry_failed(self, request: HttpRequest, queryset: QuerySet[IngestRun]) -> None:
        for run in queryset:
            outcome = ingest_run_retry_failed(run=run)
            text = f"{run}: {outcome.queued} items queued again."
            if outcome.unreadable:
                text += (
                    f" {outcome.unreadable} failed while being read and cannot be retried:"
                    " their files could not be read, so upload them again once fixed."
                )
            self.message_user(request, text, messages.WARNING if outcome.unreadable else messages.SUCCESS)


@admin.register(IngestItem)
class IngestItemAdmin(admin.ModelAdmin):
    list_display = ["origin", "run", "status", "reason", "article"]
    list_filter = ["status"]
    search_fields = ["origin", "reason"]
    list_select_related = ["run", "article"]
    raw_id_fields = ["run", "article"]
    exclude = ["document"]


# --- Feeds ----------------------------------------------------------------------------------------------------


class FeedForm(forms.ModelForm):
    # A URL typed without a scheme is taken as https, the scheme nearly every feed is served with now.
    url = forms.URLField(max_length=2000, assume_scheme="https")

    class Meta:
        model = Feed
        fields = ["url", "source", "active", "poll_interval_minutes"]

    def clean_url(self) -> str:
        try:
            return feed_url_validate(self.cleaned_data["url"])
        except FeedError as error:
            raise forms.ValidationError(error.reason) from error


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = ["url", "source", "active", "poll_interval_minutes", "last_polled_at", "last_status"]
    list_filter = ["active"]
    search_fields = ["url", "source__name", "last_status"]
    list_select_related = ["source"]
    raw_id_fields = ["source"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_status", "created_at"]
    actions = ["poll_now"]

    @admin.action(description="Poll now")
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        for feed_id in queryset.values_list("id", flat=True):
            result = feed_poll(feed_id=feed_id)
            level = messages.SUCCESS if result.ok else messages.WARNING
            self.message_user(request, f"{result.url}: {result.status}", level)


# The review queue, and the company and deal admins with merge and reject (they move mentions and evidence).
from articles import review_admin  # noqa: E402, F401
