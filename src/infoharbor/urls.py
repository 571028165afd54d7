"""URL map: the JSON API and admin without a language prefix, pages under /<language>/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from infoharbor.api.urls import api, page_not_found

handler404 = page_not_found

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    # Under the language prefix, so set_language can translate the prefixed `next` URL.
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("infoharbor.web.urls")),
    path("", include("infoharbor.core.urls")),
    path("", include("infoharbor.program.urls")),
    path("", include("infoharbor.projects.urls")),
    path("", include("infoharbor.registration.urls")),
    path("", include("infoharbor.registration.badges.urls")),
    path("", include("infoharbor.registration.door.urls")),
    path("", include("infoharbor.matchmaking.urls")),
    path("", include("infoharbor.protocol.urls")),
    path("", include("infoharbor.reports.urls")),
)
