#!/usr/bin/python3
"""Small HTTP server for the netfix lab (the "internet" and the router's admin page).

Serves files from --root like `python3 -m http.server`, and answers the well-known
connectivity-check URLs the way the real services do, so that a healthy lab looks
online to anything that probes them:
  /generate_204        -> 204 No Content (connectivitycheck.gstatic.com)
  /hotspot-detect.html -> "Success" page  (captive.apple.com)
  /success.txt         -> "success"       (detectportal.firefox.com)
and takes uploads: POST (any path) reads and discards the body (Content-Length,
at most 4 GiB) and answers {"bytes": N} (netfix's --upload-url).
"""
import argparse
import functools
import http.server

APPLE_SUCCESS = (b"<HTML><HEAD><TITLE>Success</TITLE></HEAD>"
                 b"<BODY>Success</BODY></HTML>\n")


class Handler(http.server.SimpleHTTPRequestHandler):
    server_version = "lab-httpd/1"

    def _special(self):
        path = self.path.split("?", 1)[0]
        if path == "/generate_204":
            return 204, b"", None
        if path == "/hotspot-detect.html":
            return 200, APPLE_SUCCESS, "text/html"
        if path == "/success.txt":
            return 200, b"success\n", "text/plain"
        return None

    def _send_special(self, head_only):
        status, body, ctype = self._special()
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and not head_only:
            self.wfile.write(body)

    def do_GET(self):
        if self._special():
            self._send_special(head_only=False)
        else:
            super().do_GET()

    def copyfile(self, source, outputfile):
        # sendfile(2): a speed test download (100M.bin, 4 streams) costs no Python copying,
        # so the server keeps up with the shaper on a busy machine (CI, parallel builds).
        try:
            self.connection.sendfile(source)
        except (ConnectionError, OSError):
            pass  # the client stopped reading: its measurement window is over

    MAX_UPLOAD = 4 << 30

    def do_POST(self):
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            self.send_error(411)
            return
        if int(length) > self.MAX_UPLOAD:
            self.send_error(413)
            return
        left = int(length)
        try:
            while left > 0:
                chunk = self.rfile.read(min(left, 256 * 1024))
                if not chunk:
                    return  # the client stopped (its time was up)
                left -= len(chunk)
            body = ('{"bytes": %d}\n' % int(length)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except ConnectionError:
            pass

    def do_HEAD(self):
        if self._special():
            self._send_special(head_only=True)
        else:
            super().do_HEAD()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", default="0.0.0.0")
    ap.add_argument("--port", type=int, default=80)
    ap.add_argument("--root", required=True)
    args = ap.parse_args()
    handler = functools.partial(Handler, directory=args.root)
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    with http.server.ThreadingHTTPServer((args.bind, args.port), handler) as httpd:
        httpd.serve_forever()


if __name__ == "__main__":
    main()
