"""gunicorn's threaded worker, refusing at once what no thread of the process is free to take,
and never stopping its accepting thread to wait for a client to hang up.

Measured under twice the quiz capacity (bench/README.md, "Serving"), with gunicorn's own
`gthread` worker refusals reached the client after a second and more, for two reasons:
- the main thread hands every request to a fixed pool of threads; past `threads` requests they
  wait in the pool's queue (up to `worker_connections`), unseen by the overload guard, which
  refused them within a millisecond once a thread finally took them;
- after every answer that ends its connection (all quiz submissions do), the main thread waits
  for the client to hang up (`util.close_graceful`, up to 2 s): 15 s of a 70 s run per process,
  during which it accepted nothing and handed nothing on.

So this worker counts the requests in its threads. One that arrives when all are taken is
peeked at (nothing is consumed) and answered by the accepting thread with a complete 503 +
Retry-After (config/overload.py), the connection then closed: it never reached Django, so
nothing of it was done. Two kinds wait for a thread instead: the health check, and a request
the page cache may answer (a hit takes a millisecond; at most `worker_connections` wait). A new
connection whose request has not arrived yet waits for it in the poller, not in a thread.
Closing after an answer (refused or not) happens here too, without waiting: the write side is
shut, what the client still sends is read and dropped as it comes, and the socket is closed
when the client hangs up or after LINGER seconds.

Plain HTTP/1.1 only (behind nginx or a CDN, as README "Serving" says); with TLS or HTTP/2 in
gunicorn itself the requests cannot be peeked and go to the pool as gunicorn would send them."""

import contextlib
import errno
import socket
import time
from collections import deque
from functools import partial
from selectors import EVENT_READ

from gunicorn.workers.gthread import TConn, ThreadWorker

from config.overload import EXEMPT_PATHS

HEAD_LIMIT = 8192  # bytes peeked: a request line and headers longer than this are refused
LINGER = 2.0  # seconds a closed connection is read for the client's last bytes (gunicorn's)
MAX_DRAIN = 65536  # bytes read from it at most (gunicorn's)
NOT_YET = (errno.EAGAIN, errno.EWOULDBLOCK)


class Connection(TConn):
    """gunicorn's connection, whose graceful close is the worker's, which does not wait."""

    linger = None

    def close(self, graceful=False):
        if graceful and self.linger is not None:
            self.linger(self)
        else:
            super().close(graceful)


class ShedThreadWorker(ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.in_threads = 0  # requests handed to the pool and not finished: main thread only
        self.lingering = deque()  # (deadline, connection) of connections closing
        self.refused = 0

    def accept(self, listener):
        try:
            client, address = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        client.setblocking(True)
        conn = Connection(self.cfg, client, address, listener.getsockname())
        conn.linger = self.linger
        self.enqueue_req(conn)

    def enqueue_req(self, conn):
        if self.in_threads < self.cfg.threads or not self._peekable(conn):
            self._to_pool(conn)
            return
        if not conn.initialized and not conn.data_ready:
            self._wait_for_request(conn)
            return
        head = self._peek(conn)
        if head is None:  # the client left
            self.nr_conns -= 1
            conn.close()
        elif not head:
            self._wait_for_request(conn)
        elif request_path(head) in EXEMPT_PATHS:
            self._to_pool(conn)  # the health check must see a busy process as alive
        elif may_come_from_the_cache(head):
            # A hit takes a millisecond, and the queue is bounded by `worker_connections`.
            self._to_pool(conn)
        else:
            self._refuse(conn, head)

    def finish_request(self, conn, fs):
        self.in_threads -= 1
        super().finish_request(conn, fs)

    def murder_keepalived(self, force=False):
        super().murder_keepalived(force)
        now = time.monotonic()
        while self.lingering and (force or self.lingering[0][0] <= now):
            _deadline, conn = self.lingering.popleft()
            if conn.sock.fileno() != -1:  # not closed by _drain already
                self._closed(conn)

    # --- handing on, waiting, refusing ---------------------------------------------------

    def _to_pool(self, conn):
        self.in_threads += 1
        super().enqueue_req(conn)

    def _peekable(self, conn) -> bool:
        if self.cfg.is_ssl or conn.is_http2:
            return False
        # Bytes the parser read ahead (a pipelined request) are not on the socket any more.
        return conn.parser is None or not conn.parser.unreader.buf.getvalue()

    def _wait_for_request(self, conn):
        """gunicorn's own road for a connection whose request has not come yet: the poller
        hands it back to enqueue_req when it is readable, or drops it after `keepalive`."""
        conn.sock.setblocking(False)
        conn.timeout = time.monotonic() + self.cfg.keepalive
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, EVENT_READ, partial(self.on_pending_socket_readable, conn))

    def _peek(self, conn) -> bytes | None:
        conn.sock.setblocking(False)
        try:
            head = conn.sock.recv(HEAD_LIMIT, socket.MSG_PEEK)
        except OSError as error:
            return b"" if error.errno in NOT_YET else None
        return head or None

    def _refuse(self, conn, head: bytes):
        from config.overload import refusal  # Django is set up in the worker by now

        self.refused += 1
        headers, body = refusal(request_path(head))
        answer = "HTTP/1.1 503 Service Unavailable\r\n" + "".join(
            f"{name}: {value}\r\n" for name, value in headers
        )
        self.nr_conns -= 1
        try:
            # A few hundred bytes into an empty send buffer: all of it goes at once.
            if conn.sock.send(answer.encode("latin-1") + b"\r\n" + body) <= 0:
                raise BlockingIOError
        except OSError:
            conn.close()
            return
        self.linger(conn)

    def linger(self, conn):
        """Close after an answer without waiting (RFC 9112 section 9.6): shut the write side,
        read and drop what the client still sends (closing with unread bytes would reset the
        connection, and the client could lose the answer), close on its end or at LINGER."""
        try:
            conn.sock.setblocking(False)
            conn.sock.shutdown(socket.SHUT_WR)
            self.poller.register(conn.sock, EVENT_READ, partial(self._drain, conn))
        except (OSError, ValueError, KeyError):
            TConn.close(conn)
            return
        self.lingering.append((time.monotonic() + LINGER, conn))

    def _drain(self, conn, _sock):
        """One read a call, so that a client sending fast cannot hold this thread; past
        MAX_DRAIN bytes (gunicorn's own limit) it is simply closed."""
        try:
            read = len(conn.sock.recv(65536))
        except OSError as error:
            if error.errno in NOT_YET:
                return  # more may come: the poller calls again
            read = 0
        conn.drained = getattr(conn, "drained", 0) + read
        if read and conn.drained <= MAX_DRAIN:
            return
        self._closed(conn)  # the client hung up (its entry in `lingering` is skipped)

    def _closed(self, conn):
        with contextlib.suppress(OSError, ValueError, KeyError):
            self.poller.unregister(conn.sock)
        TConn.close(conn)


def request_path(head: bytes) -> str:
    target = head.split(b"\r\n", 1)[0].split(b" ")
    path = target[1] if len(target) > 1 else b"/"
    return path.split(b"?", 1)[0].decode("latin-1")


def may_come_from_the_cache(head: bytes) -> bool:
    """Whether the page cache may answer this request (cms/core/page_cache.py decides)."""
    from django.http import QueryDict
    from django.http.cookie import parse_cookie

    from cms.core.page_cache import may_answer

    if b"\r\n\r\n" not in head:
        return False  # headers longer than HEAD_LIMIT, or still coming: not a page visit
    lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    method, _, target = lines[0].partition(" ")
    query = target.rpartition(" ")[0].partition("?")[2]
    cookies = "; ".join(
        line.partition(":")[2].strip() for line in lines[1:] if line[:7].lower() == "cookie:"
    )
    try:
        return may_answer(method, QueryDict(query), parse_cookie(cookies))
    except Exception:  # e.g. too many parameters: not a page visit, and the worker must go on
        return False
