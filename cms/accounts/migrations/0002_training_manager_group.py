"""The 培训管理 group (issue 13), allowed into the Wagtail admin; `setup_roles` grants its model permissions."""

from django.db import migrations

NAME = "培训管理"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group, _ = Group.objects.get_or_create(name=NAME)
    group.permissions.add(access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_roles")]

    operations = [migrations.RunPython(create_group, remove_group)]
