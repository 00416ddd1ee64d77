"""The demo logins and site addresses, in one place so that ``make demo`` can print them.

Plain Python (no Django import): ``gongkai.demo`` prints from here, ``agencies.py`` creates the
users from here, and the tests log in with these.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    full_name: str
    email: str
    role: str  # a Membership.Role value; "" for the system administrator
    agency: str  # key into agencies.AGENCIES; "" for the system administrator
    note: str = ""  # what the login is good for, shown when printed
    superuser: bool = False


# Passwords are "<username>-demo" (admin: "admin-demo") so that they can be remembered from the
# list; they are for a demo database only, which `make demo` says when it prints them.
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("jingban", "jingban-demo", "刘晓燕", "jingban@example.com", "officer", "jiaoti",
              "登记、办理申请"),
    DemoLogin("shenhe", "shenhe-demo", "王建国", "shenhe@example.com", "approver", "jiaoti",
              "批准延期、审核答复"),
    DemoLogin("chakan", "chakan-demo", "赵敏", "chakan@example.com", "viewer", "jiaoti", "只读查看本机关"),
    DemoLogin("jiandu", "jiandu-demo", "孙立新", "jiandu@example.com", "supervisor", "zhangdian",
              "区政务公开办：只读查看全区各机关"),
    DemoLogin("quzf", "quzf-demo", "陈晓东", "quzf@example.com", "officer", "zhangdian", "区政府本级申请办理"),
    DemoLogin("admin", "admin-demo", "系统管理员", "admin@example.com", "", "", "后台管理全部数据", superuser=True),
)


def demo_urls(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> tuple[tuple[str, str], ...]:
    base = f"http://{host}:{port}"
    return (
        ("门户网站", f"{base}/"),
        ("工作台（工作人员登录）", f"{base}/staff/"),
        ("后台管理", f"{base}/admin/"),
    )


DEMO_URLS = demo_urls()
