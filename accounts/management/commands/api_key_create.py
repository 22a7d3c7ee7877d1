"""Creates an API key from the command line (operators, scripts); prints the key once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import ApiKeyAccess
from accounts.services import api_key_create


class Command(BaseCommand):
    help = "Create an API key for a user and print it (it is stored hashed and cannot be shown again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The account the key acts for.")
        parser.add_argument("--name", required=True, help="Who or what uses the key.")
        parser.add_argument("--access", choices=ApiKeyAccess.values, default=ApiKeyAccess.READ)

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(options["username"])
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {options['username']!r}.") from None
        api_key, raw_key = api_key_create(name=options["name"], user=user, access=options["access"])
        self.stderr.write(f"Created {api_key} with {api_key.get_access_display().lower()} access. Key:")
        self.stdout.write(raw_key)
