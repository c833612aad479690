"""Editing translated fields (home/translated.py) in the Wagtail admin.

``TranslationsFormMixin`` adds to a model's admin form one field per other
language of settings.LANGUAGES per translated field ("Title (French)"),
made like the source field (same widget, same max_length), prefilled from
the row, and writes what changed through ``set_translation``.
``TranslationsPanel`` shows them, grouped by language, errors beside each.
"""

from django import forms
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel

from home.translated import TranslationStatus, language_code

FIELD_PREFIX = "translation"


def translation_field_name(language: str, field: str) -> str:
    return f"{FIELD_PREFIX}-{language}-{field}"


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


class TranslationsFormMixin:
    """For a ModelForm of a TranslatedFieldsMixin model."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.translation_source_language = instance.source_language
        self.translation_fields: dict[str, tuple[str, str]] = {}  # form field name -> (language, model field)
        for code in instance.translation_languages():
            entry = (instance.translations or {}).get(code) or {}
            for field in instance.translated_fields:
                model_field = instance._meta.get_field(field)
                form_field = model_field.formfield(required=False)
                form_field.label = _("%(field)s (%(language)s)") % {
                    "field": model_field.verbose_name,
                    "language": language_name(code),
                }
                form_field.help_text = ""
                form_field.widget.attrs["lang"] = code  # the text typed in, not the label
                status = instance.field_translation_status(field, code) if instance.pk else None
                if status == TranslationStatus.OUTDATED:
                    form_field.help_text = _("Out of date: the source text has changed since this was translated.")
                name = translation_field_name(code, field)
                self.fields[name] = form_field
                self.initial[name] = entry.get(field, "")
                self.translation_fields[name] = (code, field)

    def translation_groups(self) -> list[tuple[str, str, list]]:
        """(code, language name, bound fields) per language, for the panel."""
        groups: dict[str, list] = {}
        for name, (code, _field) in self.translation_fields.items():
            groups.setdefault(code, []).append(self[name])
        return [(code, language_name(code), fields) for code, fields in groups.items()]

    def clean(self):
        cleaned = super().clean()
        for name, (_code, field) in self.translation_fields.items():
            if field == "choices" and name in cleaned and cleaned[name]:
                self._check_choice_lines(name, cleaned[name], cleaned.get(field, self.instance.choices))
        return cleaned

    def _check_choice_lines(self, name: str, value: str, source: str) -> None:
        """A translation of choices gives one line per source choice, in the same order."""
        wanted = len([line for line in (source or "").splitlines() if line.strip()])
        given = len([line for line in value.splitlines() if line.strip()])
        if given != wanted:
            self.add_error(
                name,
                gettext("Give one translated choice per line, as many as the choices (%(count)s), in their order.")
                % {"count": wanted},
            )

    def _post_clean(self):
        super()._post_clean()
        self._apply_translations()

    def _apply_translations(self) -> None:
        """Write the changed translations on the instance (not saved yet).
        An unchanged one keeps the source hash it had, so it stays out of
        date if the source text has just changed."""
        instance = self.instance
        if instance._state.adding:
            owner = instance.source_language_owner()
            if owner is not None:
                instance.source_language = owner.source_language
        source_language = language_code(instance.source_language)
        changed = set(self.changed_data)
        values: dict[str, dict[str, str]] = {}
        for name, (code, field) in self.translation_fields.items():
            if name in changed and name not in self.errors and code != source_language:
                values.setdefault(code, {})[field] = self.cleaned_data.get(name) or ""
        for code, fields in values.items():
            instance.set_translation(code, **fields)


class TranslationsPanel(Panel):
    """The form's translation fields, a group per language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Translations"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "home/admin/translations_panel.html"

        def is_shown(self):
            return bool(getattr(self.form, "translation_fields", None))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["groups"] = self.form.translation_groups()
            return context

        @property
        def media(self):
            media = forms.Media()
            for name in getattr(self.form, "translation_fields", {}):
                media += self.form.fields[name].widget.media
            return media


class TranslatedObjectList(ObjectList):
    """An ObjectList whose form has translation fields: the TranslationsPanel
    renders them, so they are not rendered again among the fields that no
    panel claims (Wagtail renders those at the end of the form, for hidden
    fields such as a formset's ORDER)."""

    class BoundPanel(ObjectList.BoundPanel):
        def render_missing_fields(self):
            claimed = set(self.panel.get_form_options().get("fields", []))
            claimed |= set(getattr(self.form, "translation_fields", {}))
            missing = [str(self.form[name]) for name in self.form.fields if name not in claimed]
            return mark_safe("".join(missing))  # noqa: S308 - the form's own rendered fields


def with_translations(form_class: type) -> type:
    """``form_class`` with the translation fields (for a panel's base_form_class)."""
    return type(f"Translated{form_class.__name__}", (TranslationsFormMixin, form_class), {})
