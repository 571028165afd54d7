"""Addresses of the forum settings, team and audit pages, the pickers' search, and of the
invitation link."""

from django.urls import path

from infoharbor.core import views

app_name = "core"
orga = "forums/<slug:slug>/orga"
urlpatterns = [
    path(f"{orga}/settings/", views.forum_settings, name="settings"),
    path(f"{orga}/team/", views.team, name="team"),
    path(f"{orga}/team/<int:user_id>/roles/", views.grant_role, name="grant_role"),
    path(
        f"{orga}/team/<int:user_id>/roles/<str:role>/remove/",
        views.revoke_role,
        name="revoke_role",
    ),
    path(
        f"{orga}/team/invitations/<int:invitation_id>/withdraw/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path(f"{orga}/audit/", views.audit_log, name="audit"),
    path(f"{orga}/pick/<str:kind>/", views.pick, name="pick"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
