"""Addresses of the participant's matchmaking pages, under their private link."""

from django.urls import path

from infoharbor.matchmaking import views

app_name = "matchmaking"
mine = "forums/<slug:slug>/registration/<str:token>/meetings"
urlpatterns = [
    path(f"{mine}/", views.meetings, name="meetings"),
    path(f"{mine}/meetings.ics", views.agenda_ics, name="agenda_ics"),
    path(f"{mine}/meetings.pdf", views.agenda_pdf, name="agenda_pdf"),
    path(f"{mine}/profile/", views.edit_profile, name="profile"),
    path(f"{mine}/free/", views.keep_free, name="keep_free"),
    path(f"{mine}/ask/<str:profile_id>/", views.request_meeting, name="request"),
    path(f"{mine}/requests/<str:request_id>/answer/", views.answer, name="answer"),
    path(f"{mine}/meetings/<str:request_id>/report/", views.report, name="report"),
    path(f"{mine}/meetings/<str:request_id>/outcome/", views.outcome, name="outcome"),
    path("forums/<slug:slug>/orga/matchmaking/", views.orga, name="orga"),
    path("forums/<slug:slug>/orga/matchmaking/tables.pdf", views.table_lists, name="tables"),
    path(
        "forums/<slug:slug>/orga/matchmaking/figures.<str:fmt>",
        views.figures_export,
        name="figures_export",
    ),
]
