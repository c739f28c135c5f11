from . import guest
from .selectors import get_profile
from .services import carry_over_guest


class GuestCarryOverMiddleware:
    """A guest who signs in on the same device: their guest activity moves to the account
    (accounts.learner_data) and the guest choice is forgotten. Sign-up does this itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            guest.COOKIE_NAME in request.COOKIES
            and request.user.is_authenticated
            and get_profile(user=request.user) is not None
        ):
            carry_over_guest(request=request, response=response, user=request.user)
        return response
