"""Settings for the website benchmark: Newsbase's own, plus the bare view the company page is compared with."""

from newsbase.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.web.urls"
