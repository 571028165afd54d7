from django.urls import path

from infoharbor.program import views

app_name = "program"
urlpatterns = [
    path("forums/<slug:slug>/program/", views.program, name="program"),
    path("forums/<slug:slug>/sessions/<slug:session_slug>/", views.session_page, name="session"),
    path("forums/<slug:slug>/program/changes/", views.changes, name="changes"),
    path("forums/<slug:slug>/speakers/", views.speakers, name="speakers"),
    path("forums/<slug:slug>/speakers/<str:public_id>/", views.speaker_page, name="speaker"),
    path("forums/<slug:slug>/orga/timetable/", views.timetable, name="timetable"),
    path("forums/<slug:slug>/orga/releases/", views.releases, name="releases"),
    path("forums/<slug:slug>/orga/sessions/new/", views.edit_session, name="new_session"),
    path(
        "forums/<slug:slug>/orga/sessions/<slug:session_slug>/",
        views.edit_session,
        name="edit_session",
    ),
    path(
        "forums/<slug:slug>/orga/sessions/<slug:session_slug>/move/",
        views.move_session,
        name="move_session",
    ),
    path(
        "forums/<slug:slug>/orga/sessions/<slug:session_slug>/delete/",
        views.delete_session,
        name="delete_session",
    ),
]
