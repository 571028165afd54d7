"""Addresses of the door pages."""

from django.urls import path

from infoharbor.registration.door import views

app_name = "door"
urlpatterns = [
    path("forums/<slug:slug>/door/", views.door, name="door"),
    path("forums/<slug:slug>/door/admissions/", views.admissions, name="admissions"),
    path("forums/<slug:slug>/door/sync/", views.sync, name="sync"),
    path("forums/<slug:slug>/orga/check-ins/", views.checkins, name="checkins"),
]
