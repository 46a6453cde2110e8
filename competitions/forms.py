"""Forms of the competitions app: the public winners filter and the admin import / announcement forms."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from cms.admin_uploads import UploadForm
from cms.widgets import FastSelect

from .choices import Award

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class WinnersFilterForm(forms.Form):
    """Filters of the winners hall; the choices are the values present among the winners."""

    occupation = forms.ChoiceField(label=_("职业"), required=False, widget=FastSelect)
    year = forms.ChoiceField(label=_("年度"), required=False, widget=FastSelect)
    city = forms.ChoiceField(label=_("市州"), required=False, widget=FastSelect)
    award = forms.ChoiceField(
        label=_("奖项"), required=False, choices=[("", _("全部")), *Award.choices], widget=FastSelect
    )

    def __init__(self, *args, occupations=(), years=(), cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["occupation"].choices = everything + [(value, value) for value in occupations]
        self.fields["year"].choices = everything + [(str(value), str(value)) for value in years]
        self.fields["city"].choices = everything + [(value, value) for value in cities]


class ResultsUploadForm(UploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    extensions = (".csv", ".xlsx", ".txt")
    file = forms.FileField(
        label=_("成绩文件"),
        help_text=_("CSV（UTF-8 或 GB18030 编码）或 XLSX；第一行为表头。"),
    )


class NoticeForm(forms.Form):
    # Wagtail's date picker writes YYYY-MM-DD (settings.WAGTAIL_DATE_FORMAT); a native date input would follow
    # the browser's locale (MM/DD/YYYY on an English system).
    notice_start = forms.DateField(label=_("公示开始"), widget=AdminDateInput())
    notice_end = forms.DateField(label=_("公示结束"), widget=AdminDateInput())
    objection_contact = forms.CharField(
        label=_("异议受理联系方式"),
        max_length=200,
        help_text=_("例如：省竞赛组委会办公室 028-12345678（工作日 9:00–17:00）"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("notice_start", today)
            self.initial.setdefault("notice_end", today + datetime.timedelta(days=6))

    def clean(self):
        data = super().clean()
        start, end = data.get("notice_start"), data.get("notice_end")
        if start and end and end < start:
            self.add_error("notice_end", _("公示结束日期不能早于开始日期。"))
        elif end and end < timezone.localdate():
            # A notice that already ended would let the results be confirmed at once: no 公示 at all.
            self.add_error("notice_end", _("公示结束日期不能早于今天。"))
        return data
