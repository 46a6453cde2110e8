"""培训大纲: a printable PDF of one training package (modules, hours, outcomes, assessment), Chinese font embedded.

fpdf2 subsets and embeds the system CJK font (fonts-wqy-microhei; settings.CJK_FONT_PATH), so the titles are real
text a reader can search and copy, and the PDF looks the same on a phone without Chinese fonts.
"""

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from .rules import format_hours
from .text import split_lines

DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "cjk"


def font_path() -> Path:
    return Path(getattr(settings, "CJK_FONT_PATH", DEFAULT_FONT))


class OutlinePDF(FPDF):
    def __init__(self, footer_text):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.add_font(FONT, fname=str(font_path()))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 6, f"{self.footer_text}  ·  {self.page_no()}/{{nb}}", align="C")

    def heading(self, text, size=13):
        self.ln(3)
        self.set_font(FONT, size=size)
        self.multi_cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=10.5)

    def paragraph(self, text):
        self.set_font(FONT, size=10.5)
        self.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def outline_pdf(package) -> bytes:
    """The package's outline: title block, hours table, each module with its outcomes, then the assessment."""
    occupation = package.parent_occupation
    rows = package.module_rows()
    totals = package.totals(rows)
    pdf = OutlinePDF(footer_text=f"{package.code} {package.title}")
    pdf.set_title(f"{package.title} 培训大纲")
    pdf.set_creator(_("四川康养职业技能培训"))
    pdf.add_page()
    pdf.set_font(FONT, size=18)
    pdf.multi_cell(0, 10, package.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=14)
    pdf.cell(0, 9, _("培训大纲"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=10.5)
    facts = [
        (_("培训包代码"), package.code),
        (_("职业（工种）"), f"{occupation.title}（{occupation.code}）" if occupation and occupation.code else ""),
        (_("等级"), package.level.name),
        (
            _("合计学时"),
            _("%(total)s 学时（理论 %(theory)s，实操 %(practice)s）")
            % {
                "total": format_hours(totals.total),
                "theory": format_hours(totals.theory),
                "practice": format_hours(totals.practice),
            },
        ),
    ]
    if occupation and not occupation.code:
        facts[1] = (_("职业（工种）"), occupation.title)
    if package.min_hours is not None:
        facts.append((_("最低学时"), format_hours(package.min_hours)))
    for label, value in facts:
        pdf.paragraph(f"{label}：{value}")
    if package.summary:
        pdf.heading(_("培训包简介"))
        pdf.paragraph(package.summary)

    pdf.heading(_("课程模块与学时"))
    headings = (_("序号"), _("模块代码"), _("课程模块"), _("理论"), _("实操"), _("小计"))
    with pdf.table(
        col_widths=(10, 22, 70, 14, 14, 14),
        text_align=("CENTER", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=FontFace(emphasis="", fill_color=(226, 239, 234)),
    ) as table:
        table.row(headings)
        for position, row in enumerate(rows, start=1):
            module = row.module
            table.row(
                (
                    str(position),
                    module.code,
                    module.title,
                    format_hours(module.theory_hours),
                    format_hours(module.practice_hours),
                    format_hours(module.total_hours),
                )
            )
        table.row(
            (
                "",
                "",
                _("合计"),
                format_hours(totals.theory),
                format_hours(totals.practice),
                format_hours(totals.total),
            )
        )

    pdf.heading(_("学习目标"))
    for position, row in enumerate(rows, start=1):
        module = row.module
        pdf.set_font(FONT, size=11.5)
        pdf.multi_cell(0, 7, f"{position}. {module.title}（{module.code}）", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for outcome in split_lines(module.outcomes):
            pdf.paragraph(f"    · {outcome}")

    if package.assessment:
        pdf.heading(_("考核说明"))
        pdf.paragraph(package.assessment)
    pdf.ln(4)
    pdf.set_font(FONT, size=8.5)
    pdf.paragraph(_("生成日期：%(date)s") % {"date": timezone.localdate().isoformat()})
    return bytes(pdf.output())


def outline_response(package) -> HttpResponse:
    if not font_path().exists():
        raise Http404(_("服务器未安装中文字体，暂时无法生成培训大纲。"))
    response = HttpResponse(outline_pdf(package), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{package.code}-outline.pdf"'
    return response
