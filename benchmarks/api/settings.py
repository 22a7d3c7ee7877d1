"""Settings for the API benchmark: Newsbase's own, plus the bare DRF view the company detail is compared with."""

from newsbase.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.api.urls"
