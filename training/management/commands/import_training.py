"""manage.py import_training FILE [--dry-run] [--kind providers|classes|rules]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.db_statistics import analyse
from training.importer import import_training
from training.importer.columns import CLASSES, PROVIDERS, RULES


class Command(BaseCommand):
    help = "Import training providers, classes and subsidy rules from XLSX (three sheets) or CSV; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and list the changes, save nothing")
        parser.add_argument("--kind", choices=[PROVIDERS, CLASSES, RULES], help="what a CSV holds (else: by header)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        self.stdout.write(f"读取 {path.name} …")
        report = import_training(
            path.read_bytes(),
            path.name,
            dry_run=options["dry_run"],
            kind=options["kind"],
            progress=lambda message: self.stdout.write(f"  {message}"),
        )
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"发现 {len(report.errors)} 个问题，未保存任何内容。")
        if not options["dry_run"] and report.changes:
            analyse()  # the planner's statistics for the imported rows
        for kind, key, action in report.changes[:50]:
            self.stdout.write(f"  {action} {kind} {key}")
        if len(report.changes) > 50:
            self.stdout.write(f"  … 另有 {len(report.changes) - 50} 项")
        self.stdout.write(self.style.SUCCESS(report.summary()))
