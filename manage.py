#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    from pathlib import Path

    from thermometer.conf.env import load_env_file

    # The local settings `make setup` wrote (DEBUG and a SECRET_KEY for this machine);
    # the environment wins, so production's own settings are never overridden.
    load_env_file(os.environ.get("THERMOMETER_ENV_FILE") or Path(__file__).parent / ".env")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thermometer.conf.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
