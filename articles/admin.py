"""The news in the admin: articles with what the machine found in them, and every ingestion run."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from articles.models import Article, DealEvidence, Feed, IngestItem, IngestRun, Mention, Source
from articles.services import FeedError, feed_poll, feed_url_validate


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "website", "created_at"]
    search_fields = ["name", "website"]
    prepopulated_fields = {"slug": ["name"]}


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["text", "company", "start", "end", "confidence", "method", "review_state"]
    readonly_fields = ["text", "company", "start", "end", "confidence", "method"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class DealEvidenceInline(admin.TabularInline):
    model = DealEvidence
    extra = 0
    fields = ["deal", "sentence"]
    readonly_fields = ["deal", "sentence"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "link_status", "created_at"]
    list_filter = ["link_status", "source", "language"]
    search_fields = ["title", "url", "slug"]
    list_select_related = ["source"]
    date_hierarchy = "published_at"
    readonly_fields = ["slug", "content_hash", "link_status", "link_error", "linked_at", "created_at", "updated_at"]
    inlines = [MentionInline, DealEvidenceInline]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "company", "article", "confidence", "method", "review_state"]
    list_filter = ["review_state", "method"]
    search_fields = ["text", "company__name", "article__title"]
    list_select_related = ["company", "article"]
    raw_id_fields = ["article", "company"]


@admin.register(DealEvidence)
class DealEvidenceAdmin(admin.ModelAdmin):
    list_display = ["deal", "article", "start", "end"]
    search_fields = ["sentence", "deal__title", "article__title"]
    list_select_related = ["deal", "article"]
    raw_id_fields = ["deal", "article"]


class IngestItemInline(admin.TabularInline):
    model = IngestItem
    extra = 0
    fields = ["position", "origin", "status", "reason", "article"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ["id", "via", "status", "source_name", "requested_by", "created_at", "finished_at"]
    list_filter = ["via", "status"]
    readonly_fields = ["via", "status", "inputs", "source_name", "requested_by", "error", "created_at", "finished_at"]
    inlines = [IngestItemInline]


@admin.register(IngestItem)
class IngestItemAdmin(admin.ModelAdmin):
    list_display = ["origin", "run", "status", "reason", "article"]
    list_filter = ["status"]
    search_fields = ["origin", "reason"]
    list_select_related = ["run", "article"]
    raw_id_fields = ["run", "article"]
    exclude = ["document"]


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
