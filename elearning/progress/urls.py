from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.find_certificate, name="certificate_find"),
    path("<str:code>/", views.verify_certificate, name="certificate_verify"),
    path("<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
]
