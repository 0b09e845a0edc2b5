"""The index follows saves and deletes of every registered model once the
transaction commits, so a rolled-back change never reaches it. Which documents a
change touches is worked out at once (a deleted object still has its id then); they
are re-read after the commit, and one whose object is gone, or no longer searchable,
is removed. `robust`: a failure to index is logged and never turns a request that has
committed into an error; `consortia search_reindex` puts it right."""

from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from . import index
from .registry import DEPENDENCIES, SOURCES


def on_change(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loading fixtures: `consortia search_reindex` afterwards
        return
    touched = index.documents_touched(instance)

    def run() -> None:
        for source, pk in touched:
            index.objects_reindex(source, [pk])

    if touched:
        transaction.on_commit(run, robust=True)


def connect() -> None:
    models = {s.model for s in SOURCES.values()} | {d.model for d in DEPENDENCIES}
    for model in models:
        uid = f"search.{model._meta.label_lower}"
        post_save.connect(on_change, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(on_change, sender=model, dispatch_uid=f"{uid}.delete")
