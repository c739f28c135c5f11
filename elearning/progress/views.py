import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from common.public_address import public_url

from . import selectors
from .certificate_pdf import render_certificate

CODE_TEXT = re.compile(r"[A-Z0-9 \-]{1,40}")  # what a typed code may hold


@require_GET
def verify_certificate(request, code):
    """Anyone may check a code: shows whose certificate it is, for which course and when."""
    certificate = selectors.certificate_by_code(code=code)
    return render(
        request,
        "progress/certificate_verify.html",
        {"certificate": certificate, "code": code},
        status=200 if certificate else 404,
    )


@require_GET
def find_certificate(request):
    """The verification form (GET ?code=) leads to the certificate's page."""
    typed = request.GET.get("code", "").strip().upper()
    if typed and not CODE_TEXT.fullmatch(typed):
        # No code has such characters (and "/" cannot be a path segment): not found, kindly.
        context = {"certificate": None, "code": typed[:40]}
        return render(request, "progress/certificate_verify.html", context, status=404)
    code = selectors.normalise_code(typed)
    if code:
        return redirect("progress:certificate_verify", code=code)
    return render(request, "progress/certificate_verify.html", {"certificate": None, "code": ""})


@login_required
@require_GET
def certificate_pdf(request, code):
    """The PDF, for its holder only."""
    certificate = selectors.certificate_by_code(code=code)
    if certificate is None or certificate.learner_id != request.user.pk:
        raise Http404
    # On the configured address: the Host header is the client's to choose.
    verify_url = public_url(
        reverse("progress:certificate_verify", args=[certificate.verification_code])
    )
    response = HttpResponse(
        render_certificate(certificate, verify_url=verify_url), content_type="application/pdf"
    )
    filename = f"chung-tay-certificate-{certificate.verification_code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
