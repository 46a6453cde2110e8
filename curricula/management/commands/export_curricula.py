"""manage.py export_curricula [-o FILE]: the live curricula in the format import_curricula reads."""

from django.core.management.base import BaseCommand

from curricula.bundle import write_bundle
from curricula.exporter import dumps, export_bundle


class Command(BaseCommand):
    help = "导出已发布的职业、课程模块和培训包（JSON，与 import_curricula 格式相同）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="写入此文件（.zip：JSON 连同教学资料文件）；不填则输出 JSON 到标准输出"
        )

    def handle(self, *args, output=None, **options):
        data, files = export_bundle()
        text = dumps(data)
        if output and output.lower().endswith(".zip"):
            with open(output, "wb") as handle:
                handle.write(write_bundle(text, files))
            counts = "，".join(f"{key} {len(data[key])}" for key in ("occupations", "modules", "packages"))
            self.stderr.write(self.style.SUCCESS(f"已导出到 {output}：{counts}，资料文件 {len(files)} 个"))
        elif output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            counts = "，".join(f"{key} {len(data[key])}" for key in ("occupations", "modules", "packages"))
            self.stderr.write(self.style.SUCCESS(f"已导出到 {output}：{counts}"))
        else:
            self.stdout.write(text, ending="")
