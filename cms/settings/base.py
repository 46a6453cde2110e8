"""Settings shared by every environment; every deployment-specific value comes from the environment.

See https://docs.djangoproject.com/en/5.2/ref/settings/ and
https://docs.wagtail.org/en/stable/reference/settings.html
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"  # noqa: S105


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The project's own apps, by name: the page cache watches their models and backups export them. A new app goes
# here (and into the import contracts in pyproject.toml: tests/test_import_contracts.py checks both).
PROJECT_APPS = [
    "cms",
    "policy",
    "cms.accounts",
    "curricula",
    "competitions",
    "progress",
    "training",
    "search",
]
INSTALLED_APPS = [
    *PROJECT_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.cache.PageCacheMiddleware",
    "cms.display.DisplayModeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.accounts.escalation.PrivilegeGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.display.display_mode",
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file beside manage.py.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it: after a database restart the workers
        # reconnect instead of answering 500 on their dead connections.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log: readers never wait for a writer, and a commit appends to the log instead of rewriting a
    # journal (a rate-limit counter write on the bench machine: 22 ms in SQLite's default journal mode, 4.3 ms in WAL,
    # 0.1 ms in WAL with synchronous=NORMAL, the setting SQLite recommends with WAL: never corrupt; a power cut may
    # lose the last commits, an application crash loses nothing).
    SQLITE_SYNCHRONOUS = os.environ.get("SQLITE_SYNCHRONOUS", "NORMAL").upper()
    if SQLITE_SYNCHRONOUS not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
        raise ImproperlyConfigured("SQLITE_SYNCHRONOUS must be OFF, NORMAL, FULL or EXTRA.")
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cms.User"
# Login lockout by django-axes (first backend), then Django's ModelBackend.
AUTHENTICATION_BACKENDS = ["cms.accounts.lockout.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
WAGTAILADMIN_USER_LOGIN_FORM = "cms.accounts.login_form.AdminLoginForm"
# How many reverse proxies in front of the site append to X-Forwarded-For (cms.network.client_ip): 0 = none, the
# socket address is the client. Used by the login lockout and the rate limiter alike.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0)
# django-axes: a lockout is per (user name, address) pair, so nobody can lock an editor out from elsewhere;
# attempts are kept in the database (shared by every worker); 站点管理 unlocks under 设置 → 登录锁定.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.network.client_ip"
AXES_USERNAME_CALLABLE = "cms.accounts.lockout.username_of"
AXES_LOCKOUT_TEMPLATE = "cms/lockout.html"
AXES_ENABLE_ADMIN = False  # no Django admin here; the Wagtail view in cms.accounts.lockout unlocks
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
# Dates are shown and typed as YYYY-MM-DD in every language (cms/formats) and in Wagtail's date pickers, whatever
# the browser's locale.
FORMAT_MODULE_PATH = ["cms.formats"]
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False

# Static and media files.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# The application serves MEDIA_URL itself (cms.media_views) unless a web server in front does (SERVE_MEDIA=0).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails open (cms.cache_backends): Redis down costs speed, not the site. Short timeouts so an
            # unreachable Redis does not hold requests.
            "BACKEND": "cms.cache_backends.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            # Several sites (or test runs) may share one Redis database: each gets its own prefix.
            "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", "kangyang"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kangyang",
        }
    }

# Full-page cache for anonymous visitors (cms.cache); PAGE_CACHE=0 switches it off (the cold-cache bench).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
# Site, site settings and menu kept per process until a global change (cms.cache.request_memo); CHROME_MEMO=0: off.
CHROME_MEMO_ENABLED = env_bool("CHROME_MEMO", True)
# Per-client limits on search and the read API (cms.ratelimit); RATELIMIT=0 only for load benchmarks from one address.
RATELIMIT_ENABLED = env_bool("RATELIMIT", True)

# Wagtail.
WAGTAIL_SITE_NAME = "四川康养职业技能培训"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "cms.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "cms.CustomDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "png", "jpg", "jpeg", "gif", "webp", "mp4", "vtt"]
# Teaching videos may link to these hosts (and their subdomains) only; anything else is uploaded as MP4.
CURRICULA_VIDEO_HOSTS = ["12333.gov.cn", "mohrss.gov.cn", "rst.sc.gov.cn", "v.qq.com", "bilibili.com", "ixigua.com"]
# The CJK font embedded in generated PDFs (培训大纲); Debian package fonts-wqy-microhei.
CJK_FONT_PATH = os.environ.get("CJK_FONT_PATH", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Uploads are validated by content (cms/uploads.py): header-only pixel check, document type allow-list.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.uploads.SafeDocumentForm"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILAPI_LIMIT_MAX = 100
# No third-party requests from the admin: avatars would come from gravatar.com (slow or blocked in mainland China).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a version check against releases.wagtail.org from every admin dashboard.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Absolute URLs in API answers (detail_url, download_url); unset: the Wagtail site's root URL.
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or None

# Search: Wagtail's database backend taught Chinese (search.backends.database) serves the admin and the embedded
# public search; the public search uses Elasticsearch instead when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "kangyang-search")
# How long a process remembers whether a query is very common (search.backends.common_terms); 0: count every time.
SEARCH_COMMON_DECISION_SECONDS = int(os.environ.get("SEARCH_COMMON_DECISION_SECONDS", "300"))
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.database"},
}

# Background tasks run immediately in-process (django-tasks via Wagtail).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

SITE_DESCRIPTION = _("四川省康养职业技能培训计划：课程、竞赛与政策宣传")
