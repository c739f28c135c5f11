"""Authentication backends. All three load a signed-in user the same way: with their learner
context, in one SQL statement (selectors.user_with_learner_context). A session names the
backend that signed the user in, so each backend in AUTHENTICATION_BACKENDS needs it."""

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends as django_backends
from django.contrib.auth import get_user_model

from .phone import normalise_phone
from .selectors import user_with_learner_context


class LoadsLearnerContext:
    def get_user(self, user_id):
        user = user_with_learner_context(user_id=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(LoadsLearnerContext, django_backends.ModelBackend):
    """Django's username and password backend (the admin's sign-in)."""


class AuthenticationBackend(LoadsLearnerContext, allauth_backends.AuthenticationBackend):
    """allauth's backend (the learners' sign-in form)."""


class PhoneNumberBackend(LoadsLearnerContext, django_backends.ModelBackend):
    """Signs a learner in with their phone number in place of the username (the single
    "username or phone number" box of the login form)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        phone = normalise_phone(username or "")
        if phone is None or password is None:
            return None
        user = get_user_model().objects.filter(phone_number=phone).first()
        if user is None:
            # Same work as a real check, so timing does not tell which numbers exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
