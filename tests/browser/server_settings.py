"""Settings of the server the browser tests start: the production settings, pointed at the test run's folders.

Production settings (manifest static files through whitenoise, DEBUG off, security headers) so the browser sees
what visitors see; only paths come from the test run, and the style guide is public so axe can check it.
"""

import os
from pathlib import Path

from cms.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BROWSER_TEST_STATIC_ROOT"])
STYLEGUIDE_PUBLIC = True
