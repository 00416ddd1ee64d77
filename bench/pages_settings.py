"""Settings for the portal page benchmark's server: the project's, with a public baseline view.

DEBUG comes from the environment (the benchmark sets DJANGO_DEBUG=0); ``testserver`` is
allowed for the in-process query count.
"""

from web.settings import *  # noqa: F403

ROOT_URLCONF = "bench.pages_urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405

# The default memory cache keeps 300 entries, fewer than the benchmark's addresses; a deployment
# uses a shared cache without that limit (DJANGO_CACHE_BACKEND, docs/settings.md).
CACHES = {
    "default": {
        **CACHES["default"],  # noqa: F405
        "OPTIONS": {**CACHES["default"].get("OPTIONS", {}), "MAX_ENTRIES": 100_000},  # noqa: F405
    }
}
