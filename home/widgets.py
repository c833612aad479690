"""Form widgets shared by the parts' admin forms."""

from django import forms


class PrivateFileInput(forms.ClearableFileInput):
    """The file input of a file kept in private storage (``forum_site.storage``):
    such a file has no URL, so the current one is named, not linked, beside
    the usual "clear" box."""

    template_name = "home/widgets/private_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["file_name"] = value.name.rsplit("/", 1)[-1]
        return context
