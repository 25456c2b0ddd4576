"""Staff list of issued certificates (read-only: certificates are frozen once issued)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from certificates.models import Certificate
from cms import roles


def certificate_list(request):
    if not roles.can_view_certificate_register(request.user):
        raise PermissionDenied
    query = (request.GET.get("q") or "").strip()[:100]
    certificates = Certificate.objects.order_by("-issued_at")
    if query:
        certificates = certificates.filter(
            Q(register_number__icontains=query)
            | Q(full_name__icontains=query)
            | Q(email__icontains=query)
            | Q(title__icontains=query)
            | Q(code__iexact=query.replace("-", ""))
        )
    page = Paginator(certificates, 50).get_page(request.GET.get("p"))
    return render(
        request, "certificates/admin/certificate_list.html", {"page_obj": page, "q": query}
    )
