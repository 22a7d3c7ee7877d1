"""Feeds: RSS and Atom feeds registered by URL, polled on a schedule, their new entries handed to ingestion.

A poll is a conditional GET (the ETag and Last-Modified the server gave last time), bounded in time and size, and
made only to public addresses: the host is resolved once, every address it resolves to is checked, and the request
goes to the checked address itself (with the host name in the Host header and for TLS), so a DNS answer that
changes between the check and the connection (DNS rebinding) cannot steer a poll into the private network. Each
redirect is checked the same way. Whatever happens, the poll ends with a line in the feed's last_status; nothing a
feed's server does can crash the beat or the worker.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import MaxRetryError, NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from articles.models import Feed, IngestVia
from articles.readers import RawDocument, ReadFailure, read_entries
from articles.readers.limits import format_size
from articles.services.ingest import ingest_submit_documents, source_for_name

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SCHEMES = ("http", "https")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "Newsbase feed poller (+https://github.com/newsbase)"
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
READ_CHUNK = 64 * 1024
STATUS_LENGTH = Feed._meta.get_field("last_status").max_length or 200
# IPv6 prefixes that carry an IPv4 address inside: what they reach is the embedded address (NAT64, RFC 6052).
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")
_MESSAGE_NOISE = re.compile(
    r"^\w+Connection\(host='[^']*', port=\d+\): |<[^>]* object at 0x[0-9a-f]+>: |\[SSL: [A-Z_]+\] |\s*\(_ssl\.c:\d+\)"
)


class FeedError(Exception):
    """A feed that cannot be registered or polled, for a reason its owner can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FeedPollResult:
    feed_id: int
    url: str
    # The line stored in the feed's last_status.
    status: str
    http_status: int | None = None
    entries: int = 0
    run_id: int | None = None
    error: str = ""
    # Polled by the schedule when another poll had just done it: nothing was fetched.
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout_seconds: float
    max_bytes: int
    max_redirects: int
    allow_private_addresses: bool

    @classmethod
    def from_settings(cls) -> FetchLimits:
        return cls(
            timeout_seconds=settings.NEWSBASE_FEED_TIMEOUT_SECONDS,
            max_bytes=settings.NEWSBASE_FEED_MAX_BYTES,
            max_redirects=settings.NEWSBASE_FEED_MAX_REDIRECTS,
            allow_private_addresses=settings.NEWSBASE_FEEDS_ALLOW_PRIVATE_ADDRESSES,
        )


@dataclass(frozen=True, slots=True)
class FetchedFeed:
    status: int
    body: bytes
    etag: str
    last_modified: str


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default_port = 443 if self.scheme == "https" else 80
        return host if self.port == default_port else f"{host}:{self.port}"


# --- Registering ----------------------------------------------------------------------------------------------


def feed_url_validate(url: str) -> str:
    """The URL, stripped, if it is one a feed can be polled from (http or https, a host, no credentials)."""
    url = url.strip()
    _parse_target(url)
    try:
        URLValidator(schemes=list(SCHEMES))(url)
    except ValidationError as error:
        raise FeedError(f"{url!r} is not a valid http or https URL") from error
    return url


def feed_add(*, url: str, source_name: str = "", poll_interval_minutes: int = 30) -> Feed:
    """Registers a feed to poll; its address is checked at every poll, since what a name resolves to can change."""
    url = feed_url_validate(url)
    if poll_interval_minutes < 1:
        raise FeedError("the polling interval must be at least 1 minute")
    source = source_for_name(source_name) if source_name.strip() else None
    try:
        with transaction.atomic():
            return Feed.objects.create(url=url, source=source, poll_interval_minutes=poll_interval_minutes)
    except IntegrityError as error:
        raise FeedError(f"the feed {url} is already registered") from error


def feed_remove(*, url: str) -> None:
    """Stops polling a feed and forgets it; the articles it brought in stay."""
    deleted, _ = Feed.objects.filter(url=url.strip()).delete()
    if not deleted:
        raise FeedError(f"there is no feed {url}")


# --- Polling --------------------------------------------------------------------------------------------------


def feeds_due(now: datetime) -> list[int]:
    """Active feeds whose interval has passed since their last poll, never-polled ones first."""
    # Intervals differ per feed, so the cut-off is per row; a deployment has hundreds of feeds, not millions, and
    # comparing in Python keeps the query the same on SQLite and PostgreSQL.
    candidates = (
        Feed.objects.filter(active=True)
        .order_by(F("last_polled_at").asc(nulls_first=True), "id")
        .values_list("id", "last_polled_at", "poll_interval_minutes")
    )
    return [
        feed_id
        for feed_id, polled_at, interval in candidates
        if polled_at is None or polled_at <= now - timedelta(minutes=interval)
    ]


def feed_poll(*, feed_id: int, only_if_due: bool = False) -> FeedPollResult:
    """Fetches the feed now and submits its entries for ingestion; every outcome ends up in last_status.

    `only_if_due` is for the schedule: the poll first claims the feed by moving last_polled_at, so a second poll
    queued for the same feed (a slow worker, a beat that fired twice) finds it not due and fetches nothing.
    """
    feed = Feed.objects.select_related("source").get(pk=feed_id)
    now = timezone.now()
    if only_if_due and not _claim(feed, now):
        return FeedPollResult(feed_id=feed.pk, url=feed.url, status="not due", skipped=True)
    try:
        fetched = feed_fetch(url=feed.url, etag=feed.etag, last_modified=feed.last_modified)
    except FeedError as error:
        logger.info("Feed %s (%s) failed: %s", feed.pk, feed.url, error.reason)
        return _record(feed, now, status=f"failed: {error.reason}", error=error.reason)
    if fetched.status == 304:
        return _record(feed, now, status="304 not modified", http_status=304)

    entries = read_entries(fetched.body, name="feed.xml", origin=feed.url, max_bytes=settings.NEWSBASE_FEED_MAX_BYTES)
    if len(entries) == 1 and isinstance(entries[0], ReadFailure) and entries[0].origin == feed.url:
        # The feed as a whole is unreadable (not XML, not a feed). Its validators are not kept, so the next poll
        # reads it again in full rather than being told "not modified" about a version never read.
        reason = entries[0].reason
        logger.info("Feed %s (%s) is unreadable: %s", feed.pk, feed.url, reason)
        return _record(feed, now, status=f"{fetched.status}: {reason}", http_status=fetched.status, error=reason)

    source_name = feed.source.name if feed.source else _feed_title(entries)
    # The run and the new validators are stored together: validators saved without the entries would make the
    # server answer "not modified" about entries that were never stored.
    with transaction.atomic():
        run = ingest_submit_documents(documents=entries, via=IngestVia.FEED, source_name=source_name, inputs=[feed.url])
        if feed.source is None and source_name:
            feed.source = source_for_name(source_name)
            Feed.objects.filter(pk=feed.pk).update(source=feed.source)
        unreadable = sum(isinstance(entry, ReadFailure) for entry in entries)
        status = f"{fetched.status}: {len(entries)} entries, run {run.pk}"
        status += f" ({unreadable} unreadable)" if unreadable else ""
        result = _record(
            feed,
            now,
            status=status,
            http_status=fetched.status,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            entries=len(entries),
            run_id=run.pk,
        )
    logger.info("Feed %s (%s): %s", feed.pk, feed.url, status)
    return result


def _claim(feed: Feed, now: datetime) -> bool:
    due = Q(last_polled_at__isnull=True) | Q(last_polled_at__lte=now - timedelta(minutes=feed.poll_interval_minutes))
    return bool(Feed.objects.filter(due, pk=feed.pk, active=True).update(last_polled_at=now))


def _record(
    feed: Feed,
    now: datetime,
    *,
    status: str,
    http_status: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    entries: int = 0,
    run_id: int | None = None,
    error: str = "",
) -> FeedPollResult:
    status = _shorten(status, STATUS_LENGTH)
    changes: dict[str, object] = {"last_polled_at": now, "last_status": status}
    if etag is not None:
        changes["etag"] = _shorten(etag, Feed._meta.get_field("etag").max_length or 500, ellipsis=False)
    if last_modified is not None:
        changes["last_modified"] = _shorten(
            last_modified, Feed._meta.get_field("last_modified").max_length or 100, ellipsis=False
        )
    Feed.objects.filter(pk=feed.pk).update(**changes)
    return FeedPollResult(
        feed_id=feed.pk,
        url=feed.url,
        status=status,
        http_status=http_status,
        entries=entries,
        run_id=run_id,
        error=error,
    )


def _feed_title(entries: list[RawDocument | ReadFailure]) -> str:
    # The feed reader puts the feed's own title on every entry as its source.
    for entry in entries:
        if isinstance(entry, RawDocument) and entry.source:
            return entry.source
    return ""


def _shorten(text: str, length: int, *, ellipsis: bool = True) -> str:
    if len(text) <= length:
        return text
    # A validator cut short would never match; better none (a full fetch next time) than a wrong one.
    return text[: length - 1] + "…" if ellipsis else ""


# --- Fetching -------------------------------------------------------------------------------------------------


def feed_fetch(*, url: str, etag: str = "", last_modified: str = "", limits: FetchLimits | None = None) -> FetchedFeed:
    """GETs a feed within the limits, following redirects that pass the same checks; raises FeedError otherwise."""
    limits = limits or FetchLimits.from_settings()
    deadline = time.monotonic() + limits.timeout_seconds
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for _hop in range(limits.max_redirects + 1):
        target = _parse_target(url)
        address = resolve_public_address(target.host, target.port, allow_private=limits.allow_private_addresses)
        redirect_to = _request(url, target, address, headers, limits, deadline)
        if isinstance(redirect_to, FetchedFeed):
            return redirect_to
        url = redirect_to
    raise FeedError(f"more than {limits.max_redirects} redirects")


def _parse_target(url: str) -> _Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FeedError(f"{url!r} is not a valid URL: {error}") from error
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise FeedError(f"only http and https feeds can be polled, not {scheme or 'a URL without a scheme'}: {url}")
    if not parts.hostname:
        raise FeedError(f"{url!r} has no host")
    if parts.username is not None or parts.password is not None:
        raise FeedError("a feed URL cannot carry a user name or password")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise FeedError(f"{parts.hostname!r} is not a valid host name") from error
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return _Target(scheme=scheme, host=host, port=port or (443 if scheme == "https" else 80), path=path)


def resolve_public_address(host: str, port: int, *, allow_private: bool = False) -> IPAddress:
    """The address to connect to for `host`; refused unless every address the name resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FeedError(f"cannot resolve {host}: {error}") from error
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos))
    if not addresses:
        raise FeedError(f"cannot resolve {host}: no addresses")
    if not allow_private:
        # Every address, not just the first: a name that resolves to a public and a private address would let the
        # client (or a later retry) reach the private one.
        for address in addresses:
            refusal = address_refusal(address)
            if refusal:
                shown = host if host == str(address) else f"{host} ({address})"
                raise FeedError(f"{shown} is {refusal}; feeds are only polled from public addresses")
    return addresses[0]


def address_refusal(address: IPAddress) -> str | None:
    """Why a feed may not be polled from this address, or None when it is a public one."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is None and address in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return address_refusal(embedded)
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_private, "a private address"),
        (address.is_reserved, "a reserved address"),
        (not address.is_global, "not a globally routable address"),
    )
    return next((reason for refused, reason in checks if refused), None)


def _request(
    url: str,
    target: _Target,
    address: IPAddress,
    headers: dict[str, str],
    limits: FetchLimits,
    deadline: float,
) -> FetchedFeed | str:
    """One request to the checked address: the feed, or the URL a redirect points to."""
    pool = _pool(target, address)
    remaining = _remaining(deadline, limits)
    try:
        with pool:
            response = pool.urlopen(
                "GET",
                target.path,
                headers={**headers, "Host": target.host_header},
                retries=False,
                redirect=False,
                assert_same_host=False,
                preload_content=False,
                timeout=urllib3.Timeout(connect=remaining, read=remaining),
            )
            try:
                if response.status in REDIRECT_STATUSES:
                    location = response.headers.get("Location")
                    if not location:
                        raise FeedError(f"HTTP {response.status} redirect without a Location")
                    return urljoin(url, location.strip())
                if response.status == 304:
                    return FetchedFeed(304, b"", "", "")
                if response.status != 200:
                    raise FeedError(f"HTTP {response.status} {response.reason or ''}".rstrip())
                body = _read_body(response, limits, deadline)
                return FetchedFeed(
                    status=200,
                    body=body,
                    etag=response.headers.get("ETag", ""),
                    last_modified=response.headers.get("Last-Modified", ""),
                )
            finally:
                response.release_conn()
    except FeedError:
        raise
    except (Urllib3Error, OSError) as error:
        raise FeedError(_describe(error, limits)) from error


def _pool(target: _Target, address: IPAddress) -> urllib3.HTTPConnectionPool:
    if target.scheme == "https":
        # Connect to the checked address; verify the certificate (and send SNI) for the host name.
        return urllib3.HTTPSConnectionPool(
            str(address),
            target.port,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    return urllib3.HTTPConnectionPool(str(address), target.port, maxsize=1)


def _read_body(response: urllib3.BaseHTTPResponse, limits: FetchLimits, deadline: float) -> bytes:
    too_large = f"feed is over the {format_size(limits.max_bytes)} limit"
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FeedError(too_large)
    chunks: list[bytes] = []
    size = 0
    while True:
        # The time limit covers the whole body, not each read: a server dripping a byte at a time is cut off too.
        _set_read_timeout(response, _remaining(deadline, limits))
        # read1 returns what one read gives (decompressed within the chunk size), so the limits are checked often.
        chunk = response.read1(READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:
            raise FeedError(too_large)
        chunks.append(chunk)


def _remaining(deadline: float, limits: FetchLimits) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FeedError(f"timed out after {limits.timeout_seconds:g} s")
    return remaining


def _set_read_timeout(response: urllib3.BaseHTTPResponse, seconds: float) -> None:
    sock = getattr(response.connection, "sock", None)
    if sock is not None:
        sock.settimeout(seconds)


def _describe(error: Exception, limits: FetchLimits) -> str:
    if isinstance(error, MaxRetryError) and error.reason is not None:
        error = error.reason
    # Before the timeouts: urllib3 makes a refused connection a subclass of its connect timeout.
    if isinstance(error, NewConnectionError):
        return f"cannot connect: {_plain_message(error)}"
    if isinstance(error, Urllib3Timeout | TimeoutError):
        return f"timed out after {limits.timeout_seconds:g} s"
    if isinstance(error, urllib3.exceptions.SSLError):
        return f"TLS error: {_plain_message(error)}"
    if isinstance(error, urllib3.exceptions.ProtocolError):
        return f"connection broken: {_plain_message(error)}"
    return f"{type(error).__name__}: {_plain_message(error)}"


def _plain_message(error: Exception) -> str:
    # urllib3 and ssl wrap the reason in object reprs and source locations that say nothing to a feed's owner.
    return " ".join(_MESSAGE_NOISE.sub("", str(error)).split())[:150]
