#!/usr/bin/env python
import os
import sys

# Where production variables are set, never fall back to development settings silently.
PRODUCTION_VARIABLES = ("DJANGO_SECRET_KEY", "DATABASE_URL")

if __name__ == "__main__":
    if "DJANGO_SETTINGS_MODULE" not in os.environ:
        if any(os.environ.get(name) for name in PRODUCTION_VARIABLES):
            sys.exit(
                "已设置生产环境变量（DJANGO_SECRET_KEY 或 DATABASE_URL），却没有设置 "
                "DJANGO_SETTINGS_MODULE。请设置 DJANGO_SETTINGS_MODULE=portal.settings.production"
                "（开发环境用 portal.settings.dev）。"
            )
        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
