"""Officers already appointed may delete their own drafts: their group gets the delete
permission (new appointments get it from services._GROUP_PERMISSIONS)."""

from django.db import migrations

GROUP = "Community session officers"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    permission = Permission.objects.filter(
        content_type__app_label="community", codename="delete_communitysession"
    ).first()
    if group and permission:  # a new database: the group is made with it at the first appoint
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_learner_owned"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
