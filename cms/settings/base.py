"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see README,
"Configuration"). The defaults run with nothing installed: SQLite, local-memory cache,
Wagtail's database search backend and console e-mail. Secrets have no default here:
``dev.py`` and ``test.py`` supply throwaway ones, ``production.py`` refuses to start without them.
"""

from pathlib import Path

import environ

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

# --- Applications -------------------------------------------------------------------------

INSTALLED_APPS = [
    "home",
    "search",
    "smartcity.core",
    "smartcity.complaints",
    "smartcity.appointments",
    "smartcity.transparency",
    "smartcity.musrenbang",
    "smartcity.permits",
    "smartcity.budget",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "wagtail_localize",
    "wagtail_localize.locales",  # Wagtail's locale admin, plus "sync from" another locale
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
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.ContentLanguageMiddleware",
    "cms.cache.AnonymousPageCacheMiddleware",
    "cms.middleware.CachedSiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The database lives on SSD or in memory: random reads cost little more than sequential ones.
    # With PostgreSQL's default (4, for spinning disks) the planner scans every search-index entry
    # for a rare word instead of reading its few matches through the GIN indexes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c random_page_cost={env.float('DATABASE_RANDOM_PAGE_COST', default=1.1)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Shared cache for every app server: page cache, rate limits and sessions' neighbours.
    # Clearing it deletes only keys under KEY_PREFIX, never the whole Redis database.
    CACHES = {
        "default": {
            "BACKEND": "cms.redis_cache.PrefixedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="binjai"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "binjai",
            "TIMEOUT": 300,
        }
    }

# Seconds an anonymous visitor's page stays in the page cache (0 turns the cache off).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# Background work: Django's task framework (the django-tasks backport that Wagtail uses),
# stored in the database and run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# --- Search ---------------------------------------------------------------------------------

ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": env.str("ELASTICSEARCH_INDEX_PREFIX", default="binjai_"),
            "TIMEOUT": 10,
            "OPTIONS": {},
            # Indonesian stemming and stop words for every analysed field.
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {"analyzer": {"default": {"type": "indonesian"}}},
                }
            },
        }
    }
else:
    # Wagtail's database backend: SQLite FTS5 here, PostgreSQL full-text search with the
    # `indonesian` text search configuration (stemming "pelayanan" -> "layan") on PostgreSQL.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends",
            "SEARCH_CONFIG": "indonesian",
        }
    }

# --- Auth -----------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", "Bahasa Indonesia"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "bahasa"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Content is translated with Wagtail's own localisation: one page tree per language (the
# Indonesian one at unprefixed URLs, English under /en/), translatable snippets and per-locale
# site settings; wagtail-localize gives editors the translation screens (README, "Languages").
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media -------------------------------------------------------------------------

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Binjai Smart City"
# The one base URL of the site: links in moderation e-mails, and the Site root URL that
# `seed_demo` sets (canonical links, og:url, sitemap and feeds). Production requires it.
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
# No avatars from gravatar.com: staff e-mail hashes must not go to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_USER_LOGIN_FORM = "cms.admin_forms.LoginForm"  # a translated password label
# Documents pass through Django so that privacy settings are always enforced.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "pptx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_HITS_MAX_AGE = 30
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# --- E-mail ---------------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Pemko Binjai <noreply@binjaikota.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override this to SAMEORIGIN themselves

# Content Security Policy for the public site: every asset comes from the site itself.
# The Wagtail admin ships its own inline bootstrapping and is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Map tiles for the complaint form and map (e.g. "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
# with its attribution). Empty: the maps show their markers over a plain background. The tile
# server's origin is added to the CSP's img-src.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
if MAP_TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(MAP_TILE_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}"
    )


def pmtiles_csp_origin(url: str) -> str | None:
    """The origin to allow in connect-src for a PMTiles file on another host (None: same site)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# A self-hosted basemap: one PMTiles file (e.g. "/peta/binjai.pmtiles", served with HTTP range
# requests by the site's proxy or any static host), drawn with protomaps-leaflet. It takes
# precedence over MAP_TILE_URL. Without either, the maps write each kelurahan's name at its
# centre. See README "Maps and the basemap".
MAP_PMTILES_URL = env.str("MAP_PMTILES_URL", default="")
MAP_PMTILES_ATTRIBUTION = env.str(
    "MAP_PMTILES_ATTRIBUTION",
    default="© OpenStreetMap contributors" if MAP_PMTILES_URL else "",
)
if _pmtiles_origin := pmtiles_csp_origin(MAP_PMTILES_URL):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["connect-src"].append(_pmtiles_origin)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# --- Citizen services -------------------------------------------------------------------------

# Attachments of citizens' cases: outside MEDIA_ROOT, never served directly by the web server.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
CASE_ATTACHMENT_MAX_BYTES = env.int("CASE_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
CASE_ATTACHMENT_MAX_FILES = 5
# Decoding work per upload is bounded by pixels, read from the image header before decoding:
# one photo (24 MP, a 6000 x 4000 camera picture) and all photos of one request together.
UPLOAD_MAX_IMAGE_PIXELS = 24_000_000
UPLOAD_MAX_PIXELS_PER_REQUEST = 50_000_000
# Photos are stored at most this many pixels wide or high (plenty to see a pothole).
UPLOAD_STORED_IMAGE_MAX_SIDE = 3200
# Public forms: a submission faster than this after the form was shown is treated as a bot.
FORM_MIN_FILL_SECONDS = env.int("FORM_MIN_FILL_SECONDS", default=3)
FORM_MAX_AGE_SECONDS = 24 * 3600
# Background e-mail: attempts before giving up, and the wait before each retry.
# SMS/WhatsApp to citizens who give a phone number (smartcity.core.sms): console in development.
SMS_BACKEND = env.str("SMS_BACKEND", default="smartcity.core.sms.ConsoleBackend")
SMS_CHANNEL = env.str("SMS_CHANNEL", default="sms")  # "sms" or "whatsapp", as the gateway offers
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_KEY = env.str("SMS_GATEWAY_KEY", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=10.0)
NOTIFICATION_MAX_ATTEMPTS = 5
NOTIFICATION_RETRY_SECONDS = [60, 300, 900, 3600]
# e-masyarakat: first response due within this many working days (resolution targets are per category).
COMPLAINT_FIRST_RESPONSE_DAYS = env.int("COMPLAINT_FIRST_RESPONSE_DAYS", default=3)
RATELIMIT_USE_CACHE = "default"
# RATELIMIT_ENABLE=false turns every rate limit of the site off (for load tests only).
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# Failed access-code lookups (tracking a case): per address and case, and per address overall.
CASE_LOOKUP_FAILURES_PER_REFERENCE = env.str("CASE_LOOKUP_FAILURES_PER_REFERENCE", default="10/h")
CASE_LOOKUP_FAILURES_PER_ADDRESS = env.str("CASE_LOOKUP_FAILURES_PER_ADDRESS", default="100/h")
# Behind a reverse proxy, name the header that carries the client address (e.g. HTTP_X_REAL_IP).
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")
# Open311 GeoReport v2 API (/open311/v2/).
OPEN311_JURISDICTION_ID = env.str("OPEN311_JURISDICTION_ID", default="binjaikota.go.id")
OPEN311_CITY_NAME = "Binjai"
OPEN311_POST_RATE = env.str("OPEN311_POST_RATE", default="60/h")

# --- Public JSON API (/api/v1/) ----------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Binjai Smart City API",
    "DESCRIPTION": (
        "Public services of the City of Binjai: e-appointment (janji temu), e-sippadu (permit "
        "verification), e-musrenbang (development planning proposals), e-budgeting (APBD) and PPID "
        "(the yearly report of the information service)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Only /api/v1/ (not Wagtail's admin APIs), for the served schema and `check --deploy` alike.
    "DEFAULT_GENERATOR_CLASS": "cms.api_urls.PublicAPISchemaGenerator",
    # Swagger UI served by the site itself (drf-spectacular-sidecar), never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several services answer a "status": each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ProposalStatusEnum": "smartcity.musrenbang.models.Proposal.Status",
        "PermitStatusEnum": "smartcity.permits.models.Permit.State",
    },
}

# e-budgeting demo: "full" seeds about 20,000 budget lines (two years); "small" a few hundred.
BUDGET_DEMO_SIZE = env.str("BUDGET_DEMO_SIZE", default="full")
