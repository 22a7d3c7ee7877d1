"""WSGI entry point (gunicorn newsbase.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsbase.settings")

application = get_wsgi_application()
