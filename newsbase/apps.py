from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The public website: its template tags, search, and the page cache that editors' changes invalidate."""

    name = "newsbase"
    label = "website"
    verbose_name = "Website"

    def ready(self) -> None:
        from newsbase import pagecache

        pagecache.connect_invalidation()
