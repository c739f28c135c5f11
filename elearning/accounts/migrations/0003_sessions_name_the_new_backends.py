"""Signed-in sessions name the backend that signed them in, and Django signs out any session
whose backend is no longer in AUTHENTICATION_BACKENDS. The project's own backends replaced
Django's and allauth's (they load the learner context with the user): sessions that name the
old ones are rewritten, so nobody is signed out by the upgrade."""

from importlib import import_module

from django.conf import settings
from django.db import migrations
from django.utils import timezone

RENAMED = {
    "django.contrib.auth.backends.ModelBackend": "elearning.accounts.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": (
        "elearning.accounts.backends.AuthenticationBackend"
    ),
}


def rename_backends(apps, schema_editor):
    from django.contrib.auth import BACKEND_SESSION_KEY

    Session = apps.get_model("sessions", "Session")
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session_key in live.values_list("session_key", flat=True).iterator():
        # Through the session engine, so a cached copy (cached_db) is rewritten too.
        store = store_class(session_key=session_key)
        backend = store.get(BACKEND_SESSION_KEY)
        if backend in RENAMED:
            store[BACKEND_SESSION_KEY] = RENAMED[backend]
            store.save()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_learner_profile_and_consent"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(rename_backends, migrations.RunPython.noop)]
