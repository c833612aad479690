from django import forms
from django.utils.translation import gettext_lazy as _

CONFIRM_WORD = "DELETE"


class AccountDeleteForm(forms.Form):
    """Confirm with the account's password (or, for an account without one,
    by typing the word shown)."""

    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, required=False)
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"), required=False, help_text=_("For an account without a password.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            del self.fields["confirm"]
            self.fields["password"].required = True
        else:
            del self.fields["password"]
            self.fields["confirm"].required = True
            self.fields["confirm"].help_text = ""

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password

    def clean_confirm(self):
        value = self.cleaned_data["confirm"]
        if value.strip() != CONFIRM_WORD:
            raise forms.ValidationError(_("Type DELETE, in capitals, to confirm."))
        return value
