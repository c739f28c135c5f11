from django.urls import path

from . import views

# Included before allauth's URLs: our sign-up view takes allauth's place.
urlpatterns = [
    path("signup/", views.LearnerSignupView.as_view(), name="account_signup"),
    path("logout/", views.LearnerLogoutView.as_view(), name="account_logout"),
    path("guest/", views.guest_start, name="accounts_guest"),
    path("communes/", views.commune_search, name="accounts_commune_search"),
    path("profile/", views.profile, name="accounts_profile"),
    path("profile/edit/", views.profile_edit, name="accounts_profile_edit"),
    path(
        "profile/certificate/", views.certificate_details_edit, name="accounts_certificate_details"
    ),
    path("profile/export/", views.export_data, name="accounts_export"),
    path("profile/consent/withdraw/", views.withdraw_consent, name="accounts_withdraw_consent"),
    path("profile/delete/", views.delete_account, name="accounts_delete"),
]
