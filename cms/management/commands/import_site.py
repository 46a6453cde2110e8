"""Restore a folder written by export_site into an empty migrated database, all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, import_site
from cms.db_statistics import analyse


class Command(BaseCommand):
    help = "Restore an export_site folder into an EMPTY migrated database (run `manage.py migrate` first)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a folder written by export_site")
        parser.add_argument(
            "--check", action="store_true", help="only verify the folder and the database; report every problem"
        )

    def handle(self, directory, check=False, **options):
        try:
            import_site(directory, log=self.stdout.write, check_only=check)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not check:
            analyse()  # the planner's statistics for the restored rows
