"""Showing translated fields (home/translated.py) in templates.

``{{ session|translated:"title" }}`` is the plain text, for attributes and
``<title>``. ``{% translated session "title" %}`` prints it escaped, inside
``<span lang="xx">`` when it is a fallback in another language;
``{% translated session "description" rich %}`` renders a RichTextField like
Wagtail's ``|richtext``, inside ``<div lang="xx">`` when it is a fallback.
"""

from django import template
from django.utils.html import format_html
from wagtail.templatetags.wagtailcore_tags import richtext

from home.translated import Translated, marked

register = template.Library()


def _translated_text(obj, field: str) -> Translated:
    if obj is None or isinstance(obj, str):  # a missing variable resolves to ""
        return Translated("")
    return obj.translated(field)


@register.filter(name="translated")
def translated_filter(obj, field: str) -> Translated:
    return _translated_text(obj, field)


class TranslatedNode(template.Node):
    def __init__(self, obj, field, rich: bool):
        self.obj = obj
        self.field = field
        self.rich = rich

    def render(self, context):
        text = _translated_text(self.obj.resolve(context), self.field.resolve(context))
        if self.rich:
            html = richtext(str(text)) if text else ""
            if text and text.is_fallback:
                return format_html('<div lang="{}">{}</div>', text.language, html)
            return html
        return marked(text)


@register.tag(name="translated")
def translated_tag(parser, token):
    """``{% translated obj "field" [rich] %}``"""
    bits = token.split_contents()
    if len(bits) not in (3, 4) or (len(bits) == 4 and bits[3] != "rich"):
        raise template.TemplateSyntaxError(f'Usage: {{% {bits[0]} object "field" [rich] %}}')
    return TranslatedNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), rich=len(bits) == 4)
