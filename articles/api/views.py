"""API endpoints of the news: parse, call one selector or service, render."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import KeyRead
from articles.api.filters import ArticleFilter, MentionFilter, SourceFilter
from articles.api.selectors import articles_for_api, ingest_runs_for_api, mentions_for_api, sources_for_api
from articles.api.serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleSubmitSerializer,
    IngestAcceptedSerializer,
    IngestRunSerializer,
    IngestUploadSerializer,
    MentionReviewSerializer,
    MentionSerializer,
    SourceSerializer,
)
from articles.models import Article, IngestRun, IngestVia, Mention, Source
from articles.readers import ReaderError
from articles.readers.assemble import build_document
from articles.review import mention_review
from articles.services import ingest_submit_documents, ingest_submit_files, upload_read
from newsbase.api.conditional import ConditionalGetMixin, conditional_retrieve_schema

READ_METHODS = ["get", "head", "options"]


def _accepted(request: Request, run: IngestRun) -> Response:
    """202 with the run as it stands and where to follow it."""
    run = ingest_runs_for_api(user=request.user).get(pk=run.pk)
    poll = request.build_absolute_uri(reverse("api-ingest-run-detail", kwargs={"pk": run.pk}))
    body = {"run": IngestRunSerializer(run, context={"request": request}).data, "poll": poll}
    return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": poll})


@extend_schema_view(
    list=extend_schema(summary="List articles", description="Latest first, with the companies and deals in each."),
    retrieve=conditional_retrieve_schema(
        ArticleDetailSerializer, summary="An article", description="Its text, its mentions with offsets, its deals."
    ),
    create=extend_schema(
        summary="Submit an article",
        description="Stored once (the same text or URL is a duplicate), then linked. Needs a read-write key. "
        "Answers 202 with the ingestion run; poll its URL for the outcome.",
        request=ArticleSubmitSerializer,
        responses={202: IngestAcceptedSerializer},
        examples=[
            OpenApiExample(
                "A news story",
                value={
                    "title": "Kuaishou plans to spin off Kling AI",
                    "body": "China's Kuaishou is planning to spin off its Kling AI video unit.",
                    "url": "https://example.com/kuaishou-kling",
                    "published_at": "2026-11-20T08:00:00Z",
                    "source": "Example News",
                },
                request_only=True,
            )
        ],
    ),
)
class ArticleViewSet(ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_field = "slug"
    filterset_class = ArticleFilter
    ordering_fields = {"published": "published_at", "created": "created_at"}
    default_ordering = "-published"
    http_method_names = [*READ_METHODS, "post"]

    def get_queryset(self) -> QuerySet[Article]:
        return articles_for_api(detail=self.action == "retrieve")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def create(self, request: Request) -> Response:
        submitted = ArticleSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        fields = submitted.validated_data
        try:
            document = build_document(
                origin=fields.get("url") or "POST /api/articles/",
                body=fields["body"],
                format="json",
                title=fields.get("title"),
                url=fields.get("url"),
                published_at=fields.get("published_at"),
                source=fields.get("source"),
                author=fields.get("author"),
                tags=fields.get("tags", ()),
            )
        except ReaderError as error:
            raise ValidationError({"body": [error.reason]}) from None
        run = ingest_submit_documents(
            documents=[document], via=IngestVia.API, source_name=document.source or "", requested_by=request.user
        )
        return _accepted(request, run)


class IngestView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Upload documents",
        description="Any format ingestion reads, several files at once. Each file (or each document in an archive "
        "or feed) becomes an item of the run: created, duplicate, or failed with the reason. Needs a read-write key.",
        request={"multipart/form-data": IngestUploadSerializer},
        responses={202: IngestAcceptedSerializer},
    )
    def post(self, request: Request) -> Response:
        upload = IngestUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        files = [upload_read(file, name=file.name) for file in upload.validated_data["files"]]
        run = ingest_submit_files(
            files=files,
            via=IngestVia.API,
            source_name=upload.validated_data.get("source", ""),
            requested_by=request.user,
        )
        return _accepted(request, run)


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="The run's id.")],
        summary="An ingestion run",
        description="Progress and each document's outcome. Needs a key; a key sees its own account's runs.",
    )
)
class IngestRunViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = IngestRunSerializer
    permission_classes = [KeyRead]
    http_method_names = READ_METHODS

    def get_queryset(self) -> QuerySet[IngestRun]:
        return ingest_runs_for_api(user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="List mentions", description="Where companies are named, with offsets into bodies."),
    retrieve=conditional_retrieve_schema(MentionSerializer, summary="A mention"),
    partial_update=extend_schema(
        summary="Review a mention",
        description="Confirm or reject it (a rejected mention no longer shows). Needs a read-write key.",
        request=MentionReviewSerializer,
        responses={200: MentionSerializer},
        examples=[OpenApiExample("Reject", value={"review_state": "rejected"}, request_only=True)],
    ),
)
class MentionViewSet(ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = MentionSerializer
    filterset_class = MentionFilter
    # "created" is the id order: ids come from a sequence as mentions are written, and the primary key's index serves
    # it, where sorting a million mentions by created_at (no index) took most of a second.
    ordering_fields = {"created": "id", "confidence": "confidence"}
    default_ordering = "-created"
    http_method_names = [*READ_METHODS, "patch"]

    def get_queryset(self) -> QuerySet[Mention]:
        if self.action == "partial_update":
            # A rejected mention can still be reviewed again.
            return Mention.objects.select_related("company", "article").defer("article__body")
        return mentions_for_api()

    def partial_update(self, request: Request, pk: str) -> Response:
        mention = self.get_object()
        review = MentionReviewSerializer(data=request.data)
        review.is_valid(raise_exception=True)
        mention_review(mention=mention, state=review.validated_data["review_state"], user=request.user)
        return Response(MentionSerializer(mention, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="List sources", description="Who published the articles."),
    retrieve=conditional_retrieve_schema(SourceSerializer, summary="A source"),
)
class SourceViewSet(ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    lookup_field = "slug"
    ordering_fields = {"name": "name", "created": "created_at"}
    default_ordering = "name"
    http_method_names = READ_METHODS

    def get_queryset(self) -> QuerySet[Source]:
        return sources_for_api()
