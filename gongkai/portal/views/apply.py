"""依申请公开 online: the Art 29 form, rate limits, and the receipt shown once."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.portal import ratelimit
from gongkai.portal.actions import do_submit_online_application
from gongkai.portal.forms import ApplicationForm
from gongkai.portal.tracking import SESSION_KEY
from gongkai.portal.views.common import active_agency, too_many_requests

RECEIPT_SESSION_KEY = "portal_receipt_once"


def identity_key(data: dict) -> str:
    """The applicant for rate limiting: the ID document, else name and phone."""
    number = data.get("id_number", "")
    if number:
        return f"id:{data.get('id_type', '')}:{number}"
    return f"name:{data.get('applicant_name', '')}:{data.get('phone', '')}"


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = active_agency(agency_pk)
    ip = ratelimit.client_ip(request) or "unknown"
    per_ip = ratelimit.limit("PORTAL_APPLY_LIMIT_PER_IP")
    if request.method == "POST":
        if ratelimit.exceeded("apply-ip", ip, per_ip):
            return too_many_requests(
                request,
                f"同一网络地址{per_ip.window_text}最多在线提交{per_ip.count}件申请，已达到上限。"
                "请稍后再试，或通过信函、传真、当面等方式提交申请。",
            )
        form = ApplicationForm(request.POST, request.FILES)
        if form.is_valid():
            per_identity = ratelimit.limit("PORTAL_APPLY_LIMIT_PER_IDENTITY")
            identity = identity_key(form.cleaned_data)
            if ratelimit.exceeded("apply-identity", identity, per_identity):
                return too_many_requests(
                    request,
                    f"同一申请人{per_identity.window_text}最多在线提交{per_identity.count}件申请，已达到上限。"
                    "请稍后再试，或通过信函、传真、当面等方式提交申请。",
                )
            try:
                submitted = do_submit_online_application(
                    agency=agency,
                    data=form.cleaned_data,
                    upload=form.cleaned_data.get("id_document"),
                    file_type=form.file_type,
                    client_ip=ratelimit.client_ip(request),
                )
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                ratelimit.hit("apply-ip", ip, per_ip)
                ratelimit.hit("apply-identity", identity, per_identity)
                request.session[RECEIPT_SESSION_KEY] = {
                    "application": submitted.application.pk,
                    "code": submitted.tracking_code,
                }
                request.session[SESSION_KEY] = submitted.application.pk
                return redirect("portal:apply_done", agency_pk=agency.pk)
        status = 400
    else:
        form, status = ApplicationForm(), 200
    return render(request, "portal/apply.html", {"agency": agency, "form": form}, status=status)


def _attach_errors(form: ApplicationForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def apply_done(request: HttpRequest, agency_pk: int) -> HttpResponse:
    """The receipt number and the tracking code, once: the code is taken out of the session
    here, so a reload (or the next person at a shared computer) does not see it again."""
    from gongkai.casework.models import Application

    agency = active_agency(agency_pk)
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    application = None
    if receipt:
        application = Application.objects.filter(pk=receipt["application"], agency=agency).first()
    return render(
        request,
        "portal/apply_done.html",
        {"agency": agency, "application": application, "code": receipt["code"] if application else None},
    )
