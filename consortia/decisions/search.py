"""Polls in the search index (consortia/search/registry.py): the question, its
details, the options and, once recorded, the outcome. A poll is the partnership's
decision, whoever asks it (its electorate is the partnership's, and it is in the
decision log), so a closed working group's poll is found by everyone who can open it,
as its pages show it: no working group is given to the index."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register

from .models import Poll


def _poll(poll: Poll) -> SearchDoc:
    options = " ".join(option.label for option in poll.options.all())
    return SearchDoc(
        partnership_id=poll.partnership_id,
        started_at=poll.created_at,
        title=poll.title,
        body=" ".join(part for part in (poll.details, options, poll.outcome) if part),
        url=reverse("decisions:detail", args=[poll.partnership.uuid, poll.uuid]),
        updated_at=poll.updated_at,
    )


register(
    Source(
        kind="poll",
        label="Polls",
        model=Poll,
        document=_poll,
        queryset=lambda: Poll.objects.select_related("partnership").prefetch_related("options"),
    )
)
