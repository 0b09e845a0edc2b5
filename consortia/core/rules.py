"""How permissions are declared, and the one predicate that belongs to no app.

Every permission in Consortia is a django-rules predicate. Each app declares its own
in `<app>/rules.py`, beside the code it protects (django-rules' autodiscovery imports
them at startup), so that no app reads one above it: organisations' predicates know
memberships, partnerships' know partners and participants, and the later apps combine
those.

Views, services, templates (`{% load rules %}{% has_perm %}`) and tests all ask
`rules.has_perm(name, user, obj)`. We call rules directly, not `user.has_perm`, so
Django's superuser shortcut does not turn a site administrator into a partner: site
admins may *see* every partnership (for support) but act only through an
organisation, like everyone else.

A permission's name says what it is given: it ends with the name of the model it
takes (`canvas.pledge_for_partner` takes a Partner, `consultations.manage_consultation_of_poll`
a Poll). `add_perm` holds both ends of that promise: it refuses a name that does not
end with its model's name, and asking with an object of another type raises
TypeError, so a wrong object fails in the first test that asks rather than answering
False in production.

The helpers cache what they load on the user and partnership objects
(organisations.rules.memberships_by_org, partnerships.rules.active_partners), so
checking several permissions on one page costs no extra queries.
"""

import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from consortia.accounts.models import User


def add_perm(name: str, model: type[models.Model], predicate: rules.Predicate) -> None:
    """Declare permission `name`, which takes an instance of `model` (or None)."""
    model_name = model._meta.model_name
    if not name.endswith(f"_{model_name}"):
        raise ImproperlyConfigured(
            f"Permission {name!r} takes a {model.__name__}: its name must end with _{model_name}."
        )

    @rules.predicate(name=f"takes_{model_name}")
    def takes_model(user: User | AnonymousUser, obj: object) -> bool:
        if obj is not None and not isinstance(obj, model):
            raise TypeError(f"{name} takes a {model.__name__}, not a {type(obj).__name__}.")
        return True

    rules.add_perm(name, takes_model & predicate)


@rules.predicate
def is_site_admin(user: User | AnonymousUser) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)
