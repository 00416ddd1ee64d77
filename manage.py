#!/usr/bin/env python
"""Django's command-line utility for the Gongkai web project."""

from __future__ import annotations

import sys


def main() -> None:
    from web import configure_settings_module

    configure_settings_module()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
