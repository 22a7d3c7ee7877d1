"""`manage.py create_editor USERNAME`: a staff account in the Editors group, for the editors' work in the admin.

The password comes from --password, else the NEWSBASE_EDITOR_PASSWORD environment variable, else a prompt.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.editors import EditorsGroupIncomplete, editor_create

PASSWORD_ENV = "NEWSBASE_EDITOR_PASSWORD"  # noqa: S105 (the variable's name, not a password)


class Command(BaseCommand):
    help = "Creates an editor: a staff user in the Editors group (no superuser rights)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help=f"Better: set {PASSWORD_ENV}, or type it when asked.")

    def handle(self, *args: Any, username: str, email: str, password: str | None, **options: Any) -> None:
        password = password or os.environ.get(PASSWORD_ENV) or self._ask_password()
        try:
            editor_create(username=username, email=email, password=password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except EditorsGroupIncomplete as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Editor {username} created: sign in at /admin/."))

    def _ask_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError(f"No password: pass --password, set {PASSWORD_ENV}, or run it in a terminal.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
