"""Feeds are fetched only from public addresses, whatever form the address takes: what tests/articles/test_feeds.py
does not already cover (the address ranges, IPv6 forms, redirects to ::1) is here: numeric host forms the resolver
expands, names that resolve to private addresses, and URLs that would reach them through a literal or a redirect."""

from __future__ import annotations

import socket

import pytest

from articles.services import feeds as feeds_service
from articles.services.feeds import FeedError, feed_fetch, resolve_public_address

REFUSED = "feeds are only polled from public addresses"


@pytest.fixture(autouse=True)
def _private_addresses_refused(settings) -> None:
    settings.NEWSBASE_FEEDS_ALLOW_PRIVATE_ADDRESSES = False


# inet_aton reads all of these as an IPv4 address, so a check on the text of the host name would miss them.
@pytest.mark.parametrize(
    "host",
    ["2130706433", "0177.0.0.1", "0x7f000001", "017700000001", "127.1", "0x7f.1", "0", "10.1", "0x0a.0.0.1",
     "3232235777", "localhost", "::ffff:7f00:1", "::ffff:a00:1", "fe80::1%1"],
)  # fmt: skip
def test_numeric_and_short_forms_of_private_addresses_are_refused(host: str) -> None:
    with pytest.raises(FeedError, match=REFUSED):
        resolve_public_address(host, 80)


@pytest.mark.parametrize(
    "url",
    ["http://2130706433/feed.xml", "http://0x7f.1/feed.xml", "http://[::ffff:127.0.0.1]/feed.xml",
     "http://[::1]:8000/feed.xml", "http://[fd00::1]/feed.xml", "http://169.254.169.254/latest/meta-data/",
     "http://[64:ff9b::a9fe:a9fe]/feed.xml", "http://localhost:8000/feed.xml"],
)  # fmt: skip
def test_fetching_a_feed_url_that_names_a_private_address_is_refused_before_connecting(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_connection(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(feeds_service, "_request", no_connection)

    with pytest.raises(FeedError, match=REFUSED):
        feed_fetch(url=url)


def _resolver(answers: dict[str, list[str]]):
    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        family = lambda address: socket.AF_INET6 if ":" in address else socket.AF_INET  # noqa: E731
        return [(family(a), socket.SOCK_STREAM, 6, "", (a, port)) for a in answers[host]]

    return getaddrinfo


@pytest.mark.parametrize(
    ("addresses", "shown"),
    [
        (["10.0.0.5"], "10.0.0.5"),
        (["192.168.1.20"], "192.168.1.20"),
        (["93.184.216.34", "127.0.0.1"], "127.0.0.1"),
        (["2606:2800:220:1::1", "fd12::1"], "fd12::1"),
        (["100.64.1.1"], "100.64.1.1"),
    ],
    ids=["private", "home-network", "public-and-loopback", "public-and-unique-local-v6", "carrier-grade-nat"],
)
def test_a_name_that_resolves_to_a_private_address_is_refused(
    addresses: list[str], shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _resolver({"news.attacker.example": addresses}))

    with pytest.raises(FeedError, match=REFUSED) as refusal:
        resolve_public_address("news.attacker.example", 443)

    assert f"news.attacker.example ({shown})" in str(refusal.value)


def test_a_redirect_to_a_name_that_resolves_privately_is_refused_at_that_hop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        socket, "getaddrinfo", _resolver({"wire.example.com": ["93.184.216.34"], "internal.example.com": ["10.0.0.9"]})
    )
    requested: list[str] = []

    def redirecting(url: str, *args: object, **kwargs: object) -> str:
        requested.append(url)
        return "http://internal.example.com/admin/feed.xml"

    monkeypatch.setattr(feeds_service, "_request", redirecting)

    with pytest.raises(FeedError, match=r"internal\.example\.com \(10\.0\.0\.9\) is a private address"):
        feed_fetch(url="https://wire.example.com/feed.xml")
    assert requested == ["https://wire.example.com/feed.xml"]


def test_a_public_name_is_resolved_to_the_address_that_is_then_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _resolver({"wire.example.com": ["93.184.216.34"]}))

    assert str(resolve_public_address("wire.example.com", 443)) == "93.184.216.34"
