"""The practice library's pages: a partnership's library (searched and filtered on the
server), adding and editing an entry, its page with its versions, an old version,
attachments (upload, download after the access check, the uploader's confirmation
that a file may be shared), publishing and taking back, copying a published entry into
another partnership; and the public library of published entries, for anyone.
Partnership views receive `uuid`, the partnership's."""

from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.canvas.models import Outcome
from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
    problem,
)
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership

from . import services
from .access import attachment_get, entry_get_for_copy, entry_get_for_user, published_entry_get
from .forms import AttachmentForm, CopyForm, EntryForm, PublishForm, SearchForm
from .models import Attachment, Entry, Kind
from .selectors import copy_targets, entry_list, published_entries, tags_in_use

ADD, CHANGE, PUBLISH = "library.add_entry_in_partnership", "library.change_entry", "library.publish_entry"
NAV = {"nav": "partnerships"}
PUBLISHING = (
    "Anyone will be able to read the entry in the public library, and copy it into their own partnership "
    "under the licence you choose, naming you and this partnership. Every attached file must first be "
    "confirmed as shareable by whoever uploaded it."
)


def _list_url(partnership: Partnership) -> str:
    return reverse("library:list", args=[partnership.uuid])


def _entry_url(entry: Entry) -> str:
    return reverse("library:detail", args=[entry.partnership.uuid, entry.uuid])


def _outcomes(partnership: Partnership) -> list[Outcome]:
    return list(Outcome.objects.filter(partnership=partnership).order_by("pk"))


def _filters(request: HttpRequest) -> tuple[SearchForm, str, str, str]:
    form = SearchForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        return form, data["q"].strip(), data["kind"], data["tag"].strip()
    return form, "", "", ""


@login_required
@require_safe
def library_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    form, query, kind, tag = _filters(request)
    return render(
        request,
        "library/list.html",
        {
            "partnership": partnership,
            "entries": entry_list(partnership, query=query, kind=kind, tag=tag),
            "search_form": form,
            "query": query,
            "kind": kind,
            "tag": tag,
            "kinds": Kind.choices,
            "tags": tags_in_use(partnership),
            "filtered": bool(query or kind or tag),
            "can_add": partnership.status != "closed" and rules.has_perm(ADD, request.user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=ADD)
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        outcomes=_outcomes(partnership),
        initial={"kind": Kind.GUIDE.value, "evidence_level": "anecdote"},
    )
    if request.method == "POST" and form.is_valid():
        entry = form_attempt(
            form, services.entry_create, actor=request.user, partnership=partnership, **form.service_kwargs()
        )
        if entry is not None:
            messages.success(request, "The entry is in the library. Only this partnership sees it.")
            return redirect(_entry_url(entry))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Practice library",
        title="Add to the practice library",
        back_url=_list_url(partnership),
        submit="Add the entry",
    )


@login_required
@require_safe
def entry_detail(request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    entry = entry_get_for_user(request.user, partnership, entry_uuid, full=True)
    is_open = partnership.status != "closed"
    return render(
        request,
        "library/detail.html",
        {
            "partnership": partnership,
            "entry": entry,
            "can_change": is_open and rules.has_perm(CHANGE, request.user, entry),
            "can_publish": is_open and rules.has_perm(PUBLISH, request.user, entry),
            "can_unpublish": rules.has_perm(PUBLISH, request.user, entry),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    entry = entry_get_for_user(request.user, partnership, entry_uuid, perm=CHANGE)
    initial = {
        "title": entry.title,
        "kind": entry.kind,
        "summary": entry.summary,
        "what_worked": entry.what_worked,
        "what_didnt": entry.what_didnt,
        "evidence_level": entry.evidence_level,
        "evidence_note": entry.evidence_note,
        "outcomes": [str(o.uuid) for o in entry.outcomes.all()],
        "tags": ", ".join(t.name for t in entry.tags.order_by("key")),
    }
    form = EntryForm(
        request.POST if request.method == "POST" else None, outcomes=_outcomes(partnership), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        changed = form_attempt(
            form, services.entry_update, actor=request.user, entry=entry, **form.service_kwargs()
        )
        if changed is not None:
            messages.success(
                request, "The entry is saved as a new version." if changed else "Nothing changed."
            )
            return redirect(_entry_url(entry))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Practice library",
        subject_label="Entry",
        title="Change a library entry",
        subject=entry.title,
        submit="Save a new version",
        back_url=_entry_url(entry),
    )


@login_required
@require_safe
def version_detail(
    request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID, number: int
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    entry = entry_get_for_user(request.user, partnership, entry_uuid)
    version = entry.versions.select_related("author").filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    return render(
        request,
        "library/version.html",
        {"partnership": partnership, "entry": entry, "version": version, **NAV},
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    entry = entry_get_for_user(request.user, partnership, entry_uuid, perm=CHANGE)
    form = AttachmentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form,
            services.attachment_add,
            actor=request.user,
            entry=entry,
            upload=form.cleaned_data["upload"],
            shareable=form.cleaned_data["shareable"],
        )
        if done is not None:
            messages.success(request, "The file is attached.")
            return redirect(_entry_url(entry) + "#attachments")
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Practice library",
        subject_label="Entry",
        title="Attach a file",
        subject=entry.title,
        submit="Attach the file",
        back_url=_entry_url(entry),
    )


def _download(attachment: Attachment) -> HttpResponseBase:
    """Always a download (`Content-Disposition: attachment`, `nosniff`), under its shown name."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is no longer stored.") from missing
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_safe
def attachment_download(
    request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID, attachment_uuid: UUID
) -> HttpResponseBase:
    partnership = partnership_get_for_user(request.user, uuid)
    entry = entry_get_for_user(request.user, partnership, entry_uuid)
    return _download(attachment_get(entry, attachment_uuid))


@login_required
@require_POST
def attachment_shareable(
    request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID, attachment_uuid: UUID
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    entry = entry_get_for_user(request.user, partnership, entry_uuid)
    attachment = attachment_get(entry, attachment_uuid)
    return action_attempt(
        request,
        services.attachment_share,
        success=f"Thank you: “{attachment.name}” may be shared outside the partnership.",
        next_url=_entry_url(entry) + "#attachments",
        actor=request.user,
        attachment=attachment,
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_publish(request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    entry = entry_get_for_user(request.user, partnership, entry_uuid)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form,
            services.entry_publish,
            actor=request.user,
            entry=entry,
            licence=form.cleaned_data["licence"],
        )
        if done is not None:
            messages.success(request, "The entry is published in the public library.")
            return redirect(_entry_url(entry))
    elif request.method == "GET" and not rules.has_perm(PUBLISH, request.user, entry):
        return problem(
            request,
            title="That could not be done",
            message="Only the entry's author or the convening partner can publish it.",
            status=400,
            back_url=_entry_url(entry),
        )
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Practice library",
        subject_label="Entry",
        title="Publish in the public library",
        subject=entry.title,
        submit="Publish",
        back_url=_entry_url(entry),
        intro=PUBLISHING,
    )


@login_required
@require_POST
def entry_unpublish(request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    entry = entry_get_for_user(request.user, partnership, entry_uuid)
    return action_attempt(
        request,
        services.entry_unpublish,
        success="The entry is back to this partnership only.",
        next_url=_entry_url(entry),
        actor=request.user,
        entry=entry,
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_copy(request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID) -> HttpResponse:
    entry = entry_get_for_copy(request.user, uuid, entry_uuid)
    back = reverse("library:public_entry", args=[entry.uuid]) if entry.is_published else _entry_url(entry)
    if not entry.is_published:
        return problem(
            request,
            title="That could not be done",
            message="Only a published entry can be copied.",
            status=409,
            back_url=back,
        )
    form = CopyForm(
        request.POST if request.method == "POST" else None, targets=copy_targets(request.user, entry)
    )
    if request.method == "POST" and form.is_valid():
        copy = form_attempt(
            form, services.entry_copy, actor=request.user, entry=entry, partnership=form.target()
        )
        if copy is not None:
            messages.success(
                request, "The entry is copied into your partnership's library, with its attribution."
            )
            return redirect(_entry_url(copy))
    return partnership_form_page(
        request,
        entry.partnership,
        form,
        section="Practice library",
        subject_label="Entry",
        title="Copy into another partnership",
        subject=entry.title,
        submit="Copy the entry",
        back_url=back,
        intro="" if form.targets else "You are not a member of another open partnership to copy it into.",
    )


# --- the public library ---------------------------------------------------------------------


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    """The published entries, for anyone."""
    form, query, kind, _ = _filters(request)
    return render(
        request,
        "library/directory.html",
        {
            "entries": published_entries(query=query, kind=kind),
            "search_form": form,
            "query": query,
            "kind": kind,
            "kinds": Kind.choices,
            "nav": "directory",
        },
    )


@require_safe
def public_entry(request: HttpRequest, entry_uuid: UUID) -> HttpResponse:
    entry = published_entry_get(entry_uuid, full=True)
    return render(
        request,
        "library/public_entry.html",
        {
            "entry": entry,
            "attachments": [a for a in entry.attachments.all() if a.shareable],
            "nav": "directory",
        },
    )


@require_safe
def public_attachment(request: HttpRequest, entry_uuid: UUID, attachment_uuid: UUID) -> HttpResponseBase:
    entry = published_entry_get(entry_uuid)
    return _download(attachment_get(entry, attachment_uuid, shareable_only=True))
