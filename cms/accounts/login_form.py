"""The admin login form: Wagtail's, with a password label that can be translated.

Wagtail's password field has no label, so Django falls back to the field name and the Chinese admin showed the
English word "Password" under a Chinese title.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
