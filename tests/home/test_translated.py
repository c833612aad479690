"""home/translated.py and its template tags, on a model of their own (made in
an isolated registry, never saved: the accessor needs no database)."""

import pickle

import pytest
from django.db import models
from django.template import Context, Template, TemplateSyntaxError
from django.test.utils import isolate_apps, override_settings
from django.utils import translation

from home.translated import (
    Translated,
    TranslatedFieldsMixin,
    TranslationStatus,
    default_source_language,
    language_code,
    source_hash,
)


@pytest.fixture
def note_model():
    with isolate_apps("home"):

        class Note(TranslatedFieldsMixin):
            title = models.CharField(max_length=50)
            body = models.TextField(blank=True)
            translated_fields = ("title", "body")

            class Meta:
                app_label = "home"

        yield Note


def render(source: str, **context) -> str:
    return Template("{% load translated %}" + source).render(Context(context))


def test_translated_is_the_text_with_its_language():
    text = Translated("Ouverture", language="fr", is_fallback=False)

    assert text == "Ouverture"
    assert isinstance(text, str)
    assert (text.language, text.is_fallback) == ("fr", False)
    assert repr(text) == "Translated('Ouverture', language='fr', is_fallback=False)"


def test_translated_survives_pickling_for_the_cache():
    text = pickle.loads(pickle.dumps(Translated("Opening", language="en", is_fallback=True)))

    assert (str(text), text.language, text.is_fallback) == ("Opening", "en", True)


def test_new_rows_are_written_in_the_site_language(note_model):
    with override_settings(LANGUAGE_CODE="fr"):
        assert note_model(title="Ouverture").source_language == "fr"
        assert default_source_language() == "fr"
    assert note_model(title="Opening").translations == {}


@pytest.mark.parametrize(
    ("given", "code"),
    [("fr", "fr"), ("fr-ca", "fr"), ("FR_ca", "fr"), ("es-419", "es"), ("en-us", "en"), ("de", "de")],
)
def test_language_code_reduces_to_a_site_language(given, code):
    assert language_code(given) == code


def test_language_code_defaults_to_the_active_language():
    with translation.override("es"):
        assert language_code() == "es"
    with translation.override(None):
        assert language_code() == "en"


def test_translated_gives_the_requested_language(note_model):
    note = note_model(title="Opening", body="Welcome")
    note.set_translation("fr", title="Ouverture", body="Bienvenue")

    title = note.translated("title", "fr")

    assert (title, title.language, title.is_fallback) == ("Ouverture", "fr", False)
    assert note.translated("body", "fr-ca") == "Bienvenue"


def test_translated_follows_the_active_language_by_default(note_model):
    note = note_model(title="Opening")
    note.set_translation("fr", title="Ouverture")

    with translation.override("fr"):
        assert note.translated("title") == "Ouverture"
    with translation.override("en"):
        assert note.translated("title") == "Opening"


def test_a_missing_translation_falls_back_to_the_source_marked(note_model):
    note = note_model(title="Opening")
    note.set_translation("fr", title="Ouverture")

    title = note.translated("title", "es")

    assert (title, title.language, title.is_fallback) == ("Opening", "en", True)


def test_the_source_language_itself_is_no_fallback(note_model):
    note = note_model(title="Ouverture", source_language="fr")

    assert note.translated("title", "fr").is_fallback is False
    assert note.translated("title", "en").language == "fr"
    assert note.translated("title", "en").is_fallback is True


@pytest.mark.parametrize("empty", ["", "   ", "<p></p>", '<p data-block-key="x1"> </p>'])
def test_an_empty_translation_counts_as_missing(note_model, empty):
    note = note_model(title="Opening", body="<p>Welcome</p>")
    note.translations = {"fr": {"title": "", "body": empty}}

    assert note.translated("title", "fr") == "Opening"
    assert note.translated("body", "fr").is_fallback is True
    assert note.translation_status("fr") == TranslationStatus.MISSING


def test_set_translation_records_the_source_hash_without_saving(note_model):
    note = note_model(title="Opening", body="")
    note.set_translation("fr", title="Ouverture")

    assert note.translations == {"fr": {"title": "Ouverture", "@title": source_hash("Opening")}}
    assert note.pk is None


def test_set_translation_of_the_source_language_writes_the_column(note_model):
    note = note_model(title="Opening")
    note.set_translation("en", title="Opening plenary")

    assert note.title == "Opening plenary"
    assert note.translations == {}


def test_set_translation_with_an_empty_value_removes_it(note_model):
    note = note_model(title="Opening", body="Welcome")
    note.set_translation("fr", title="Ouverture", body="Bienvenue")
    note.set_translation("fr", body="")

    assert note.translations == {"fr": {"title": "Ouverture", "@title": source_hash("Opening")}}
    note.set_translation("fr", title=" ")
    assert note.translations == {}


def test_set_translation_refuses_a_field_that_is_not_translated(note_model):
    note = note_model(title="Opening")

    with pytest.raises(ValueError, match=r"Note\.pk is not a translated field"):
        note.set_translation("fr", pk=3)
    with pytest.raises(ValueError):
        note.translated("source_language", "fr")


def test_status_current_outdated_missing(note_model):
    note = note_model(title="Opening", body="Welcome")
    assert note.translation_status("fr") == "missing"

    note.set_translation("fr", title="Ouverture", body="Bienvenue")
    assert note.translation_status("fr") == "current"

    note.body = "Welcome, everyone"
    assert note.translation_status("fr") == "outdated"
    assert note.field_translation_status("title", "fr") == TranslationStatus.CURRENT
    assert note.field_translation_status("body", "fr") == TranslationStatus.OUTDATED

    note.set_translation("fr", body="Bienvenue à toutes et à tous")
    assert note.translation_status("fr") == "current"


def test_status_ignores_a_field_with_an_empty_source(note_model):
    note = note_model(title="Opening", body="")
    note.set_translation("fr", title="Ouverture")

    assert note.field_translation_status("body", "fr") is None
    assert note.translation_status("fr") == "current"


def test_status_missing_wins_over_outdated(note_model):
    note = note_model(title="Opening", body="Welcome")
    note.set_translation("fr", title="Ouverture")
    note.title = "Opening plenary"

    assert note.translation_status("fr") == "missing"


def test_status_of_the_source_language_is_current(note_model):
    assert note_model(title="Opening").translation_status("en") == "current"


@override_settings(LANGUAGES=[("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ar", "Arabic")])
def test_a_new_language_needs_no_schema_change(note_model):
    note = note_model(title="Opening")
    note.set_translation("ar", title="الافتتاح")

    assert note.translation_languages() == ["fr", "es", "ar"]
    assert note.translated("title", "ar") == "الافتتاح"


def test_the_filter_gives_plain_text(note_model):
    note = note_model(title="Q&A <live>")
    note.set_translation("fr", title="Questions & réponses")

    with translation.override("fr"):
        assert render('<a title="{{ note|translated:"title" }}">', note=note) == (
            '<a title="Questions &amp; réponses">'
        )
    with translation.override("es"):
        assert render('{{ note|translated:"title" }}', note=note) == "Q&amp;A &lt;live&gt;"


def test_the_tag_marks_a_fallback_with_its_language(note_model):
    note = note_model(title="Q&A <live>")
    note.set_translation("fr", title="Questions & réponses")

    with translation.override("fr"):
        assert render('{% translated note "title" %}', note=note) == "Questions &amp; réponses"
    with translation.override("es"):
        assert render('{% translated note "title" %}', note=note) == '<span lang="en">Q&amp;A &lt;live&gt;</span>'


def test_the_tag_takes_the_field_from_a_variable(note_model):
    note = note_model(title="Opening")

    with translation.override("en"):
        assert render("{% translated note field %}", note=note, field="title") == "Opening"


def test_the_tag_renders_rich_text_and_marks_a_fallback_with_a_div(note_model):
    note = note_model(title="Opening", body="<p>Welcome &amp; <b>hello</b></p>")
    note.set_translation("fr", body="<p>Bienvenue</p>")

    with translation.override("fr"):
        assert render('{% translated note "body" rich %}', note=note) == "<p>Bienvenue</p>"
    with translation.override("es"):
        assert render('{% translated note "body" rich %}', note=note) == (
            '<div lang="en"><p>Welcome &amp; <b>hello</b></p></div>'
        )


def test_the_tag_prints_nothing_for_an_empty_field(note_model):
    note = note_model(title="Opening", body="")

    with translation.override("fr"):
        assert render('[{% translated note "body" rich %}][{% translated missing "title" %}]', note=note) == "[][]"


def test_the_tag_refuses_a_wrong_flag():
    with pytest.raises(TemplateSyntaxError, match="Usage"):
        Template('{% load translated %}{% translated note "body" bold %}')
