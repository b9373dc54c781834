#!/usr/bin/python3
"""A small SSDP/UPnP device for the netfix lab, for devices that have no packaged daemon
(the repeater's WFADevice, the TV's DIAL and webOS second screen, Sonos, Hue).

    ssdp-responder.py CONFIG.json

Runs inside a lab namespace only (lab.sh starts it there). It
  - answers M-SEARCH (ssdp:all, upnp:rootdevice, uuid:..., a device or service type, also
    a lower version of one we have) with unicast "HTTP/1.1 200 OK" responses, one per
    match, after a random delay of at most min(MX, 1) s (none without MX);
  - sends NOTIFY ssdp:alive at start (twice) and every notify_interval_s, and ssdp:byebye
    when it gets SIGTERM/SIGINT; it exits by itself after lifetime_s;
  - serves the device description at each root's location_path (default /desc.xml), a
    small page at /, minimal SCPDs, and DIAL's /apps/NAME over HTTP on http_port;
  - optionally listens on tcp_ports (a device's other services, answered with HTTP 404).

CONFIG (JSON; "{ip}" in a string is replaced by the interface's current IPv4 address):
  {"interface": "lan0", "http_port": 49000, "server": "Linux/5.4 UPnP/1.0 X/1.0",
   "max_age": 1800, "notify_interval_s": 60, "lifetime_s": 86400,
   "http_headers": {"Application-URL": "http://{ip}:1976/apps/"},   # on description responses
   "tcp_ports": [8009],
   "devices": [{"uuid": "...", "device_type": "urn:...:device:X:1", "location_path": "/desc.xml",
                "friendly_name": "...", "manufacturer": "...", "manufacturer_url": "...",
                "model_name": "...", "model_number": "...", "model_description": "...",
                "serial_number": "...", "presentation_url": "...",
                "services": [{"type": "urn:...:service:Y:1", "id": "urn:...:serviceId:Y"}],
                "ssdp_headers": {"Application-URL": "..."},          # on SSDP messages
                "devices": [ ...embedded devices, same fields... ]}]}
"""
import fcntl
import heapq
import http.server
import json
import random
import select
import signal
import socket
import socketserver
import struct
import sys
import threading
import time
from email.utils import formatdate
from xml.sax.saxutils import escape

GROUP = "239.255.255.250"
PORT = 1900
SIOCGIFADDR = 0x8915
MAX_DELAY_S = 1.0
MAX_RESPONSES_PER_SECOND = 400  # bounded: a flood of M-SEARCHes cannot make us flood back


class Stop(Exception):
    """Raised by the SIGTERM/SIGINT handler to leave the loop at once."""


def log(msg):
    print(f"{time.strftime('%H:%M:%S')} ssdp-responder: {msg}", flush=True)


def if_ipv4(ifname):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        raw = fcntl.ioctl(s.fileno(), SIOCGIFADDR, struct.pack("256s", ifname[:15].encode()))
        return socket.inet_ntoa(raw[20:24])
    except OSError:
        return None
    finally:
        s.close()


class Device:
    def __init__(self, cfg, root=None):
        self.cfg = cfg
        self.uuid = cfg["uuid"]
        self.type = cfg["device_type"]
        self.root = root or self
        self.services = cfg.get("services", [])
        self.children = [Device(c, self.root) for c in cfg.get("devices", [])]
        self.path = cfg.get("location_path", "/desc.xml")

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def entries(self):
        """(NT, USN) pairs this root device announces, in the usual order."""
        out = [("upnp:rootdevice", f"uuid:{self.uuid}::upnp:rootdevice")]
        for d in self.walk():
            out.append((f"uuid:{d.uuid}", f"uuid:{d.uuid}"))
            out.append((d.type, f"uuid:{d.uuid}::{d.type}"))
            seen = set()
            for s in d.services:
                if s["type"] not in seen:
                    seen.add(s["type"])
                    out.append((s["type"], f"uuid:{d.uuid}::{s['type']}"))
        return out


def split_version(urn):
    head, sep, ver = urn.rpartition(":")
    if sep and urn.startswith("urn:") and ver.isdigit():
        return head, int(ver)
    return urn, None


def matches(st, nt):
    """The ST to answer with when a search for st matches nt, else None."""
    if st == "ssdp:all" or st == nt:
        return nt
    base_st, ver_st = split_version(st)
    base_nt, ver_nt = split_version(nt)
    if ver_st is not None and ver_nt is not None and base_st == base_nt and ver_st <= ver_nt:
        return st  # a device answers a search for an older version with that version
    return None


class Responder:
    def __init__(self, cfg):
        self.cfg = cfg
        self.ifname = cfg.get("interface", "lan0")
        self.http_port = int(cfg.get("http_port", 49000))
        self.server = cfg.get("server", "Linux/6.1 UPnP/1.0 netfix-lab/1.0")
        self.max_age = int(cfg.get("max_age", 1800))
        self.notify_interval = min(max(float(cfg.get("notify_interval_s", 60)), 10.0), 1800.0)
        self.lifetime = min(max(float(cfg.get("lifetime_s", 86400)), 10.0), 7 * 86400.0)
        self.roots = [Device(d) for d in cfg.get("devices", [])]
        self.by_path = {r.path: r for r in self.roots}
        self.queue = []  # (when, seq, payload, addr)
        self.seq = 0
        self.sent_window = (0, 0)  # (second, count)

    def ip(self):
        return if_ipv4(self.ifname) or "0.0.0.0"

    def fill(self, text):
        return text.replace("{ip}", self.ip()) if isinstance(text, str) else text

    def location(self, root):
        return f"http://{self.ip()}:{self.http_port}{root.path}"

    # ---------------------------------------------------------------- SSDP
    def open_socket(self):
        ifindex = socket.if_nametoindex(self.ifname)
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("", PORT))
        mreqn = socket.inet_aton(GROUP) + socket.inet_aton("0.0.0.0") + struct.pack("@i", ifindex)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreqn)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
                     socket.inet_aton("0.0.0.0") + socket.inet_aton("0.0.0.0") + struct.pack("@i", ifindex))
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 2)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
        self.sock = s

    def common_headers(self, root, nt_or_st):
        hdrs = [("CACHE-CONTROL", f"max-age={self.max_age}"), ("LOCATION", self.location(root)),
                ("SERVER", self.server)]
        extra = dict(root.cfg.get("ssdp_headers", {}))
        return hdrs, extra

    def send(self, payload, addr):
        now = int(time.monotonic())
        sec, count = self.sent_window
        if sec != now:
            sec, count = now, 0
        if count >= MAX_RESPONSES_PER_SECOND:
            return
        self.sent_window = (sec, count + 1)
        try:
            self.sock.sendto(payload, addr)
        except OSError as e:
            log(f"send to {addr[0]}:{addr[1]} failed: {e}")

    def notify(self, nts):
        for root in self.roots:
            for nt, usn in root.entries():
                lines = ["NOTIFY * HTTP/1.1", f"HOST: {GROUP}:{PORT}"]
                if nts == "ssdp:alive":
                    hdrs, extra = self.common_headers(root, nt)
                    lines += [f"{k}: {v}" for k, v in hdrs]
                lines += [f"NT: {nt}", f"NTS: {nts}", f"USN: {usn}",
                          "BOOTID.UPNP.ORG: 1", "CONFIGID.UPNP.ORG: 1"]
                if nts == "ssdp:alive":
                    lines += [f"{k}: {self.fill(v)}" for k, v in root.cfg.get("ssdp_headers", {}).items()]
                self.send(("\r\n".join(lines) + "\r\n\r\n").encode(), (GROUP, PORT))

    def response(self, root, st, usn):
        hdrs, _ = self.common_headers(root, st)
        lines = ["HTTP/1.1 200 OK", hdrs[0][0] + ": " + hdrs[0][1],
                 f"DATE: {formatdate(usegmt=True)}", "EXT:", f"LOCATION: {hdrs[1][1]}",
                 f"SERVER: {self.server}", f"ST: {st}", f"USN: {usn}",
                 "BOOTID.UPNP.ORG: 1", "CONFIGID.UPNP.ORG: 1"]
        lines += [f"{k}: {self.fill(v)}" for k, v in root.cfg.get("ssdp_headers", {}).items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    def on_datagram(self, data, addr):
        try:
            text = data.decode("utf-8", "replace")
        except Exception:
            return
        head, _, _ = text.partition("\r\n\r\n")
        lines = head.split("\r\n")
        if not lines or not lines[0].upper().startswith("M-SEARCH * HTTP/1.1"):
            return
        h = {}
        for line in lines[1:]:
            k, sep, v = line.partition(":")
            if sep:
                h[k.strip().lower()] = v.strip()
        if h.get("man", "").strip('"') != "ssdp:discover" or "st" not in h:
            return
        st = h["st"]
        delay = 0.0
        if "mx" in h:
            try:
                mx = max(0.0, float(h["mx"]))
            except ValueError:
                return  # invalid MX: a device must not answer
            delay = random.uniform(0.0, min(mx, MAX_DELAY_S))
        answers = []
        for root in self.roots:
            for nt, usn in root.entries():
                got = matches(st, nt)
                if got is not None:
                    if got != nt:  # older version searched: the USN names that version
                        usn = usn[: len(usn) - len(nt)] + got
                    answers.append(self.response(root, got, usn))
        when = time.monotonic() + delay
        for payload in answers:
            self.seq += 1
            heapq.heappush(self.queue, (when, self.seq, payload, addr))

    def run(self):
        start = time.monotonic()
        deadline = start + self.lifetime
        try:
            self.loop(start, deadline)
        except Stop:
            pass
        self.notify("ssdp:byebye")
        log("byebye sent, exiting")

    def loop(self, start, deadline):
        next_notify = start
        notified = 0
        while time.monotonic() < deadline:
            now = time.monotonic()
            if now >= next_notify:
                self.notify("ssdp:alive")
                notified += 1
                next_notify = now + (1.0 if notified == 1 else self.notify_interval)
            while self.queue and self.queue[0][0] <= now:
                _, _, payload, addr = heapq.heappop(self.queue)
                self.send(payload, addr)
            wake = min([next_notify, deadline] + ([self.queue[0][0]] if self.queue else []))
            timeout = max(0.0, min(wake - time.monotonic(), 1.0))
            try:
                ready, _, _ = select.select([self.sock], [], [], timeout)
            except InterruptedError:
                continue
            if ready:
                try:
                    data, addr = self.sock.recvfrom(65535)
                except OSError:
                    continue
                self.on_datagram(data, addr)

    # ---------------------------------------------------------------- HTTP
    def description(self, root):
        def dev_xml(d, indent):
            p = " " * indent
            c = d.cfg
            out = [f"{p}<device>", f"{p}  <deviceType>{escape(d.type)}</deviceType>"]
            for key, tag in (("friendly_name", "friendlyName"), ("manufacturer", "manufacturer"),
                             ("manufacturer_url", "manufacturerURL"),
                             ("model_description", "modelDescription"), ("model_name", "modelName"),
                             ("model_number", "modelNumber"), ("model_url", "modelURL"),
                             ("serial_number", "serialNumber")):
                if key in c:
                    out.append(f"{p}  <{tag}>{escape(self.fill(c[key]))}</{tag}>")
            out.append(f"{p}  <UDN>uuid:{escape(d.uuid)}</UDN>")
            if d.services:
                out.append(f"{p}  <serviceList>")
                for i, s in enumerate(d.services):
                    sid = s.get("id") or s["type"].replace(":service:", ":serviceId:").rsplit(":", 1)[0]
                    base = f"/upnp/{d.uuid}/{i}"
                    out += [f"{p}    <service>", f"{p}      <serviceType>{escape(s['type'])}</serviceType>",
                            f"{p}      <serviceId>{escape(sid)}</serviceId>",
                            f"{p}      <SCPDURL>{base}/scpd.xml</SCPDURL>",
                            f"{p}      <controlURL>{base}/control</controlURL>",
                            f"{p}      <eventSubURL>{base}/event</eventSubURL>", f"{p}    </service>"]
                out.append(f"{p}  </serviceList>")
            if d.children:
                out.append(f"{p}  <deviceList>")
                for ch in d.children:
                    out += dev_xml(ch, indent + 4)
                out.append(f"{p}  </deviceList>")
            if "presentation_url" in c:
                out.append(f"{p}  <presentationURL>{escape(self.fill(c['presentation_url']))}</presentationURL>")
            out.append(f"{p}</device>")
            return out

        lines = ['<?xml version="1.0" encoding="utf-8"?>',
                 '<root xmlns="urn:schemas-upnp-org:device-1-0">',
                 "  <specVersion><major>1</major><minor>0</minor></specVersion>"]
        lines += dev_xml(root, 2)
        lines.append("</root>")
        return ("\n".join(lines) + "\n").encode()

    def handler(self):
        responder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            server_version = responder.server
            sys_version = ""

            def log_message(self, fmt, *args):
                log(f"http {self.client_address[0]} " + fmt % args)

            def reply(self, status, body=b"", ctype="text/xml; charset=\"utf-8\"", headers=()):
                self.send_response(status)
                if body:
                    self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                if body and self.command != "HEAD":
                    self.wfile.write(body)

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                if path in responder.by_path:
                    extra = [(k, responder.fill(v)) for k, v in responder.cfg.get("http_headers", {}).items()]
                    self.reply(200, responder.description(responder.by_path[path]), headers=extra)
                elif path == "/":
                    names = ", ".join(escape(r.cfg.get("friendly_name", r.type)) for r in responder.roots)
                    self.reply(200, f"<html><body>{names}</body></html>\n".encode(), "text/html")
                elif path.startswith("/upnp/") and path.endswith("/scpd.xml"):
                    self.reply(200, b'<?xml version="1.0"?>\n<scpd xmlns="urn:schemas-upnp-org:service-1-0">'
                                    b"<specVersion><major>1</major><minor>0</minor></specVersion>"
                                    b"<actionList/><serviceStateTable/></scpd>\n")
                elif path.startswith("/apps/") and len(path) > 6:
                    name = escape(path[6:])
                    self.reply(200, ('<?xml version="1.0" encoding="UTF-8"?>\n'
                                     '<service xmlns="urn:dial-multiscreen-org:schemas:dial" dialVer="2.1">'
                                     f"<name>{name}</name><options allowStop=\"true\"/>"
                                     "<state>stopped</state></service>\n").encode())
                else:
                    self.reply(404)

            do_HEAD = do_GET

            def do_POST(self):
                length = min(int(self.headers.get("Content-Length") or 0), 65536)
                if length:
                    self.rfile.read(length)
                body = (b'<?xml version="1.0"?>\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
                        b's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body><s:Fault>'
                        b"<faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
                        b'<UPnPError xmlns="urn:schemas-upnp-org:control-1-0"><errorCode>401</errorCode>'
                        b"<errorDescription>Invalid Action</errorDescription></UPnPError></detail>"
                        b"</s:Fault></s:Body></s:Envelope>\n")
                self.reply(500, body)

        return Handler


class HTTPServer(http.server.ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True

    def server_bind(self):
        # http.server's server_bind asks the resolver for our FQDN (socket.getfqdn), which
        # blocks for seconds when DNS is broken (dns-broken): bind without it.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


def serve(port, handler):
    httpd = HTTPServer(("0.0.0.0", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()


def main():
    if len(sys.argv) != 2:
        print("usage: ssdp-responder.py CONFIG.json", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        cfg = json.load(f)
    r = Responder(cfg)
    # Wait (bounded) for the interface's IPv4 address: LOCATION needs it.
    deadline = time.monotonic() + 30
    while if_ipv4(r.ifname) is None:
        if time.monotonic() > deadline:
            log(f"no IPv4 address on {r.ifname} after 30 s; giving up")
            return 1
        time.sleep(0.1)

    handler = r.handler()
    serve(r.http_port, handler)
    for port in cfg.get("tcp_ports", []):
        serve(int(port), handler)
    r.open_socket()
    log(f"ready on {r.ifname} {r.ip()}: http :{r.http_port}, "
        f"{sum(len(x.entries()) for x in r.roots)} SSDP targets, "
        f"roots {', '.join(x.type for x in r.roots)}")
    def stop(signum, frame):
        raise Stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    r.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
