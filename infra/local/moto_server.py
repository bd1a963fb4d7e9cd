"""moto's server for the local stack, with connections kept open between requests.

moto's own server (werkzeug's development server) closes every connection after one response, so each AWS
call from the app, the pump and `chalice local` opens a TCP connection and the server starts a thread for
it: at thousands of calls a minute that costs both processes more than many of the calls themselves. Here
a connection serves request after request, as botocore's connection pool expects of AWS. The one thing
that made werkzeug close them, a request body the app did not read to its end, is read off here before
the next request (werkzeug's own clean-up would read on into the next request itself, so it is skipped
for these connections); a chunked request still closes its connection.
"""

import io
import selectors
import socket
import threading
from typing import Any

import werkzeug.serving
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import BaseWSGIServer, make_server

# An idle connection is closed after this long; botocore opens a new one when it next needs it.
IDLE_SECONDS = 60


class _RequestBody:
    """The request's body as the app reads it: no further than its Content-Length, remembering how far."""

    def __init__(self, stream: io.BufferedIOBase, length: int) -> None:
        self._stream = stream
        self._left = length

    def read(self, size: int = -1) -> bytes:
        wanted = self._left if size is None or size < 0 else min(size, self._left)
        data = self._stream.read(wanted) if wanted else b""
        self._left -= len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        wanted = self._left if size is None or size < 0 else min(size, self._left)
        data = self._stream.readline(wanted) if wanted else b""
        self._left -= len(data)
        return data

    def __iter__(self) -> Any:
        return iter(self.readline, b"")

    def finish(self) -> bool:
        """Reads what the app left unread; False when the body ended early (the client went away)."""
        while self._left:
            if not self.read(min(self._left, 65536)):
                return False
        return True


_keeping_alive = threading.local()


class _NothingLeftToDiscard:
    def register(self, *_: Any) -> None:
        pass

    def select(self, timeout: float | None = None) -> list[Any]:
        return []

    def close(self) -> None:
        pass


class _WerkzeugSelectors:
    """Stands in for the `selectors` module inside werkzeug.serving, which uses it only to discard what a
    client sent after its request: on a kept-alive connection that would be the next request."""

    EVENT_READ = selectors.EVENT_READ

    @staticmethod
    def DefaultSelector() -> Any:
        if getattr(_keeping_alive, "on", False):
            return _NothingLeftToDiscard()
        return selectors.DefaultSelector()


class KeepAliveRequestHandler(MotoRequestHandler):
    timeout = IDLE_SECONDS

    def setup(self) -> None:
        super().setup()
        # A response goes out as two writes (headers, then body). On a connection kept open, Nagle's
        # algorithm holds the body back until the client acknowledges the headers, which it delays: 40 ms
        # a response. A new connection acknowledges at once, which is why moto's own server never showed it.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_error(self, format: str, *args: Any) -> None:
        # An idle connection closed after IDLE_SECONDS is expected, not an error worth a log line.
        if not format.startswith("Request timed out"):
            super().log_error(format, *args)

    def make_environ(self) -> dict[str, Any]:
        environ = super().make_environ()
        self._body: _RequestBody | None = None
        if not environ.get("wsgi.input_terminated"):
            self._body = _RequestBody(self.rfile, int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = self._body
        return environ

    def send_header(self, keyword: str, value: str) -> None:
        closing = keyword.lower() == "connection" and value.lower() == "close"
        if closing and getattr(self, "_body", None) is not None:
            return
        super().send_header(keyword, value)

    def run_wsgi(self) -> None:
        _keeping_alive.on = True
        try:
            super().run_wsgi()
        finally:
            _keeping_alive.on = False
        body = getattr(self, "_body", None)
        if body is None or not body.finish():
            self.close_connection = True


class KeepAliveMotoServer:
    """What moto's ThreadedMotoServer does, with the handler above."""

    def __init__(self, ip_address: str, port: int) -> None:
        setattr(werkzeug.serving, "selectors", _WerkzeugSelectors)  # noqa: B010 (werkzeug's module global)
        self._server: BaseWSGIServer = make_server(
            ip_address,
            port,
            DomainDispatcherApplication(create_backend_app),
            threaded=True,
            request_handler=KeepAliveRequestHandler,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, name="moto-server", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join()
