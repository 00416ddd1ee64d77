"""Settings for the case-list benchmark's server: the project's, with a baseline view added.

DEBUG comes from the environment like everywhere else (the benchmark sets DJANGO_DEBUG=0);
``testserver`` is allowed for the in-process query count.
"""

from web.settings import *  # noqa: F403

ROOT_URLCONF = "bench.caselist_urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
