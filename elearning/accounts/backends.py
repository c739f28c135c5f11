from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .phone import normalise_phone


class PhoneNumberBackend(ModelBackend):
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
