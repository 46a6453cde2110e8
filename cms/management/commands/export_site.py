"""Back up the whole site (every model's rows and every uploaded file) to a folder, with SHA-256 checksums."""

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, export_site


class Command(BaseCommand):
    help = "Export all content (pages with revisions, snippets, users, groups, images, documents) to DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="target folder (created; must not already hold an export)")
        parser.add_argument(
            "--include-renditions", action="store_true", help="also export image renditions (normally regenerated)"
        )

    def handle(self, directory, include_renditions=False, **options):
        try:
            export_site(directory, include_renditions=include_renditions, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
