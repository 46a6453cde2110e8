"""Admin view: paste a document's text, preview the detected structure and warnings, create the draft."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import ImportPolicyForm
from .importer import ImportRefused, check_importable, create_draft, parse
from .models import PolicyIndexPage


def import_parent_for(user):
    """The policy section page, if this user may add pages under it."""
    parent = PolicyIndexPage.objects.first()
    if parent is None or not parent.permissions_for_user(user).can_add_subpage():
        return None
    return parent


class ImportPolicyView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportPolicyForm
    template_name = "policy/admin/import_policy.html"
    page_title = _("导入政策文件")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.parent = import_parent_for(request.user)
        if self.parent is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parent"] = self.parent
        return context

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        parsed = parse(form.cleaned_data["text"])
        problems = check_importable(parsed)
        if self.request.POST.get("action") != "create" or problems:
            return self.render_to_response(self.get_context_data(form=form, parsed=parsed, problems=problems))
        try:
            page = create_draft(parsed, self.parent, user=self.request.user)
        except ImportRefused as refused:
            return self.render_to_response(self.get_context_data(form=form, parsed=parsed, problems=refused.problems))
        messages.success(
            self.request,
            _("已创建草稿《%(title)s》：%(sections)s 章 %(clauses)s 条，%(warnings)s 条警告。请核对后发布。")
            % {
                "title": page.title,
                "sections": len(parsed.sections),
                "clauses": len(parsed.clauses),
                "warnings": len(parsed.warnings),
            },
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def policy_pages(request):
    """The admin explorer of the policy section (a stable menu link though the page id differs per site)."""
    parent = PolicyIndexPage.objects.first()
    if parent is None:
        return redirect("wagtailadmin_explore_root")
    return redirect("wagtailadmin_explore", parent.pk)
