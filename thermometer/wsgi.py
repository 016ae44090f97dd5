import os
from importlib import import_module

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thermometer.conf.base")
application = get_wsgi_application()

# Import every view now, while the worker boots, rather than in its first request.
from django.conf import settings  # noqa: E402

import_module(settings.ROOT_URLCONF)

# And start what the first page with a grade would start (scipy's t-distribution).
from thermometer.analysis.measures import warm_up  # noqa: E402

warm_up()
