from django.urls import path

from infoharbor.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("orga/", views.orga, name="orga"),
    path("forums/<slug:slug>/", views.forum_overview, name="forum"),
    path("forums/<slug:slug>/search/", views.search, name="search"),
    path("forums/<slug:slug>/orga/", views.console_home, name="console"),
]
