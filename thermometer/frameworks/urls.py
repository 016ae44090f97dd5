from django.urls import path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("documents/", views.documents, name="documents"),
    path("documents/take/", views.take, name="take"),
    path("sessions/open/", views.session_open, name="session_open"),
    path("sessions/<uuid:session_uuid>/", views.room, name="room"),
    path("sessions/<uuid:session_uuid>/close/", views.session_close, name="session_close"),
    path("items/<uuid:item_uuid>/", views.item_action, name="item_action"),
    path("items/<uuid:item_uuid>/indicator/", views.indicator_add, name="indicator_add"),
    path("framework/", views.framework, name="framework"),
    path("decision/", views.decide, name="decide"),
    path("decision/reopen/", views.reopen, name="reopen"),
    path("monitoring/", views.monitor, name="monitoring"),
    path("monitoring/import/", views.measurement_import, name="measurement_import"),
    path("monitoring/national/", views.national_import, name="national_import"),
    path(
        "indicators/<uuid:indicator_uuid>/measurement/",
        views.measurement_add,
        name="measurement_add",
    ),
    path("indicators/<uuid:indicator_uuid>/cbs/", views.cbs_fetch, name="cbs_fetch"),
    path("indicators/<uuid:indicator_uuid>/finances/", views.finance_take, name="finance_take"),
]

# The members' devices: public, reached by joining with the session code.
device_urlpatterns = [
    path("<uuid:session_uuid>/", views.device, name="device"),
    path("<uuid:session_uuid>/add/", views.device_add, name="device_add"),
    path("<uuid:session_uuid>/tree/", views.device_tree, name="device_tree"),
    path("<uuid:session_uuid>/dot/<uuid:item_uuid>/", views.device_dot, name="device_dot"),
]
