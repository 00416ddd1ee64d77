"""The site's URLs plus ``/bench/minimal-public/``: the smallest Django view, the throughput baseline.

Like the portal's pages it needs no login; it runs through the same server and middleware and
does no database work.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/minimal-public/", minimal, name="bench-minimal-public"),
    path("", include("web.urls")),
]
