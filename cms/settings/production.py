"""Production: secrets and hosts must come from the environment, or the process will not start."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")  # no default: fail fast
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-", "django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Links in moderation and notification e-mails point here: no localhost default in production.
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS])

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Texts go to the city's gateway; a city without one sets SMS_BACKEND=smartcity.core.sms.DisabledBackend.
SMS_BACKEND = env.str("SMS_BACKEND", default="smartcity.core.sms.HttpGatewayBackend")
if SMS_BACKEND.endswith(".HttpGatewayBackend"):
    SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL")  # no default: fail fast
    SMS_GATEWAY_KEY = env.str("SMS_GATEWAY_KEY")

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
