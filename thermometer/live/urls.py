from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("", views.join, name="join"),
    path("<str:code>/", views.join, name="join_code"),
]
