"""WSGI entry point (gunicorn cms.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, the apps: about 270,000 objects) lives as long as
# the process. Left to the garbage collector, a full collection walks all of it, about 110 ms
# that one visitor's request pays every few hundred requests; frozen, collections only look at
# what requests create.
gc.freeze()
