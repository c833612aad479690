"""Admin views for organisers: create invitations (one, or several for a
session), manage one (resend, revoke, extend), and the panel-balance report
with its spreadsheet export. Every view checks the model permission (403
without it) and finds the session, invitation or event of its URL among
those of the user's events only (``sessions.permissions``): another event's
is a 404, whatever its id."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forum_site.admin_views import ScopedAdminMixin
from forum_site.exports import neutralise_formula
from forum_site.forms import add_service_errors
from sessions.models import Session
from sessions.permissions import manageable_events, scoped_objects
from speakers.balance import GENDER_COLUMNS, REGION_COLUMNS, REGION_HEADERS, event_balance
from speakers.forms import ExtendForm, InvitationCreateForm, SessionInvitationsForm
from speakers.models import Invitation
from speakers.selectors import speakers_to_choose
from speakers.services import invitation_create, invitation_extend, invitation_resend, invitation_revoke


class InvitationAdminMixin(ScopedAdminMixin):
    """The invitation permission ``permission_action``, then the URL's
    objects among the user's events."""

    permission_model = Invitation
    permission_action = "add"


class InvitationCreateView(InvitationAdminMixin, WagtailAdminTemplateMixin, FormView):
    form_class = InvitationCreateForm
    template_name = "speakers/admin/invitation_form.html"
    page_title = _("New speaker invitation")
    header_icon = "mail"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "events": manageable_events(self.request.user),
            "speakers": speakers_to_choose(self.request.user),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation = invitation_create(
                event=data["event"],
                sessions=list(data["sessions"]),
                role=data["role"],
                reply_by=data["reply_by"],
                by=self.request.user,
                speaker=data["speaker"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                message=data["message"],
                language=data["language"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Invitation to %(name)s created and queued for sending.") % {"name": invitation}
        )
        return redirect("speakers_invitations:index")


class SessionInvitationsView(InvitationAdminMixin, WagtailAdminTemplateMixin, FormView):
    """Invite several speakers to one session at once, in one transaction."""

    form_class = SessionInvitationsForm
    template_name = "speakers/admin/session_invitations.html"
    header_icon = "mail"

    def load_objects(self, **kwargs):
        sessions = scoped_objects(Session, self.request.user).select_related("event", "room")
        self.session = get_object_or_404(sessions, pk=kwargs["session_id"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "speakers": speakers_to_choose(self.request.user)}

    def get_page_title(self):
        return _("Invite speakers to “%(session)s”") % {"session": self.session.title}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.session}

    def form_valid(self, form):
        data = form.cleaned_data
        people = [{"speaker": speaker} for speaker in data["speakers"]] + data["new_speakers"]
        created = []
        try:
            with transaction.atomic():
                for person in people:
                    name = str(person.get("speaker") or f"{person['first_name']} {person['last_name']}")
                    created.append(
                        invitation_create(
                            event=self.session.event,
                            sessions=[self.session],
                            role=data["role"],
                            reply_by=data["reply_by"],
                            by=self.request.user,
                            message=data["message"],
                            language="" if "speaker" in person else data["language"],
                            **person,
                        )
                    )
        except ValidationError as error:
            # Nothing was saved: the batch is one transaction.
            form.add_error(None, [f"{name}: {message}" for message in error.messages])
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(count)s invitations created and queued for sending.") % {"count": len(created)}
        )
        return redirect("speakers_invitations:index")


class InvitationManageView(InvitationAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """One invitation: its details and history, with resend, revoke and extend."""

    permission_action = "change"
    template_name = "speakers/admin/invitation_manage.html"
    header_icon = "mail"

    def load_objects(self, **kwargs):
        invitations = scoped_objects(Invitation, self.request.user).select_related("event", "speaker", "created_by")
        self.invitation = get_object_or_404(invitations, pk=kwargs["pk"])

    def get_page_title(self):
        return _("Invitation: %(name)s") % {"name": self.invitation.full_name}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "invitation": self.invitation,
            "sessions": self.invitation.sessions.select_related("room").order_by("starts_at"),
            "extend_form": kwargs.get("extend_form") or ExtendForm(initial={"reply_by": self.invitation.reply_by}),
        }

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        extend_form = None
        try:
            if action == "resend":
                invitation_resend(invitation=self.invitation, by=request.user)
                messages.success(request, _("The invitation was sent again with a new link."))
            elif action == "revoke":
                invitation_revoke(invitation=self.invitation, by=request.user)
                messages.success(request, _("The invitation was revoked."))
            elif action == "extend":
                extend_form = ExtendForm(request.POST)
                if not extend_form.is_valid():
                    return self.render_to_response(self.get_context_data(extend_form=extend_form), status=400)
                invitation_extend(
                    invitation=self.invitation, reply_by=extend_form.cleaned_data["reply_by"], by=request.user
                )
                messages.success(request, _("The reply-by date was moved."))
            else:
                return HttpResponse(_("Unknown action."), status=400)
        except ValidationError as error:
            if extend_form is not None and hasattr(error, "error_dict"):
                add_service_errors(extend_form, error)
                return self.render_to_response(self.get_context_data(extend_form=extend_form), status=400)
            messages.error(request, " ".join(error.messages))
        return redirect("speakers_invitations:edit", self.invitation.pk)


class BalanceIndexView(InvitationAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_action = "view"
    template_name = "speakers/admin/balance_index.html"
    page_title = _("Panel balance")
    header_icon = "group"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "events": manageable_events(self.request.user)}


def _export_rows(balance) -> list[list]:
    header = [
        str(_("Session")),
        str(_("Starts")),
        str(_("Room")),
        str(_("Speakers")),
        *[str(label) for _key, label in GENDER_COLUMNS],
        *[str(label) for _key, label in REGION_COLUMNS],
        str(_("Flag: no woman")),
        str(_("Flag: one region")),
    ]
    rows = [header]
    for row in balance.sessions:
        rows.append(
            [
                row.session.title,
                row.session.local_starts_at.strftime("%Y-%m-%d %H:%M"),
                row.session.room.name if row.session.room else "",
                row.speaker_count,
                *[row.by_gender[key] for key, _label in GENDER_COLUMNS],
                *[row.by_region[key] for key, _label in REGION_COLUMNS],
                "yes" if row.no_woman else "",
                "yes" if row.one_region else "",
            ]
        )
    rows.append(
        [
            str(_("Event total (each speaker once)")),
            "",
            "",
            balance.speaker_count,
            *[balance.by_gender[key] for key, _label in GENDER_COLUMNS],
            *[balance.by_region[key] for key, _label in REGION_COLUMNS],
            balance.no_woman_count,
            balance.one_region_count,
        ]
    )
    return rows


class BalanceReportView(InvitationAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """Per-session and per-event figures (aggregates only: no names beside
    genders), with CSV and XLSX export."""

    permission_action = "view"
    template_name = "speakers/admin/balance_report.html"
    header_icon = "group"

    def load_objects(self, **kwargs):
        self.event = get_object_or_404(manageable_events(self.request.user), pk=kwargs["event_id"])

    def get_page_title(self):
        return _("Panel balance: %(event)s") % {"event": self.event.title}

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "event": self.event,
            "balance": event_balance(self.event),
            "gender_columns": GENDER_COLUMNS,
            "region_columns": REGION_COLUMNS,
            "region_headers": REGION_HEADERS,
            "export_url": reverse("speakers_invitations:balance_report", args=[self.event.pk]),
        }

    def export(self, kind: str) -> HttpResponse:
        rows = [[neutralise_formula(cell) for cell in row] for row in _export_rows(event_balance(self.event))]
        filename = f"panel-balance-{self.event.slug}"
        if kind == "csv":
            buffer = io.StringIO()
            csv.writer(buffer).writerows(rows)
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            from openpyxl import Workbook

            workbook = Workbook()
            sheet = workbook.active
            sheet.title = "Panel balance"
            for row in rows:
                sheet.append(row)
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(
                buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
        return response
