from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """The single place where sign-up and login behaviour is customised for Chung Tay."""
