from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import localize_admin
from home import views as home_views
from sessions.urls import page_file_urlpatterns

urlpatterns = [
    # Before Wagtail's own: its site-wide history knows no events.
    path("admin/reports/site-history/", home_views.superuser_only_site_history),
    path("admin/reports/site-history/results/", home_views.superuser_only_site_history),
    # Before wagtail-localize's own: they would let any organiser translate
    # any page and list every team's translations.
    path("admin/localize/submit/page/<int:page_id>/", localize_admin.submit_page_translation),
    path("admin/localize/update/<int:translation_source_id>/", localize_admin.update_translations),
    path("admin/localize/reports/translations/", localize_admin.translations_report, name="translations_report"),
    path(
        "admin/localize/reports/translations/results/",
        localize_admin.translations_report_results,
        name="translations_report_results",
    ),
    *localize_admin.translation_urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", home_views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("account/", home_views.account_home, name="account_home"),
    path("privacy/versions/<int:version_id>/", home_views.privacy_notice_version, name="privacy_notice_version"),
    path("", include("sessions.urls")),
    path("", include("speakers.urls")),
    path("", include("registration.urls")),
    path("", include("registration.badges.urls")),
    path("", include("registration.checkin.urls")),
    path("", include("registration.delegations.urls")),
    path("", include("registration.official_list.urls")),
    path("", include("registration.visas.urls")),
    path("", include("registration.privacy.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's URLs, its page serving started from the home page of the active
# language (home.views.serve_page).
wagtail_page_urlpatterns = [
    re_path(pattern.pattern.regex.pattern, home_views.serve_page, name="wagtail_serve")
    if getattr(pattern, "name", None) == "wagtail_serve"
    else pattern
    for pattern in wagtail_urls.urlpatterns
]

# The public pages, one URL per language: /en/..., /fr/..., /es/... An
# unprefixed page URL (/events/forum-2026/) is redirected to the visitor's
# language by the LocaleMiddleware; every other URL above keeps its path.
urlpatterns += i18n_patterns(
    path("", include((page_file_urlpatterns, "agenda_files"))),
    path("", include(wagtail_page_urlpatterns)),
    prefix_default_language=True,
)
