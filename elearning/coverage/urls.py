from django.urls import path

from . import import_views, views

app_name = "coverage_reports"

urlpatterns = [
    path("", views.PlanIndexView.as_view(), name="index"),
    path("<int:plan_id>/", views.OverviewView.as_view(), name="overview"),
    path("<int:plan_id>/areas/", views.AreaView.as_view(), name="areas"),
    path("<int:plan_id>/pdf/", views.PdfRequestView.as_view(), name="pdf"),
    path("pdf/<int:pk>/", views.PdfDownloadView.as_view(), name="pdf_download"),
    path("import/<slug:kind>/", import_views.ImportView.as_view(), name="import"),
]
