"""The "My account" page is a list of sections; each app registers its own
with :func:`register_account_section` (in its ``AppConfig.ready``)."""

from collections.abc import Callable

from django.http import HttpRequest

_SECTIONS: list[tuple[int, Callable]] = []


def register_account_section(render_section: Callable[[HttpRequest], str | None], *, order: int = 100) -> None:
    """``render_section(request)`` returns an HTML fragment (or None to skip)."""
    _SECTIONS.append((order, render_section))
    _SECTIONS.sort(key=lambda item: item[0])


def account_sections(request: HttpRequest) -> list[str]:
    return [html for _, render in _SECTIONS if (html := render(request))]
