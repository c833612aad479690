from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    # Before Wagtail's own: its site-wide history knows no events.
    path("admin/reports/site-history/", home_views.superuser_only_site_history),
    path("admin/reports/site-history/results/", home_views.superuser_only_site_history),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("account/", home_views.account_home, name="account_home"),
    path("", include("sessions.urls")),
    path("", include("speakers.urls")),
    path("", include("registration.urls")),
    path("", include("registration.badges.urls")),
    path("", include("registration.checkin.urls")),
    path("", include("registration.delegations.urls")),
    path("", include("registration.official_list.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
