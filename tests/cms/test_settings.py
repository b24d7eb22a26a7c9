"""Settings come from the environment; production refuses unsafe configuration.

Each case imports the settings in a fresh interpreter with a controlled environment and prints
the values as JSON, so that nothing here depends on the test process's own settings.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CONFIG_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "ELASTICSEARCH_INDEX_PREFIX",
    "EMAIL_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DJANGO_SETTINGS_MODULE",
    "PAGE_CACHE_SECONDS",
    "CACHE_KEY_PREFIX",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "MEDIA_ROOT",
    "WAGTAILADMIN_BASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/conftest.py for the browser tests
    "SMS_BACKEND",
    "SMS_GATEWAY_URL",
    "SMS_GATEWAY_KEY",
)

PROBE = """
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
names = sys.argv[2:]
print(json.dumps({name: getattr(module, name, None) for name in names}, default=str))
"""


def clean_env(**variables) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    env.update(variables)
    return env


def run(args, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def load_settings(module, names, **variables) -> dict:
    result = run(["-c", PROBE, module, *names], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_env(**extra) -> dict:
    return {
        "SECRET_KEY": secrets.token_urlsafe(45)[:60],
        "ALLOWED_HOSTS": "portal.binjaikota.go.id",
        "WAGTAILADMIN_BASE_URL": "https://portal.binjaikota.go.id",
        "SMS_GATEWAY_URL": "https://sms-gateway.binjaikota.go.id/v1/messages",
        "SMS_GATEWAY_KEY": "kunci-gateway",
        **extra,
    }


def test_defaults_need_nothing_installed():
    names = ["DATABASES", "CACHES", "WAGTAILSEARCH_BACKENDS", "EMAIL_BACKEND", "PAGE_CACHE_SECONDS"]
    values = load_settings("cms.settings.base", names)
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(BASE_DIR / "db.sqlite3")
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    # Wagtail's database backend, word-by-word on PostgreSQL (search/backends.py).
    assert values["WAGTAILSEARCH_BACKENDS"]["default"] == {
        "BACKEND": "search.backends",
        "SEARCH_CONFIG": "indonesian",
    }
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["PAGE_CACHE_SECONDS"] == 300


def test_urls_from_the_environment_configure_every_service():
    values = load_settings(
        "cms.settings.base",
        [
            "DATABASES",
            "CACHES",
            "WAGTAILSEARCH_BACKENDS",
            "EMAIL_BACKEND",
            "EMAIL_HOST",
            "EMAIL_PORT",
            "EMAIL_HOST_USER",
            "EMAIL_HOST_PASSWORD",
            "EMAIL_USE_TLS",
            "PAGE_CACHE_SECONDS",
        ],
        DATABASE_URL="postgres://portal:rahasia@db.internal:5433/binjai",
        REDIS_URL="redis://cache.internal:6379/2",
        ELASTICSEARCH_URL="https://search.internal:9200",
        EMAIL_URL="smtp+tls://mailer:sandi@smtp.binjaikota.go.id:587",
        PAGE_CACHE_SECONDS="60",
    )
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"], database["HOST"], database["PORT"]) == (
        "binjai",
        "portal",
        "rahasia",
        "db.internal",
        5433,
    )
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True
    assert values["CACHES"]["default"] == {
        "BACKEND": "cms.redis_cache.PrefixedRedisCache",
        "LOCATION": "redis://cache.internal:6379/2",
        "KEY_PREFIX": "binjai",
        "TIMEOUT": 300,
    }
    search = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert search["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert search["URLS"] == ["https://search.internal:9200"]
    assert search["INDEX_PREFIX"] == "binjai_"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"], values["EMAIL_HOST_USER"]) == (
        "smtp.binjaikota.go.id",
        587,
        "mailer",
    )
    assert values["EMAIL_HOST_PASSWORD"] == "sandi"
    assert values["EMAIL_USE_TLS"] is True
    assert values["PAGE_CACHE_SECONDS"] == 60


def test_production_check_deploy_is_clean():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        **production_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "WARNING" not in output and "security.W" not in output
    assert "System check identified no issues" in output


def test_production_settings_are_secure():
    values = load_settings(
        "cms.settings.production",
        [
            "WAGTAILADMIN_BASE_URL",
            "WAGTAIL_GRAVATAR_PROVIDER_URL",
            "DEBUG",
            "ALLOWED_HOSTS",
            "CSRF_TRUSTED_ORIGINS",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "LANGUAGE_COOKIE_SECURE",
            "STORAGES",
        ],
        **production_env(),
    )
    assert values["DEBUG"] is False
    assert values["WAGTAILADMIN_BASE_URL"] == "https://portal.binjaikota.go.id"
    # Staff e-mail hashes never go to a third party for avatars.
    assert values["WAGTAIL_GRAVATAR_PROVIDER_URL"] is None
    assert values["ALLOWED_HOSTS"] == ["portal.binjaikota.go.id"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://portal.binjaikota.go.id"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["STORAGES"]["staticfiles"]["BACKEND"].endswith("CompressedManifestStaticFilesStorage")


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"ALLOWED_HOSTS": "portal.binjaikota.go.id"}, "SECRET_KEY"),
        (
            {"SECRET_KEY": "terlalu-pendek", "ALLOWED_HOSTS": "portal.binjaikota.go.id"},
            "at least 50 characters",
        ),
        (
            {"SECRET_KEY": "django-insecure-" + "x" * 60, "ALLOWED_HOSTS": "portal.binjaikota.go.id"},
            "at least 50 characters",
        ),
        ({"SECRET_KEY": secrets.token_urlsafe(45)}, "ALLOWED_HOSTS"),
        (
            {"SECRET_KEY": secrets.token_urlsafe(45), "ALLOWED_HOSTS": "portal.binjaikota.go.id"},
            "WAGTAILADMIN_BASE_URL",
        ),
    ],
    ids=["no-secret-key", "short-secret-key", "insecure-prefix", "no-allowed-hosts", "no-admin-base-url"],
)
def test_production_refuses_to_start_without_safe_secrets(variables, message):
    result = run(["-c", PROBE, "cms.settings.production", "DEBUG"], **variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_needs_the_sms_gateway_or_an_explicit_opt_out():
    without_gateway = {
        "SECRET_KEY": secrets.token_urlsafe(45)[:60],
        "ALLOWED_HOSTS": "portal.binjaikota.go.id",
        "WAGTAILADMIN_BASE_URL": "https://portal.binjaikota.go.id",
    }
    result = run(["-c", PROBE, "cms.settings.production", "DEBUG"], **without_gateway)
    assert result.returncode != 0
    assert "SMS_GATEWAY_URL" in result.stderr
    values = load_settings(
        "cms.settings.production",
        ["SMS_BACKEND"],
        SMS_BACKEND="smartcity.core.sms.DisabledBackend",
        **without_gateway,
    )
    assert values["SMS_BACKEND"] == "smartcity.core.sms.DisabledBackend"
    values = load_settings("cms.settings.production", ["SMS_BACKEND", "SMS_GATEWAY_URL"], **production_env())
    assert values["SMS_BACKEND"] == "smartcity.core.sms.HttpGatewayBackend"


def test_test_settings_send_no_mail_and_run_tasks_immediately(settings):
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"


def test_postgresql_connections_plan_for_ssd_random_reads():
    values = load_settings("cms.settings.base", ["DATABASES"], DATABASE_URL="postgres://p@db:5432/binjai")
    assert values["DATABASES"]["default"]["OPTIONS"]["options"] == "-c random_page_cost=1.1"
    values = load_settings(
        "cms.settings.base",
        ["DATABASES"],
        DATABASE_URL="postgres://p@db:5432/binjai",
        DATABASE_RANDOM_PAGE_COST="2",
    )
    assert values["DATABASES"]["default"]["OPTIONS"]["options"] == "-c random_page_cost=2.0"
    sqlite = load_settings("cms.settings.base", ["DATABASES"], DATABASE_URL="sqlite:///x.sqlite3")
    assert "OPTIONS" not in sqlite["DATABASES"]["default"] or not sqlite["DATABASES"]["default"]["OPTIONS"]


def test_the_wsgi_application_keeps_what_it_loaded_out_of_garbage_collection():
    """A full collection over everything Django and Wagtail loaded took ~110 ms of one request."""
    probe = "import gc; import cms.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    result = run(["-c", probe])
    assert result.returncode == 0, result.stderr
    frozen, tracked = map(int, result.stdout.split())
    assert frozen > 100_000
    assert tracked < frozen / 10
