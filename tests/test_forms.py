"""The one way a view puts a service's refusal on its form."""

from django import forms
from django.core.exceptions import ValidationError

from forum_site.forms import add_service_errors


class NameForm(forms.Form):
    name = forms.CharField(required=False)


def test_field_errors_stand_beside_their_field_and_others_at_the_top():
    form = NameForm({"name": "x"})
    form.is_valid()

    add_service_errors(form, ValidationError({"name": "Too short.", "email": "Not on this form."}))

    assert form.errors == {"name": ["Too short."], "__all__": ["Not on this form."]}


def test_an_error_of_no_field_goes_to_the_top():
    form = NameForm({"name": "x"})
    form.is_valid()

    add_service_errors(form, ValidationError(["Registration is closed.", "Try later."]))

    assert form.errors == {"__all__": ["Registration is closed.", "Try later."]}
