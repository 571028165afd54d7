from django.urls import path

from infoharbor.registration import mail_views, views

app_name = "registration"
urlpatterns = [
    path("forums/<slug:slug>/register/", views.register, name="register"),
    path("forums/<slug:slug>/registration/<str:token>/", views.manage, name="manage"),
    path(
        "forums/<slug:slug>/registration/<str:token>/sessions/",
        views.change_sessions,
        name="change_sessions",
    ),
    path("forums/<slug:slug>/registration/<str:token>/cancel/", views.cancel, name="cancel"),
    path("forums/<slug:slug>/registration/<str:token>/info/", views.provide_info, name="info"),
    path(
        "forums/<slug:slug>/registration/<str:token>/members/new/",
        views.add_member,
        name="add_member",
    ),
    path(
        "forums/<slug:slug>/registration/<str:token>/photo/",
        views.change_photo,
        name="change_photo",
    ),
    path("forums/<slug:slug>/registration/<str:token>/photo.img", views.photo, name="photo"),
    path("forums/<slug:slug>/registration/<str:token>/agenda.ics", views.agenda, name="agenda"),
    path("forums/<slug:slug>/orga/participants/", views.desk, name="desk"),
    path("forums/<slug:slug>/orga/messages/", mail_views.mailing_list, name="mailings"),
    path("forums/<slug:slug>/orga/messages/new/", mail_views.mailing_new, name="mailing_new"),
    path(
        "forums/<slug:slug>/orga/messages/<str:public_id>/",
        mail_views.mailing_page,
        name="mailing",
    ),
    path("forums/<slug:slug>/orga/emails/", mail_views.template_list, name="email_templates"),
    path(
        "forums/<slug:slug>/orga/emails/<str:kind>/<str:language>/",
        mail_views.template_edit,
        name="email_template",
    ),
    path(
        "forums/<slug:slug>/orga/emails/<str:kind>/<str:language>/reset/",
        mail_views.template_reset,
        name="email_template_reset",
    ),
    path(
        "forums/<slug:slug>/orga/photos/<str:public_id>/",
        views.staff_photo,
        name="staff_photo",
    ),
    path(
        "forums/<slug:slug>/orga/participants/import/",
        views.import_delegation,
        name="import",
    ),
    path(
        "forums/<slug:slug>/orga/participants/import/template.xlsx",
        views.import_template,
        name="import_template",
    ),
    path(
        "forums/<slug:slug>/orga/participants/import/<str:public_id>/",
        views.import_job,
        name="import_job",
    ),
    path(
        "forums/<slug:slug>/orga/participants/export.<str:fmt>",
        views.export_participants,
        name="export",
    ),
    path(
        "forums/<slug:slug>/orga/participants/<str:public_id>/",
        views.desk_participant,
        name="desk_participant",
    ),
    path(
        "forums/<slug:slug>/orga/participants/<str:public_id>/erase/",
        views.desk_erase,
        name="desk_erase",
    ),
]
