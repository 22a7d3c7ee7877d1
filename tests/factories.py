"""factory_boy factories for every model."""

import hashlib

import factory
from django.utils import timezone

from articles.models import (
    Article,
    DealEvidence,
    IngestItem,
    IngestRun,
    ItemStatus,
    Mention,
    MentionMethod,
    Source,
)
from companies.models import (
    AliasKind,
    Company,
    CompanyAlias,
    CompanyKind,
    CompanyStatus,
    Deal,
    DealKind,
    DealParty,
    DealStatus,
    PartyRole,
)
from companies.names import name_key


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")
    name_key = factory.LazyAttribute(lambda company: name_key(company.name))
    slug = factory.Sequence(lambda n: f"company-{n}")
    kind = CompanyKind.COMPANY
    country = "US"
    status = CompanyStatus.VERIFIED


class CompanyAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyAlias

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")
    name_key = factory.LazyAttribute(lambda alias: name_key(alias.name))
    kind = AliasKind.ALIAS


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deal

    kind = DealKind.ACQUISITION
    status = DealStatus.AGREED
    title = factory.Sequence(lambda n: f"Deal {n}")
    slug = factory.Sequence(lambda n: f"deal-{n}")
    announced_on = factory.LazyFunction(lambda: timezone.now().date())


class DealPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealParty

    deal = factory.SubFactory(DealFactory)
    company = factory.SubFactory(CompanyFactory)
    role = PartyRole.ACQUIRER


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    body = factory.Sequence(lambda n: f"Story number {n} about companies and their deals.")
    content_hash = factory.LazyAttribute(lambda article: hashlib.sha256(article.body.encode()).hexdigest())
    source = factory.SubFactory(SourceFactory)
    published_at = factory.LazyFunction(timezone.now)


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    company = factory.SubFactory(CompanyFactory)
    text = "Story"
    start = 0
    end = 5
    method = MentionMethod.GAZETTEER


class DealEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealEvidence

    deal = factory.SubFactory(DealFactory)
    article = factory.SubFactory(ArticleFactory)
    sentence = factory.LazyAttribute(lambda evidence: evidence.article.body)
    start = 0
    end = factory.LazyAttribute(lambda evidence: len(evidence.sentence))


class IngestRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IngestRun


class IngestItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IngestItem

    run = factory.SubFactory(IngestRunFactory)
    position = factory.Sequence(lambda n: n)
    origin = factory.Sequence(lambda n: f"docs/{n}.txt")
    status = ItemStatus.PENDING
