"""The participant's registration form, with the event's extra questions."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from home.models import PrivacyNoticeVersion
from home.privacy_notice import version_url
from home.translated import marked
from registration.models import Category, InvitationCode, Question, QuestionKind, Registration
from registration.services import DETAIL_FIELDS, PARTICIPANT_FIELDS
from registration.widgets import HonorificInput
from speakers.models import Gender

QUESTION_PREFIX = "question_"
# The participant's fields in the order the form shows them, each consent
# beside what it is about.
FIELD_ORDER = [*DETAIL_FIELDS, "photo_consent", "list_consent", "gender", "gender_consent"]
ANSWER_MAX_LENGTH = {QuestionKind.SHORT_TEXT: 255, QuestionKind.LONG_TEXT: 5000}


def question_field(question: Question) -> forms.Field:
    """The form field of an extra question, in the active language. A choice
    shows its translation but posts (and stores) its source value."""
    common = {"label": marked(question.translated("label")), "required": question.required}
    choices = question.translated_choices()
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(choices=[("", "---------"), *choices], **common)
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        boxes = [(value, marked(label)) for value, label in choices]  # a label, where lang may mark a fallback
        return forms.MultipleChoiceField(choices=boxes, widget=forms.CheckboxSelectMultiple, **common)
    if question.kind == QuestionKind.YES_NO:
        return forms.TypedChoiceField(
            choices=[("", "---------"), ("yes", _("Yes")), ("no", _("No"))],
            coerce=lambda value: value == "yes",
            empty_value=None,
            **common,
        )
    return forms.CharField(max_length=255, **common)


class CategoryChoiceField(forms.ModelChoiceField):
    """Categories by their name in the active language."""

    def label_from_instance(self, obj: Category) -> str:
        return obj.translated("name")


def privacy_notice_link(url: str) -> str:
    """The help beside the privacy notice's checkbox: a link to the site's notice, when it has one."""
    if not url:
        return ""
    return format_html('<a href="{}">{}</a>', url, _("Read the privacy notice"))


class PrivacyNoticeMixin:
    """The privacy notice's checkbox links one version of the notice, and a
    hidden field carries that version back: the one stored as accepted,
    even if the notice is published again while the form is open."""

    def _add_privacy_notice(self, current: PrivacyNoticeVersion | None) -> None:
        shown = current
        if self.is_bound:
            posted = str(self.data.get(self.add_prefix("privacy_notice_version"), ""))
            if posted.isdigit():
                shown = PrivacyNoticeVersion.objects.filter(pk=int(posted)).first() or current
        self.privacy_notice_shown = shown
        self.fields["privacy_notice_version"] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=shown.pk if shown else ""
        )
        self.fields["privacy_accepted"].help_text = privacy_notice_link(version_url(shown) if shown else "")

    def clean_privacy_notice_version(self):
        # Never an error the person cannot see: an odd value is the version shown.
        return self.privacy_notice_shown


class ConsentFieldsMixin:
    """The consents only the person gives, and may change later: photos,
    being listed in the official list of participants, and their gender,
    stored only with its own explicit consent (as on a speaker's profile)."""

    def _add_consent_fields(self, *, photo_consent=False, list_consent=False, gender=""):
        self.fields["photo_consent"] = forms.BooleanField(
            label=_("I agree to appear in photos and videos taken at the event"),
            required=False,
            initial=photo_consent,
        )
        self.fields["list_consent"] = forms.BooleanField(
            label=_("List me in the official list of participants"),
            required=False,
            initial=list_consent,
            help_text=_(
                "With your name, position and organisation. The organisers decide who may read the list: "
                "themselves only, the participants, or everyone."
            ),
        )
        self.fields["gender"] = forms.ChoiceField(
            label=_("Gender (optional)"),
            choices=[("", _("I prefer not to answer")), *Gender.choices],
            required=False,
            initial=gender,
            help_text=_("Optional; used only for anonymous balance figures."),
        )
        self.fields["gender_consent"] = forms.BooleanField(
            label=_("I agree that my gender is stored for the balance figures"),
            required=False,
            initial=bool(gender),
        )

    def _clean_gender_consent(self, cleaned):
        if cleaned.get("gender") and not cleaned.get("gender_consent"):
            self.add_error("gender_consent", _("Tick this box to store your gender, or leave the gender blank."))
        return cleaned


class RegistrationDetailsForm(ConsentFieldsMixin, forms.ModelForm):
    """The details a participant gives and may later edit, with their own consents."""

    class Meta:
        model = Registration
        fields = list(DETAIL_FIELDS)
        widgets = {"attendance_mode": forms.RadioSelect, "honorific": HonorificInput}

    def __init__(self, *args, event, questions, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self._add_consent_fields(
            photo_consent=instance.photo_consent, list_consent=instance.list_consent, gender=instance.gender
        )
        self.order_fields(FIELD_ORDER)
        self.event = event
        self.questions = list(questions)
        if categories is not None:
            # Offered while the registration awaits approval (not once approved).
            self.fields["category"] = CategoryChoiceField(
                queryset=categories, label=_("Participant category"), initial=self.instance.category_id
            )
            self.order_fields(["category"])
        if not getattr(event, "online_participation", True):
            self.fields["attendance_mode"].choices = [
                choice for choice in self.fields["attendance_mode"].choices if choice[0] == "in_person"
            ]
        self.fields["email"].help_text = _("Your confirmation is sent to this address.")
        answers = {}
        if self.instance.pk:
            answers = {answer.question_id: answer.value for answer in self.instance.answers.all()}
        for question in self.questions:
            name = f"{QUESTION_PREFIX}{question.pk}"
            self.fields[name] = question_field(question)
            if question.pk in answers:
                value = answers[question.pk]
                if question.kind == QuestionKind.YES_NO and isinstance(value, bool):
                    value = "yes" if value else "no"
                self.initial[name] = value

    def question_fields(self):
        return [self[f"{QUESTION_PREFIX}{question.pk}"] for question in self.questions]

    def answers(self) -> dict[Question, object]:
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}")
            if value not in (None, "", []):
                result[question] = value
        return result

    def clean(self):
        return self._clean_gender_consent(super().clean())

    def details(self) -> dict[str, object]:
        return {field: self.cleaned_data[field] for field in PARTICIPANT_FIELDS if field in self.cleaned_data}


class RegistrationForm(PrivacyNoticeMixin, RegistrationDetailsForm):
    """A new registration: details, category, invitation code, consent."""

    category = CategoryChoiceField(queryset=Category.objects.none(), label=_("Participant category"))
    invitation_code = forms.CharField(
        label=_("Invitation code"),
        max_length=40,
        required=False,
        help_text=_("If you received an invitation code, enter it here; it selects your category."),
    )
    privacy_accepted = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used to organise this event."),
        required=True,
        error_messages={"required": _("Please accept the privacy notice to register.")},
    )

    field_order = ["category", "invitation_code"]

    def __init__(self, *args, categories, invitation_only: bool = False, privacy_version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_privacy_notice(privacy_version)
        self.invitation_only = invitation_only
        self.fields["category"].queryset = categories
        if invitation_only:
            self.fields["invitation_code"].required = True
            self.fields["category"].required = False
        self.order_fields(["category", "invitation_code", *FIELD_ORDER])

    # Set by ``clean`` when a code was given and matched no code of the
    # event: the view counts such attempts against the guessing limit.
    invitation_code_rejected = False

    def clean(self):
        cleaned = super().clean()
        code = (cleaned.get("invitation_code") or "").strip()
        if code:
            match = (
                InvitationCode.objects.filter(category__event=self.event, code__iexact=code)
                .select_related("category")
                .first()
            )
            if match is None:
                self.invitation_code_rejected = True
                self.add_error("invitation_code", _("This invitation code is not valid for this event."))
            else:
                cleaned["category"] = match.category
        elif cleaned.get("category") is None and "category" not in self.errors:
            self.add_error("category", _("Please choose a category."))
        return cleaned


class ConsentForm(PrivacyNoticeMixin, ConsentFieldsMixin, forms.Form):
    """What only the person can give for a registration someone else made
    for them, asked when they first open it: the privacy notice (required),
    photos, the list of participants, their gender with its consent."""

    privacy_accepted = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used to organise this event."),
        required=True,
        error_messages={"required": _("Please accept the privacy notice to go on.")},
    )

    def __init__(self, *args, registration: Registration, privacy_version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_privacy_notice(privacy_version)
        # What was given before, if anything (a speaker's gender, given with consent on their profile).
        self._add_consent_fields(
            photo_consent=registration.photo_consent,
            list_consent=registration.list_consent,
            gender=registration.gender,
        )

    def clean(self):
        return self._clean_gender_consent(super().clean())

    def consent(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "privacy_accepted": data["privacy_accepted"],
            "privacy_notice_version": data.get("privacy_notice_version"),
            "photo_consent": data["photo_consent"],
            "list_consent": data["list_consent"],
            "gender": data["gender"] if data.get("gender_consent") else "",
        }
