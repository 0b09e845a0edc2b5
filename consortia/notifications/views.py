"""The inbox (mark one or all read), the email choices per partnership, and the
one-click unsubscribe link, which works without signing in and does nothing else."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.accounts.models import User
from consortia.core.http import AuthenticatedHttpRequest, form_attempt, problem, render_form
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership

from . import services
from .access import notification_get_for_user
from .forms import PreferenceForm
from .selectors import notification_list, partnership_list_joined, preference_get
from .tokens import unsubscribe_read

PER_PAGE = 50
NAV = {"nav": "notifications"}


@login_required
@require_safe
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(notification_list(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "partnerships": partnership_list_joined(request.user).order_by("name"),
            **NAV,
        },
    )


@login_required
@require_POST
def read(request: AuthenticatedHttpRequest, notification_uuid: UUID) -> HttpResponse:
    """Mark one read and go to the thing it is about (or back to the inbox)."""
    notification = notification_get_for_user(request.user, notification_uuid)
    services.notification_read(actor=request.user, notification=notification)
    target = notification.url
    if request.POST.get("go") != "1" or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = reverse("notifications:inbox")
    return redirect(target)


@login_required
@require_POST
def read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = services.notification_read_all(actor=request.user)
    if count:
        messages.success(request, "All your notifications are marked read.")
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=services.CHOOSE)
    form = PreferenceForm(request.POST or None, initial={"email": preference_get(request.user, partnership)})
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form,
            services.preference_set,
            actor=request.user,
            partnership=partnership,
            email=form.cleaned_data["email"],
        )
        if done is not None:
            messages.success(request, f"Your email choice for {partnership.name} is saved.")
            return redirect("notifications:inbox")
    return render_form(
        request,
        "notifications/preferences.html",
        {"partnership": partnership, "back_url": reverse("notifications:inbox"), **NAV},
        form,
    )


def _unsubscribe_target(token: str) -> tuple[User, Partnership] | None:
    read = unsubscribe_read(token)
    if read is None:
        return None
    user = User.objects.filter(uuid=read[0], is_active=True).first()
    partnership = Partnership.objects.filter(uuid=read[1]).first()
    if user is None or partnership is None:
        return None
    return user, partnership


# No CSRF check and no sign-in, by design (RFC 8058): the signed token is the only
# authority, and it can do one thing, stop this partnership's email to this person.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (so link scanners unsubscribe nobody); POST unsubscribes."""
    target = _unsubscribe_target(token)
    if target is None:
        return problem(
            request,
            title="This unsubscribe link does not work",
            message=(
                "The link is not one Consortia sent, or it was changed on the way. "
                "Sign in to choose what you get by email from your inbox."
            ),
            status=404,
        )
    user, partnership = target
    done = False
    if request.method == "POST":
        services.preference_unsubscribe(user=user, partnership=partnership)
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"partnership": partnership, "done": done, "token": token},
    )
