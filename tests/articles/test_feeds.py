"""Feeds: polled with conditional GET, within time and size limits, and only from public addresses.

Every request here goes to a real HTTP server on 127.0.0.1 in a thread. Addresses that must be refused are checked
as literals, never connected to: nothing in these tests sends traffic anywhere but the loopback interface.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Feed, IngestRun, IngestVia, ItemStatus, LinkStatus
from articles.services import FeedError, feed_add, feed_poll, feed_remove, feeds_due
from articles.services import feeds as feeds_service
from articles.services.feeds import address_refusal, resolve_public_address
from articles.tasks import poll_feed, poll_feeds

pytestmark = pytest.mark.django_db

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Example Tech Wire</title>
<link>https://wire.example.com/</link>
<item>
  <title>Microsoft opens a research lab in Nairobi</title>
  <link>https://wire.example.com/microsoft-nairobi</link>
  <pubDate>Tue, 03 Jun 2025 09:00:00 +0000</pubDate>
  <description>Microsoft said on Tuesday it would open a research lab in Nairobi, its first in East Africa. The lab
    will hire about forty engineers to work on speech recognition for languages spoken across the region.</description>
</item>
<item>
  <title>Vodafone tests satellite calls from ordinary phones</title>
  <link>https://wire.example.com/vodafone-satellite</link>
  <pubDate>Wed, 04 Jun 2025 10:30:00 +0000</pubDate>
  <description>Vodafone completed a video call through a satellite from an unmodified smartphone in a remote
    part of Wales. The operator hopes to offer the service to customers in areas without mast coverage.</description>
</item>
<item>
  <title>Chip shortage eases for carmakers</title>
  <link>https://wire.example.com/chip-shortage</link>
  <pubDate>Thu, 05 Jun 2025 07:15:00 +0000</pubDate>
  <description>Carmakers in Europe reported shorter waits for microcontrollers this quarter, as foundries added
    capacity for older manufacturing processes that vehicle parts still depend on.</description>
</item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom News</title>
  <id>urn:example:feed</id>
  <updated>2025-06-06T00:00:00Z</updated>
  <entry>
    <title>Kuaishou shows a faster video model</title>
    <link href="https://atom.example.com/kuaishou-video"/>
    <id>urn:example:1</id>
    <updated>2025-06-06T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Kuaishou showed a new version of its video generation model that it says renders
      clips twice as fast. The company plans to release it to advertisers first.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Open-source maintainers get a new security fund</title>
    <link href="https://atom.example.com/security-fund"/>
    <id>urn:example:2</id>
    <updated>2025-06-06T09:00:00Z</updated>
    <content type="html">&lt;p&gt;A group of foundations started a fund that pays maintainers of widely used
      open-source libraries to audit their code and fix security flaws.&lt;/p&gt;</content>
  </entry>
</feed>
"""

LAST_MODIFIED = "Fri, 06 Jun 2025 09:00:00 GMT"


# --- A real feed server on the loopback interface -----------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str = ""
    last_modified: str = ""
    status: int = 200
    location: str = ""
    # Without a Content-Length the body runs to the end of the connection, as a streamed response does.
    declare_length: bool = True
    # Seconds between bytes: a server that never quite stops sending.
    drip_seconds: float = 0.0


@dataclass
class FeedServer:
    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requests_for(self, path: str) -> list[dict[str, str]]:
        return [headers for requested, headers in self.requests if requested == path]


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.requests.append((self.path, headers))
            route = server.routes.get(self.path)
            try:
                if route is None:
                    self.send_error(404, "Not Found")
                elif route.location:
                    self.send_response(route.status or 302)
                    self.send_header("Location", route.location)
                    self.end_headers()
                elif self._not_modified(route, headers):
                    self.send_response(304)
                    self.end_headers()
                else:
                    self._send(route)
            except (BrokenPipeError, ConnectionResetError):
                pass  # The poller gave up on this response, as it should have.

        def _not_modified(self, route: Route, headers: dict[str, str]) -> bool:
            if route.etag and "if-none-match" in headers:
                return headers["if-none-match"] == route.etag
            return bool(route.last_modified) and headers.get("if-modified-since") == route.last_modified

        def _send(self, route: Route) -> None:
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            if route.declare_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if not route.drip_seconds:
                self.wfile.write(route.body)
                return
            for byte in route.body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(route.drip_seconds)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def feed_server(settings) -> Iterator[FeedServer]:
    """A feed server on 127.0.0.1, a random port; private addresses allowed, as a local deployment would."""
    settings.NEWSBASE_FEEDS_ALLOW_PRIVATE_ADDRESSES = True
    server = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(server))
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def poll(django_capture_on_commit_callbacks) -> Callable[..., feeds_service.FeedPollResult]:
    """Polls a feed and runs what its commit queued (storing and linking), as the workers would."""

    def run_poll(feed: Feed) -> feeds_service.FeedPollResult:
        with django_capture_on_commit_callbacks(execute=True):
            return feed_poll(feed_id=feed.pk)

    return run_poll


def refreshed(feed: Feed) -> Feed:
    feed.refresh_from_db()
    return feed


# --- Polling ------------------------------------------------------------------------------------------------


def test_the_first_poll_stores_the_entries_and_the_second_is_told_nothing_changed(
    feed_server: FeedServer, poll, knowledge_base: dict
) -> None:
    feed_server.routes["/news.rss"] = Route(RSS, etag='"v1"')
    feed = feed_add(url=feed_server.url("/news.rss"))

    first = poll(feed)

    run = IngestRun.objects.get()
    assert first.status == f"200: 3 entries, run {run.pk}"
    assert (run.via, run.inputs) == (IngestVia.FEED, [feed.url])
    assert list(run.items.values_list("status", flat=True)) == [ItemStatus.CREATED] * 3
    articles = Article.objects.order_by("published_at")
    assert [article.url for article in articles] == [
        "https://wire.example.com/microsoft-nairobi",
        "https://wire.example.com/vodafone-satellite",
        "https://wire.example.com/chip-shortage",
    ]
    assert {article.source.name for article in articles} == {"Example Tech Wire"}
    assert all(article.link_status == LinkStatus.LINKED for article in articles)
    assert articles[0].mentions.filter(company=knowledge_base["microsoft"]).exists()
    feed = refreshed(feed)
    assert (feed.etag, feed.last_status, feed.source.name) == ('"v1"', first.status, "Example Tech Wire")
    assert feed.last_polled_at is not None

    second = poll(feed)

    assert (second.status, second.http_status, second.run_id) == ("304 not modified", 304, None)
    assert feed_server.requests_for("/news.rss")[-1]["if-none-match"] == '"v1"'
    assert (Article.objects.count(), IngestRun.objects.count()) == (3, 1)
    assert refreshed(feed).last_status == "304 not modified"


def test_an_atom_feed_is_asked_again_with_its_last_modified_date(feed_server: FeedServer, poll) -> None:
    feed_server.routes["/atom.xml"] = Route(ATOM, content_type="application/atom+xml", last_modified=LAST_MODIFIED)
    feed = feed_add(url=feed_server.url("/atom.xml"), source_name="Atom Desk")

    first = poll(feed)
    second = poll(feed)

    assert first.status.startswith("200: 2 entries, run ")
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Kuaishou shows a faster video model",
        "Open-source maintainers get a new security fund",
    ]
    assert set(Article.objects.values_list("source__name", flat=True)) == {"Atom Desk"}
    assert feed_server.requests_for("/atom.xml")[-1]["if-modified-since"] == LAST_MODIFIED
    assert second.status == "304 not modified"
    assert Article.objects.count() == 2


def test_a_server_without_conditional_get_sends_entries_already_stored_as_duplicates(
    feed_server: FeedServer, poll
) -> None:
    feed_server.routes["/plain.rss"] = Route(RSS)
    feed = feed_add(url=feed_server.url("/plain.rss"))

    poll(feed)
    again = poll(feed)

    assert again.status == f"200: 3 entries, run {again.run_id}"
    run = IngestRun.objects.get(pk=again.run_id)
    assert list(run.items.values_list("status", flat=True)) == [ItemStatus.DUPLICATE] * 3
    assert Article.objects.count() == 3


def test_a_malformed_feed_records_the_failure_without_raising(feed_server: FeedServer, poll) -> None:
    feed_server.routes["/broken.rss"] = Route(b"<rss version='2.0'><channel><title>Wire</title></chan", etag='"broken"')
    feed = feed_add(url=feed_server.url("/broken.rss"))

    result = poll(feed)

    assert not result.ok
    assert result.status.startswith("200: malformed feed")
    feed = refreshed(feed)
    assert feed.last_status == result.status
    # Not kept: the next poll reads the feed again in full instead of hearing "not modified" about it.
    assert feed.etag == ""
    assert (Article.objects.count(), IngestRun.objects.count()) == (0, 0)


def test_an_unreadable_entry_is_a_failed_item_and_the_others_are_stored(feed_server: FeedServer, poll) -> None:
    empty_item = b"<item><title>A headline with nothing under it</title></item></channel>"
    feed_server.routes["/partial.rss"] = Route(RSS.replace(b"</channel>", empty_item))
    feed = feed_add(url=feed_server.url("/partial.rss"))

    result = poll(feed)

    assert result.status == f"200: 4 entries, run {result.run_id} (1 unreadable)"
    failed = IngestRun.objects.get().items.get(status=ItemStatus.FAILED)
    assert (failed.origin, failed.reason) == (f"{feed.url}#4", "feed entry has no text (no content or summary)")
    assert Article.objects.count() == 3


def test_a_page_that_is_not_a_feed_is_not_stored_as_an_article(feed_server: FeedServer, poll) -> None:
    page = b"<!doctype html><html><head><title>Home</title></head><body><p>Welcome to our site.</p></body></html>"
    feed_server.routes["/home"] = Route(page, content_type="text/html")
    feed = feed_add(url=feed_server.url("/home"))

    result = poll(feed)

    assert not result.ok
    assert result.status.startswith("200: malformed feed")
    assert Article.objects.count() == 0


def test_a_missing_feed_records_the_http_status(feed_server: FeedServer, poll) -> None:
    feed = feed_add(url=feed_server.url("/gone.rss"))

    result = poll(feed)

    assert result.status == "failed: HTTP 404 Not Found"
    assert refreshed(feed).last_status == "failed: HTTP 404 Not Found"


def test_a_server_that_refuses_the_connection_is_reported(poll, settings) -> None:
    settings.NEWSBASE_FEEDS_ALLOW_PRIVATE_ADDRESSES = True
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    feed = feed_add(url=f"http://127.0.0.1:{port}/news.rss")

    result = poll(feed)

    assert (
        result.status == "failed: cannot connect: Failed to establish a new connection: [Errno 111] Connection refused"
    )


# --- Limits -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("declare_length", [True, False], ids=["declared-length", "streamed"])
def test_a_feed_over_the_size_limit_fails_with_a_clear_status(
    feed_server: FeedServer, poll, settings, declare_length: bool
) -> None:
    settings.NEWSBASE_FEED_MAX_BYTES = 4096
    padding = b"<!-- " + b"x" * 20_000 + b" -->"
    feed_server.routes["/big.rss"] = Route(
        RSS.replace(b"<channel>", b"<channel>" + padding), declare_length=declare_length
    )
    feed = feed_add(url=feed_server.url("/big.rss"))

    result = poll(feed)

    assert result.status == "failed: feed is over the 4 KB limit"
    assert Article.objects.count() == 0


def test_a_server_that_drips_its_feed_is_cut_off_at_the_time_limit(feed_server: FeedServer, poll, settings) -> None:
    settings.NEWSBASE_FEED_TIMEOUT_SECONDS = 0.5
    # Each byte comes well within the limit, so only a limit on the whole response stops it.
    feed_server.routes["/slow.rss"] = Route(RSS, drip_seconds=0.05)
    feed = feed_add(url=feed_server.url("/slow.rss"))

    started = time.monotonic()
    result = poll(feed)

    assert result.status == "failed: timed out after 0.5 s"
    assert time.monotonic() - started < 2


# --- Addresses ----------------------------------------------------------------------------------------------


def test_a_feed_on_a_loopback_address_is_refused_when_private_addresses_are_not_allowed(
    feed_server: FeedServer, poll, settings
) -> None:
    feed_server.routes["/news.rss"] = Route(RSS)
    feed = feed_add(url=feed_server.url("/news.rss"))
    settings.NEWSBASE_FEEDS_ALLOW_PRIVATE_ADDRESSES = False

    result = poll(feed)

    assert result.status == ("failed: 127.0.0.1 is a loopback address; feeds are only polled from public addresses")
    assert refreshed(feed).last_status == result.status
    assert feed_server.requests == []
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.5.4", "a private address"),
        ("192.168.1.10", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("fd12:3456::1", "a private address"),
        ("0.0.0.0", "an unspecified address"),  # noqa: S104
        ("::", "an unspecified address"),
        ("224.0.0.251", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("240.0.0.1", "a private address"),
        ("100.64.0.1", "not a globally routable address"),
        ("::ffff:10.0.0.1", "a private address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("64:ff9b::a9fe:a9fe", "a link-local address"),
        ("2002:c0a8:0101::1", "a private address"),
    ],
)
def test_the_address_check_refuses_every_non_public_range(address: str, reason: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.69", "2606:4700:4700::1111", "::ffff:8.8.4.4"])
def test_the_address_check_accepts_public_addresses(address: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "10.0.0.8", "169.254.169.254"])
def test_resolving_a_private_host_is_refused_before_any_connection(host: str) -> None:
    with pytest.raises(FeedError, match="feeds are only polled from public addresses"):
        resolve_public_address(host, 80)


def test_the_poll_connects_to_the_address_it_checked_not_to_a_second_lookup(
    feed_server: FeedServer, poll, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that answers 127.0.0.1 once and then fails (or, for an attacker, points elsewhere) is looked up once."""
    real_getaddrinfo = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding_getaddrinfo(host: str, *args: object, **kwargs: object) -> list:
        if host != "feeds.example.test":
            return real_getaddrinfo(host, *args, **kwargs)
        lookups.append(host)
        if len(lookups) > 1:
            raise socket.gaierror(socket.EAI_NONAME, "rebound")
        return real_getaddrinfo("127.0.0.1", *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    feed_server.routes["/news.rss"] = Route(RSS)
    feed = feed_add(url=f"http://feeds.example.test:{feed_server.port}/news.rss")

    result = poll(feed)

    assert result.status.startswith("200: 3 entries")
    assert lookups == ["feeds.example.test"]
    assert feed_server.requests_for("/news.rss")[0]["host"] == f"feeds.example.test:{feed_server.port}"


# --- Redirects ----------------------------------------------------------------------------------------------


def test_a_redirect_is_followed_to_the_feed(feed_server: FeedServer, poll) -> None:
    feed_server.routes["/old.rss"] = Route(status=301, location="/news.rss")
    feed_server.routes["/news.rss"] = Route(RSS)
    feed = feed_add(url=feed_server.url("/old.rss"))

    result = poll(feed)

    assert result.status.startswith("200: 3 entries")
    assert Article.objects.count() == 3


def test_a_redirect_to_a_private_address_is_refused(
    feed_server: FeedServer, poll, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.NEWSBASE_FEEDS_ALLOW_PRIVATE_ADDRESSES = False
    # The test server stands in for a public one; every other address is checked as it would be in production.
    real_refusal = feeds_service.address_refusal
    server_address = ipaddress.ip_address("127.0.0.1")
    monkeypatch.setattr(
        feeds_service, "address_refusal", lambda address: None if address == server_address else real_refusal(address)
    )
    # ::1 is refused before any connection; were the check broken, the request would still stay on this machine.
    feed_server.routes["/moved.rss"] = Route(status=302, location=f"http://[::1]:{feed_server.port}/news.rss")
    feed_server.routes["/news.rss"] = Route(RSS)
    feed = feed_add(url=feed_server.url("/moved.rss"))

    result = poll(feed)

    assert result.status == "failed: ::1 is a loopback address; feeds are only polled from public addresses"
    assert [path for path, _ in feed_server.requests] == ["/moved.rss"]
    assert Article.objects.count() == 0


def test_a_redirect_to_another_scheme_is_refused(feed_server: FeedServer, poll) -> None:
    feed_server.routes["/sneaky.rss"] = Route(status=302, location="file:///etc/passwd")
    feed = feed_add(url=feed_server.url("/sneaky.rss"))

    result = poll(feed)

    assert result.status == "failed: only http and https feeds can be polled, not file: file:///etc/passwd"


def test_a_redirect_loop_stops_at_the_limit(feed_server: FeedServer, poll, settings) -> None:
    settings.NEWSBASE_FEED_MAX_REDIRECTS = 3
    feed_server.routes["/loop.rss"] = Route(status=307, location="/loop.rss")
    feed = feed_add(url=feed_server.url("/loop.rss"))

    result = poll(feed)

    assert result.status == "failed: more than 3 redirects"
    assert len(feed_server.requests_for("/loop.rss")) == 4


# --- Registering and scheduling -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/feed.xml", "only http and https feeds can be polled, not ftp"),
        ("example.com/feed.xml", "only http and https feeds can be polled, not a URL without a scheme"),
        ("https://user:secret@example.com/feed.xml", "a feed URL cannot carry a user name or password"),
        ("https://exa mple.com/feed.xml", "is not a valid http or https URL"),
        ("http:///feed.xml", "has no host"),
    ],
)
def test_adding_a_feed_refuses_urls_that_cannot_be_polled(url: str, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        feed_add(url=url)
    assert not Feed.objects.exists()


def test_a_feed_is_registered_once() -> None:
    feed_add(url="https://wire.example.com/feed.xml")

    with pytest.raises(FeedError, match="already registered"):
        feed_add(url="https://wire.example.com/feed.xml ")


def test_feeds_are_due_once_their_interval_has_passed() -> None:
    now = timezone.now()
    never_polled = feed_add(url="https://a.example.com/feed.xml")
    just_polled = feed_add(url="https://b.example.com/feed.xml", poll_interval_minutes=30)
    polled_long_ago = feed_add(url="https://c.example.com/feed.xml", poll_interval_minutes=30)
    hourly = feed_add(url="https://d.example.com/feed.xml", poll_interval_minutes=60)
    paused = feed_add(url="https://e.example.com/feed.xml")
    Feed.objects.filter(pk=just_polled.pk).update(last_polled_at=now - timedelta(minutes=10))
    Feed.objects.filter(pk=polled_long_ago.pk).update(last_polled_at=now - timedelta(minutes=31))
    Feed.objects.filter(pk=hourly.pk).update(last_polled_at=now - timedelta(minutes=45))
    Feed.objects.filter(pk=paused.pk).update(active=False)

    assert feeds_due(now) == [never_polled.pk, polled_long_ago.pk]
    assert set(feeds_due(now + timedelta(minutes=20))) == {
        never_polled.pk,
        just_polled.pk,
        polled_long_ago.pk,
        hourly.pk,
    }


def test_the_beat_task_polls_every_due_feed_once(feed_server: FeedServer, django_capture_on_commit_callbacks) -> None:
    feed_server.routes["/news.rss"] = Route(RSS, etag='"v1"')
    feed_server.routes["/atom.xml"] = Route(ATOM, content_type="application/atom+xml")
    rss = feed_add(url=feed_server.url("/news.rss"))
    atom = feed_add(url=feed_server.url("/atom.xml"))

    with django_capture_on_commit_callbacks(execute=True):
        poll_feeds.delay()
        poll_feeds.delay()

    assert Article.objects.count() == 5
    assert refreshed(rss).last_status.startswith("200: 3 entries")
    assert refreshed(atom).last_status.startswith("200: 2 entries")
    # The second beat found nothing due: each feed was fetched once.
    assert len(feed_server.requests) == 2


def test_the_poll_task_skips_a_feed_polled_moments_ago(feed_server: FeedServer) -> None:
    feed_server.routes["/news.rss"] = Route(RSS)
    feed = feed_add(url=feed_server.url("/news.rss"))
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=timezone.now(), last_status="200: 3 entries, run 1")

    poll_feed.delay(feed.pk)

    assert feed_server.requests == []
    assert refreshed(feed).last_status == "200: 3 entries, run 1"


def test_the_poll_task_returns_quietly_for_a_feed_that_was_removed() -> None:
    feed = feed_add(url="https://wire.example.com/feed.xml")
    feed_remove(url=feed.url)

    poll_feed.delay(feed.pk)

    assert not Feed.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_poll_stores_and_links_its_entries_after_commit(feed_server: FeedServer) -> None:
    feed_server.routes["/news.rss"] = Route(RSS)
    feed_add(url=feed_server.url("/news.rss"))

    poll_feeds.delay()

    assert Article.objects.count() == 3
    assert set(Article.objects.values_list("link_status", flat=True)) == {LinkStatus.LINKED}
    assert IngestRun.objects.get().via == IngestVia.FEED


# --- The command --------------------------------------------------------------------------------------------


def run_feeds(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("feeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_feeds_command_adds_lists_polls_and_removes_a_feed(
    feed_server: FeedServer, django_capture_on_commit_callbacks
) -> None:
    feed_server.routes["/news.rss"] = Route(RSS, etag='"v1"')
    url = feed_server.url("/news.rss")

    added, _ = run_feeds("add", url, "--source", "Wire Desk", "--every", "15")
    assert added == f"Added {url}, polled every 15 minutes.\n"
    listed, _ = run_feeds("list")
    assert listed == f"{url}\n  source: Wire Desk, every 15 min, never polled: -\n"

    with django_capture_on_commit_callbacks(execute=True):
        polled, _ = run_feeds("poll", url)
    run = IngestRun.objects.get()
    assert polled == f"{url}: 200: 3 entries, run {run.pk}\n  3 created, 0 duplicates, 0 failed\n"
    again, _ = run_feeds("poll", "--all")
    assert again == f"{url}: 304 not modified\n"
    assert f"{url}\n  source: Wire Desk, every 15 min, " in run_feeds("list")[0]
    assert run_feeds("list")[0].endswith(": 304 not modified\n")

    removed, _ = run_feeds("remove", url)
    assert removed == f"Removed {url}; its articles stay.\n"
    assert run_feeds("list")[0] == "No feeds. Add one with: python manage.py feeds add URL\n"
    assert Article.objects.count() == 3


def test_the_feeds_command_explains_what_it_cannot_do(feed_server: FeedServer, settings) -> None:
    with pytest.raises(CommandError, match="only http and https feeds can be polled"):
        run_feeds("add", "ftp://example.com/feed.xml")
    with pytest.raises(CommandError, match=r"there is no feed https://nowhere\.example\.com/feed\.xml"):
        run_feeds("remove", "https://nowhere.example.com/feed.xml")
    with pytest.raises(CommandError, match="Give a feed's URL or --all"):
        run_feeds("poll")

    settings.NEWSBASE_FEEDS_ALLOW_PRIVATE_ADDRESSES = False
    run_feeds("add", feed_server.url("/news.rss"))
    with pytest.raises(CommandError, match="1 of 1 feeds could not be polled"):
        run_feeds("poll", "--all")
    assert "127.0.0.1 is a loopback address" in Feed.objects.get().last_status


# --- The admin ----------------------------------------------------------------------------------------------


def test_editors_poll_feeds_now_from_the_admin(
    feed_server: FeedServer, admin_client, django_capture_on_commit_callbacks
) -> None:
    feed_server.routes["/news.rss"] = Route(RSS)
    feed = feed_add(url=feed_server.url("/news.rss"))
    changelist = reverse("admin:articles_feed_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(changelist, {"action": "poll_now", "_selected_action": [feed.pk]}, follow=True)

    assert response.status_code == 200
    status = refreshed(feed).last_status
    assert status.startswith("200: 3 entries, run ")
    assert f"{feed.url}: {status}" in [str(message) for message in response.context["messages"]]
    assert Article.objects.count() == 3
    assert status in admin_client.get(changelist).content.decode()


def test_the_admin_refuses_a_feed_url_that_cannot_be_polled(admin_client) -> None:
    response = admin_client.post(
        reverse("admin:articles_feed_add"),
        {"url": "ftp://example.com/feed.xml", "active": "on", "poll_interval_minutes": "30"},
    )

    assert response.status_code == 200
    assert "only http and https feeds can be polled" in response.content.decode()
    assert not Feed.objects.exists()
