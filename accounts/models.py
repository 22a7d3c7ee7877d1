"""API keys: what lets a client write through the API, each read-only or read-write, stored only as a hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiKeyAccess(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiKeyQuerySet(models.QuerySet["ApiKey"]):
    def active(self) -> ApiKeyQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiKey(models.Model):
    """A key given to one client. The key itself is shown once, when it is created; only its hash is kept."""

    name = models.CharField(max_length=100, help_text="Who or what uses the key, e.g. “Acme newsroom importer”.")
    # Writes made with the key are recorded as this user's (ingestion runs, reviews).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys")
    access = models.CharField(max_length=8, choices=ApiKeyAccess.choices, default=ApiKeyAccess.READ)
    # The key's first characters: enough for people to tell keys apart, useless for calling the API.
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    # SHA-256 of the whole key. Keys are 256 random bits, so a fast hash is enough: nobody can guess one from it.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="api_keys_created",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.access == ApiKeyAccess.WRITE
