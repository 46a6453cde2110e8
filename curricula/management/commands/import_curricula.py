"""manage.py import_curricula FILE.json [--dry-run]: all or nothing, every problem reported at once."""

from django.core.management.base import BaseCommand, CommandError

from curricula.importer import ImportFailed
from curricula.upload import import_upload


class Command(BaseCommand):
    help = "导入职业、课程模块和培训包（JSON）。先检查全部内容，有任何错误则不保存；--dry-run 只预览。"

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="UTF-8 JSON 文件、export_curricula 导出的 ZIP（JSON 连同资料文件）或按模板填写的 XLSX"
        )
        parser.add_argument("--dry-run", action="store_true", help="只检查并列出将要进行的改动，不保存")

    def handle(self, *args, file, dry_run, **options):
        try:
            with open(file, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {file}：{exc.strerror}") from exc
        verbose = options["verbosity"] >= 1
        try:
            report = import_upload(
                raw,
                dry_run=dry_run,
                log_line=(lambda line: self.stdout.write(f"  {line}")) if verbose else None,
            )
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(self.style.ERROR(error))
            raise CommandError(f"导入失败：共 {len(failure.errors)} 个错误，未保存任何内容。") from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
