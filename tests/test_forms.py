"""The one way a view puts a service's refusal on its form, and the id
choices that refuse an id no column can hold (a 500 before)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from forum_site.forms import IdChoiceField, IdMultipleChoiceField, add_service_errors, is_id
from registration.models import Category
from tests.factories import make_event


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


HUGE = "9" * 30


def test_is_id_takes_digits_a_64_bit_column_can_hold():
    assert is_id("42") and is_id(42) and is_id("9" * 18)
    assert not any(is_id(value) for value in ("9" * 19, "-1", "4.2", "٤٢", "", "1 "))


@pytest.mark.django_db
def test_a_huge_id_is_an_invalid_choice_not_a_500():
    event = make_event()
    category = Category.objects.filter(event=event).first() or Category.objects.create(event=event, name="Delegate")

    class ChoiceForm(forms.Form):
        one = IdChoiceField(queryset=Category.objects.all())
        many = IdMultipleChoiceField(queryset=Category.objects.all())

    bad = ChoiceForm({"one": HUGE, "many": [str(category.pk), HUGE]})
    assert not bad.is_valid()
    assert set(bad.errors) == {"one", "many"}
    assert bad.errors["one"] == ["Select a valid choice. That choice is not one of the available choices."]

    good = ChoiceForm({"one": str(category.pk), "many": [str(category.pk)]})
    assert good.is_valid(), good.errors
    assert good.cleaned_data["one"] == category and list(good.cleaned_data["many"]) == [category]
