"""The main public pages pass axe-core, the checker behind the Wagtail
userbar's "Checks" item, for visitors, participants and check-in staff.

axe is the copy Wagtail ships in its admin bundle (the userbar loads it for
editors): it is injected into the page, so nothing extra is installed. The
rules are axe's WCAG 2.x A/AA and best-practice rules, plus every rule of
Wagtail's checker (read from ``ContentCheckerItem``, its custom checks
included), on the whole document, as rendered in a real browser."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from wagtail.admin.userbar import ContentCheckerItem

from home.models import SiteSettings
from registration.delegations.services import delegation_create, invitation_link_token, nomination_create
from registration.models import Question, QuestionKind
from tests.factories import (
    PASSWORD,
    CategoryFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    TrackFactory,
    UserFactory,
    home_page,
    local,
    make_event,
)
from tests.helpers import make_checkin_staff, nominee, restore_site_basics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# axe's standards tags: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Wagtail's checker, as configured for the userbar (rules, custom rules and checks).
_CHECKER = ContentCheckerItem()
WAGTAIL_RULES = _CHECKER.get_axe_run_only(None)
WAGTAIL_SPEC = _CHECKER.get_axe_spec(None)

# The evaluate functions of Wagtail's custom checks live in its userbar
# JavaScript, not in the spec above: these are copies of them.
CUSTOM_CHECKS_JS = """{
  'check-image-alt-text': (node, options) =>
    !new RegExp(options.pattern, 'i').test(node.getAttribute('alt') || ''),
  'check-empty-meta-description': () => {
    const meta = document.querySelector('meta[name="description"][content]');
    return !meta || meta.content.trim().length > 0;
  },
}"""

RUN_AXE_JS = (
    """async ({tags, wagtailRules, spec}) => {
  const evaluate = """
    + CUSTOM_CHECKS_JS
    + """;
  const missing = spec.checks.filter((check) => !evaluate[check.id]).map((check) => check.id);
  if (missing.length) throw new Error(`Wagtail has new custom axe checks: ${missing}; mirror them in the test`);
  axe.configure({...spec, checks: spec.checks.map((check) => ({...check, evaluate: evaluate[check.id]}))});
  const known = new Set(axe.getRules().map((rule) => rule.ruleId));
  const unknown = wagtailRules.filter((id) => !known.has(id));
  if (unknown.length) throw new Error(`Wagtail's checker rules unknown to this axe: ${unknown}`);
  const rules = Object.fromEntries(wagtailRules.map((id) => [id, {enabled: true}]));
  const results = await axe.run(
    {exclude: [{fromShadowDom: ['wagtail-userbar', 'wagtail-inline-userbar']}]},
    tags ? {runOnly: {type: 'tag', values: tags}, rules, resultTypes: ['violations']}
         : {runOnly: {type: 'rule', values: wagtailRules}, resultTypes: ['violations']},
  );
  return {
    ran: [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((r) => r.id),
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
    })),
  };
}"""
)


def wagtail_axe_scripts() -> list[Path]:
    """Wagtail's userbar bundle (axe inside) and the webpack chunk it needs."""
    scripts = [finders.find(f"wagtailadmin/js/{name}.js") for name in ("vendor", "userbar")]
    assert all(scripts), "Wagtail's admin JavaScript (wagtailadmin/js/userbar.js) is not found"
    return [Path(script) for script in scripts]


def axe_violations(page, tags: list[str] | None = AXE_TAGS) -> list[dict]:
    """axe's violations on the page: ``tags`` and Wagtail's checker rules, or
    Wagtail's rules alone when ``tags`` is None."""
    if page.evaluate("typeof window.axe") == "undefined":
        for script in wagtail_axe_scripts():
            # By URL from the site: the Content-Security-Policy refuses inline scripts.
            page.add_script_tag(url=static(f"wagtailadmin/js/{script.name}"))
    assert page.evaluate("typeof window.axe?.run") == "function", "axe did not load from Wagtail's bundle"
    result = page.evaluate(RUN_AXE_JS, {"tags": tags, "wagtailRules": WAGTAIL_RULES, "spec": WAGTAIL_SPEC})
    expected = {*WAGTAIL_RULES, *(["color-contrast", "label", "document-title", "region"] if tags else [])}
    assert expected <= set(result["ran"]), f"axe did not run {expected - set(result['ran'])}"
    return result["violations"]


def describe(failures: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in failures.items():
        lines.append(f"{where}:")
        for violation in violations:
            lines.append(f"  [{violation['id']}] ({violation['impact']}) {violation['help']} - {violation['helpUrl']}")
            for node in violation["nodes"]:
                html = re.sub(r"\s+", " ", node["html"])[:200]
                summary = re.sub(r"\s+", " ", node["summary"] or "")[:300]
                lines.append(f"      {node['target']}: {html}\n        {summary}")
    return "\n".join(lines)


class Audit:
    """Runs axe on each page visited and collects the violations, so that one
    run reports every page that fails."""

    def __init__(self, page):
        self.page = page
        self.failures: dict[str, list[dict]] = {}

    def check(self, label: str) -> None:
        self.page.wait_for_load_state("load")
        where = f"{label} ({self.page.url})"
        violations = axe_violations(self.page)
        if violations:
            self.failures[where] = violations
            print(describe({where: violations}))

    def assert_clean(self) -> None:
        assert not self.failures, "axe found accessibility violations:\n" + describe(self.failures)


def sign_in(page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


@pytest.fixture
def accessibility_forum(transactional_db):
    """An event with an agenda, registration open with extra questions, and
    the site's footer filled in."""
    restore_site_basics()
    site_settings = SiteSettings.for_site(home_page().get_site())
    site_settings.footer_text = "An intergovernmental forum on the ethics of artificial intelligence."
    site_settings.contact_email = "forum@example.org"
    site_settings.save()
    event = make_event(title="Global Forum on the Ethics of AI 2026", time_zone="Asia/Bangkok")
    RegistrationSettingsFactory(event=event, capacity_in_person=50)
    CategoryFactory(event=event, name="Civil society", slug="civil-society")
    CategoryFactory(event=event, name="Academia", slug="academia")
    Question.objects.create(
        event=event,
        label="Which workshops interest you?",
        kind=QuestionKind.MULTIPLE_CHOICE,
        choices="Neurotechnology\nClimate",
        sort_order=1,
    )
    Question.objects.create(
        event=event, label="Anything else we should know?", kind=QuestionKind.LONG_TEXT, sort_order=2
    )
    hall, annex = RoomFactory(event=event, name="Hall"), RoomFactory(event=event, name="Annex")
    rights, planet = TrackFactory(event=event, name="Human rights"), TrackFactory(event=event, name="Environment")
    opening = SessionFactory(
        event=event,
        title="Facial recognition",
        track=rights,
        room=hall,
        starts_at=local(event, 0, 9),
        ends_at=local(event, 0, 10),
    )
    SessionFactory(
        event=event,
        title="Data centres and water",
        track=planet,
        room=annex,
        starts_at=local(event, 0, 9),
        ends_at=local(event, 0, 10),
    )
    SessionFactory(
        event=event,
        title="Climate adaptation",
        track=planet,
        room=hall,
        starts_at=local(event, 1, 11),
        ends_at=local(event, 1, 12),
    )
    SessionSpeakerFactory(session=opening)
    return event


def test_pages_a_visitor_sees(page, live_server, accessibility_forum):
    audit = Audit(page)
    page.goto(accessibility_forum.url)
    audit.check("event page")
    page.goto(f"{accessibility_forum.url}agenda/")
    audit.check("agenda")
    page.goto(f"/events/{accessibility_forum.pk}/register/")
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*"))
    audit.check("sign-in page, on the way to the registration form")
    audit.assert_clean()


def test_wagtail_userbar_checker_finds_no_issue_on_the_registration_form(page, live_server, accessibility_forum):
    """What an editor sees: the userbar's own checker, on the page where it
    reported "Link text is empty" (the site name's link, left empty)."""
    from playwright.sync_api import expect  # present: the browser fixture checked

    editor = UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    page.goto(f"/events/{accessibility_forum.pk}/register/")
    sign_in(page, editor.email)
    page.wait_for_url(f"{live_server.url}/events/{accessibility_forum.pk}/register/")
    # The count is in the userbar's (closed) menu; it is filled in once axe has run.
    count = page.locator("wagtail-userbar #checker-trigger [data-content-checker-count]")
    expect(count).to_have_text(re.compile(r"^\d+$"))
    if count.text_content() != "0":
        issues = [
            " ".join(row.split())
            for row in page.locator("wagtail-userbar [data-content-checker-row]").all_text_contents()
        ]
        # The same rules again, for the elements' selectors (the userbar lists only the issues' names).
        details = describe({"registration form, as an editor": axe_violations(page, tags=None)})
        pytest.fail(f"The userbar reports {count.text_content()} issue(s): {issues}\n{details}")


def test_pages_a_participant_sees(page, live_server, accessibility_forum):
    user = UserFactory(email="kofi.mensah@example.org", first_name="Kofi", last_name="Mensah")
    other_event = make_event(title="Policy dialogue on neurotechnology")
    RegistrationFactory(event=other_event, user=user, status="waitlisted")
    audit = Audit(page)

    page.goto(f"/events/{accessibility_forum.pk}/register/")
    sign_in(page, user.email)
    page.wait_for_url(f"{live_server.url}/events/{accessibility_forum.pk}/register/")
    audit.check("registration form")

    page.get_by_role("button", name="Register").click()  # nothing chosen: the form comes back with errors
    page.get_by_role("alert").first.wait_for()
    audit.check("registration form with errors")

    page.get_by_label("Participant category").select_option(label="Civil society")
    page.get_by_label("Organisation").fill("AI Ethics Lab")
    page.get_by_label("Country").select_option("GH")
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Register").click()
    page.locator(".registration-outcome").wait_for()
    audit.check("registration details")

    page.goto("/my/registrations/")
    audit.check("my registrations")
    page.goto(accessibility_forum.url)
    audit.check("event page, signed in")
    page.goto(f"{accessibility_forum.url}agenda/")
    audit.check("agenda, signed in")
    audit.assert_clean()


def test_pages_a_focal_point_sees(page, live_server, accessibility_forum):
    category = CategoryFactory(event=accessibility_forum, name="Member State delegation", is_public=False)
    delegation = delegation_create(
        event=accessibility_forum,
        country="SN",
        focal_point_name="Awa Ndiaye",
        focal_point_email="awa.ndiaye@mfa.example.org",
        quotas={category: 5},
        by=None,
    )
    focal_point = UserFactory(email="awa.ndiaye@mfa.example.org")
    audit = Audit(page)

    page.goto(f"/delegations/invitation/{invitation_link_token(delegation)}/")
    audit.check("focal point invitation, signed out")
    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    sign_in(page, focal_point.email)
    page.get_by_role("button", name="Accept").wait_for()
    audit.check("focal point invitation, signed in")
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(f"{live_server.url}/delegations/{delegation.pk}/")
    nomination = nomination_create(delegation=delegation, category=category, details=nominee(), by=focal_point)
    page.reload()
    audit.check("delegation page")

    page.get_by_role("button", name="Nominate").click()  # nothing filled in: the form comes back with errors
    page.get_by_role("alert").first.wait_for()
    audit.check("delegation page, nomination form with errors")

    page.goto(f"/delegations/{delegation.pk}/nominees/{nomination.pk}/edit/")
    audit.check("editing a delegate")
    page.goto(f"/delegations/{delegation.pk}/nominees/{nomination.pk}/withdraw/")
    audit.check("withdrawing a delegate")
    page.goto("/delegations/")
    audit.check("my delegations")
    audit.assert_clean()


def test_checkin_scanner(page, live_server):
    restore_site_basics()
    event = make_event(title="Global Forum on the Ethics of AI 2026")
    RegistrationFactory(event=event, user=None, first_name="Kwame", last_name="Mensah")
    make_checkin_staff(event, email="gate.b@example.org")
    audit = Audit(page)

    page.goto(f"/checkin/{event.pk}/?gate=B")
    sign_in(page, "gate.b@example.org")
    page.wait_for_url(f"{live_server.url}/checkin/{event.pk}/?gate=B")
    audit.check("check-in scanner")

    page.get_by_label("Name, organisation, email or reference").fill("mensah")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("button", name="Check in Kwame Mensah").wait_for()
    audit.check("check-in scanner, search results")

    page.get_by_role("button", name="Check in Kwame Mensah").click()
    page.locator("#verdict[data-result='ok']").wait_for()  # not a string to evaluate: the CSP forbids eval
    audit.check("check-in scanner, 'Checked in' verdict")

    page.keyboard.press("Escape")
    page.locator("#code-input").fill("NOT-A-BADGE")
    page.locator("#code-input").press("Enter")
    page.locator("#verdict[data-result='invalid']").wait_for()
    audit.check("check-in scanner, 'Invalid badge' verdict")
    audit.assert_clean()


def test_the_checker_sees_an_unnamed_link(page, live_server, accessibility_forum):
    """The audit is not blind: a link with no text, the issue Wagtail's
    userbar reported on the registration form, is caught and described."""
    page.goto(accessibility_forum.url)
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<a href=\"/\"><span></span></a>')")
    violations = axe_violations(page)
    assert [violation["id"] for violation in violations] == ["link-name"]
    assert "link-name" in describe({"event page": violations})


def test_pages_of_a_registration_made_for_someone(page, live_server, accessibility_forum):
    """The claim link's pages (signed out, another address, a bad link) and
    the consent page, for someone an organiser registered, and what they
    see once they have consented."""
    from registration.claim_tokens import claim_token
    from registration.services import registration_register
    from tests.helpers import details

    organiser = UserFactory()
    category = accessibility_forum.registration_categories.get(slug="civil-society")
    made = registration_register(
        event=accessibility_forum, category=category, details=details(email="kofi.mensah@example.org"), by=organiser
    )
    someone_elses = registration_register(
        event=accessibility_forum, category=category, details=details(email="ama.owusu@example.org"), by=organiser
    )
    UserFactory(email="kofi.mensah@example.org", first_name="Kofi", last_name="Mensah")
    audit = Audit(page)

    page.goto("/my/registrations/claim/NOT-A-TOKEN/")
    audit.check("claim link, not valid")
    page.goto(f"/my/registrations/claim/{claim_token(made)}/")
    audit.check("claim link, signed out")

    page.get_by_role("link", name="Sign in", exact=True).last.click()
    sign_in(page, "kofi.mensah@example.org")
    page.wait_for_url(re.compile(rf".*/my/registrations/{made.reference}/consent/\?next=.*"))
    audit.check("consent page")

    page.get_by_role("button", name="Complete my registration").click()  # the privacy notice unticked
    page.get_by_role("alert").first.wait_for()
    audit.check("consent page with errors")

    page.get_by_label("I have read the privacy notice").check()
    page.get_by_label("List me in the official list of participants").check()
    page.get_by_role("button", name="Complete my registration").click()
    page.locator(".registration-outcome").wait_for()
    audit.check("registration details, after consent")

    page.goto(f"/my/registrations/claim/{claim_token(someone_elses)}/")
    audit.check("claim link, signed in with another address")
    audit.assert_clean()
