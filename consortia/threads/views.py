"""The threads pages: the partnership's threads (pinned first, with unread counts),
starting a thread, a thread's page (its posts, earlier versions of edited posts, the
reply form), editing one's post, pinning, "mark all read", and the two ways between
threads and polls. Every view receives `uuid`, the partnership's. Not page-cached:
each page carries the viewer's unread markers."""

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.http import AuthenticatedHttpRequest, action_attempt, form_attempt, render_form
from consortia.decisions.access import poll_get_for_user
from consortia.decisions.forms import PollForm
from consortia.groups.selectors import group_list
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership

from . import services
from .access import post_get_for_user, thread_get_for_user
from .forms import EditForm, PostForm, ThreadForm
from .models import Attachment, Thread
from .selectors import thread_last_read, thread_list, thread_posts

START = "threads.start_thread_in_partnership"
REPLY = "threads.reply_to_thread"
EDIT = "threads.edit_post"
PIN = "threads.pin_thread"
OPEN_POLL = "decisions.open_poll_in_partnership"
NAV = {"nav": "partnerships"}


def _thread_url(thread: Thread) -> str:
    return reverse("threads:detail", args=[thread.partnership.uuid, thread.uuid])


def _list_url(partnership: Partnership) -> str:
    return reverse("threads:list", args=[partnership.uuid])


@login_required
@require_safe
def thread_list_page(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    threads = list(thread_list(request.user, partnership))
    return render(
        request,
        "threads/list.html",
        {
            "partnership": partnership,
            "threads": threads,
            "unread_total": sum(getattr(t, "unread_count", 0) for t in threads),
            "can_start": partnership.status != "closed" and rules.has_perm(START, request.user, partnership),
            **NAV,
        },
    )


def _form_page(
    request: AuthenticatedHttpRequest, partnership: Partnership, form, **context: Any
) -> HttpResponse:
    return render_form(request, "threads/form.html", {"partnership": partnership, **NAV, **context}, form)


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=START)
    form = ThreadForm(
        request.POST or None,
        request.FILES or None,
        groups=group_list(partnership),
        initial={"working_group": request.GET.get("working_group", "")},  # "Start a thread in this group"
    )
    if request.method == "POST" and form.is_valid():
        thread = form_attempt(
            form, services.thread_start, actor=request.user, partnership=partnership, **form.cleaned_data
        )
        if thread is not None:
            messages.success(request, "Your thread has started.")
            return redirect(_thread_url(thread))
    back = _list_url(partnership)
    return _form_page(
        request, partnership, form, title="Start a thread", back_url=back, submit="Start the thread"
    )


@login_required
@require_http_methods(["GET", "POST"])
def poll_discuss(request: AuthenticatedHttpRequest, uuid, poll_uuid) -> HttpResponse:
    """ "Discuss this poll": a thread linked to the poll, its title prefilled."""
    partnership = partnership_get_for_user(request.user, uuid, perm=START)
    poll = poll_get_for_user(request.user, partnership, poll_uuid)
    back = reverse("decisions:detail", args=[partnership.uuid, poll.uuid])
    form = ThreadForm(
        request.POST or None, request.FILES or None, initial={"title": f"Discussion: {poll.title}"[:200]}
    )
    if request.method == "POST" and form.is_valid():
        thread = form_attempt(
            form,
            services.thread_start,
            actor=request.user,
            partnership=partnership,
            poll=poll,
            **form.cleaned_data,
        )
        if thread is not None:
            messages.success(request, "The discussion has started.")
            return redirect(_thread_url(thread))
    return _form_page(
        request,
        partnership,
        form,
        title="Discuss this poll",
        subject=poll.title,
        back_url=back,
        submit="Start the discussion",
    )


def _thread_page(
    request: AuthenticatedHttpRequest,
    partnership: Partnership,
    thread: Thread,
    reply_form: PostForm | None = None,
    *,
    mark_read: bool = False,
) -> HttpResponse:
    """The thread's page; viewing it (mark_read) moves the viewer's read marker to its
    last post, after the page has noted which posts are new to them."""
    posts = thread_posts(thread)
    last_read = thread_last_read(request.user, thread)
    if mark_read and posts and posts[-1].pk > last_read:
        services.thread_mark_read(actor=request.user, thread=thread, last_post_id=posts[-1].pk)
    can_reply = rules.has_perm(REPLY, request.user, thread) and partnership.status != "closed"
    if reply_form is None and can_reply:
        reply_form = PostForm()
    status = getattr(reply_form, "status_code", 400) if reply_form is not None and reply_form.errors else 200
    return render(
        request,
        "threads/detail.html",
        {
            "partnership": partnership,
            "thread": thread,
            "posts": [
                (post, post.pk > last_read, rules.has_perm(EDIT, request.user, post)) for post in posts
            ],
            "form": reply_form,
            "can_reply": can_reply,
            "can_pin": rules.has_perm(PIN, request.user, thread),
            "can_open_poll": thread.poll_id is None and rules.has_perm(OPEN_POLL, request.user, partnership),
            **NAV,
        },
        status=status,
    )


@login_required
@require_safe
def thread_detail(request: AuthenticatedHttpRequest, uuid, thread_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    thread = thread_get_for_user(request.user, partnership, thread_uuid)
    return _thread_page(request, partnership, thread, mark_read=True)


@login_required
@require_POST
def reply(request: AuthenticatedHttpRequest, uuid, thread_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    thread = thread_get_for_user(request.user, partnership, thread_uuid, perm=REPLY)
    form = PostForm(request.POST, request.FILES)
    if form.is_valid():
        post = form_attempt(
            form, services.thread_reply, actor=request.user, thread=thread, **form.cleaned_data
        )
        if post is not None:
            messages.success(request, "Your reply is posted.")
            return redirect(f"{_thread_url(thread)}#post-{post.uuid}")
    return _thread_page(request, partnership, thread, reply_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: AuthenticatedHttpRequest, uuid, thread_uuid, post_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    thread = thread_get_for_user(request.user, partnership, thread_uuid)
    post = post_get_for_user(request.user, thread, post_uuid, perm=EDIT)
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        done = form_attempt(form, services.post_edit, actor=request.user, post=post, **form.cleaned_data)
        if done is not None:
            messages.success(request, "Your post is updated. Its earlier version stays visible.")
            return redirect(f"{_thread_url(thread)}#post-{post.uuid}")
    return _form_page(
        request,
        partnership,
        form,
        title="Edit your post",
        subject=thread.title,
        back_url=_thread_url(thread),
        submit="Save the post",
    )


def _pin(request: AuthenticatedHttpRequest, uuid, thread_uuid, *, pinned: bool) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    thread = thread_get_for_user(request.user, partnership, thread_uuid, perm=PIN)
    return action_attempt(
        request,
        services.thread_pin,
        success="The thread is pinned as an announcement." if pinned else "The thread is no longer pinned.",
        next_url=_thread_url(thread),
        actor=request.user,
        thread=thread,
        pinned=pinned,
    )


@login_required
@require_POST
def pin(request: AuthenticatedHttpRequest, uuid, thread_uuid) -> HttpResponse:
    return _pin(request, uuid, thread_uuid, pinned=True)


@login_required
@require_POST
def unpin(request: AuthenticatedHttpRequest, uuid, thread_uuid) -> HttpResponse:
    return _pin(request, uuid, thread_uuid, pinned=False)


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    return action_attempt(
        request,
        services.threads_mark_all_read,
        success="Every thread is marked as read.",
        next_url=_list_url(partnership),
        actor=request.user,
        partnership=partnership,
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_poll(request: AuthenticatedHttpRequest, uuid, thread_uuid) -> HttpResponse:
    """ "Open a poll from this thread": decisions' poll form, prefilled from the thread."""
    partnership = partnership_get_for_user(request.user, uuid, perm=OPEN_POLL)
    thread = thread_get_for_user(request.user, partnership, thread_uuid)
    initial = {"title": thread.title, "details": f"From the discussion “{thread.title}”."}
    form = PollForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        poll = form_attempt(
            form, services.thread_poll_open, actor=request.user, thread=thread, **form.service_kwargs()
        )
        if poll is not None:
            messages.success(request, "The poll is open, linked to this thread.")
            return redirect(reverse("decisions:detail", args=[partnership.uuid, poll.uuid]))
    return _form_page(
        request,
        partnership,
        form,
        title="Open a poll from this thread",
        subject=thread.title,
        back_url=_thread_url(thread),
        submit="Open the poll",
    )


@login_required
@require_safe
def attachment_download(
    request: AuthenticatedHttpRequest, uuid, thread_uuid, attachment_uuid
) -> HttpResponseBase:
    """A post's file, only after the access check, always as a download
    (`Content-Disposition: attachment`, `nosniff`), under the name it was shown with."""
    partnership = partnership_get_for_user(request.user, uuid)
    thread = thread_get_for_user(request.user, partnership, thread_uuid)
    attachment = Attachment.objects.filter(post__thread=thread, uuid=attachment_uuid).first()
    if attachment is None:
        raise Http404("No such attachment.")
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
