"""A pre-forking WSGI server for the case-list benchmark (``python -m bench.caselist_server HOST PORT WORKERS``).

How Gongkai is deployed — stateless web processes, one or more per CPU core (design.md) — and
not how ``runserver`` works: runserver is one process whose threads share one interpreter
lock, so on a two-core machine it uses one core and every request waits for the others'
Python. Here the parent binds the socket, loads Django once and forks ``WORKERS`` processes
that each serve one request at a time from the shared socket (like gunicorn's sync workers),
with the standard library only. Request logging is off, as behind a production server.

The parent stops its workers when it is terminated.
"""

from __future__ import annotations

import os
import signal
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(host: str, port: int, workers: int) -> None:
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    # No database connection is open before the fork: each worker opens its own.
    server: WSGIServer = make_server(host, port, get_wsgi_application(), handler_class=QuietHandler)
    children: list[int] = []
    for _ in range(max(workers, 1) - 1):
        pid = os.fork()
        if pid == 0:
            children = []
            break
        children.append(pid)
    if children:
        def stop(signum: int, frame: object) -> None:
            for pid in children:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    server.serve_forever()


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
