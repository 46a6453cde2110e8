"""Settings of the server the browser tests start: the production settings, pointed at the test run's folders.

Production settings (manifest static files through whitenoise, DEBUG off, security headers) so the browser sees
what visitors see. What differs: paths come from the test run, the style guide is public so axe can check it,
passwords use a fast hasher (the journeys log in several times; hashing strength is not what they test), and
e-mail (Wagtail's moderation notifications) is written to files in the run's folder, where a journey can read it.
"""

import os
from pathlib import Path

from cms.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BROWSER_TEST_STATIC_ROOT"])
STYLEGUIDE_PUBLIC = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["BROWSER_TEST_MAIL_DIR"]
