"""``python -m gongkai.demodata [--reset]``: (re)load the demo data into the configured database
(``DATABASE_URL``, default var/gongkai.sqlite3), migrating it first."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gongkai.demodata", description="载入演示数据（可重复运行，不会重复创建）。"
    )
    parser.add_argument(
        "--reset", action="store_true", help="先删除演示申请等演示记录，恢复演示账号的密码和角色，再重新载入"
    )
    args = parser.parse_args(argv)

    import django
    from django.core.management import call_command

    from web import configure_settings_module

    configure_settings_module()
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)

    from gongkai.demodata import DEMO_LOGINS, describe_login, load_demo

    summary = load_demo(reset=args.reset)
    for line in summary.lines():
        print(line)
    print("演示账号（仅供演示，切勿用于正式环境）：")
    for login in DEMO_LOGINS:
        print(f"  {describe_login(login)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
