from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("quiz/<int:quiz_id>/submit/", views.submit_quiz, name="submit_quiz"),
]
