from django.urls import path

from . import views

app_name = "h5p"

urlpatterns = [
    path("embed/<int:version_id>/", views.frame, name="frame"),
    path("embed/<int:version_id>/saved/", views.frame_saved, name="frame_saved"),
    path("files/<int:version_id>/<path:path>", views.files, name="files"),
    path("core/<path:path>", views.core, name="core"),
    path("xapi/", views.xapi, name="xapi"),
    path("state/", views.state, name="state"),
]
