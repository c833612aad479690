"""The services that delete what registrations depend on: a category,
question or invitation code in use is refused and nothing is deleted."""

import pytest
from django.core.exceptions import ValidationError

from registration.models import Category, InvitationCode, Question
from registration.services import category_delete, invitation_code_delete, question_delete
from tests.factories import CategoryFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_category_delete_with_registrations_is_refused(event):
    category = CategoryFactory(event=event)
    RegistrationFactory(event=event, category=category, status="cancelled")

    with pytest.raises(ValidationError) as refused:
        category_delete(category=category, by=UserFactory())

    assert refused.value.code == "in_use"
    assert Category.objects.filter(pk=category.pk).exists()


def test_category_delete_without_registrations_deletes_it_and_its_codes(event):
    category = CategoryFactory(event=event)
    InvitationCode.objects.create(category=category, code="UNUSED")

    category_delete(category=category, by=UserFactory())

    assert (Category.objects.count(), InvitationCode.objects.count()) == (0, 0)


def test_question_delete_with_answers_is_refused(event):
    question = Question.objects.create(event=event, label="Topics")
    question.answers.create(registration=RegistrationFactory(event=event), value="AI")

    with pytest.raises(ValidationError) as refused:
        question_delete(question=question, by=UserFactory())

    assert refused.value.code == "in_use"
    assert question.answers.count() == 1


def test_question_delete_without_answers_deletes_it(event):
    question = Question.objects.create(event=event, label="Topics")

    question_delete(question=question, by=None)

    assert Question.objects.count() == 0


def test_invitation_code_delete_once_used_is_refused(event):
    code = InvitationCode.objects.create(
        category=CategoryFactory(event=event), code="DELEGATE", max_uses=3, times_used=1
    )

    with pytest.raises(ValidationError) as refused:
        invitation_code_delete(code=code, by=None)

    assert refused.value.code == "in_use"
    assert InvitationCode.objects.filter(pk=code.pk).exists()


def test_invitation_code_delete_never_used_deletes_it(event):
    code = InvitationCode.objects.create(category=CategoryFactory(event=event), code="DELEGATE", max_uses=3)

    invitation_code_delete(code=code, by=None)

    assert InvitationCode.objects.count() == 0
