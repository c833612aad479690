from django import forms
from django.utils.translation import gettext_lazy as _

from registration.checkin.models import ScannerToken


class ScannerTokenForm(forms.ModelForm):
    """A new scanner token: the device or tool that will use it, and which of
    the staff member's events (``events``, a queryset) it may check people
    in at."""

    class Meta:
        model = ScannerToken
        fields = ["name", "events"]
        widgets = {"events": forms.CheckboxSelectMultiple}

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["events"]
        field.queryset = events
        field.help_text = _("The token checks people in at these events only.")
        field.error_messages["required"] = _("Choose at least one event.")


class DeviceForm(forms.Form):
    """A scanning device to register: a name that tells staff which one it
    is when they revoke it."""

    name = forms.CharField(
        label=_("Device name"),
        max_length=100,
        help_text=_("Which device it is, e.g. “Gate B phone 2”."),
    )
