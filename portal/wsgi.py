"""The WSGI entry point: a WSGI server is production, so production settings unless told
otherwise; and it refuses to start while an account still uses the demo's published password."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

from demo.safety import refuse_known_passwords  # noqa: E402  (needs the apps loaded)

refuse_known_passwords()
