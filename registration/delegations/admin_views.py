"""The organisers' delegation admin: the delegations of one event (seats used
per category, note verbale, head, extra seats, reminders), a new delegation
with its seats, and one delegation's page (its seats raised or lowered, its
nominees approved, all or some, the invitation sent again, its log).

Every view checks the delegation permission of ``permission_action`` (a
plain 403 without it) and finds the event or delegation of its URL among
the user's events only (``sessions.permissions``): another event's is a
404, whatever its id."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forum_site.admin_views import EventChoiceForm, ScopedAdminMixin
from forum_site.forms import add_service_errors, is_id
from registration.delegations import selectors, services
from registration.delegations.forms import DelegationCreateForm, DelegationQuotasForm
from registration.delegations.models import Delegation, Nomination
from registration.models import Category, RegistrationStatus
from sessions.permissions import manageable_events, policy_for, scoped_objects


class DelegationAdminMixin(ScopedAdminMixin):
    """The permission ``permission_action`` on delegations, then ``load_objects``."""

    model = Delegation
    permission_model = Delegation
    header_icon = "globe"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("delegations_admin:index"), "label": _("Delegations")},
            {"url": "", "label": self.get_page_title()},
        ]


def _index_url(event) -> str:
    return f"{reverse('delegations_admin:index')}?{urlencode({'event': event.pk})}"


class DelegationIndexView(DelegationAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """The delegations of one of the user's events (the latest by default)."""

    template_name = "delegations/admin/index.html"
    page_title = _("Delegations")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = EventChoiceForm(self.request.GET if "event" in self.request.GET else None, user=user)
        if form.is_bound:
            event = form.cleaned_data["event"] if form.is_valid() else None
        else:
            event = manageable_events(user).first()
        delegations = []
        if event is not None:
            delegations = selectors.admin_delegations(scoped_objects(Delegation, user).filter(event=event))
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "event": event,
            "delegations": delegations,
            "can_add": policy_for(Delegation).user_has_permission(user, "add"),
            "can_change": policy_for(Delegation).user_has_permission(user, "change"),
        }


class DelegationCreateView(DelegationAdminMixin, WagtailAdminTemplateMixin, FormView):
    permission_action = "add"
    form_class = DelegationCreateForm
    template_name = "delegations/admin/add.html"

    def load_objects(self, **kwargs):
        self.event = get_object_or_404(manageable_events(self.request.user), pk=kwargs["event_id"])

    def get_page_title(self):
        return _("New delegation to %(event)s") % {"event": self.event.title}

    def get_form_kwargs(self):
        categories = Category.objects.filter(event=self.event)
        return {**super().get_form_kwargs(), "categories": categories}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            delegation = services.delegation_create(
                event=self.event,
                country=data["country"],
                organisation=data["organisation"],
                focal_point_name=data["focal_point_name"],
                focal_point_email=data["focal_point_email"],
                language=data["language"],
                quotas=form.seats(),
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Delegation of %(name)s created; its focal point's invitation is queued for sending.")
            % {"name": delegation.name},
        )
        return redirect("delegations_admin:detail", delegation_id=delegation.pk)


class DelegationDetailView(DelegationAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """One delegation, with its actions (each a POST with ``action``)."""

    template_name = "delegations/admin/detail.html"

    def load_objects(self, **kwargs):
        delegations = scoped_objects(Delegation, self.request.user).select_related("event", "focal_point")
        self.delegation = get_object_or_404(delegations, pk=kwargs["delegation_id"])

    def get_page_title(self):
        return _("Delegation: %(name)s") % {"name": self.delegation.name}

    def quotas_form(self, data=None) -> DelegationQuotasForm:
        current = {row.category.pk: row.seats for row in selectors.delegation_seats(self.delegation)}
        return DelegationQuotasForm(
            data, categories=Category.objects.filter(event=self.delegation.event_id), current=current
        )

    def get_context_data(self, **kwargs):
        delegation = self.delegation
        return {
            **super().get_context_data(**kwargs),
            "delegation": delegation,
            "event": delegation.event,
            "seats": selectors.delegation_seats(delegation),
            "nominations": list(selectors.delegation_nominations(delegation)),
            "log": selectors.delegation_log(delegation)[:200],
            "quotas_form": kwargs.get("quotas_form") or self.quotas_form(),
            "can_change": policy_for(Delegation).user_has_permission(self.request.user, "change"),
            "pending": RegistrationStatus.PENDING,
        }

    def post(self, request, *args, **kwargs):
        if not policy_for(Delegation).user_has_permission(request.user, "change"):
            return permission_denied(request, PermissionDenied())
        action = request.POST.get("action")
        delegation = self.delegation
        try:
            if action == "quotas":
                form = self.quotas_form(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(quotas_form=form), status=400)
                try:
                    services.delegation_quotas_set(delegation=delegation, seats=form.seats(), by=request.user)
                except ValidationError as error:
                    add_service_errors(form, error)
                    return self.render_to_response(self.get_context_data(quotas_form=form), status=400)
                messages.success(request, _("The seats are saved."))
            elif action in ("approve_all", "approve_selected"):
                selected = None
                if action == "approve_selected":
                    ids = [value for value in request.POST.getlist("nomination") if is_id(value)]
                    selected = list(Nomination.objects.filter(delegation=delegation, pk__in=ids))
                    if not selected:
                        messages.error(request, _("Select the nominees to approve."))
                        return redirect("delegations_admin:detail", delegation_id=delegation.pk)
                done, problems = services.delegation_approve(
                    delegation=delegation, by=request.user, nominations=selected
                )
                text = ngettext("%(count)d nominee approved.", "%(count)d nominees approved.", done) % {"count": done}
                if problems:
                    messages.warning(request, " ".join([text, str(_("Not approved:")), "; ".join(problems)]))
                else:
                    messages.success(request, text)
            elif action == "resend":
                services.delegation_invite(delegation=delegation, by=request.user)
                messages.success(request, _("The invitation was sent again with a new link."))
            else:
                return HttpResponse(_("Unknown action."), status=400)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("delegations_admin:detail", delegation_id=delegation.pk)


class DelegationBulkView(DelegationAdminMixin, View):
    """An action on the delegations selected in the listing (``delegation``
    ids, or with ``all`` every delegation of the ``event``), of the user's
    events only; then back to the listing."""

    permission_action = "change"
    http_method_names = ["post"]
    nothing_selected = ""

    def post(self, request, *args, **kwargs):
        delegations = scoped_objects(Delegation, request.user)
        event_id = request.POST.get("event", "")
        event = None
        if is_id(event_id):
            event = manageable_events(request.user).filter(pk=event_id).first()
        if request.POST.get("all") and event is not None:
            chosen = list(delegations.filter(event=event))
        else:
            ids = [value for value in request.POST.getlist("delegation") if is_id(value)]
            chosen = list(delegations.filter(pk__in=ids))
        if not chosen:
            messages.error(request, self.nothing_selected)
        else:
            self.act(chosen)
        return redirect(_index_url(event)) if event is not None else redirect("delegations_admin:index")

    def act(self, delegations: list[Delegation]) -> None:
        raise NotImplementedError


class DelegationApproveView(DelegationBulkView):
    """Approve every nominee awaiting approval of the selected delegations."""

    nothing_selected = _("Select the delegations whose nominees to approve.")

    def act(self, delegations):
        done, problems = 0, []
        for delegation in delegations:
            approved, refused = services.delegation_approve(delegation=delegation, by=self.request.user)
            done += approved
            problems += [f"{delegation.name}: {problem}" for problem in refused]
        text = ngettext("%(count)d nominee approved.", "%(count)d nominees approved.", done) % {"count": done}
        if problems:
            messages.warning(self.request, " ".join([text, str(_("Not approved:")), "; ".join(problems)]))
        else:
            messages.success(self.request, text)


class DelegationRemindView(DelegationBulkView):
    """Remind the focal points of the selected delegations (or of every
    delegation of the event) that have not nominated anyone yet."""

    nothing_selected = _("Select the delegations whose focal points to remind.")

    def act(self, chosen):
        request = self.request
        reminded = services.delegation_remind(delegations=chosen, by=request.user)
        skipped = len(chosen) - len(reminded)
        text = ngettext("%(count)d focal point reminded.", "%(count)d focal points reminded.", len(reminded)) % {
            "count": len(reminded)
        }
        if skipped:
            text += " " + ngettext(
                "%(count)d skipped: it has nominated, or was reminded in the last day.",
                "%(count)d skipped: they have nominated, or were reminded in the last day.",
                skipped,
            ) % {"count": skipped}
        messages.success(request, text)
