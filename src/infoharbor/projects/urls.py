from django.urls import path

from infoharbor.projects import views

app_name = "projects"
orga = "forums/<slug:slug>/orga/projects"
urlpatterns = [
    path("forums/<slug:slug>/projects/", views.registry, name="registry"),
    path("forums/<slug:slug>/projects/statistics/", views.stats_page, name="stats"),
    path("forums/<slug:slug>/projects/<str:public_id>/", views.project_page, name="project"),
    path(f"{orga}/new/", views.edit_project, name="new_project"),
    path(f"{orga}/import/", views.import_projects, name="import"),
    path(f"{orga}/import/template.<str:fmt>", views.import_template, name="import_template"),
    path(f"{orga}/import/export.<str:fmt>", views.export_for_import, name="import_export"),
    path(f"{orga}/import/<str:public_id>/", views.import_job, name="import_job"),
    path(f"{orga}/rates/", views.exchange_rates, name="exchange_rates"),
    path(f"{orga}/<str:public_id>/", views.edit_project, name="edit_project"),
    path(f"{orga}/<str:public_id>/status/", views.change_status, name="change_status"),
    path(f"{orga}/<str:public_id>/documents/", views.add_document, name="add_document"),
]
