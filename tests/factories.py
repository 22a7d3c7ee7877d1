"""factory_boy factories for every model."""

import hashlib

import factory
from django.utils import timezone

from accounts.models import ApiKey, ApiKeyAccess
from articles.models import (
    Article,
    ArticleFingerprint,
    DealEvidence,
    Feed,
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
    CompanyMentionDay,
    CompanyRedirect,
    CompanyStatus,
    Deal,
    DealKind,
    DealParty,
    DealRedirect,
    DealStatus,
    PartyRole,
    RejectedName,
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
    article_published_at = factory.SelfAttribute("article.published_at")


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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")


class RejectedNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RejectedName

    name = factory.Sequence(lambda n: f"Not A Company {n}")
    name_key = factory.LazyAttribute(lambda rejected: name_key(rejected.name))


class CompanyRedirectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyRedirect

    old_slug = factory.Sequence(lambda n: f"old-company-{n}")
    company = factory.SubFactory(CompanyFactory)


class CompanyMentionDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyMentionDay

    company = factory.SubFactory(CompanyFactory)
    day = factory.LazyFunction(timezone.localdate)
    mentions = 2
    articles = 1


class DealRedirectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealRedirect

    old_slug = factory.Sequence(lambda n: f"old-deal-{n}")
    deal = factory.SubFactory(DealFactory)


class ArticleFingerprintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleFingerprint

    article = factory.SubFactory(ArticleFactory)
    band = factory.Sequence(lambda n: n % 16)
    value = factory.Sequence(lambda n: n * 7919)


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed

    url = factory.Sequence(lambda n: f"https://example.com/feeds/{n}.xml")
    source = factory.SubFactory(SourceFactory)


class ApiKeyFactory(factory.django.DjangoModelFactory):
    """A stored key; the raw key is never kept, so tests that send one use accounts.services.api_key_create."""

    class Meta:
        model = ApiKey

    name = factory.Sequence(lambda n: f"Integration {n}")
    user = factory.SubFactory(UserFactory)
    access = ApiKeyAccess.READ
    prefix = factory.Sequence(lambda n: f"nb_{n:08d}")
    key_hash = factory.Sequence(lambda n: hashlib.sha256(f"key-{n}".encode()).hexdigest())
