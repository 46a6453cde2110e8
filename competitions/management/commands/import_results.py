"""Import an event's results from a CSV or XLSX file: all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from competitions.importer import import_results
from competitions.models import CompetitionEvent


class Command(BaseCommand):
    help = (
        "Replace a competition event's results with the rows of a CSV (UTF-8/GB18030) or XLSX file. "
        "EVENT is the event page's id or slug. Nothing is saved if any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("event", help="the CompetitionEvent page's id or slug")
        parser.add_argument("file", help="path of the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, save nothing")

    def handle(self, *args, **options):
        event = self.find_event(options["event"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在 / no such file: {path}")
        report = import_results(
            event,
            path.read_bytes(),
            path.name,
            dry_run=options["dry_run"],
            progress=lambda message: self.stdout.write(f"  {message}"),
        )
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"  ! {warning}"))
        if not report.ok:
            for error in report.errors:
                self.stderr.write(f"  ✗ {error}")
            raise CommandError(
                f"{len(report.errors)} 个问题，未导入任何数据 / {len(report.errors)} problem(s), nothing saved"
            )
        awards = "，".join(f"{label} {count}" for label, count in report.award_counts()) or "无奖项"
        if report.dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"试运行：{report.rows} 行全部通过检查（{awards}），未保存 / dry run: nothing saved")
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"已导入 {report.rows} 行到“{event.title}”（替换原有 {report.replaced} 行；{awards}），"
                f"用时 {report.seconds:.2f} 秒 / imported {report.rows} rows"
            )
        )

    def find_event(self, key: str) -> CompetitionEvent:
        if key.isdigit():
            event = CompetitionEvent.objects.filter(pk=int(key)).first()
            if event is None:
                raise CommandError(f"没有 id 为 {key} 的竞赛赛事 / no event with id {key}")
            return event
        events = list(CompetitionEvent.objects.filter(slug=key)[:2])
        if not events:
            raise CommandError(f"没有 slug 为 {key} 的竞赛赛事 / no event with slug {key}")
        if len(events) > 1:
            ids = ", ".join(str(event.pk) for event in CompetitionEvent.objects.filter(slug=key))
            raise CommandError(f"有多个赛事的 slug 为 {key}，请改用 id（{ids}）/ several events share this slug")
        return events[0]
