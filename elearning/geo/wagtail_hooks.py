from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import AdminUnit
from .views import ImportedUnitsPermissionPolicy, admin_unit_viewset

# Registered before any view asks for the model's policy.
register_permission_policy(AdminUnit, ImportedUnitsPermissionPolicy(AdminUnit), exact_class=True)


@hooks.register("register_admin_viewset")
def register_admin_unit_viewset():
    return admin_unit_viewset
