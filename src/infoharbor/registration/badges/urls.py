"""Addresses of the badge pages."""

from django.urls import path

from infoharbor.registration.badges import views

app_name = "badges"
urlpatterns = [
    path(
        "forums/<slug:slug>/registration/<str:token>/badge.pdf",
        views.badge,
        name="badge",
    ),
    path("forums/<slug:slug>/orga/badges/", views.batch_list, name="batches"),
    path(
        "forums/<slug:slug>/orga/badges/<str:public_id>/",
        views.batch_detail,
        name="batch",
    ),
    path(
        "forums/<slug:slug>/orga/badges/<str:public_id>/badges.pdf",
        views.batch_pdf,
        name="batch_pdf",
    ),
]
