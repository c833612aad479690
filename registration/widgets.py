"""Form widgets of the registration forms (participant and admin)."""

from django import forms

from registration.models import HONORIFICS


class HonorificInput(forms.TextInput):
    """A text input offering the usual honorifics (``HONORIFICS``) in a
    ``<datalist>``: pick one, leave it blank, or type another."""

    template_name = "registration/widgets/honorific.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        input_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["attrs"]["list"] = f"{input_id}_options"
        context["widget"]["attrs"].setdefault("autocomplete", "honorific-prefix")
        context["datalist_id"] = f"{input_id}_options"
        context["honorifics"] = HONORIFICS
        return context
