"""Addresses of the badge and door pages (registration/badge_views.py)."""

from django.urls import path

from infoharbor.registration import badge_views

app_name = "badges"
urlpatterns = [
    path(
        "forums/<slug:slug>/registration/<str:token>/badge.pdf",
        badge_views.badge,
        name="badge",
    ),
    path("forums/<slug:slug>/orga/badges/", badge_views.batch_list, name="batches"),
    path(
        "forums/<slug:slug>/orga/badges/<str:public_id>/",
        badge_views.batch_detail,
        name="batch",
    ),
    path(
        "forums/<slug:slug>/orga/badges/<str:public_id>/badges.pdf",
        badge_views.batch_pdf,
        name="batch_pdf",
    ),
    path("forums/<slug:slug>/door/", badge_views.door, name="door"),
    path("forums/<slug:slug>/orga/check-ins/", badge_views.checkins, name="checkins"),
]
