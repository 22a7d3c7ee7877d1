"""The knowledge base in the admin: companies with their aliases and units, deals with their parties, history.

Every save goes through a service and makes the record verified: an editor's word, which linking never overwrites.
Merging and rejecting move mentions and evidence, which belong to the news; `companies` never imports `articles`,
so those actions, the evidence inline and the review queue of discovered companies are added in
articles/review_admin.py, which registers the full editors' versions of these admins.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin

from companies.models import Company, CompanyAlias, CompanyRedirect, Deal, DealParty, DealRedirect, RejectedName
from companies.services import (
    company_alias_delete,
    company_alias_problem,
    company_alias_save,
    company_save_from_admin,
    company_verify,
    deal_parties_edit,
    deal_parties_problem,
    deal_save_from_admin,
    deal_verify,
    deals_delete,
    rejected_name_add,
)

# The versions of a company's aliases, or of a deal's parties, listed under its own history.
PART_VERSIONS_SHOWN = 100
HISTORY_WITH_PARTS = "admin/companies/history_with_parts.html"


@dataclass(frozen=True, slots=True)
class PartVersion:
    """One version of an alias or a party, as the history page lists it."""

    when: datetime
    who: str
    action: str
    what: str
    reason: str


def _part_versions(versions: QuerySet, describe: Any) -> list[PartVersion]:
    return [
        PartVersion(
            when=version.history_date,
            who=version.history_user.get_username() if version.history_user else "the machine",
            action=version.get_history_type_display(),
            what=describe(version),
            reason=version.history_change_reason or "",
        )
        for version in versions.select_related("history_user").order_by("-history_date", "-history_id")[
            :PART_VERSIONS_SHOWN
        ]
    ]


def _object_id(object_id: str) -> int | None:
    unquoted = unquote(object_id)
    return int(unquoted) if unquoted.isdigit() else None


class CompanyAliasInline(admin.TabularInline):
    model = CompanyAlias
    extra = 0
    fields = ["name", "kind", "needs_context"]


class UnitInline(admin.TabularInline):
    model = Company
    fk_name = "parent"
    verbose_name = "unit"
    verbose_name_plural = "units"
    extra = 0
    fields = ["name", "kind", "status"]
    readonly_fields = ["name", "kind", "status"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Company | None = None) -> bool:
        return False


class CompanyAdminForm(forms.ModelForm):
    website = forms.URLField(max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Company
        fields = ["name", "kind", "parent", "country", "website", "description", "name_needs_context", "is_public"]

    def clean_country(self) -> str:
        # "us" is what people type; the database keeps ISO codes in capitals.
        return self.cleaned_data["country"].strip().upper()


class CompanyAdmin(SimpleHistoryAdmin):
    form = CompanyAdminForm
    list_display = ["name", "kind", "country", "status", "mention_count", "parent", "alias_count", "created_at"]
    list_filter = ["status", "kind", "country", "is_public"]
    search_fields = ["name", "slug", "aliases__name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["slug", "status", "confidence", "mention_count", "created_at", "updated_at"]
    fields = [
        "name", "slug", "kind", "parent", "country", "website", "description", "name_needs_context",
        "status", "confidence", "is_public", "mention_count", "created_at", "updated_at",
    ]  # fmt: skip
    inlines = [CompanyAliasInline, UnitInline]
    date_hierarchy = "created_at"
    actions = ["verify"]
    history_list_display = ["status", "name"]
    object_history_template = HISTORY_WITH_PARTS

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        versions = CompanyAlias.history.filter(company_id=_object_id(object_id))
        parts = _part_versions(versions, lambda alias: f"{alias.name} ({alias.get_kind_display()})")
        context = {"part_versions": parts, "parts_title": "Aliases", "part_label": "Alias", **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Company]:
        return super().get_queryset(request).annotate(alias_count=Count("aliases", distinct=True))

    @admin.display(description="aliases", ordering="alias_count")
    def alias_count(self, company: Company) -> int:
        return company.alias_count  # type: ignore[attr-defined]

    def save_model(self, request: HttpRequest, obj: Company, form: object, change: bool) -> None:
        company_save_from_admin(company=obj, user=request.user)

    def save_formset(self, request: HttpRequest, form: object, formset: object, change: bool) -> None:
        # Aliases go through the service: lookup key, no name twice, and the linking workers told.
        instances = formset.save(commit=False)  # type: ignore[attr-defined]
        for removed in formset.deleted_objects:  # type: ignore[attr-defined]
            if isinstance(removed, CompanyAlias):
                company_alias_delete(alias=removed, user=request.user)
            else:
                removed.delete()
        for instance in instances:
            if isinstance(instance, CompanyAlias):
                company_alias_save(alias=instance, user=request.user)
            else:
                instance.save()
        formset.save_m2m()  # type: ignore[attr-defined]

    @admin.action(description="Verify the selected companies", permissions=["change"])
    def verify(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        verified = sum(company_verify(company=company, user=request.user) for company in queryset)
        self.message_user(request, f"{verified} companies verified.", messages.SUCCESS)


class CompanyAliasForm(forms.ModelForm):
    class Meta:
        model = CompanyAlias
        fields = ["company", "name", "kind", "needs_context"]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        if cleaned.get("company") and cleaned.get("name"):
            self.instance.company, self.instance.name = cleaned["company"], cleaned["name"]
            problem = company_alias_problem(alias=self.instance)
            if problem:
                raise forms.ValidationError({"name": problem})
        return cleaned


@admin.register(CompanyAlias)
class CompanyAliasAdmin(SimpleHistoryAdmin):
    form = CompanyAliasForm
    list_display = ["name", "company", "kind", "needs_context"]
    list_filter = ["kind", "needs_context"]
    search_fields = ["name", "company__name"]
    list_select_related = ["company"]
    autocomplete_fields = ["company"]
    history_list_display = ["name", "kind", "needs_context"]

    def save_model(self, request: HttpRequest, obj: CompanyAlias, form: object, change: bool) -> None:
        company_alias_save(alias=obj, user=request.user)

    def delete_model(self, request: HttpRequest, obj: CompanyAlias) -> None:
        company_alias_delete(alias=obj, user=request.user)

    # One at a time through the service ("delete selected" would call queryset.delete()): each version names the
    # editor, and the linking workers stop finding the names.
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CompanyAlias]) -> None:
        for alias in queryset.select_related("company"):
            company_alias_delete(alias=alias, user=request.user)


class DealPartyFormSet(BaseInlineFormSet):
    """Refuses, with the reason on the page, parties that would leave the deal with none, or with an editor's
    headline naming a company that is no longer a party."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        saved, removed = [], []
        for form in self.forms:
            if self._should_delete_form(form):
                if form.instance.pk is not None:
                    removed.append(form.instance)
            elif form.has_changed() and form.cleaned_data.get("company"):
                saved.append(form.instance)
        # The deal as the editor submits it: its form has set the headline they typed.
        problem = deal_parties_problem(deal=self.instance, saved=saved, removed=removed, title=self.instance.title)
        if problem:
            raise forms.ValidationError(problem)


class DealPartyInline(admin.TabularInline):
    model = DealParty
    formset = DealPartyFormSet
    extra = 0
    autocomplete_fields = ["company"]


class DealAdminForm(forms.ModelForm):
    class Meta:
        model = Deal
        fields = [
            "kind", "status", "title", "announced_on", "amount", "currency", "valuation", "valuation_currency", "round",
        ]  # fmt: skip

    def clean_currency(self) -> str:
        return self.cleaned_data["currency"].strip().upper()

    def clean_valuation_currency(self) -> str:
        return self.cleaned_data["valuation_currency"].strip().upper()


class DealAdmin(SimpleHistoryAdmin):
    form = DealAdminForm
    list_display = ["title", "kind", "status", "announced_on", "amount", "currency", "verified"]
    list_filter = ["kind", "status", "verified", "currency"]
    search_fields = ["title", "slug", "parties__company__name"]
    readonly_fields = ["slug", "verified", "created_at", "updated_at"]
    date_hierarchy = "announced_on"
    inlines = [DealPartyInline]
    actions = ["verify"]
    history_list_display = ["status", "verified", "title"]
    object_history_template = HISTORY_WITH_PARTS

    def save_model(self, request: HttpRequest, obj: Deal, form: object, change: bool) -> None:
        deal_save_from_admin(deal=obj, user=request.user)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not DealParty:
            super().save_formset(request, form, formset, change)
            return
        # After save_model: the deal is stored, with the headline the editor typed.
        saved = formset.save(commit=False)
        deal_parties_edit(deal=form.instance, user=request.user, saved=saved, removed=formset.deleted_objects)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        versions = DealParty.history.filter(deal_id=_object_id(object_id)).select_related("company")
        parts = _part_versions(versions, _party_described)
        context = {"part_versions": parts, "parts_title": "Parties", "part_label": "Party", **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    # Deleting, one or many ("delete selected" would call queryset.delete()), through the service: each deletion's
    # version names the editor.
    def delete_model(self, request: HttpRequest, obj: Deal) -> None:
        deals_delete(deal_ids=[obj.pk], user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Deal]) -> None:
        deals_delete(deal_ids=queryset.values_list("pk", flat=True), user=request.user)

    @admin.action(description="Verify the selected deals", permissions=["change"])
    def verify(self, request: HttpRequest, queryset: QuerySet[Deal]) -> None:
        verified = sum(deal_verify(deal=deal, user=request.user) for deal in queryset)
        self.message_user(request, f"{verified} deals verified.", messages.SUCCESS)


def _party_described(party: Any) -> str:
    company = party.company.name if party.company else f"company {party.company_id} (since deleted)"
    return f"{company} ({party.get_role_display()})"


@admin.register(DealParty)
class DealPartyAdmin(admin.ModelAdmin):
    """Every party of every deal, to find them; they are changed on their deal's page, beside the headline that names
    them, where removing one can be refused with the reason (a page deleting a party alone has nowhere to say it)."""

    list_display = ["company", "role", "deal_link"]
    list_filter = ["role"]
    search_fields = ["deal__title", "company__name"]
    list_select_related = ["deal", "company"]

    @admin.display(description="deal", ordering="deal__title")
    def deal_link(self, party: DealParty) -> SafeString:
        url = reverse("admin:companies_deal_change", args=[party.deal_id])
        return format_html('<a href="{}">{}</a>', url, party.deal)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: DealParty | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: DealParty | None = None) -> bool:
        return False


@admin.register(RejectedName)
class RejectedNameAdmin(admin.ModelAdmin):
    """Names discovery never creates again; deleting one lets discovery find it again."""

    list_display = ["name", "rejected_by", "created_at"]
    search_fields = ["name"]
    fields = ["name", "rejected_by", "created_at"]
    readonly_fields = ["rejected_by", "created_at"]

    def has_change_permission(self, request: HttpRequest, obj: RejectedName | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: RejectedName, form: object, change: bool) -> None:
        saved = rejected_name_add(name=obj.name, user=request.user)
        obj.pk, obj.name_key = saved.pk, saved.name_key


class RedirectAdmin(admin.ModelAdmin):
    """Old URLs of merged records, kept by the merge services: shown, never edited by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CompanyRedirect)
class CompanyRedirectAdmin(RedirectAdmin):
    list_display = ["old_slug", "company", "created_at"]
    search_fields = ["old_slug", "company__name"]
    list_select_related = ["company"]


@admin.register(DealRedirect)
class DealRedirectAdmin(RedirectAdmin):
    list_display = ["old_slug", "deal", "created_at"]
    search_fields = ["old_slug", "deal__title"]
    list_select_related = ["deal"]
