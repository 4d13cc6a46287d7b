"""The migration to one report per person keeps, of the duplicates the old constraint allowed,
the person's open report, else their latest, before the database holds the new rule."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("discussion", "0001_initial")]
AFTER = [("discussion", "0002_one_report_per_person")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_duplicates_are_merged_then_refused():
    apps = migrate(BEFORE)
    try:
        User = apps.get_model("accounts", "User")
        Process = apps.get_model("documents", "Process")
        Document = apps.get_model("documents", "Document")
        Version = apps.get_model("documents", "DocumentVersion")
        Comment = apps.get_model("discussion", "Comment")
        Report = apps.get_model("discussion", "Report")
        amina = User.objects.create(email="amina@example.org")
        bruno = User.objects.create(email="bruno@example.org")
        process = Process.objects.create(slug="p", title="P")
        document = Document.objects.create(process=process, slug="d", title="D")
        version = Version.objects.create(document=document, number=1, title="D", body="Text.")
        first = Comment.objects.create(version=version, body="One.", language="en")
        second = Comment.objects.create(version=version, body="Two.", language="en")
        Report.objects.create(comment=first, reporter=amina, reason="a", status="dismissed")
        kept_open = Report.objects.create(comment=first, reporter=amina, reason="b")
        Report.objects.create(comment=second, reporter=amina, reason="c", status="dismissed")
        latest = Report.objects.create(comment=second, reporter=amina, reason="d", status="hidden")
        alone = Report.objects.create(comment=second, reporter=bruno, reason="e")
        nobody = [Report.objects.create(comment=first, reporter=None, reason=r) for r in ("f", "g")]

        apps = migrate(AFTER)

        Report = apps.get_model("discussion", "Report")
        assert set(Report.objects.values_list("pk", flat=True)) == {
            kept_open.pk,
            latest.pk,
            alone.pk,
            *(report.pk for report in nobody),
        }
        constraints = {c.name for c in Report._meta.constraints}
        assert constraints == {"one_report_per_person"}
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
