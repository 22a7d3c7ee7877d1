"""The Content Security Policy in real Chromium: every kind of page, the editors' admin and the API documentation load
with the policy on and the browser reports no violation of it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.e2e.conftest import DESKTOP
from tests.e2e.test_reading import PAGES
from tests.website import Scenario, build_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PASSWORD = "a long administrators passphrase 9"
# Runs before any of the page's own scripts: the browser's own report of each blocked script, style, image or frame.
REPORT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const source = event.blockedURI || "an inline source";
  window.cspViolations.push(`${event.effectiveDirective} refused ${source} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


class PolicyWatch:
    """A browser tab that records every CSP violation, from the page's events and from the console."""

    def __init__(self, browser: object, base_url: str) -> None:
        self.context = browser.new_context(viewport=DESKTOP, base_url=base_url)
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.console: list[str] = []
        self.page.on(
            "console",
            lambda message: self.console.append(message.text) if "Content Security Policy" in message.text else None,
        )

    def visit(self, path: str, *, refused_on_purpose: str = "") -> None:
        """Loads a page, checks it was served under the policy, and fails on any violation it reported."""
        self.console.clear()
        response = self.page.goto(path)
        assert response is not None
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy, f"{path} was served without the policy: {policy!r}"
        self.page.wait_for_load_state("networkidle")
        self.assert_no_violation(path, refused_on_purpose=refused_on_purpose)

    def assert_no_violation(self, path: str, *, refused_on_purpose: str = "") -> None:
        """No violation, except those naming refused_on_purpose: a third-party source the page asks for and the
        policy keeps out by design."""
        reported = [
            text
            for text in [*self.page.evaluate("window.cspViolations"), *self.console]
            if not (refused_on_purpose and refused_on_purpose in text)
        ]
        assert reported == [], f"{path} broke the policy: {reported}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def scenario() -> Scenario:
    return build_scenario()


@pytest.fixture
def watch(browser: object, live_server: object) -> Iterator[PolicyWatch]:
    watch = PolicyWatch(browser, live_server.url)
    yield watch
    watch.close()


def admin_pages() -> list[str]:
    """The list, add and change page of every model in the admin (change and history of its first row, if any),
    the editors' upload page, and the admin's index."""
    paths = [reverse("admin:index"), reverse("admin:articles_article_upload")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths.append(reverse(f"{name}_changelist"))
        paths.append(reverse(f"{name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{name}_change", args=[first.pk]))
            paths.append(reverse(f"{name}_history", args=[first.pk]))
    return paths


def test_the_policy_catches_an_inline_style_when_one_appears(watch: PolicyWatch, scenario: Scenario) -> None:
    """The watch itself works: a style attribute added to a page is reported, so silence below means compliance."""
    watch.visit("/")
    watch.page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">injected</p>')")
    watch.page.wait_for_function("window.cspViolations.length > 0")
    with pytest.raises(AssertionError, match="style-src"):
        watch.assert_no_violation("/")


def test_every_public_page_keeps_to_the_policy(watch: PolicyWatch, scenario: Scenario) -> None:
    for path in PAGES.values():
        watch.visit(path)
    # The company page draws its mentions chart, whose labels are placed without inline style.
    watch.visit(PAGES["company"])
    assert watch.page.locator(".chart__labels text").count() >= 1
    # Autocomplete fills its list from the API on the same origin, under connect-src 'self'.
    watch.page.get_by_role("combobox", name="Search companies, deals and articles").press_sequentially("Kuai")
    watch.page.get_by_role("option", name="Kuaishou").wait_for()
    watch.assert_no_violation("autocomplete")


def test_the_api_documentation_works_under_the_policy(watch: PolicyWatch, scenario: Scenario) -> None:
    watch.visit("/api/docs/")
    watch.page.locator(".swagger-ui .opblock-tag", has_text="companies").first.wait_for()
    watch.assert_no_violation("/api/docs/ once drawn")
    watch.visit("/api/redoc/", refused_on_purpose="https://cdn.redoc.ly/")
    watch.page.get_by_role("heading", name="Newsbase API").first.wait_for()
    # ReDoc's menu shows Redocly's logo from their CDN; the policy keeps that third-party request out, and ReDoc
    # hides the image when it does not load.
    watch.assert_no_violation("/api/redoc/ once drawn", refused_on_purpose="https://cdn.redoc.ly/")


def test_the_admin_keeps_to_the_policy(watch: PolicyWatch, scenario: Scenario) -> None:
    get_user_model().objects.create_superuser(username="ada", email="ada@newsbase.test", password=ADMIN_PASSWORD)
    watch.visit(reverse("admin:login"))
    watch.page.fill("#id_username", "ada")
    watch.page.fill("#id_password", ADMIN_PASSWORD)
    watch.page.get_by_role("button", name="Log in").click()
    watch.page.wait_for_url("**/admin/")
    for path in admin_pages():
        watch.visit(path)
