"""Official list writes: asking for a PDF of an event's list (built by
``tasks.build_participant_list`` with ``building.participant_list_build``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registration.official_list.models import ParticipantListBuild
from registration.official_list.tasks import build_participant_list
from sessions.models import EventPage
from sessions.permissions import user_can_manage_event


def participant_list_build_create(
    *, event: EventPage, language: str, final: bool, by: AbstractBaseUser
) -> ParticipantListBuild:
    """Queue a PDF of the event's list, draft or final, in one of the site's
    languages; the task builds it after commit. Only the event's organisers
    may ask for one."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the site's languages.")})
    if not user_can_manage_event(by, event):
        raise ValidationError({"event": _("You do not manage this event.")})
    with transaction.atomic():
        build = ParticipantListBuild(event=event, language=language, final=final, created_by=by)
        build.full_clean(exclude=["file"])
        build.save()
        transaction.on_commit(lambda: build_participant_list.delay(build_id=build.pk))
    return build
