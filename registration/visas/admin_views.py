"""The organisers' visa letter admin: the requests of one of their events
(filtered by status, approved in bulk), one request's page (its passport
details for those with ``visas.view_passport_data``, approve, reject with a
reason, withdraw), and the letter's PDF.

Every view checks the model permission (a plain 403 without it) and finds
the event or request of its URL among the user's events only: another
event's is a 404, whatever its id."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forum_site.admin_views import ScopedAdminMixin
from forum_site.forms import IdChoiceField, is_id
from registration.visas import selectors, services
from registration.visas.forms import ReasonForm
from registration.visas.models import VisaLetterRequest, VisaLetterStatus
from registration.visas.views import letter_response
from sessions.permissions import manageable_events

PASSPORT_PERMISSION = "visas.view_passport_data"
PAGE_SIZE = 100


def may_see_passport_data(user) -> bool:
    return user.has_perm(PASSPORT_PERMISSION)


class VisaAdminMixin(ScopedAdminMixin):
    model = VisaLetterRequest
    permission_model = VisaLetterRequest
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("visas_admin:index"), "label": _("Visa letters")},
            {"url": "", "label": self.get_page_title()},
        ]


class RequestFilterForm(forms.Form):
    event = IdChoiceField(label=_("Event"), queryset=None, required=False, empty_label=None)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *VisaLetterStatus.choices], required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = manageable_events(user)


class RequestIndexView(VisaAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "visas/admin/index.html"
    page_title = _("Visa letters")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        bound = "event" in self.request.GET
        form = RequestFilterForm(self.request.GET if bound else None, user=user)
        status = VisaLetterStatus.REQUESTED
        if bound:
            event = form.cleaned_data["event"] if form.is_valid() else None
            status = form.cleaned_data.get("status", "") if form.is_valid() else ""
        else:
            event = manageable_events(user).first()
            form.initial = {"event": event, "status": status}
        page = None
        counts = {}
        if event is not None:
            requests = selectors.requests_for(user=user).filter(event=event).order_by("requested_at", "pk")
            counts = selectors.status_counts(requests)
            if status:
                requests = requests.filter(status=status)
            page = Paginator(requests, PAGE_SIZE).get_page(self.request.GET.get("p"))
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "event": event,
            "status": status,
            "page": page,
            "counts": [(value, label, counts.get(value, 0)) for value, label in VisaLetterStatus.choices],
            "can_change": self.request.user.has_perm("visas.change_visaletterrequest"),
            "settings_url": reverse("wagtailsnippets_visas_visalettersettings:list"),
        }


def _index_url(event_id, status="requested") -> str:
    return f"{reverse('visas_admin:index')}?{urlencode({'event': event_id, 'status': status})}"


class BulkApproveView(VisaAdminMixin, View):
    permission_action = "change"
    http_method_names = ["post"]

    def post(self, request):
        ids = [value for value in request.POST.getlist("request") if is_id(value)]
        chosen = selectors.requests_for(user=request.user).filter(pk__in=ids).order_by("requested_at", "pk")
        event_id = request.POST.get("event", "")
        if not chosen:
            messages.error(request, _("Select at least one request."))
            return redirect(_index_url(event_id) if is_id(event_id) else reverse("visas_admin:index"))
        done, problems = services.visa_requests_approve(requests=list(chosen), by=request.user)
        if done:
            messages.success(
                request,
                ngettext("%(count)s letter issued.", "%(count)s letters issued.", done) % {"count": done},
            )
        for problem in problems:
            messages.error(request, problem)
        return redirect(_index_url(chosen[0].event_id))


class RequestDetailView(VisaAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "visas/admin/detail.html"

    def load_objects(self, *, request_id: int, **kwargs):
        self.visa_request = get_object_or_404(selectors.requests_for(user=self.request.user), pk=request_id)

    def get_page_title(self):
        return _("Visa letter request of %(name)s") % {"name": self.visa_request.registration.full_name}

    def get_context_data(self, **kwargs):
        visa_request = self.visa_request
        return {
            **super().get_context_data(**kwargs),
            "visa_request": visa_request,
            "registration": visa_request.registration,
            "passport_visible": may_see_passport_data(self.request.user),
            "can_change": self.request.user.has_perm("visas.change_visaletterrequest"),
            "reason_form": ReasonForm(),
            "index_url": _index_url(visa_request.event_id, ""),
        }


class RequestActionView(VisaAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """Approve, reject (with a reason) or withdraw one request; a refusal
    comes back on the request's page, beside the reason when it is about it."""

    permission_action = "change"
    http_method_names = ["post"]
    template_name = "visas/admin/detail.html"
    action = ""

    def load_objects(self, *, request_id: int, **kwargs):
        self.visa_request = get_object_or_404(selectors.requests_for(user=self.request.user), pk=request_id)

    def get_page_title(self):
        return _("Visa letter request of %(name)s") % {"name": self.visa_request.registration.full_name}

    def post(self, request, request_id: int):
        form = ReasonForm(request.POST)
        form.is_valid()
        reason = form.cleaned_data.get("reason", "")
        try:
            if self.action == "approve":
                services.visa_request_approve(request=self.visa_request, by=request.user)
                messages.success(request, _("The letter has been issued and is being emailed."))
            elif self.action == "reject":
                services.visa_request_reject(request=self.visa_request, by=request.user, reason=reason)
                messages.success(request, _("The request has been rejected; the participant is told why."))
            else:
                services.visa_letter_withdraw(request=self.visa_request, by=request.user, reason=reason)
                messages.success(request, _("The letter has been withdrawn."))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
            context = {
                **self.get_context_data(),
                "visa_request": self.visa_request,
                "registration": self.visa_request.registration,
                "passport_visible": may_see_passport_data(request.user),
                "can_change": True,
                "reason_form": form,
                "failed_action": self.action,
                "index_url": _index_url(self.visa_request.event_id, ""),
            }
            return self.render_to_response(context)
        return redirect("visas_admin:detail", request_id=self.visa_request.pk)


class LetterDownloadView(VisaAdminMixin, View):
    """The issued letter's PDF: it states the passport details, so it needs
    the passport permission too."""

    def load_objects(self, *, request_id: int, **kwargs):
        self.visa_request = get_object_or_404(
            selectors.requests_for(user=self.request.user),
            pk=request_id,
            status__in=(VisaLetterStatus.APPROVED, VisaLetterStatus.WITHDRAWN),
            passport_erased_at__isnull=True,
        )

    def get(self, request, request_id: int):
        if not may_see_passport_data(request.user):
            # A response, not the exception the admin would turn into a redirect.
            return permission_denied(request, PermissionDenied())
        return letter_response(self.visa_request)
