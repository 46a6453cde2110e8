"""Test-only compatibility proxy: lets the `elasticsearch` 8.x client talk to the OpenSearch node that
tools/search_node.sh runs for the node-backed tests. Never used by the application itself.

The 8.x client sends `application/vnd.elasticsearch+json; compatible-with=8` (OpenSearch answers 406) and
refuses answers without `X-Elastic-Product: Elasticsearch`. This proxy rewrites those media types to plain
JSON/NDJSON and adds the header; everything else passes through unchanged. Nagle's algorithm is off on both
sides (otherwise every request waits ~45 ms for a delayed ACK).

    python tools/search_proxy.py LISTEN_PORT UPSTREAM_PORT
"""

from __future__ import annotations

import http.client
import re
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VENDOR_MEDIA = re.compile(r"application/vnd\.elasticsearch\+(json|x-ndjson)(\s*;\s*compatible-with=\d+)?")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


def plain_media(value: str) -> str:
    return VENDOR_MEDIA.sub(lambda match: f"application/{match.group(1)}", value)


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    upstream_port = 9200
    local = threading.local()

    def log_message(self, format, *args):  # noqa: A002  (quiet: the test output is what matters)
        pass

    def _upstream(self, fresh=False) -> http.client.HTTPConnection:
        connection = getattr(self.local, "connection", None)
        if connection is None or fresh:
            if connection is not None:
                connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
            connection.connect()
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.local.connection = connection
        return connection

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {
            name: plain_media(value) if name.lower() in ("content-type", "accept") else value
            for name, value in self.headers.items()
            if name.lower() not in HOP_BY_HOP and name.lower() != "host"
        }
        for attempt in (0, 1):
            try:
                connection = self._upstream(fresh=attempt == 1)
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                break
            except (ConnectionError, http.client.HTTPException, OSError):
                if attempt:
                    self.send_error(502, "search node unreachable")
                    return
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


def main() -> None:
    listen, upstream = int(sys.argv[1]), int(sys.argv[2])
    Proxy.upstream_port = upstream
    server = ThreadingHTTPServer(("127.0.0.1", listen), Proxy)
    server.daemon_threads = True
    print(f"search proxy: 127.0.0.1:{listen} -> 127.0.0.1:{upstream}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
