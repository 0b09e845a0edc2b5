"""`{% load markdown %}` then `{{ post.body|markdown }}`: Markdown as sanitised HTML
(consortia/core/markdown.py), for any app's templates."""

from django import template
from django.utils.safestring import SafeString

from consortia.core.markdown import markdown_render

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return markdown_render(text)
