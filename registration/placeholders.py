"""Placeholders such as ``{first_name}`` in texts organisers write (visa
letters, messages to participants): the check that refuses any name not
offered, and any other piece of Python's format syntax (attributes,
indexes, formats, conversions), since the text is filled with
``str.format_map`` on plain strings."""

from __future__ import annotations

import string
from collections.abc import Iterable

from django.utils.translation import gettext


def placeholder_errors(text: str, known: Iterable[str]) -> list[str]:
    """What is wrong with the placeholders of ``text`` (empty when nothing)."""
    known = list(known)
    try:
        parsed = list(string.Formatter().parse(text or ""))
    except ValueError:
        return [gettext("A brace is not closed: write placeholders as {name}, and a brace itself as {{ or }}.")]
    errors = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in known or spec or conversion:
            errors.append(
                gettext("Unknown placeholder {%(field)s}. Use: %(known)s.")
                % {"field": field, "known": ", ".join(f"{{{name}}}" for name in known)}
            )
    return errors


def placeholders_used(text: str) -> set[str]:
    """The placeholder names of a text that passed :func:`placeholder_errors`."""
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(text or "") if field}
