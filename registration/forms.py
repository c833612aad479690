"""The participant's registration form, with the event's extra questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registration.models import Category, InvitationCode, Question, QuestionKind, Registration
from registration.services import DETAIL_FIELDS
from speakers.models import Gender

QUESTION_PREFIX = "question_"
ANSWER_MAX_LENGTH = {QuestionKind.SHORT_TEXT: 255, QuestionKind.LONG_TEXT: 5000}


def question_field(question: Question) -> forms.Field:
    common = {"label": question.label, "required": question.required}
    choices = [(line.strip(), line.strip()) for line in question.choices.splitlines() if line.strip()]
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(choices=[("", "---------"), *choices], **common)
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if question.kind == QuestionKind.YES_NO:
        return forms.TypedChoiceField(
            choices=[("", "---------"), ("yes", _("Yes")), ("no", _("No"))],
            coerce=lambda value: value == "yes",
            empty_value=None,
            **common,
        )
    return forms.CharField(max_length=255, **common)


class RegistrationDetailsForm(forms.ModelForm):
    """The details a participant gives and may later edit."""

    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("(not given)")), *Gender.choices],
        required=False,
        help_text=_("Optional; used only for anonymous balance figures."),
    )

    class Meta:
        model = Registration
        fields = list(DETAIL_FIELDS)
        widgets = {"attendance_mode": forms.RadioSelect}

    def __init__(self, *args, event, questions, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.questions = list(questions)
        if categories is not None:
            # Offered while the registration awaits approval (not once approved).
            self.fields["category"] = forms.ModelChoiceField(
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

    def details(self) -> dict[str, object]:
        return {field: self.cleaned_data[field] for field in DETAIL_FIELDS if field in self.cleaned_data}


class RegistrationForm(RegistrationDetailsForm):
    """A new registration: details, category, invitation code, consent."""

    category = forms.ModelChoiceField(queryset=Category.objects.none(), label=_("Participant category"))
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

    def __init__(self, *args, categories, invitation_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation_only = invitation_only
        self.fields["category"].queryset = categories
        if invitation_only:
            self.fields["invitation_code"].required = True
            self.fields["category"].required = False
        self.order_fields(["category", "invitation_code", *DETAIL_FIELDS])

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
