"""The knowledge base in the admin: companies with their aliases, deals with their parties."""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from companies.models import Company, CompanyAlias, Deal, DealParty
from companies.names import name_key
from companies.services import company_save_from_admin, deal_save_from_admin


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


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "status", "confidence", "parent", "alias_count", "created_at"]
    list_filter = ["status", "kind", "country", "is_public"]
    search_fields = ["name", "slug", "aliases__name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    fields = [
        "name", "slug", "kind", "parent", "country", "website", "description",
        "status", "confidence", "is_public", "created_at", "updated_at",
    ]  # fmt: skip
    inlines = [CompanyAliasInline, UnitInline]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Company]:
        return super().get_queryset(request).annotate(alias_count=Count("aliases", distinct=True))

    @admin.display(description="aliases", ordering="alias_count")
    def alias_count(self, company: Company) -> int:
        return company.alias_count  # type: ignore[attr-defined]

    def save_model(self, request: HttpRequest, obj: Company, form: object, change: bool) -> None:
        company_save_from_admin(company=obj)

    def save_formset(self, request: HttpRequest, form: object, formset: object, change: bool) -> None:
        # Aliases get their lookup key from the service, not from save().
        instances = formset.save(commit=False)  # type: ignore[attr-defined]
        for instance in instances:
            if isinstance(instance, CompanyAlias):
                instance.name_key = name_key(instance.name)
            instance.save()
        for removed in formset.deleted_objects:  # type: ignore[attr-defined]
            removed.delete()
        formset.save_m2m()  # type: ignore[attr-defined]


@admin.register(CompanyAlias)
class CompanyAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "kind", "needs_context"]
    list_filter = ["kind", "needs_context"]
    search_fields = ["name", "company__name"]
    list_select_related = ["company"]
    autocomplete_fields = ["company"]

    def save_model(self, request: HttpRequest, obj: CompanyAlias, form: object, change: bool) -> None:
        obj.name_key = name_key(obj.name)
        super().save_model(request, obj, form, change)


class DealPartyInline(admin.TabularInline):
    model = DealParty
    extra = 0
    autocomplete_fields = ["company"]


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "announced_on", "amount", "currency", "verified"]
    list_filter = ["kind", "status", "verified", "currency"]
    search_fields = ["title", "slug", "parties__company__name"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    date_hierarchy = "announced_on"
    inlines = [DealPartyInline]

    def save_model(self, request: HttpRequest, obj: Deal, form: object, change: bool) -> None:
        deal_save_from_admin(deal=obj)


@admin.register(DealParty)
class DealPartyAdmin(admin.ModelAdmin):
    list_display = ["deal", "company", "role"]
    list_filter = ["role"]
    search_fields = ["deal__title", "company__name"]
    list_select_related = ["deal", "company"]
    autocomplete_fields = ["deal", "company"]
