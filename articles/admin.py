"""The news in the admin: articles with what the machine found in them, and every ingestion run."""

from django.contrib import admin

from articles.models import Article, DealEvidence, IngestItem, IngestRun, Mention, Source


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
