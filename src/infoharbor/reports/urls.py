"""Addresses of the outcome pages; the report's addresses are stable, as the press links them."""

from django.urls import path

from infoharbor.reports import views

app_name = "reports"
REPORT = "forums/<slug:slug>/report/"
urlpatterns = [
    path(REPORT, views.report, name="report"),
    path(REPORT + "report.pdf", views.report_pdf, name="report_pdf"),
    path(REPORT + "press-release/", views.press_release, name="press_release"),
    path(REPORT + "press-release.pdf", views.press_release_pdf, name="press_release_pdf"),
    path(
        "forums/<slug:slug>/orga/press-release/",
        views.edit_press_release,
        name="edit_press_release",
    ),
    path("forums/<slug:slug>/orga/report-draft/", views.report_draft, name="report_draft"),
    path("forums/<slug:slug>/orga/dashboard/", views.dashboard_page, name="dashboard"),
    path(
        "forums/<slug:slug>/orga/dashboard/charts/<slug:key>.<str:fmt>",
        views.chart_file,
        name="chart",
    ),
    path("forums/<slug:slug>/platforms/<slug:code>/", views.platform_hub, name="platform"),
]
