"""Form helpers shared by every part's views."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: each field's messages beside that
    field, and those of no field (or of a field the form does not show) at
    the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def is_id(value) -> bool:
    """Whether ``value`` (from a URL or a form) can be a row's id: digits
    only, few enough for a 64-bit column (a longer one is a 500 otherwise)."""
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) <= 18


def _refuse_non_ids(field, values) -> None:
    for value in values:
        if value not in field.empty_values and not isinstance(value, Model) and not is_id(value):
            raise ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )


class IdChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` that refuses, as an invalid choice, a value
    no id column can hold, before it reaches the database."""

    def to_python(self, value):
        _refuse_non_ids(self, [value])
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """The same for many choices."""

    def _check_values(self, value):
        _refuse_non_ids(self, value)
        return super()._check_values(value)
