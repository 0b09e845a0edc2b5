"""For the tests of each app's search.py: how many documents a search finds, and a
fixture-friendly way to run a change and then its after-commit indexing."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from consortia.partnerships.models import Partnership

from .engines import Scope, engine_count
from .query import parse

T = TypeVar("T")


def found(partnership: Partnership, typed: str, kind: str | None = None) -> int:
    """How many of the partnership's documents (of `kind`) match `typed`, closed
    groups' content included."""
    return engine_count(parse(typed), Scope([partnership.pk], kind), cap=10_000)


def committed(capture: Callable[..., AbstractContextManager[Any]]) -> Callable[[Callable[[], T]], T]:
    """`committed(django_capture_on_commit_callbacks)(change)` runs `change`, then the
    work it left for after its commit (the index's), as a request's commit would."""

    def run(change: Callable[[], T]) -> T:
        with capture(execute=True):
            return change()

    return run
