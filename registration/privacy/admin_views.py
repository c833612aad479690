"""The organisers' personal data page per event: what goes when (each
kind's period, its day, how many still hold it), a dry run, the purge of
what is due, the anonymisation of every registration once the event is
over, and the recent runs. Another event's is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forum_site.admin_views import EventChoiceForm, EventPickerMixin, ScopedAdminMixin
from registration.models import Registration
from registration.privacy import selectors, services, tasks
from registration.privacy.models import RetentionPolicy
from sessions.permissions import manageable_events


class PersonalDataView(EventPickerMixin, ScopedAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    event_url_name = "privacy_admin:event"
    permission_model = RetentionPolicy
    permission_action = "view"
    template_name = "privacy/admin/index.html"
    page_title = _("Personal data")
    header_icon = "lock"

    def load_objects(self, *, event_id=None, **kwargs):
        events = manageable_events(self.request.user)
        self.event = get_object_or_404(events, pk=event_id) if event_id is not None else events.first()

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        event = self.event
        context = {
            **super().get_context_data(**kwargs),
            "form": EventChoiceForm(initial={"event": event}, user=self.request.user),
            "event": event,
            "today": today,
            "can_change": self.request.user.has_perm("privacy.change_retentionpolicy"),
        }
        if event is not None:
            policy = selectors.policy_of(event)
            context.update(
                schedule=selectors.schedule(event=event),
                runs=selectors.recent_runs(event=event),
                policy_url=(
                    reverse("wagtailsnippets_privacy_retentionpolicy:edit", args=[policy.pk])
                    if policy.pk
                    else reverse("wagtailsnippets_privacy_retentionpolicy:add")
                ),
                ended=event.end_date < today,
                kept=Registration.objects.filter(event=event, anonymised_at__isnull=True).count(),
                dry_run=kwargs.get("dry_run"),
            )
        return context

    def _anonymise_in_the_worker(self, today) -> int:
        """Check, then queue the anonymisation of the event's registrations
        (thousands of them: not in this request); returns how many."""
        services.event_anonymise_check(event=self.event, today=today)
        pending = Registration.objects.filter(event=self.event, anonymised_at__isnull=True).count()
        event_id, by_id = self.event.pk, self.request.user.pk
        transaction.on_commit(lambda: tasks.anonymise_event.delay(event_id, by_id))
        return pending

    def post(self, request, event_id: int | None = None):
        if event_id is None or self.event is None:
            raise Http404(_("Choose an event first."))
        if not request.user.has_perm("privacy.change_retentionpolicy"):
            return permission_denied(request, PermissionDenied())
        action = request.POST.get("action")
        today = timezone.localdate()
        if action == "dry_run":
            (run,) = services.retention_apply(today=today, dry_run=True, event=self.event, by=request.user)
            return self.render_to_response(self.get_context_data(dry_run=run))
        if action == "purge":
            (run,) = services.retention_apply(today=today, event=self.event, by=request.user)
            messages.success(
                request,
                ngettext("%(count)s erasure done.", "%(count)s erasures done.", run.erased) % {"count": run.erased},
            )
            if run.failed:
                messages.error(
                    request,
                    ngettext(
                        "%(count)s failed; it is kept whole and logged.",
                        "%(count)s failed; they are kept whole and logged.",
                        run.failed,
                    )
                    % {"count": run.failed},
                )
        elif action == "anonymise":
            if request.POST.get("confirm") != "yes":
                messages.error(request, _("Tick the box to confirm that every registration is anonymised."))
            else:
                try:
                    count = self._anonymise_in_the_worker(today)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)s registration is being anonymised: reload this page to follow.",
                            "%(count)s registrations are being anonymised: reload this page to follow.",
                            count,
                        )
                        % {"count": count},
                    )
        return redirect("privacy_admin:event", event_id=self.event.pk)
