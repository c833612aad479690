from django import template

register = template.Library()


@register.filter
def get(mapping: dict, key):
    """``{{ counts|get:key }}``: a dict value by a variable key."""
    return mapping.get(key, "")
