"""Tracking an application by receipt number + code, and the reply letter once delivered."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.casework.letters import render_letter
from gongkai.casework.lifecycle import STATE_LABELS, EventKind, State
from gongkai.casework.models import Application
from gongkai.portal import ratelimit
from gongkai.portal.forms import TrackForm
from gongkai.portal.tracking import SESSION_KEY, find_submission
from gongkai.portal.views.common import too_many_requests

logger = logging.getLogger(__name__)

# One answer for an unknown number and a wrong code, so neither can be probed.
NOT_FOUND_MESSAGE = "受理编号或查询码不正确，请核对后重新输入。"


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        ip = ratelimit.client_ip(request) or "unknown"
        per_ip = ratelimit.limit("PORTAL_TRACK_LIMIT_PER_IP")
        if ratelimit.hit("track-ip", ip, per_ip) > per_ip.count:
            return too_many_requests(
                request, f"同一网络地址{per_ip.window_text}最多查询{per_ip.count}次，已达到上限，请稍后再试。"
            )
        form = TrackForm(request.POST)
        if form.is_valid():
            submission = find_submission(form.cleaned_data["receipt_number"], form.cleaned_data["code"])
            if submission is not None:
                request.session.cycle_key()  # a new session id once authorised
                request.session[SESSION_KEY] = submission.application_id
                return redirect("portal:track_status")
            form.add_error(None, NOT_FOUND_MESSAGE)
    else:
        form = TrackForm()
    return render(request, "portal/track.html", {"form": form})


def _tracked(request: HttpRequest) -> Application | None:
    pk = request.session.get(SESSION_KEY)
    if pk is None:
        return None
    return Application.objects.select_related("agency").filter(pk=pk, online_submission__isnull=False).first()


def _delivered(application: Application) -> bool:
    return application.events.filter(kind=EventKind.DELIVERED.value).exists()


@never_cache
def track_status(request: HttpRequest) -> HttpResponse:
    application = _tracked(request)
    if application is None:
        return redirect("portal:track")
    from gongkai.casework.services import clock_for

    clock = clock_for(application)
    state = State(application.state)
    delivered = _delivered(application)
    context = {
        "application": application,
        "state_label": STATE_LABELS[state],
        "clock": clock,
        "decided": application.decided_on is not None,
        "delivered": delivered,
        "letter_available": delivered,
        "events": [
            {"date": e.date, "label": EventKind(e.kind).label}
            for e in application.events.order_by("seq")
        ],
    }
    return render(request, "portal/track_status.html", context)


@never_cache
def track_letter(request: HttpRequest) -> HttpResponse:
    application = _tracked(request)
    if application is None:
        return redirect("portal:track")
    if not _delivered(application):
        raise Http404("答复书尚未送达，暂不能下载")
    try:
        filename, content = render_letter(application, "reply", "pdf")
    except ValidationError:
        raise Http404("该申请没有答复书") from None
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def track_end(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("portal:track")
