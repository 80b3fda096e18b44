"""Tasks noted under an agenda point belong to that point's meeting."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    Task = apps.get_model("committees", "Task")
    AgendaItem = apps.get_model("committees", "AgendaItem")
    meeting_of_item = AgendaItem.objects.filter(pk=OuterRef("agenda_item_id")).values("meeting_id")[:1]
    Task.objects.filter(meeting__isnull=True, agenda_item__isnull=False).update(meeting_id=Subquery(meeting_of_item))


class Migration(migrations.Migration):
    dependencies = [("committees", "0002_task_meeting")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
