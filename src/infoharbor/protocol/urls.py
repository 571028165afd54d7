"""Addresses of the protocol office's pages."""

from django.urls import path

from infoharbor.protocol import views

app_name = "protocol"
ORGA = "forums/<slug:slug>/orga/protocol/"
RUN_SHEET = ORGA + "run-sheets/<slug:session_slug>/"
SEATING = ORGA + "seating/<str:public_id>/"
urlpatterns = [
    path(ORGA, views.index, name="index"),
    path(ORGA + "settings/", views.protocol_settings, name="settings"),
    path(ORGA + "ranks/", views.ranks, name="ranks"),
    path(ORGA + "dignitaries/", views.dignitaries, name="dignitaries"),
    path(ORGA + "precedence/", views.precedence, name="precedence"),
    path(
        ORGA + "precedence/overrides/<int:pk>/remove/",
        views.remove_override,
        name="remove_override",
    ),
    path(RUN_SHEET, views.run_sheet, name="run_sheet"),
    path(RUN_SHEET + "run-sheet.pdf", views.run_sheet_pdf, name="run_sheet_pdf"),
    path(RUN_SHEET + "announcements.pdf", views.announcements_pdf, name="announcements_pdf"),
    path(RUN_SHEET + "name-cards.pdf", views.name_cards_pdf, name="name_cards_pdf"),
    path(RUN_SHEET + "signings/<int:pk>/", views.signing_page, name="signing"),
    path(RUN_SHEET + "signings/<int:pk>/stage.svg", views.stage_svg, name="stage_svg"),
    path(ORGA + "seating/new/", views.edit_plan, name="new_plan"),
    path(SEATING, views.seating_plan, name="seating"),
    path(SEATING + "edit/", views.edit_plan, name="edit_plan"),
    path(SEATING + "remove/", views.remove_plan, name="remove_plan"),
    path(ORGA + "rooms/", views.layouts, name="layouts"),
    path(ORGA + "rooms/<int:room_id>/layout/", views.layout, name="layout"),
    path(SEATING + "plan.pdf", views.seating_pdf, name="seating_pdf"),
    path(SEATING + "table-cards.pdf", views.table_cards_pdf, name="table_cards_pdf"),
    path(ORGA + "interpretation/", views.interpretation, name="interpretation"),
    path(ORGA + "interpreters/", views.interpreters, name="interpreters"),
    path(
        "forums/<slug:slug>/registration/<str:token>/seat/<str:public_id>/",
        views.my_seat,
        name="my_seat",
    ),
]
