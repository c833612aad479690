"""Messages to participants in the admin: the messages of an event the
organiser manages, a form to write one, its preview (who gets it, the
email as each language's readers will see it), sending, and its log.
Another event's messages are a 404, whatever the id."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forum_site.admin_views import EventChoiceForm, EventPickerMixin, ScopedAdminMixin
from forum_site.forms import add_service_errors, is_id
from home.models import EmailStatus
from registration.mailings import delivery, services
from registration.mailings.forms import MailingForm
from registration.mailings.models import Mailing, MailingStatus
from registration.models import Registration
from sessions.permissions import manageable_events


class MailingAdminMixin(ScopedAdminMixin):
    permission_model = Registration
    permission_action = "change"

    def load_objects(self, *, event_id=None, mailing_id=None, **kwargs):
        events = manageable_events(self.request.user)
        self.event = get_object_or_404(events, pk=event_id) if event_id is not None else events.first()
        self.mailing = None
        if mailing_id is not None:
            self.mailing = get_object_or_404(Mailing.objects.filter(event=self.event), pk=mailing_id)

    def detail_url(self, mailing: Mailing) -> str:
        return reverse("mailings_admin:detail", kwargs={"event_id": self.event.pk, "mailing_id": mailing.pk})


class MailingIndexView(EventPickerMixin, MailingAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    event_url_name = "mailings_admin:event"
    template_name = "mailings/admin/index.html"
    page_title = _("Messages to participants")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "form": EventChoiceForm(initial={"event": self.event}, user=self.request.user),
            "event": self.event,
            "mailings": list(Mailing.objects.filter(event=self.event)) if self.event else [],
        }


class MailingComposeView(MailingAdminMixin, WagtailAdminTemplateMixin, FormView):
    """Write a new message, or change a draft."""

    template_name = "mailings/admin/compose.html"
    page_title = _("Message to participants")
    header_icon = "mail"

    def get(self, request, *args, **kwargs):
        if self.mailing is not None and self.mailing.status != MailingStatus.DRAFT:
            return redirect(self.detail_url(self.mailing))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event, "mailing": self.mailing}

    def get_form_class(self):
        return MailingForm

    def form_valid(self, form):
        try:
            mailing = services.mailing_save(
                event=self.event, by=self.request.user, mailing=self.mailing, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect(self.detail_url(mailing))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event, "mailing": self.mailing}


class MailingDetailView(MailingAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """A draft's preview and its send button; a sent message's log."""

    template_name = "mailings/admin/detail.html"
    header_icon = "mail"

    def get_page_title(self):
        return self.mailing.subject

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), "event": self.event, "mailing": self.mailing}
        if self.mailing.status == MailingStatus.DRAFT:
            context.update(self.preview())
        else:
            context.update(self.log())
        return context

    def preview(self) -> dict:
        group = services.mailing_group(self.mailing)
        by_language: dict[str, int] = {}
        samples = {}
        for language, count in (
            group.values_list("preferred_language").annotate(count=Count("pk")).order_by("preferred_language")
        ):
            written = self.mailing.text_in(language)[2]
            by_language[written] = by_language.get(written, 0) + count
            if written not in samples:
                person = group.filter(preferred_language=language).order_by("pk").first()
                message, _language = delivery.render_for(self.mailing, person)
                samples[written] = {"person": person, "subject": message.subject, "body": message.body}
        return {
            "group_size": sum(by_language.values()),
            "by_language": sorted(by_language.items()),
            "samples": [samples[language] | {"language": language} for language in sorted(samples)],
        }

    def log(self) -> dict:
        recipients = self.mailing.recipients.select_related("registration", "email").order_by("pk")
        statuses = dict(recipients.values_list("email__status").annotate(count=Count("pk")).order_by())
        page = Paginator(recipients, 100).get_page(self.request.GET.get("page"))
        return {
            "page": page,
            "waiting": self.mailing.recipients.filter(queued_at__isnull=True).count(),
            "email_statuses": [(label, statuses.get(value, 0)) for value, label in EmailStatus.choices],
        }


class MailingSendView(MailingAdminMixin, View):
    def post(self, request, *, event_id: int, mailing_id: int):
        expected = request.POST.get("expected", "")
        try:
            count = services.mailing_send(
                mailing=self.mailing, by=request.user, expected=int(expected) if is_id(expected) else None
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                ngettext(
                    "The message is on its way to %(count)s person.",
                    "The message is on its way to %(count)s people.",
                    count,
                )
                % {"count": count},
            )
        return redirect(self.detail_url(self.mailing))
