"""Questions and answers in the search index (consortia/search/registry.py): a question
by its title and text, each answer by its text under its question's title."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register
from consortia.search.text import plain_text

from .models import Answer, Question


def _question(question: Question) -> SearchDoc:
    return SearchDoc(
        partnership_id=question.partnership_id,
        title=question.title,
        body=plain_text(question.body),
        url=reverse("questions:detail", args=[question.partnership.uuid, question.uuid]),
        updated_at=question.updated_at,
    )


def _answer(answer: Answer) -> SearchDoc:
    question = answer.question
    return SearchDoc(
        partnership_id=question.partnership_id,
        title=question.title,
        body=plain_text(answer.body),
        url=reverse("questions:detail", args=[question.partnership.uuid, question.uuid])
        + f"#{answer.anchor}",
        updated_at=answer.updated_at,
    )


register(
    Source(
        kind="question",
        label="Questions",
        model=Question,
        document=_question,
        queryset=lambda: Question.objects.select_related("partnership"),
    )
)
register(
    Source(
        kind="answer",
        label="Answers",
        model=Answer,
        document=_answer,
        queryset=lambda: Answer.objects.select_related("question__partnership"),
    )
)
