"""The knowledge base in the admin: companies with their aliases and units, deals with their parties, history.

Every save goes through a service and makes the record verified: an editor's word, which linking never overwrites.
Merging and rejecting move mentions and evidence, which belong to the news; `companies` never imports `articles`,
so those actions, the evidence inline and the review queue of discovered companies are added in
articles/review_admin.py, which registers the full editors' versions of these admins.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from companies.models import Company, CompanyAlias, CompanyRedirect, Deal, DealParty, DealRedirect, RejectedName
from companies.services import (
    company_alias_delete,
    company_alias_problem,
    company_alias_save,
    company_save_from_admin,
    company_verify,
    deal_save_from_admin,
    deal_verify,
    deals_delete,
    rejected_name_add,
)


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
                company_alias_delete(alias=removed)
            else:
                removed.delete()
        for instance in instances:
            if isinstance(instance, CompanyAlias):
                company_alias_save(alias=instance)
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
class CompanyAliasAdmin(admin.ModelAdmin):
    form = CompanyAliasForm
    list_display = ["name", "company", "kind", "needs_context"]
    list_filter = ["kind", "needs_context"]
    search_fields = ["name", "company__name"]
    list_select_related = ["company"]
    autocomplete_fields = ["company"]

    def save_model(self, request: HttpRequest, obj: CompanyAlias, form: object, change: bool) -> None:
        company_alias_save(alias=obj)

    def delete_model(self, request: HttpRequest, obj: CompanyAlias) -> None:
        company_alias_delete(alias=obj)


class DealPartyInline(admin.TabularInline):
    model = DealParty
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
    history_list_display = ["status", "verified"]

    def save_model(self, request: HttpRequest, obj: Deal, form: object, change: bool) -> None:
        deal_save_from_admin(deal=obj, user=request.user)

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


@admin.register(DealParty)
class DealPartyAdmin(admin.ModelAdmin):
    list_display = ["deal", "company", "role"]
    list_filter = ["role"]
    search_fields = ["deal__title", "company__name"]
    list_select_related = ["deal", "company"]
    autocomplete_fields = ["deal", "company"]


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
