"""Local development: DEBUG on, a throwaway secret key, every host allowed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
WHITENOISE_USE_FINDERS = True

# Run background tasks (search indexing, reference index, e-mail) in the request on a developer's
# machine, so `make demo` needs no worker; TASKS_BACKEND picks the database queue instead.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"),
    }
}
