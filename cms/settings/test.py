"""Test settings: fast hashing, tasks run immediately, nothing leaves the machine."""

import uuid

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "smartcity.core.sms.LocmemBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"
BUDGET_DEMO_SIZE = "small"  # seed_demo in tests: a few hundred budget lines, not 20,000
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"  # a sibling of MEDIA_ROOT, never inside it

if CACHES["default"]["BACKEND"].endswith("PrefixedRedisCache"):
    # Each test process keeps to its own keys and deletes only those (never FLUSHDB), so a
    # Redis database somebody uses, a parallel run's or another xdist worker's is left alone.
    CACHES["default"]["KEY_PREFIX"] = f"binjai-test-{uuid.uuid4().hex[:12]}"
