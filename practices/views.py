"""Thin views of the catalogue page's routes: the catalogue, its export and the proposal form."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from practices import catalogue, exchange, services
from practices.filters import filtered_queryset, parse
from practices.forms import ProposalForm
from practices.listing import attach_urls


def catalogue_context(request, index):
    instruments = catalogue.instrument_list()
    filters = parse(request.GET, instruments, request)
    result = catalogue.search(index.locale_id, filters, instruments)
    attach_urls(result.items, index, request)
    pages = range(max(1, result.page - 3), min(result.num_pages, result.page + 3) + 1)
    return {
        "page": index,
        # The catalogue's own URL, resolved once (the template links to it many times).
        "page_url": index.get_url(request),
        "result": result,
        "filters": filters,
        "sorts": [
            ("newest", _("newest first")),
            ("budget", _("largest budget first")),
            ("name", _("by name")),
        ],
        "page_links": [{"number": n, "url": filters.querystring(page=n)} for n in pages],
        "prev_url": filters.querystring(page=result.page - 1) if result.page > 1 else None,
        "next_url": filters.querystring(page=result.page + 1)
        if result.page < result.num_pages
        else None,
        "export_query": filters.querystring(without=("page",))[1:],
        "has_filters": bool(filters.active_groups),
        "first_position": (result.page - 1) * catalogue.PAGE_SIZE + 1,
    }


def catalogue_view(request, index):
    return TemplateResponse(
        request, "practices/practice_index_page.html", catalogue_context(request, index)
    )


def export_view(request, index, fmt):
    if fmt not in exchange.EXPORT_FORMATS:
        raise Http404
    instruments = catalogue.instrument_list()
    filters = parse(request.GET, instruments)
    queryset = filtered_queryset(index.locale_id, filters)
    return exchange.export_response(queryset, instruments, fmt, index)


def propose_view(request, index):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                services.submit_proposal(request.user, form.cleaned_data, index)
            except services.ProposalRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your practice was sent to the editors; we will e-mail you "
                        "when it is published."
                    ),
                )
                return redirect(index.url)
    else:
        form = ProposalForm(user=request.user)
    return TemplateResponse(request, "practices/proposal_form.html", {"page": index, "form": form})
