"""The editors' review of the knowledge base in the admin: the queue of companies the machine discovered, and the
company and deal admins with merging and rejecting.

Merging and rejecting move or delete mentions and evidence, which belong to the news, so these admins are
registered here (`companies` never imports `articles`); they extend companies.admin's CompanyAdmin and DealAdmin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Model, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest, Substr
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.admin import mentions_go_with_their_record
from articles.models import DealEvidence, Mention, ReviewState
from articles.services import company_merge, company_reject, deal_merge
from companies.admin import CompanyAdmin, DealAdmin
from companies.models import Company, CompanyRedirect, CompanyStatus, Deal, DealRedirect, DiscoveredCompany
from companies.services import companies_delete, company_verify

SENTENCES_SHOWN = 3
CONTEXT_CHARS = 150


class SurvivorForm(forms.Form):
    """Chooses the record that stays, with the admin's search-as-you-type box."""

    def __init__(self, *args: Any, model: type[Model], pointer: Any, admin_site: admin.AdminSite, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["survivor"] = forms.ModelChoiceField(
            queryset=model._default_manager.all(),
            widget=AutocompleteSelect(pointer, admin_site),
            label=f"The {model._meta.verbose_name} that stays",
        )


def _confirm_page(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    *,
    action: str,
    title: str,
    explanation: str,
    button: str,
    form: forms.Form | None = None,
) -> TemplateResponse:
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "explanation": explanation,
        "button": button,
        "objects": list(queryset),
        "action": action,
        "form": form,
        "media": modeladmin.media + (form.media if form is not None else forms.Media()),
        "opts": modeladmin.opts,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/editing/confirm_action.html", context)


def _merge_action(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    *,
    model: type[Model],
    pointer: Any,
    merge: Callable[..., Model],
) -> TemplateResponse | None:
    """An intermediate page that asks which record stays, then merges each selected one into it."""
    noun, nouns = model._meta.verbose_name, model._meta.verbose_name_plural
    data = request.POST if request.POST.get("post") else None
    form = SurvivorForm(data, model=model, pointer=pointer, admin_site=modeladmin.admin_site)
    if data is not None and form.is_valid():
        survivor = form.cleaned_data["survivor"]
        merged = 0
        for duplicate in queryset.exclude(pk=survivor.pk):
            try:
                merge(source=duplicate, target=survivor, user=request.user)
            except ValidationError as error:
                modeladmin.message_user(request, f"{duplicate}: {' '.join(error.messages)}", messages.ERROR)
            else:
                merged += 1
        modeladmin.message_user(request, f"{merged} {nouns} merged into {survivor}.", messages.SUCCESS)
        return None
    return _confirm_page(
        modeladmin,
        request,
        queryset,
        action="merge_into",
        title=f"Merge {nouns}",
        explanation=(
            f"These {nouns} are merged into the {noun} you choose: what they hold moves to it, they are deleted, "
            "and their pages redirect permanently to its page."
        ),
        button="Merge",
        form=form,
    )


# --- Companies ------------------------------------------------------------------------------------------------


class CompanyEditingMixin:
    """Merge, reject and delete, for the companies admin and the review queue."""

    # Deleting, one or many ("delete selected" would call queryset.delete()), through the service: the units are
    # detached and each version names the editor.
    def delete_model(self, request: HttpRequest, obj: Company) -> None:
        companies_delete(company_ids=[obj.pk], user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        companies_delete(company_ids=queryset.values_list("pk", flat=True), user=request.user)

    def get_deleted_objects(self, objs: object, request: HttpRequest) -> tuple[list, dict, set, list]:
        return mentions_go_with_their_record(super().get_deleted_objects(objs, request))  # type: ignore[misc]

    @admin.action(description="Merge into an existing company…", permissions=["change"])
    def merge_into(self, request: HttpRequest, queryset: QuerySet[Company]) -> TemplateResponse | None:
        pointer = CompanyRedirect._meta.get_field("company")
        return _merge_action(self, request, queryset, model=Company, pointer=pointer, merge=company_merge)

    @admin.action(description="Reject: not a company…", permissions=["delete"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Company]) -> TemplateResponse | None:
        if not request.POST.get("post"):
            return _confirm_page(
                self,
                request,
                queryset,
                action="reject",
                title="Reject names that are not companies",
                explanation=(
                    "These names are not companies: they are deleted with their mentions, deals left without a "
                    "party go too, and discovery will never create them again."
                ),
                button="Reject",
            )
        for company in queryset:
            outcome = company_reject(company=company, user=request.user)
            self.message_user(  # type: ignore[attr-defined]
                request,
                f"“{outcome.name}” rejected: {outcome.mentions} mentions and {outcome.deals_deleted} deals removed.",
                messages.SUCCESS,
            )
        return None


@admin.register(Company)
class EditorCompanyAdmin(CompanyEditingMixin, CompanyAdmin):
    actions = ["verify", "merge_into", "reject"]


def _in_context(mention: Mention) -> SafeString:
    offset = mention.context_start  # type: ignore[attr-defined]
    text, start, end = mention.context, mention.start - offset, mention.end - offset  # type: ignore[attr-defined]
    return format_html("{}<mark>{}</mark>{}", text[:start], text[start:end], text[end:])


@admin.register(DiscoveredCompany)
class DiscoveredCompanyAdmin(CompanyEditingMixin, admin.ModelAdmin):
    """The review queue: companies found by the machine, most mentioned first, with the sentences that named them.

    Verify, merge or reject from the list; "edit" opens the company's own page, where saving verifies it.
    """

    list_display = ["name", "mentions_found", "confidence", "is_public", "named_in", "edit", "created_at"]
    list_display_links = None
    list_filter = ["is_public", "kind", "created_at"]
    search_fields = ["name", "aliases__name"]
    actions = ["verify", "merge_into", "reject"]
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Reject, not delete: a deleted name would be discovered again at the next linking.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_queryset(self, request: HttpRequest) -> QuerySet[Company]:
        context_start = Greatest(F("start") - CONTEXT_CHARS, 0)
        sentences = (
            Mention.objects.visible()
            .annotate(
                # The sentence the engine found, or a window around the name when it found none.
                context_start=Coalesce(F("sentence_start"), context_start),
                context_end=Coalesce(F("sentence_end"), F("end") + CONTEXT_CHARS),
            )
            .annotate(context=Substr("article__body", F("context_start") + 1, F("context_end") - F("context_start")))
            .only("id", "company_id", "article_id", "start", "end")
            .order_by("-article__published_at", "start")
        )
        # Not super(): the ordering names the annotation, which must exist before it is applied.
        return (
            self.model._default_manager.filter(status=CompanyStatus.AUTO)
            .annotate(mention_total=Count("mentions", filter=~Q(mentions__review_state=ReviewState.REJECTED)))
            .prefetch_related(Prefetch("mentions", queryset=sentences[:SENTENCES_SHOWN], to_attr="named_in_mentions"))
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request: HttpRequest) -> list[str]:
        return ["-mention_total", "name"]

    @admin.display(description="mentions", ordering="mention_total")
    def mentions_found(self, company: Company) -> int:
        return company.mention_total  # type: ignore[attr-defined]

    @admin.display(description="named in")
    def named_in(self, company: Company) -> SafeString:
        mentions = company.named_in_mentions  # type: ignore[attr-defined]
        return format_html_join("", '<p class="nb-sentence">… {} …</p>', ((_in_context(m),) for m in mentions))

    @admin.display(description="")
    def edit(self, company: Company) -> SafeString:
        return format_html('<a href="{}">Edit</a>', reverse("admin:companies_company_change", args=[company.pk]))

    def change_view(self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect("admin:companies_company_change", object_id)

    @admin.action(description="Verify: a real company", permissions=["change"])
    def verify(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        verified = sum(company_verify(company=company, user=request.user) for company in queryset)
        self.message_user(request, f"{verified} companies verified: they leave the queue.", messages.SUCCESS)


# --- Deals ----------------------------------------------------------------------------------------------------


class DealEvidenceInline(admin.TabularInline):
    model = DealEvidence
    extra = 0
    fields = ["article", "sentence"]
    readonly_fields = ["article", "sentence"]
    show_change_link = True
    verbose_name_plural = "evidence: the sentences that report the deal"

    def has_add_permission(self, request: HttpRequest, obj: Deal | None = None) -> bool:
        return False


@admin.register(Deal)
class EditorDealAdmin(DealAdmin):
    inlines = [*DealAdmin.inlines, DealEvidenceInline]
    actions = ["verify", "merge_into"]

    @admin.action(description="Merge into another record of the same deal…", permissions=["change"])
    def merge_into(self, request: HttpRequest, queryset: QuerySet[Deal]) -> TemplateResponse | None:
        pointer = DealRedirect._meta.get_field("deal")
        return _merge_action(self, request, queryset, model=Deal, pointer=pointer, merge=deal_merge)
