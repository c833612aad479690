"""Forms for the speaker's answer (public) and the organisers' speaker and
invitation admin."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField
from PIL import Image
from wagtail.admin.forms import WagtailAdminModelForm

from sessions.models import Session, SpeakerRole
from sessions.permissions import manageable_events
from speakers.models import Gender, Speaker

PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
DEFAULT_PHOTO_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_PHOTO_MAX_PIXELS = 40_000_000


def photo_max_bytes() -> int:
    return getattr(settings, "SPEAKER_PHOTO_MAX_BYTES", DEFAULT_PHOTO_MAX_BYTES)


def photo_max_pixels() -> int:
    """Wagtail's limit for images, so that a photo accepted here can be resized there."""
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_PHOTO_MAX_PIXELS)


def _has_too_many_pixels(data, limit: int) -> bool:
    """Whether the width × height the file's header declares is over
    ``limit`` (read without decoding the image). A file Pillow cannot read
    passes here: the image check after this one reports it."""
    source = data.temporary_file_path() if hasattr(data, "temporary_file_path") else data
    try:
        with Image.open(source) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        return True  # over twice Pillow's own limit, so over ours too
    except Exception:  # noqa: BLE001 - not an image: ImageField says so
        return False
    finally:
        if hasattr(data, "seek"):
            data.seek(0)
    return width * height > limit


class PhotoField(forms.ImageField):
    """An image upload: JPEG, PNG or WebP, no larger than the configured size
    in bytes and in pixels (a small file may declare huge dimensions)."""

    def to_python(self, data):
        if data and getattr(data, "size", 0) > photo_max_bytes():
            raise forms.ValidationError(
                _("The photo is too large (%(size)s); the limit is %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(data.size), "limit": filesizeformat(photo_max_bytes())},
            )
        if data and _has_too_many_pixels(data, photo_max_pixels()):
            raise forms.ValidationError(
                _("The photo has too many pixels; the limit is %(limit)s million. Upload a smaller image."),
                code="too_many_pixels",
                params={"limit": f"{photo_max_pixels() / 1_000_000:g}"},
            )
        upload = super().to_python(data)
        if upload is not None and getattr(upload, "image", None) is not None:
            if upload.image.format not in PHOTO_FORMATS:
                raise forms.ValidationError(_("Upload a JPEG, PNG or WebP photo."), code="invalid_image_format")
        return upload


class InvitationAcceptForm(forms.Form):
    """The speaker's profile, completed when accepting."""

    honorific = forms.CharField(label=_("Honorific"), max_length=50, required=False, help_text=_("H.E., Dr, Prof..."))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    position = forms.CharField(label=_("Position"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    country = LazyTypedChoiceField(label=_("Country"), choices=[("", "---------"), *countries])
    bio = forms.CharField(
        label=_("Short biography"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
        help_text=_("Shown on the public speaker page. Plain text; leave a blank line between paragraphs."),
    )
    photo = PhotoField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB. Shown on the public speaker page."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("I prefer not to answer")), *Gender.choices],
        required=False,
        help_text=_("Used only to count panel balance in aggregate; never shown next to your name."),
    )
    gender_consent = forms.BooleanField(
        label=_("I agree that my gender is stored for the panel-balance figures"), required=False
    )
    travel_needs = forms.CharField(
        label=_("Travel needs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Private: for the organisers only (flights, visa, accommodation)."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Private: for the organisers only."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("gender") and not cleaned.get("gender_consent"):
            self.add_error("gender_consent", _("Tick this box to store your gender, or leave the gender blank."))
        return cleaned

    @classmethod
    def initial_for(cls, invitation) -> dict:
        speaker = invitation.speaker
        if speaker is None:
            return {"first_name": invitation.first_name, "last_name": invitation.last_name}
        return {
            "honorific": speaker.honorific,
            "first_name": speaker.first_name,
            "last_name": speaker.last_name,
            "position": speaker.position,
            "organisation": speaker.organisation,
            "country": speaker.country.code,
            "gender": speaker.consented_gender,
            "gender_consent": speaker.gender_consent,
            "travel_needs": speaker.travel_needs,
            "accessibility_needs": speaker.accessibility_needs,
        }


class InvitationDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class SpeakerAdminForm(WagtailAdminModelForm):
    """The speaker snippet's form. A new profile is created for one of the
    user's events (``added_for_event``), so that its creator may go on
    editing it before it has a session or an invitation; the choice is
    offered on creation only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("added_for_event")
        if field is None:
            return
        if self.instance.pk:
            del self.fields["added_for_event"]
            return
        if self.for_user is not None:
            field.queryset = manageable_events(self.for_user)
            field.required = not self.for_user.is_superuser


def speaker_label(speaker: Speaker) -> str:
    """Public fields only: the name and the organisation."""
    if speaker.organisation:
        return f"{speaker.full_name} ({speaker.organisation})"
    return speaker.full_name


class InvitationCreateForm(forms.Form):
    """One invitation from the admin: a speaker profile, or a name and an email."""

    event = forms.ModelChoiceField(label=_("Event"), queryset=None)
    speaker = forms.ModelChoiceField(
        label=_("Speaker profile"),
        queryset=Speaker.objects.none(),
        required=False,
        help_text=_("Choose an existing profile, or give a name and an email below."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES, initial="en")
    sessions = forms.ModelMultipleChoiceField(
        label=_("Sessions"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    role = forms.ChoiceField(label=_("Role"), choices=SpeakerRole.choices, initial=SpeakerRole.PANELLIST)
    message = forms.CharField(label=_("Personal message"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    reply_by = forms.DateField(label=_("Reply by"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, events, speakers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["speaker"].queryset = speakers
        self.fields["speaker"].label_from_instance = speaker_label
        self.fields["sessions"].queryset = (
            Session.objects.filter(event__in=events).select_related("event").order_by("event", "starts_at")
        )
        self.fields["sessions"].label_from_instance = lambda session: f"{session.event.title}: {session.title}"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("speaker") and not (cleaned.get("first_name") and cleaned.get("last_name")):
            self.add_error("speaker", _("Choose a speaker profile, or give a first and last name."))
        event, sessions = cleaned.get("event"), cleaned.get("sessions")
        if event and sessions and any(session.event_id != event.pk for session in sessions):
            self.add_error("sessions", _("Every session must belong to the chosen event."))
        return cleaned


class SessionInvitationsForm(forms.Form):
    """Several invitations at once to one session."""

    speakers = forms.ModelMultipleChoiceField(
        label=_("Speaker profiles"),
        queryset=Speaker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_speakers = forms.CharField(
        label=_("New speakers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line: First name, Last name, email"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=SpeakerRole.choices, initial=SpeakerRole.PANELLIST)
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES, initial="en")
    message = forms.CharField(label=_("Personal message"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    reply_by = forms.DateField(label=_("Reply by"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, speakers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speakers"].queryset = speakers
        self.fields["speakers"].label_from_instance = speaker_label

    def clean_new_speakers(self):
        people = []
        validate_email = forms.EmailField().clean
        for number, line in enumerate(self.cleaned_data["new_speakers"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",")]
            if len(parts) != 3 or not all(parts):
                raise forms.ValidationError(
                    _("Line %(number)s: write First name, Last name, email."), params={"number": number}
                )
            try:
                email = validate_email(parts[2])
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Line %(number)s: %(email)s is not a valid email address."),
                    params={"number": number, "email": parts[2]},
                ) from None
            people.append({"first_name": parts[0], "last_name": parts[1], "email": email})
        return people

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("speakers") and not cleaned.get("new_speakers") and "new_speakers" not in self.errors:
            self.add_error("speakers", _("Choose at least one speaker profile or add a new speaker."))
        return cleaned


class ExtendForm(forms.Form):
    reply_by = forms.DateField(label=_("New reply-by date"), widget=forms.DateInput(attrs={"type": "date"}))
