"""The fixed indicators (their code says how each is computed; names stay editable)."""

from django.db import migrations

INDICATORS = [
    ("reach", "Người 14–60 tuổi ở địa bàn trọng điểm được tiếp cận", 1),
    ("in_depth_model", "Xã, phường có mô hình chuyên sâu", 2),
    ("integrated_model", "Xã, phường có mô hình lồng ghép", 3),
    ("legal_disseminated", "Văn bản pháp luật được phổ biến", 4),
    ("staff_trained", "Cán bộ cơ quan tiến hành tố tụng được tập huấn", 5),
    ("quiz_pass_rate", "Tỷ lệ đạt bài kiểm tra", 6),
]


def create(apps, schema_editor):
    Indicator = apps.get_model("coverage", "Indicator")
    for code, name, order in INDICATORS:
        Indicator.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("coverage", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
