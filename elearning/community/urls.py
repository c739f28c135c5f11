from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("", views.enter_code, name="code"),
    path("<str:token>/", views.check_in, name="check_in"),
    path("<str:token>/quiz/", views.answer_check_quiz, name="check_quiz"),
]
