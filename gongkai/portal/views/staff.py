"""Staff screens of the portal: online submissions, their ID documents, Art 35 counts."""

from __future__ import annotations

import mimetypes

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import agencies_handled_by, can_handle
from gongkai.portal import uploads
from gongkai.portal.excessive import applicant_counts, monthly_notice
from gongkai.portal.models import OnlineSubmission
from gongkai.portal.views.common import paginate


@login_required
def online_index(request: HttpRequest) -> HttpResponse:
    agencies = agencies_handled_by(request.user).order_by("name")
    return render(request, "portal/staff/index.html", {"agencies": agencies})


@login_required
def online_agency(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not can_handle(request.user, agency):
        raise PermissionDenied("只有本机构的经办人和负责人可以查看在线申请")
    submissions = (
        OnlineSubmission.objects.filter(application__agency=agency)
        .select_related("application")
        .order_by("-submitted_at")
    )
    return render(
        request,
        "portal/staff/agency.html",
        {
            "agency": agency,
            "page_obj": paginate(request, submissions),
            "counts": applicant_counts(agency, timezone.localdate()),
            "threshold": monthly_notice(),
        },
    )


@login_required
def id_document(request: HttpRequest, submission_pk: int) -> HttpResponse:
    """The uploaded ID document, only for staff handling the agency's applications."""
    submission = get_object_or_404(OnlineSubmission.objects.select_related("application__agency"), pk=submission_pk)
    if not can_handle(request.user, submission.application.agency):
        raise PermissionDenied("只有受理机关的经办人和负责人可以查看申请人的身份证明文件")
    path = uploads.resolve(submission.upload_path) if submission.upload_path else None
    if path is None:
        raise Http404("该申请没有上传身份证明文件，或文件已不存在")
    content_type = submission.upload_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    response = FileResponse(open(path, "rb"), content_type=content_type, as_attachment=True,
                            filename=f"id-document-{submission.application.year}-{submission.application.sequence}"
                            f"{path.suffix}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
