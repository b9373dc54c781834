#!/usr/bin/python3
"""An HTTPS upload server for the netfix lab: the support server `netfix send` talks to.

Listens on one or more ports, each with its own certificate (--listen PORT:CERT:KEY), so
that one process serves the good certificate and the broken ones (wrong name, expired).
POST /PATH with "Authorization: Bearer <the token in --token-file>" stores the body in
--store as NNNN.body plus NNNN.json (path, headers, size; never the token itself, only
whether it matched) and answers 201 {"ticket": "NFX-NNNN"}.

The query string makes the server misbehave, per test case:
  ?slow=S             wait S seconds before answering (a client timeout)
  ?fail=STATUS&times=N  answer STATUS to the first N requests with this exact path+query
                      (default N=1), then behave (a retry); "Retry-After: 0" is not sent
  ?max=BYTES          answer 413 to a larger body
  ?redirect=URL       answer 302 to URL
A wrong or missing token gets 401 {"error": "invalid token"}.
"""
import argparse
import http.server
import json
import os
import socketserver
import ssl
import sys
import threading
import time
import urllib.parse

MAX_BODY = 32 * 1024 * 1024


class State:
    def __init__(self, token, store):
        self.token = token
        self.store = store
        self.lock = threading.Lock()
        self.seen = {}  # path+query -> requests so far
        self.tickets = 0

    def count(self, key):
        with self.lock:
            self.seen[key] = self.seen.get(key, 0) + 1
            return self.seen[key]

    def next_ticket(self):
        with self.lock:
            self.tickets += 1
            return self.tickets


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "lab-support/1"
    protocol_version = "HTTP/1.1"

    def _answer(self, status, body, ctype="application/json", extra=None):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_GET(self):
        self._answer(405, json.dumps({"error": "POST only"}))

    def do_POST(self):
        state = self.server.state
        # Logged on arrival (the access log line comes only with the answer, which a slow
        # case delays): the test counts attempts by these lines.
        sys.stderr.write("received POST %s\n" % self.path)
        sys.stderr.flush()
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        key = self.path
        n = state.count(key)
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length > MAX_BODY:
            self._answer(413, json.dumps({"error": "too large"}))
            return
        body = self.rfile.read(length) if length else b""
        if "slow" in query:
            time.sleep(float(query["slow"]))
        auth = self.headers.get("Authorization", "")
        if auth != "Bearer " + state.token:
            self._answer(401, json.dumps({"error": "invalid token"}))
            return
        if "fail" in query and n <= int(query.get("times", "1")):
            self._answer(int(query["fail"]), "temporarily unavailable\n", "text/plain; charset=utf-8")
            return
        if "max" in query and len(body) > int(query["max"]):
            self._answer(413, json.dumps({"error": "file too large for this endpoint"}))
            return
        if "redirect" in query:
            self._answer(302, "", "text/plain", {"Location": query["redirect"]})
            return
        ticket = state.next_ticket()
        base = os.path.join(state.store, "%04d" % ticket)
        with open(base + ".body", "wb") as f:
            f.write(body)
        meta = {
            "path": self.path,
            "content_type": self.headers.get("Content-Type"),
            "schema": self.headers.get("X-Netfix-Schema"),
            "user_agent": self.headers.get("User-Agent"),
            "token_ok": True,
            "size": len(body),
        }
        with open(base + ".json.tmp", "w") as f:
            json.dump(meta, f)
        os.rename(base + ".json.tmp", base + ".json")  # the test reads .json once it is complete
        self._answer(201, json.dumps({"ticket": "NFX-%04d" % ticket}) + "\n")

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))
        sys.stderr.flush()


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", default="0.0.0.0")
    ap.add_argument("--listen", action="append", required=True, metavar="PORT:CERT:KEY")
    ap.add_argument("--token-file", required=True)
    ap.add_argument("--store", required=True)
    args = ap.parse_args()
    with open(args.token_file) as f:
        state = State(f.read().strip(), args.store)
    os.makedirs(args.store, exist_ok=True)
    servers = []
    for spec in args.listen:
        port, cert, key = spec.split(":", 2)
        server = Server((args.bind, int(port)), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        # The handshake happens in the handler's thread, not in accept (a client that never
        # finishes it must not block the others).
        server.socket = ctx.wrap_socket(server.socket, server_side=True,
                                        do_handshake_on_connect=False)
        server.state = state
        servers.append(server)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for t in threads:
        t.start()
    sys.stderr.write("lab-support: listening on %s\n" % ", ".join(
        "%s:%s" % (args.bind, s.split(":", 1)[0]) for s in args.listen))
    sys.stderr.flush()
    # Exits by itself after a day, like the other lab servers.
    threading.Event().wait(86400)


if __name__ == "__main__":
    main()
