"""The search page: one box across everything the person may see in the partnerships
they take part in, with filters by partnership and kind. Not page-cached: it answers
each person from their own partnerships."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from consortia.core.http import AuthenticatedHttpRequest
from consortia.partnerships.selectors import partnership_list_for_user

from .forms import SearchForm
from .registry import kinds
from .selectors import search_page
from .text import highlighted


@dataclass(frozen=True)
class Result:
    """A hit as the page shows it: its title and snippet escaped, matches in <mark>."""

    title: SafeString
    snippet: SafeString
    url: str
    kind: str
    partnership: str
    updated_at: datetime


@login_required
@require_safe
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    partnerships = list(partnership_list_for_user(request.user))
    form = SearchForm(request.GET or None, partnerships=partnerships)
    page = None
    if form.is_bound and form.is_valid():
        page = search_page(
            request.user,
            text=form.cleaned_data["q"],
            partnerships=form.chosen_partnerships(),
            kind=form.cleaned_data["kind"],
            page=form.cleaned_data["page"] or 1,
        )
    names, labels = {p.pk: p.name for p in partnerships}, dict(kinds())
    results = [
        Result(
            title=highlighted(hit.title),
            snippet=highlighted(hit.snippet),
            url=hit.url,
            kind=labels.get(hit.kind, hit.kind),
            partnership=names.get(hit.partnership_id, ""),
            updated_at=hit.updated_at,
        )
        for hit in (page.object_list if page else [])
    ]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "page": page,
            "searched": form.is_bound and not form.errors and bool(form.cleaned_data.get("q", "").strip()),
            "results": results,
            "params": params.urlencode(),
            "has_partnerships": bool(partnerships),
        },
        status=400 if form.errors else 200,
    )
