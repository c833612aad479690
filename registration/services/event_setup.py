"""Deleting what registrations depend on (categories, questions, invitation
codes): refused while in use, recorded in the history."""

from __future__ import annotations

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registration.models import Category, InvitationCode, Question
from registration.services.common import (
    _lock_category,
)

logger = logging.getLogger(__name__)

# --- deleting what registrations depend on -------------------------------------------------


def _delete_with_history(instance, *, by: AbstractBaseUser | None) -> None:
    """Delete ``instance``, writing the admin history entry (who, when) first."""
    from wagtail.log_actions import log

    log(instance=instance, action="wagtail.delete", user=by, deleted=True)
    instance.delete()


def category_delete(*, category: Category, by: AbstractBaseUser | None) -> None:
    """Delete a category nobody registered in. It is locked as registering
    locks it, so nobody registers in it while it goes. Raises
    ``ValidationError`` (and deletes nothing) when registrations use it."""
    with transaction.atomic():
        category = _lock_category(category)
        if category.registrations.exists():
            raise ValidationError(
                _(
                    "The category “%(name)s” cannot be deleted: people are registered in it. "
                    "Make it non-public to close it instead."
                )
                % {"name": category.name},
                code="in_use",
            )
        _delete_with_history(category, by=by)


def question_delete(*, question: Question, by: AbstractBaseUser | None) -> None:
    """Delete a question nobody answered (its answers would go with it).
    Raises ``ValidationError`` (and deletes nothing) when it has answers."""
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.answers.exists():
            raise ValidationError(
                _("The question “%(label)s” cannot be deleted: participants have answered it.")
                % {"label": question.label},
                code="in_use",
            )
        _delete_with_history(question, by=by)


def invitation_code_delete(*, code: InvitationCode, by: AbstractBaseUser | None) -> None:
    """Delete an invitation code nobody used. It is locked as using it locks
    it. Raises ``ValidationError`` (and deletes nothing) once it was used."""
    with transaction.atomic():
        code = InvitationCode.objects.select_for_update().get(pk=code.pk)
        if code.times_used:
            raise ValidationError(
                _(
                    "The invitation code “%(code)s” cannot be deleted: it has been used. "
                    "Set its number of uses to %(used)s to stop it instead."
                )
                % {"code": code.code, "used": code.times_used},
                code="in_use",
            )
        _delete_with_history(code, by=by)
