"""ReadReceipt takes the shape every learner's row has (accounts.owned.LearnerOwned): `user`
becomes `learner`, renamed in place so every receipt keeps its reader, and the owner
constraints get the shared names."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dissemination", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="readreceipt", name="dissemination_receipt_once_per_learner"
        ),
        migrations.RemoveConstraint(
            model_name="readreceipt", name="dissemination_receipt_once_per_guest"
        ),
        migrations.RemoveConstraint(
            model_name="readreceipt", name="dissemination_receipt_has_reader"
        ),
        migrations.RenameField(model_name="readreceipt", old_name="user", new_name="learner"),
        migrations.AlterField(
            model_name="readreceipt",
            name="learner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="learner",
            ),
        ),
        migrations.AddConstraint(
            model_name="readreceipt",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("learner__isnull", False), ("visitor_key__isnull", False), _connector="OR"
                ),
                name="dissemination_readreceipt_has_owner",
            ),
        ),
        migrations.AddConstraint(
            model_name="readreceipt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("learner__isnull", False)),
                fields=("learner", "page"),
                name="dissemination_readreceipt_once_per_learner",
            ),
        ),
        migrations.AddConstraint(
            model_name="readreceipt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("learner__isnull", True)),
                fields=("visitor_key", "page"),
                name="dissemination_readreceipt_once_per_guest",
            ),
        ),
    ]
