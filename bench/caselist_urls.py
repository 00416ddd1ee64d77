"""The site's URLs plus ``/bench/minimal/``: the smallest Django view, the latency baseline.

It runs through the same server, middleware, session and login as the case list, and does no
database work of its own beyond what the session and the login check need.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@login_required(login_url="/staff/login/")
def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/minimal/", minimal, name="bench-minimal"),
    path("", include("web.urls")),
]
