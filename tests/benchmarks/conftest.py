"""Fixtures the in-process page benchmarks share."""

import pytest


@pytest.fixture
def plain_template_rendering(monkeypatch):
    """The test runner instruments every template render (to record contexts
    for assertions); a real server does not, so the benchmark measures without."""
    from django.template import Template
    from django.test.utils import _TestState

    saved = getattr(_TestState, "saved_data", None)
    if saved is not None:
        monkeypatch.setattr(Template, "_render", saved.template_render)


@pytest.fixture
def roomy_cache(settings):
    """Local memory cache that holds 300 session cards (its default keeps 300
    entries in all); production uses Redis through CACHE_URL."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
