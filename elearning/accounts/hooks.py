"""Where other apps plug into "download my data".

An app registers a function `export_for_user(user) -> dict` (JSON-serialisable) under a name,
usually in its AppConfig.ready():

    from elearning.accounts.hooks import register_data_export

    register_data_export("progress", export_for_user)

The learner's download then has a section "progress" with what the function returned."""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}


def register_data_export(name: str, export_for_user: Callable) -> Callable:
    _exporters[name] = export_for_user
    return export_for_user


def data_exporters() -> dict[str, Callable]:
    return dict(_exporters)
