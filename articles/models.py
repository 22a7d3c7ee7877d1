"""The news: sources, articles, the mentions and deal evidence found in them, and every ingestion run."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from companies.models import Company, Deal


class Source(models.Model):
    """Who published an article: a site, a newswire, a feed's owner."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    website = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LinkStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be linked"
    LINKED = "linked", "Linked"
    FAILED = "failed", "Linking failed"


class ArticleQuerySet(models.QuerySet["Article"]):
    def latest(self) -> ArticleQuerySet:
        return self.order_by(F("published_at").desc(nulls_last=True), "-id")

    def pending_link(self) -> ArticleQuerySet:
        return self.filter(link_status=LinkStatus.PENDING)


class Article(models.Model):
    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=120, unique=True)
    # Clean plain text; every mention's and every evidence's offsets index into it, so it never changes silently.
    body = models.TextField()
    url = models.URLField(max_length=2000, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    author = models.CharField(max_length=255, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the normalised body: the same text is stored once, whoever sends it.
    content_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=16, default="en")
    tags = models.JSONField(default=list, blank=True)
    link_status = models.CharField(max_length=16, choices=LinkStatus.choices, default=LinkStatus.PENDING)
    link_error = models.TextField(blank=True)
    # Linked, but not everything: e.g. only the first NEWSBASE_MAX_MENTIONS_PER_ARTICLE mentions were kept.
    link_warning = models.TextField(blank=True)
    linked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()
    # Editors' changes only: ingestion and linking save without a version, so bodies are not copied per article.
    history = HistoricalRecords(excluded_fields=["link_status", "link_error", "link_warning", "linked_at"])

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_unique_url"),
        ]
        indexes = [
            models.Index(F("published_at").desc(), F("id").desc(), name="article_published"),
            models.Index(fields=["source", "-published_at"], name="article_source_published"),
            models.Index(fields=["link_status"], name="article_link_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})


class MentionMethod(models.TextChoices):
    GAZETTEER = "gazetteer", "Known name"
    DISCOVERED = "discovered", "Discovered"
    EDITOR = "editor", "Added by an editor"


class ReviewState(models.TextChoices):
    AUTO = "auto", "Not reviewed"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class MentionQuerySet(models.QuerySet["Mention"]):
    def visible(self) -> MentionQuerySet:
        """Mentions readers see: not rejected by an editor."""
        return self.exclude(review_state=ReviewState.REJECTED)

    def newest_article_first(self) -> MentionQuerySet:
        """By their article's date, newest first and undated last: the order of the mention_company_latest index."""
        return self.order_by(F("article_published_at").desc(nulls_last=True), F("article_id").desc())


class Mention(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="mentions")
    text = models.CharField(max_length=255)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # The sentence that holds the mention, for showing it in context without re-reading the body.
    sentence_start = models.PositiveIntegerField(null=True, blank=True)
    sentence_end = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=1.0)
    method = models.CharField(max_length=16, choices=MentionMethod.choices, default=MentionMethod.GAZETTEER)
    # An editor's decision; re-linking keeps confirmed and rejected mentions as they are.
    review_state = models.CharField(max_length=16, choices=ReviewState.choices, default=ReviewState.AUTO)
    # Who made the last review decision, and when (articles.review.mention_review); empty until an editor decides.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A copy of the article's date, so a company's articles are read newest first from one index range (the company
    # page, its feed, "mentioned alongside"). Written with the mention by linking; an editor changing the article's
    # date changes it here too (articles.services.editing).
    article_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0) & Q(end__gt=F("start")), name="mention_valid_offsets"),
            models.CheckConstraint(
                condition=Q(sentence_start__isnull=True)
                | (Q(sentence_start__lte=F("start")) & Q(sentence_end__gte=F("end"))),
                name="mention_inside_its_sentence",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="mention_confidence_in_range"
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="mention_one_per_span"),
        ]
        indexes = [
            # Covers the visibility test too, so a company's coverage is counted from the index alone.
            models.Index(fields=["company", "article"], include=["review_state"], name="mention_company_visible"),
            models.Index(fields=["review_state"], name="mention_review_state"),
            # A company's visible mentions newest article first, undated articles last: any page of its articles is a
            # short range of this index. PostgreSQL builds it with NULLS LAST (migration 0007), the order the pages
            # ask for; SQLite puts NULLs last in a descending index by itself and has no NULLS LAST in indexes.
            models.Index(
                fields=["company", "-article_published_at", "-article"],
                name="mention_company_latest",
                condition=~Q(review_state=ReviewState.REJECTED),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.start}:{self.end}]"


class DealEvidence(models.Model):
    """A sentence of an article that states a deal."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="deal_evidence")
    sentence = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "deal evidence"
        ordering = ["deal", "article", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0) & Q(end__gt=F("start")), name="evidence_valid_offsets"),
            models.UniqueConstraint(fields=["deal", "article", "start"], name="evidence_one_per_sentence"),
        ]
        indexes = [models.Index(fields=["article"], name="evidence_article")]

    def __str__(self) -> str:
        return self.sentence[:80]


class IngestVia(models.TextChoices):
    CLI = "cli", "Command line"
    API = "api", "API"
    ADMIN = "admin", "Admin"
    FEED = "feed", "Feed"


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    INTERRUPTED = "interrupted", "Interrupted"


class IngestRun(models.Model):
    """One batch of documents submitted together, whatever became of each of them."""

    via = models.CharField(max_length=16, choices=IngestVia.choices, default=IngestVia.CLI)
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING)
    # What was asked for: the paths given to the CLI, the names of uploaded files, a feed's URL.
    inputs = models.JSONField(default=list, blank=True)
    source_name = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="ingest_runs"
    )
    error = models.TextField(blank=True, help_text="Why the run stopped early, if it did.")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at"], name="ingest_run_created")]

    def __str__(self) -> str:
        return f"Run {self.pk} ({self.get_via_display()}, {self.created_at:%Y-%m-%d %H:%M})"


class ItemStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    CREATED = "created", "Created"
    DUPLICATE = "duplicate", "Duplicate"
    FAILED = "failed", "Failed"


class IngestItem(models.Model):
    """One document of a run: created, a duplicate of an article already stored, or failed with the reason."""

    run = models.ForeignKey(IngestRun, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    origin = models.CharField(max_length=1000, help_text="The document: a path, an archive member, a feed entry.")
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.PENDING)
    reason = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="ingest_items")
    # The document as read, kept until it is stored, so a run interrupted mid-way resumes without its files.
    document = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["run", "position"]
        constraints = [models.UniqueConstraint(fields=["run", "position"], name="ingest_item_unique_position")]
        indexes = [models.Index(fields=["run", "status"], name="ingest_item_run_status")]

    def __str__(self) -> str:
        return f"{self.origin}: {self.status}"


class ArticleFingerprint(models.Model):
    """One MinHash LSH band hash of an article's text: articles sharing a band are near-duplicate candidates."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="fingerprints")
    band = models.PositiveSmallIntegerField()
    value = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "band"], name="fingerprint_one_per_band")]
        indexes = [models.Index(fields=["band", "value"], name="fingerprint_band_value")]

    def __str__(self) -> str:
        return f"{self.article_id}/{self.band}"


class Feed(models.Model):
    """An RSS or Atom feed that Celery beat polls, with what its server said last time (for conditional GET)."""

    url = models.URLField(max_length=2000, unique=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds")
    active = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(default=30)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        indexes = [models.Index(fields=["active", "last_polled_at"], name="feed_due")]

    def __str__(self) -> str:
        return self.url
