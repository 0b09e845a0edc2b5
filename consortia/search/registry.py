"""What is searchable: a table of sources, one per model, each app adding its own rows
in its `search.py` (autodiscovered, as notifications.py is for the notifications
table). Adding a kind of thing to search is a row here, not a code path in the
search app.

A source says, for one model:

- `kind`, the stored key and the filter's value ("post"), and `label`, the filter's
  text ("Posts");
- `document(obj)`: the object as a `SearchDoc` (its partnership, title, plain-text
  body, link, time), or None when it is not to be found (a draft nobody else sees, a
  removed item): None removes it from the index;
- `queryset()`: every object of the model, with what `document` reads joined in
  (select_related), for reindexing and for re-reading one object after a change.

`register_dependency(model, parents)` adds that a change to another model (an
agreement's objective) changes the documents of `parents(obj)` (its version).

The index follows every save and delete of a registered model once the transaction
commits (signals.py), and `consortia search_reindex` rebuilds it all. Bulk writes
(queryset.update, bulk_create) send no signals: a service that uses them calls
`index.objects_reindex(...)` itself, or the nightly reindex catches up.

Adding a source (the meetings, minutes and actions apps, once merged), about fifteen
lines in `consortia/<app>/search.py`:

    from django.urls import reverse

    from consortia.search.registry import SearchDoc, Source, register
    from consortia.search.text import plain_text

    from .models import Action


    def _document(action: Action) -> SearchDoc | None:
        partnership = action.partnership
        return SearchDoc(
            partnership_id=partnership.pk,
            working_group_id=action.working_group_id,
            started_at=action.created_at,
            title=action.what,
            body=plain_text(action.notes),
            url=reverse("actions:detail", args=[partnership.uuid, action.uuid]),
            updated_at=action.updated_at,
        )


    register(Source(kind="action", label="Actions", model=Action, document=_document,
                    queryset=lambda: Action.objects.select_related("partnership")))

Then add a test beside the app's tests that saves one and finds it (see
consortia/threads/tests/test_search.py, with consortia/search/testing.py) and run `consortia search_reindex` once after
deploying. Minutes that are drafts until published return None until then.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class SearchDoc:
    """One object as the index holds it. `body` is plain text (text.plain_text for
    Markdown). Content of a working group gives the group and when the content began
    (`started_at`, as groups/privacy.py reads it: a thread's start, for its posts too),
    so a closed group's content is found only by members who joined by then."""

    partnership_id: int | None  # None: directory-wide, found only by matching (engine_rank)
    title: str
    body: str
    url: str
    updated_at: datetime
    working_group_id: int | None = None
    started_at: datetime | None = None  # None: updated_at


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    model: type[Model]
    document: Callable[[Any], SearchDoc | None]
    queryset: Callable[[], QuerySet[Any]]
    # False: not offered in the search page's filter (a directory-wide kind that only
    # matching reads, through engines.engine_rank).
    listed: bool = True


@dataclass(frozen=True)
class Dependency:
    model: type[Model]
    parents: Callable[[Any], Iterable[Model]]


SOURCES: dict[str, Source] = {}  # by kind, in the order registered
DEPENDENCIES: list[Dependency] = []


def register(source: Source) -> None:
    """Add a source; a kind or a model registered twice is a mistake, said at startup."""
    if source.kind in SOURCES:
        raise ValueError(f"The search kind {source.kind!r} is registered twice.")
    if any(s.model is source.model for s in SOURCES.values()):
        raise ValueError(f"{source.model.__name__} is already a search source.")
    SOURCES[source.kind] = source


def register_dependency(model: type[Model], parents: Callable[[Any], Iterable[Model]]) -> None:
    """A change to `model` changes the documents of `parents(obj)` (objects of sources)."""
    DEPENDENCIES.append(Dependency(model=model, parents=parents))


def source_for(model: type[Model]) -> Source | None:
    return next((s for s in SOURCES.values() if s.model is model), None)


def kinds() -> list[tuple[str, str]]:
    """(kind, label) of every source, for the filter, by label."""
    return sorted(((s.kind, s.label) for s in SOURCES.values() if s.listed), key=lambda pair: pair[1])


def autodiscover() -> None:
    """Import every one of our apps' search.py, which registers its sources."""
    for config in apps.get_app_configs():
        if config.name.startswith("consortia.") and module_has_submodule(config.module, "search"):
            import_module(f"{config.name}.search")


def connect_signals() -> None:
    from . import signals

    signals.connect()
