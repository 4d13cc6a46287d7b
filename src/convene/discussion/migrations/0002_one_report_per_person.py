"""One report per person and comment, whatever became of it (it was one open report).

Before the constraint, the duplicates the old one allowed (a person reporting again a comment
whose report was dismissed, or shown again) are merged: the person's open report is kept,
else their latest; moderators' decisions stay in the moderation log.
"""

from django.db import migrations, models


def keep_one_report_per_person(apps, schema_editor):
    Report = apps.get_model("discussion", "Report")
    kept = set()
    duplicates = []
    open_first = models.Case(
        models.When(status="open", then=0), default=1, output_field=models.IntegerField()
    )
    reports = Report.objects.filter(reporter__isnull=False).order_by(
        "comment_id", "reporter_id", open_first, "-created_at", "-pk"
    )
    for pk, comment_id, reporter_id in reports.values_list("pk", "comment_id", "reporter_id"):
        if (comment_id, reporter_id) in kept:
            duplicates.append(pk)
        else:
            kept.add((comment_id, reporter_id))
    Report.objects.filter(pk__in=duplicates).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="report", name="one_open_report_per_person"),
        migrations.RunPython(keep_one_report_per_person, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.UniqueConstraint(
                fields=("comment", "reporter"), name="one_report_per_person"
            ),
        ),
    ]
