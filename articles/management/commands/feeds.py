"""python manage.py feeds add URL [--source NAME] [--every MINUTES] | list | poll [URL | --all] | remove URL

Registers the RSS and Atom feeds that Celery beat polls, and polls them now, in this process, to see what happens.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Feed, IngestRun
from articles.services import (
    FeedError,
    feed_add,
    feed_poll,
    feed_remove,
    ingest_item_process,
    ingest_run_counts,
    ingest_run_pending_ids,
)


class Command(BaseCommand):
    help = "Registers, lists, polls and removes the RSS and Atom feeds Newsbase polls."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{add,list,poll,remove}")
        add = actions.add_parser("add", help="Register a feed to poll.")
        add.add_argument("url")
        add.add_argument("--source", default="", help="File its articles under this source (default: its title).")
        add.add_argument("--every", type=int, default=30, metavar="MINUTES", help="Polling interval (default 30).")
        actions.add_parser("list", help="List the feeds and what their last poll gave.")
        poll = actions.add_parser("poll", help="Poll now, in this process.")
        poll.add_argument("url", nargs="?")
        poll.add_argument("--all", action="store_true", help="Poll every active feed.")
        remove = actions.add_parser("remove", help="Stop polling a feed and forget it (its articles stay).")
        remove.add_argument("url")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except FeedError as error:
            raise CommandError(error.reason) from error

    def _add(self, options: dict[str, Any]) -> None:
        feed = feed_add(url=options["url"], source_name=options["source"], poll_interval_minutes=options["every"])
        self.stdout.write(f"Added {feed.url}, polled every {feed.poll_interval_minutes} minutes.")

    def _list(self, options: dict[str, Any]) -> None:
        feeds = Feed.objects.select_related("source")
        if not feeds:
            self.stdout.write("No feeds. Add one with: python manage.py feeds add URL")
        for feed in feeds:
            polled = f"{feed.last_polled_at:%Y-%m-%d %H:%M}" if feed.last_polled_at else "never polled"
            state = "" if feed.active else " (inactive)"
            self.stdout.write(
                f"{feed.url}{state}\n  source: {feed.source or '-'}, every {feed.poll_interval_minutes} min,"
                f" {polled}: {feed.last_status or '-'}"
            )

    def _poll(self, options: dict[str, Any]) -> None:
        if options["all"] == bool(options["url"]):
            raise CommandError("Give a feed's URL or --all.")
        feeds = Feed.objects.filter(active=True) if options["all"] else Feed.objects.filter(url=options["url"])
        feed_ids = list(feeds.values_list("id", flat=True))
        if not feed_ids:
            raise CommandError(f"No feed {options['url']}." if options["url"] else "No active feeds.")
        failed = 0
        for feed_id in feed_ids:
            result = feed_poll(feed_id=feed_id)
            self.stdout.write(f"{result.url}: {result.status}")
            if result.run_id is not None:
                run = IngestRun.objects.get(pk=result.run_id)
                # Stored here and now even when workers are configured; items they already took are left as done.
                for item_id in ingest_run_pending_ids(run=run):
                    ingest_item_process(item_id=item_id)
                counts = ingest_run_counts(run=run)
                self.stdout.write(
                    f"  {counts['created']} created, {counts['duplicate']} duplicates, {counts['failed']} failed"
                )
            failed += not result.ok
        if failed:
            raise CommandError(f"{failed} of {len(feed_ids)} feeds could not be polled.")

    def _remove(self, options: dict[str, Any]) -> None:
        feed_remove(url=options["url"])
        self.stdout.write(f"Removed {options['url']}; its articles stay.")
