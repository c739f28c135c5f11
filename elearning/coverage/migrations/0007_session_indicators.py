"""The indicators of face-to-face work (elearning.community): participants in community
sessions (person-times) and sessions held."""

from django.db import migrations

INDICATORS = [
    ("session_participants", "Người tham gia sinh hoạt cộng đồng (lượt người)", 7),
    ("sessions_held", "Buổi sinh hoạt cộng đồng đã tổ chức", 8),
]


def create(apps, schema_editor):
    Indicator = apps.get_model("coverage", "Indicator")
    for code, name, order in INDICATORS:
        Indicator.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("coverage", "0006_indicator_session_codes")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
