from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("quiz/<int:quiz_id>/submit/", views.submit_quiz, name="submit_quiz"),
    path("course/<int:course_id>/complete/", views.course_complete, name="course_complete"),
    path("course/<int:course_id>/offline.json", views.course_offline, name="course_offline"),
    path("mine/", views.my_learning, name="my_learning"),
    path("certificate/<str:code>/reissue/", views.reissue_certificate, name="reissue_certificate"),
]
