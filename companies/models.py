"""The knowledge base: companies, the names they go by, and the deals between them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

ISO_COUNTRY = r"^[A-Z]{2}$"
ISO_CURRENCY = r"^[A-Z]{3}$"


class CompanyKind(models.TextChoices):
    COMPANY = "company", "Company"
    UNIT = "unit", "Unit"
    INVESTOR = "investor", "Investor"


class CompanyStatus(models.TextChoices):
    AUTO = "auto", "Found by the machine"
    VERIFIED = "verified", "Verified by an editor"


class CompanyQuerySet(models.QuerySet["Company"]):
    def verified(self) -> CompanyQuerySet:
        return self.filter(status=CompanyStatus.VERIFIED)

    def discovered(self) -> CompanyQuerySet:
        return self.filter(status=CompanyStatus.AUTO)

    def public(self) -> CompanyQuerySet:
        """What readers see: verified companies, and machine finds confident enough to show."""
        return self.filter(Q(status=CompanyStatus.VERIFIED) | Q(is_public=True))


class Company(models.Model):
    name = models.CharField(max_length=255)
    # Lower-cased, accent- and punctuation-free name: finds "Deutsche Börse" when asked for "deutsche borse".
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=16, choices=CompanyKind.choices, default=CompanyKind.COMPANY)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="units", help_text="A unit's owner."
    )
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. US, CN, GB.")
    website = models.URLField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    # The name itself is an ordinary word ("Apple", "Shell"): it links only where the text is about the company.
    name_needs_context = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=CompanyStatus.choices, default=CompanyStatus.AUTO)
    # The engine's confidence for a discovered company; null for companies an editor or a data file added.
    confidence = models.FloatField(null=True, blank=True)
    # Discovered companies below the public confidence threshold stay out of public pages until an editor looks.
    is_public = models.BooleanField(default=True)
    # Visible mentions, denormalised so the company list sorts by coverage without counting a million rows;
    # refreshed by companies.stats.company_mention_counts_refresh after linking.
    mention_count = models.PositiveIntegerField(default=0, editable=False)
    # Articles with a visible mention, kept with mention_count: the company page paginates them without a COUNT.
    article_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CompanyQuerySet.as_manager()
    # Who changed what and when; mention_count is recounted by the machine, not an edit worth a version.
    history = HistoricalRecords(excluded_fields=["mention_count", "article_count"])

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="company_not_own_parent"),
            models.CheckConstraint(condition=Q(country="") | Q(country__regex=ISO_COUNTRY), name="company_iso_country"),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__gte=0, confidence__lte=1),
                name="company_confidence_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "name"], name="company_status_name"),
            models.Index(fields=["kind", "name"], name="company_kind_name"),
            models.Index(fields=["country", "name"], name="company_country_name"),
            # Newest first, ties broken by id: the API's ?ordering=-created, with its keyset cursor.
            models.Index(F("created_at").desc(), F("id").desc(), name="company_created_id"),
            models.Index(fields=["-mention_count", "name"], name="company_mention_count"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("companies:detail", kwargs={"slug": self.slug})


class AliasKind(models.TextChoices):
    ALIAS = "alias", "Other name"
    FORMER = "former", "Former name"
    TICKER = "ticker", "Ticker"


class CompanyAlias(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(max_length=16, choices=AliasKind.choices, default=AliasKind.ALIAS)
    # Ordinary words ("Apple", "Shell", "3") link only with corporate context around them.
    needs_context = models.BooleanField(
        default=False, help_text="An ordinary word: link it only where the text is clearly about the company."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Editors add, change and remove names through companies.services, each version naming the editor; the company's
    # admin history page lists them with the company's own versions.
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "company aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "name_key"], name="alias_one_name_per_company"),
        ]

    def __str__(self) -> str:
        return self.name


class DealKind(models.TextChoices):
    ACQUISITION = "acquisition", "Acquisition"
    MERGER = "merger", "Merger"
    INVESTMENT = "investment", "Investment"
    FUNDING_ROUND = "funding_round", "Funding round"
    IPO = "ipo", "IPO"
    SPIN_OFF = "spin_off", "Spin-off"
    DIVESTMENT = "divestment", "Divestment"
    PARTNERSHIP = "partnership", "Partnership"


class DealStatus(models.TextChoices):
    RUMORED = "rumored", "Rumored"
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    COMPLETED = "completed", "Completed"
    REJECTED = "rejected", "Rejected"
    CANCELLED = "cancelled", "Cancelled"


class DealQuerySet(models.QuerySet["Deal"]):
    def of_company(self, company: Company) -> DealQuerySet:
        return self.filter(parties__company=company).distinct()

    def latest(self) -> DealQuerySet:
        return self.order_by(F("announced_on").desc(nulls_last=True), "-created_at")


class Deal(models.Model):
    kind = models.CharField(max_length=16, choices=DealKind.choices)
    status = models.CharField(max_length=16, choices=DealStatus.choices)
    title = models.CharField(max_length=300, blank=True, help_text="Left empty, a headline is built from the deal.")
    slug = models.SlugField(max_length=100, unique=True)
    announced_on = models.DateField(null=True, blank=True)
    amount = models.DecimalField(max_digits=24, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 code of the amount, e.g. USD.")
    valuation = models.DecimalField(max_digits=24, decimal_places=2, null=True, blank=True)
    valuation_currency = models.CharField(max_length=3, blank=True)
    round = models.CharField(max_length=40, blank=True, help_text='Funding round, e.g. "Series B".')
    # An editor confirmed or corrected this deal: re-linking never overwrites it.
    verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DealQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-announced_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="deal_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(valuation__isnull=True) | Q(valuation__gte=0), name="deal_valuation_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(currency="") | Q(currency__regex=ISO_CURRENCY), name="deal_iso_currency"
            ),
            models.CheckConstraint(
                condition=Q(valuation_currency="") | Q(valuation_currency__regex=ISO_CURRENCY),
                name="deal_iso_valuation_currency",
            ),
            models.CheckConstraint(condition=Q(amount__isnull=True) | ~Q(currency=""), name="deal_amount_has_currency"),
            models.CheckConstraint(
                condition=Q(valuation__isnull=True) | ~Q(valuation_currency=""), name="deal_valuation_has_currency"
            ),
        ]
        indexes = [
            models.Index(F("announced_on").desc(), F("created_at").desc(), name="deal_announced"),
            models.Index(fields=["kind", "-announced_on"], name="deal_kind_announced"),
            models.Index(fields=["status", "-announced_on"], name="deal_status_announced"),
            models.Index(fields=["amount"], name="deal_amount"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("companies:deal-detail", kwargs={"slug": self.slug})


class PartyRole(models.TextChoices):
    ACQUIRER = "acquirer", "Acquirer"
    TARGET = "target", "Target"
    SELLER = "seller", "Seller"
    BIDDER = "bidder", "Bidder"
    INVESTOR = "investor", "Investor"
    INVESTEE = "investee", "Investee"
    MERGER_PARTY = "merger_party", "Merger party"
    ISSUER = "issuer", "Issuer"
    PARENT = "parent", "Parent"
    SPUN_OFF = "spun_off", "Spun off"
    PARTNER = "partner", "Partner"


class DealParty(models.Model):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="parties")
    # PROTECT: a company with deals is merged, not deleted, so no deal silently loses a party.
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="deal_parties")
    role = models.CharField(max_length=16, choices=PartyRole.choices)

    # Who added or removed a party, shown on the deal's admin history page. Linking inserts the parties it finds in
    # bulk, without versions: a party's history starts with the first editor's change.
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "deal parties"
        ordering = ["deal", "role"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "company", "role"], name="deal_party_unique_role"),
        ]
        # With the deal: a company's deals are counted (API) and grouped by role (company page) from the index alone.
        indexes = [models.Index(fields=["company", "role"], include=["deal"], name="deal_party_company_role_deal")]

    def __str__(self) -> str:
        return f"{self.company} ({self.get_role_display()})"


class RejectedName(models.Model):
    """A name an editor ruled is not a company: discovery never creates it again."""

    name = models.CharField(max_length=255)
    name_key = models.CharField(max_length=255, unique=True, editable=False)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DiscoveredCompany(Company):
    """The editors' review queue: companies the machine found (status auto), waiting for a decision."""

    class Meta:
        proxy = True
        verbose_name = "discovered company"
        verbose_name_plural = "discovered companies (review queue)"


class CompanyRedirect(models.Model):
    """An old company URL that goes on working after a merge: /companies/<old_slug>/ redirects to the survivor."""

    old_slug = models.SlugField(max_length=100, unique=True)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.company.slug}"


class DealRedirect(models.Model):
    """An old deal URL that goes on working after two records of one deal were merged."""

    old_slug = models.SlugField(max_length=100, unique=True)
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.deal.slug}"


class CompanyMentionDay(models.Model):
    """A company's visible mentions, and the articles they are in, per day of publication; kept by companies.stats.
    The company page's chart, the home page's most mentioned companies and the company's counts read a few hundred
    of these rows instead of its mentions.

    An article without a publication date has a row of its own per company (`day` null, `undated_article_id` set),
    so that linking it recounts that article alone: one row for all of them made each link recount every undated
    article of its companies. Those rows count towards the company's totals, never towards a day."""

    # The unique (company, day) index serves lookups by company: no index of its own.
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="mention_days", db_index=False)
    # Null: an article without a publication date, the one `undated_article_id` names.
    day = models.DateField(null=True)
    # The article's id, not a foreign key: companies never import articles. Set exactly when `day` is null.
    undated_article_id = models.BigIntegerField(null=True)
    mentions = models.PositiveIntegerField()
    articles = models.PositiveIntegerField()

    class Meta:
        ordering = ["company", "day"]
        constraints = [
            models.UniqueConstraint(fields=["company", "day"], name="company_mention_day_unique"),
            models.UniqueConstraint(
                fields=["company", "undated_article_id"],
                condition=Q(undated_article_id__isnull=False),
                name="company_mention_day_unique_undated",
            ),
            models.CheckConstraint(
                condition=Q(day__isnull=True, undated_article_id__isnull=False)
                | Q(day__isnull=False, undated_article_id__isnull=True),
                name="company_mention_day_dated_or_one_article",
            ),
        ]
        # Most mentioned over recent days: the days' rows alone answer it, from the index.
        indexes = [models.Index(fields=["day"], include=["company", "mentions"], name="company_mention_day_recent")]

    def __str__(self) -> str:
        return f"{self.company_id} {self.day}: {self.mentions}"
