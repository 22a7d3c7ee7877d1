"""Production settings: the deploy check, HTTPS (redirect, HSTS, secure cookies, a TLS proxy), the security headers
and the Content Security Policy on every kind of response, and the Procfile run by honcho."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from tests.test_settings import PROJECT, run_python
from tests.website import Scenario, build_scenario

HONCHO = Path(sys.executable).with_name("honcho")
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "newsbase.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://newsbase.example.org",
    # Nothing below is touched by these tests; set so the settings are the production ones throughout.
    "DATABASE_URL": "sqlite:///:memory:",
}
# Requests made inside a production-configured process: (path, extra request headers) -> status, headers, cookies.
PRODUCTION_REQUESTS = """
import django, json, sys
django.setup()
from django.test import Client
answers = []
for path, headers, secure in json.loads(sys.argv[1]):
    response = Client(HTTP_HOST="newsbase.example.org").get(path, headers=headers, secure=secure)
    answers.append({
        "status": response.status_code,
        "headers": dict(response.headers),
        "secure_cookies": {name: bool(morsel["secure"]) for name, morsel in response.cookies.items()},
    })
print(json.dumps(answers))
"""


def production_answers(*requests: tuple[str, dict[str, str], bool], **environment: str) -> list[dict[str, object]]:
    # Plain static names: these processes have not run collectstatic, whose manifest production serves names from.
    plain_static = {"STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    result = run_python(
        f"-c\0{PRODUCTION_REQUESTS}\0{json.dumps(requests)}", **PRODUCTION, **plain_static, **environment
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_production_values_behind_a_tls_proxy_pass_the_deploy_check() -> None:
    result = run_python(
        "manage.py\0check\0--deploy\0--fail-level\0WARNING",
        **PRODUCTION,
        USE_X_FORWARDED_PROTO="true",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_redirects_plain_http_and_sends_hsts_and_secure_cookies_over_https() -> None:
    plain, secure = production_answers(("/admin/login/", {}, False), ("/admin/login/", {}, True))

    assert plain["status"] == 301
    assert plain["headers"]["Location"] == "https://newsbase.example.org/admin/login/"
    assert secure["status"] == 200
    assert secure["headers"]["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert secure["secure_cookies"] == {"csrftoken": True}


def test_behind_a_tls_proxy_its_forwarded_proto_counts_only_when_configured() -> None:
    forwarded = ("/robots.txt", {"X-Forwarded-Proto": "https"}, False)
    (trusted,) = production_answers(forwarded, USE_X_FORWARDED_PROTO="true")
    (ignored,) = production_answers(forwarded)

    assert trusted["status"] == 200
    assert "Strict-Transport-Security" in trusted["headers"]
    # Without USE_X_FORWARDED_PROTO a client cannot claim HTTPS by sending the header itself.
    assert ignored["status"] == 301


@pytest.fixture
def scenario(db: None) -> Scenario:
    return build_scenario()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/companies/kuaishou/",
        "/deals/microsoft-acquires-activision-blizzard/",
        "/articles/kuaishou-plans-to-spin-off-kling-ai/",
        "/search/?q=kling",
        "/companies/no-such-company/",
        "/api/companies/",
        "/admin/login/",
    ],
)
def test_every_kind_of_response_carries_the_security_headers(client: Client, scenario: Scenario, path: str) -> None:
    response = client.get(path)

    assert response.status_code in {200, 404}
    policy = directives(response["Content-Security-Policy"])
    for directive in ("default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "form-action"):
        assert policy[directive] == ["'self'"], directive
    assert policy["object-src"] == policy["base-uri"] == policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_public_pages_hold_no_inline_script_or_style(client: Client, scenario: Scenario) -> None:
    for path in ("/", "/companies/kuaishou/", "/deals/microsoft-acquires-activision-blizzard/", "/search/?q=kling"):
        html = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"{path} has an inline script"
        assert "<style" not in html, f"{path} has an inline style element"
        assert " style=" not in html, f"{path} has an inline style attribute"
        assert not re.search(r"\son[a-z]+=", html), f"{path} has an inline event handler"


def test_the_swagger_page_may_run_only_its_own_inline_script(client: Client, db: None) -> None:
    response = client.get("/api/docs/")

    policy = directives(response["Content-Security-Policy"])
    nonce = policy["script-src"][1]
    assert policy["script-src"] == ["'self'", nonce]
    assert nonce.startswith("'nonce-")
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    assert inline_scripts == [f' nonce="{nonce[7:-1]}"']
    # A new nonce for every response: an attacker cannot reuse one.
    assert directives(client.get("/api/docs/")["Content-Security-Policy"])["script-src"][1] != nonce


def test_only_the_admin_and_the_api_documentation_get_more_than_the_site_policy(client: Client, db: None) -> None:
    site = directives(client.get("/robots.txt")["Content-Security-Policy"])
    admin = directives(client.get("/admin/login/")["Content-Security-Policy"])
    redoc = directives(client.get("/api/redoc/")["Content-Security-Policy"])

    assert "style-src-attr" not in site
    # The hash of exactly "border-top: 0", django-simple-history's one style attribute.
    history_paginator = "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"
    assert admin == site | {"style-src-attr": ["'unsafe-hashes'", history_paginator]}
    assert redoc["style-src"] == ["'self'", "'unsafe-inline'"]
    assert redoc["worker-src"] == ["blob:"]


def test_honcho_accepts_the_procfile() -> None:
    result = subprocess.run(  # noqa: S603
        [str(HONCHO), "check"], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Valid procfile detected (web, worker, beat)" in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_procfile_web_process_serves_the_site_under_honcho(tmp_path: Path) -> None:
    """`honcho start web` runs gunicorn as the Procfile says, and /healthz answers from it."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    environment |= {
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'web.sqlite3'}",
        "CELERY_BROKER_URL": "",
        "PATH": f"{HONCHO.parent}{os.pathsep}{os.environ['PATH']}",
    }
    web = subprocess.Popen(  # noqa: S603
        [str(HONCHO), "start", "web"],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        answer = None
        deadline = time.monotonic() + 60
        while answer is None and time.monotonic() < deadline and web.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    answer = (response.status, json.loads(response.read()), response.headers["X-Request-ID"])
            except OSError:
                time.sleep(0.5)
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        output = web.communicate(timeout=30)[0].decode()
    assert answer is not None, output
    status, health, request_id = answer
    assert status == 200
    assert health["checks"]["database"] == {"status": "ok", "detail": "sqlite"}
    # gunicorn's workers log through settings.LOGGING: the request's JSON line, with the id it answered with.
    assert f'"request_id": "{request_id}"' in output
