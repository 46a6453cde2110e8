"""Import monthly progress figures from a file: `manage.py import_progress FILE [--dry-run]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from progress.importer import import_figures


class Command(BaseCommand):
    help = "Import monthly progress figures (XLSX or CSV). All rows or none; a stored month is replaced."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check every row, save nothing")

    def handle(self, file, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        self.stdout.write(f"读取 {path.name} …")
        report = import_figures(path.read_bytes(), path.name, dry_run=dry_run)
        found = f"{report.format.upper()} {report.encoding}".strip()
        self.stdout.write(f"{found}：{report.rows} 行有效数据，{len(report.errors)} 个问题")
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors:
            raise CommandError("文件有错误，未导入任何数据。")
        summary = f"{report.summary()}（{report.seconds:.1f} 秒）"
        self.stdout.write(self.style.SUCCESS(summary) if report.saved else summary)
