#!/usr/bin/python3
"""Renders netfix HTML reports in headless Chromium and checks the rendered page.

usage: chromium_test.py NETFIX_BINARY SOURCE_DIR

For each report (the healthy home; the healthy home with the room-by-room
Wi-Fi survey in English and German; a broken home) it checks, at phone width
(390 x 844, mobile emulation) and at desktop width (1280 x 900):
  - the verdict is there and visible, with the verdict's summary text;
  - every finding of the same report's JSON is a rendered article.finding with
    its title, in order, and every follow-on finding is listed;
  - every SVG chart in the file renders with a non-zero size, and a report with
    Wi-Fi rooms has the coverage chart and at least one channel map;
  - nothing overflows: the page does not scroll sideways, and no element and no
    line of text reaches past the viewport or out of its card, except inside
    the .table-wrap scroll containers (they scroll sideways by design);
  - text is not too small to read on a phone: HTML text >= 12 CSS px, chart
    text >= 6 CSS px as drawn (18 device pixels at 3x; the charts scale with
    the screen, and the same values are in the table under each chart);
  - the page loaded no resources and runs no script.
Then in print layout (A4 width, print media) nothing overflows (tables
included: a printout cannot scroll), figures and findings are not split across
pages, and printing to PDF gives a non-trivial file with pages.
The HTML source itself is checked too: no <script>, no link or reference to
anything outside the file (only #anchors).

Chromium is driven through the DevTools protocol over a pipe
(--remote-debugging-pipe), not --window-size: headless Chromium does not make
windows narrower than 500 px, and a phone is narrower than that. The report
files are loaded unchanged; the measuring script runs through the protocol.

Exit 77 (skipped) when Chromium is not installed. NETFIX_HTML_TEST_KEEP=DIR
keeps the reports, screenshots and PDFs in DIR for a look by eye.
"""

import base64
import html.parser
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
TIMEOUT = 60  # seconds for any one protocol round trip

failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what, flush=True)


# --- the reports ------------------------------------------------------------

SURVEY_ROOMS = [  # the five room samples of tests/e2e/scenarios/wifi-survey.json
    ("Wohnzimmer", "wohnzimmer.iw.txt", "router"),
    ("Küche", "kueche-1.iw.txt", None),
    ("Küche", "kueche-2.iw.txt", None),
    ("Büro", "buero.iw.txt", "repeater"),
    ("Schlafzimmer", "schlafzimmer.iw.txt", None),
]


def run_netfix(netfix, args, out_path):
    with open(out_path, "wb") as out:
        p = subprocess.run([netfix] + args, stdout=out, stderr=subprocess.PIPE, timeout=120)
    # 0: no problems, 1: problems found; both are reports.
    if p.returncode not in (0, 1):
        raise SystemExit(
            "netfix %s failed (exit %d): %s" % (" ".join(args), p.returncode, p.stderr.decode()))


def build_reports(netfix, src, work):
    snapshots = os.path.join(src, "tests", "data", "snapshots")
    scans = os.path.join(src, "tests", "data", "wifi", "home")
    survey = os.path.join(work, "home.survey.json")
    for room, scan, near in SURVEY_ROOMS:
        args = ["survey", "--room", room, "--import", os.path.join(scans, scan), survey]
        if near:
            args[3:3] = ["--near", near]
        run_netfix(netfix, args, os.devnull)
    healthy = os.path.join(snapshots, "lab-healthy.json")
    cases = [
        ("healthy-en", "en", [healthy]),
        ("survey-en", "en", [healthy, "--survey", survey]),
        ("survey-de", "de", [healthy, "--survey", survey]),
        ("double-nat-de", "de", [os.path.join(snapshots, "lab-double-nat.json")]),
        ("dns-broken-en", "en", [os.path.join(snapshots, "lab-dns-broken.json")]),
    ]
    reports = []
    for name, lang, args in cases:
        paths = {}
        for fmt in ("html", "json"):
            paths[fmt] = os.path.join(work, "%s.%s" % (name, fmt))
            run_netfix(netfix, ["--lang", lang, "report", "--format", fmt] + args, paths[fmt])
        with open(paths["json"], encoding="utf-8") as f:
            expected = json.load(f)
        reports.append({"name": name, "lang": lang, "html": paths["html"], "json": expected})
    return reports


# --- the file itself: self-contained, no script -------------------------------

REFERENCE_ATTRS = {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster",
                   "data", "background", "cite", "manifest", "ping"}
BANNED_TAGS = {"script", "link", "iframe", "frame", "object", "embed", "img", "video",
               "audio", "source", "base", "form"}


class SourceChecker(html.parser.HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.in_style = False
        self.charts = 0

    def handle_starttag(self, tag, attrs):
        if tag in BANNED_TAGS:
            fail("%s: the file has a <%s> element" % (self.name, tag))
        if tag == "svg" and "chart" in (dict(attrs).get("class") or "").split():
            self.charts += 1
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            fail("%s: the file has a meta refresh" % self.name)
        for attr, value in attrs:
            value = value or ""
            if attr.startswith("on"):
                fail("%s: <%s %s=...> is script" % (self.name, tag, attr))
            if attr in REFERENCE_ATTRS and not value.startswith("#"):
                fail("%s: <%s %s=\"%s\"> points outside the file" % (self.name, tag, attr, value))
            if attr == "style" or (attr not in REFERENCE_ATTRS and "url(" in value):
                self.check_css(value, "<%s %s>" % (tag, attr))
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.check_css(data, "<style>")

    def check_css(self, css, where):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
            if not ref.startswith("#"):
                fail("%s: %s refers to url(%s)" % (self.name, where, ref))
        if "@import" in css:
            fail("%s: %s has an @import" % (self.name, where))


def check_source(report):
    with open(report["html"], encoding="utf-8") as f:
        text = f.read()
    checker = SourceChecker(report["name"])
    checker.feed(text)
    checker.close()
    if re.search(r"<script", text, re.IGNORECASE):
        fail("%s: the file contains '<script'" % report["name"])
    return checker.charts


# --- Chromium over the DevTools protocol ----------------------------------------


class Chromium:
    """One headless browser; messages are NUL-terminated JSON on fds 3 and 4."""

    def __init__(self, binary, profile_dir):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def child_fds():
            # Move the pipe ends to 3 (commands in) and 4 (answers out).
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                "--user-data-dir=" + profile_dir, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-default-apps", "--disable-component-update", "--mute-audio",
                "--hide-scrollbars", "about:blank"]
        # Chromium talks a lot on stderr (no D-Bus here, ...): kept in a file, shown on failure.
        self.log = os.path.join(profile_dir + ".log")
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(args, preexec_fn=child_fds, pass_fds=(3, 4),
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if ready:
                chunk = os.read(self.from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe: " + self.stderr_tail())
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, browser=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if not browser and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError("%s: %s" % (method, answer["error"]))
                return answer.get("result", {})
            if "method" in answer:
                self.events.append(answer)

    def wait_event(self, method):
        deadline = time.monotonic() + TIMEOUT
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method:
                    return self.events.pop(i)
            self.events.append(self._read_message(deadline))

    def open_page(self):
        target = self.call("Target.createTarget", {"url": "about:blank"}, browser=True)
        attached = self.call("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, browser=True)
        self.session = attached["sessionId"]
        self.call("Page.enable")

    def load(self, url):
        self.events.clear()
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError("script failed: %s" % json.dumps(result["exceptionDetails"])[:2000])
        return result["result"]["value"]

    def stderr_tail(self):
        with open(self.log, errors="replace") as log:
            return "".join(log.readlines()[-10:])

    def close(self):
        try:
            self.call("Browser.close", browser=True)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)


# --- what is measured in the page -------------------------------------------------

# Runs in the loaded report; returns everything the checks need as JSON.
MEASURE = r"""
(() => {
  const vw = window.innerWidth, EPS = 0.5;
  const printing = matchMedia('print').matches;
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, width: r.width, height: r.height}; };
  const visible = (el) => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    ' "' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60) + '"';
  // Inside a .table-wrap things may scroll sideways (on screen; a printout cannot).
  const scrolls = (el) => !printing && el.parentElement && el.parentElement.closest('.table-wrap');
  const result = {innerWidth: vw, scrollWidth: document.documentElement.scrollWidth,
    lang: document.documentElement.lang, scripts: document.scripts.length,
    resources: performance.getEntriesByType('resource').map(e => e.name),
    overflow: [], textOverflow: [], smallText: [], smallChartText: [], split: []};

  const verdict = document.querySelector('#verdict');
  result.verdict = verdict ? {visible: visible(verdict), text: verdict.innerText, box: box(verdict)} : null;

  result.findings = [...document.querySelectorAll('article.finding')].map(a => {
    const h = a.querySelector('h3');
    return {id: a.id, title: h ? h.innerText : '', visible: visible(a), box: box(a)};
  });
  const followOn = document.querySelector('#follow-on');
  result.followOn = followOn ? followOn.innerText : '';

  result.charts = [...document.querySelectorAll('svg.chart')].map(svg => {
    const r = box(svg), vb = svg.viewBox.baseVal;
    const scale = vb && vb.width ? r.width / vb.width : 1;
    for (const t of svg.querySelectorAll('text')) {
      const drawn = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (t.textContent.trim() && drawn < 6 - 0.01)
        result.smallChartText.push({text: t.textContent.trim(), px: Math.round(drawn * 10) / 10});
    }
    return {box: r, visible: visible(svg), inWifi: !!svg.closest('#wifi'), scale: scale};
  });

  for (const el of document.body.querySelectorAll('*')) {
    if (scrolls(el) || el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + EPS || r.left < -EPS)
      result.overflow.push({el: describe(el), left: Math.round(r.left), right: Math.round(r.right)});
  }

  // Every line of text stays in the viewport and inside its card or figure.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest('svg, title, style')) continue;
    if (!visible(parent)) continue;
    const size = parseFloat(getComputedStyle(parent).fontSize);
    if (size < 12 - 0.01)
      result.smallText.push({el: describe(parent), px: size});
    if (scrolls(node)) continue;
    range.selectNodeContents(node);
    const card = parent.closest('.box, figure, .table-wrap');
    const limit = card ? card.getBoundingClientRect() : {left: 0, right: vw};
    for (const r of range.getClientRects()) {
      if (r.width === 0) continue;
      if (r.right > Math.min(vw, limit.right) + EPS || r.left < Math.max(0, limit.left) - EPS) {
        result.textOverflow.push({el: describe(parent), text: node.textContent.trim().slice(0, 60),
                                  left: Math.round(r.left), right: Math.round(r.right)});
        break;
      }
    }
  }

  // What the print stylesheet promises: these stay in one piece on paper.
  if (printing)
    for (const el of document.querySelectorAll('figure, .verdict, tr'))
      if (!['avoid', 'avoid-page'].includes(getComputedStyle(el).breakInside))
        result.split.push(describe(el));
  return result;
})()
"""

VIEWPORTS = [
    # name, width, height, device scale factor, mobile
    ("phone", 390, 844, 3, True),
    ("desktop", 1280, 900, 1, False),
]
# A4 (210 mm) less Chromium's default print margins (0.4 in each side), in CSS px.
PRINT_WIDTH = int(210 / 25.4 * 96 - 2 * 0.4 * 96)


def text_of(s):
    return re.sub(r"\s+", " ", s or "").strip()


def check_page(report, where, m, source_charts):
    name = "%s @ %s" % (report["name"], where)
    expected = report["json"]
    printing = where == "print"
    if m["lang"] != report["lang"]:
        fail("%s: <html lang=\"%s\">, expected %s" % (name, m["lang"], report["lang"]))
    if m["scripts"]:
        fail("%s: the page has %d scripts" % (name, m["scripts"]))
    if m["resources"]:
        fail("%s: the page loaded resources: %s" % (name, m["resources"][:5]))

    # The verdict.
    v = m["verdict"]
    if not v:
        fail("%s: no #verdict" % name)
    elif not v["visible"]:
        fail("%s: the verdict is not visible (box %s)" % (name, v["box"]))
    elif text_of(expected["verdict"]["summary"]) not in text_of(v["text"]):
        fail("%s: the verdict does not show '%s'" % (name, expected["verdict"]["summary"]))

    # Every finding, in order, and every follow-on finding.
    want = [f["title"] for f in expected["findings"]]
    got = m["findings"]
    if len(got) != len(want):
        fail("%s: %d article.finding rendered, the JSON has %d findings" % (name, len(got), len(want)))
    for i, title in enumerate(want):
        if i >= len(got):
            break
        if text_of(title) not in text_of(got[i]["title"]):
            fail("%s: finding %d shows '%s', expected '%s'" % (name, i + 1, got[i]["title"], title))
        if not got[i]["visible"]:
            fail("%s: finding %d '%s' is not visible (box %s)" % (name, i + 1, title, got[i]["box"]))
    for f in expected.get("suppressed", []):
        if text_of(f["title"]) not in text_of(m["followOn"]):
            fail("%s: follow-on finding '%s' not shown" % (name, f["title"]))

    # The charts.
    charts = m["charts"]
    if len(charts) != source_charts:
        fail("%s: %d svg.chart rendered, the file has %d" % (name, len(charts), source_charts))
    for i, c in enumerate(charts):
        if not c["visible"]:
            fail("%s: chart %d has no size (box %s)" % (name, i + 1, c["box"]))
    if expected.get("wifi", {}).get("rooms"):
        in_wifi = sum(1 for c in charts if c["inWifi"] and c["visible"])
        if in_wifi < 2:
            fail("%s: the report has Wi-Fi rooms but #wifi shows %d charts "
                 "(expected the coverage chart and a channel map)" % (name, in_wifi))

    # Nothing overflows.
    if m["scrollWidth"] > m["innerWidth"]:
        fail("%s: the page is %d px wide in a %d px viewport" % (name, m["scrollWidth"], m["innerWidth"]))
    for o in m["overflow"][:8]:
        fail("%s: %s reaches %d..%d px, viewport %d px" % (name, o["el"], o["left"], o["right"],
                                                            m["innerWidth"]))
    for o in m["textOverflow"][:8]:
        fail("%s: text '%s' in %s runs out of its box (%d..%d px)" % (name, o["text"], o["el"],
                                                                     o["left"], o["right"]))
    if printing:
        for el in m["split"][:8]:
            fail("%s: %s may be split across pages (break-inside is not avoid)" % (name, el))
    else:
        for s in m["smallText"][:5]:
            fail("%s: text in %s is %.1f px" % (name, s["el"], s["px"]))
        for s in m["smallChartText"][:5]:
            fail("%s: chart text '%s' is drawn at %.1f px" % (name, s["text"], s["px"]))


def count_pdf_pages(path):
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        found = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
        if found:
            return int(found.group(1))
    with open(path, "rb") as f:
        return len(re.findall(rb"/Type\s*/Page\b", f.read()))


def main():
    if len(sys.argv) != 3:
        print("usage: chromium_test.py NETFIX_BINARY SOURCE_DIR", file=sys.stderr)
        return 2
    netfix, src = sys.argv[1], sys.argv[2]
    binary = os.environ.get("NETFIX_CHROMIUM") or shutil.which("chromium")
    if not binary:
        print("SKIPPED: chromium is not installed (apt-get install chromium); "
              "the HTML report was not rendered")
        return SKIP
    keep = os.environ.get("NETFIX_HTML_TEST_KEEP")
    work = tempfile.mkdtemp(prefix="netfix-html-")
    try:
        reports = build_reports(netfix, src, work)
        browser = Chromium(binary, os.path.join(work, "profile"))
        try:
            browser.open_page()
            for report in reports:
                source_charts = check_source(report)
                url = "file://" + report["html"]
                for where, width, height, scale, mobile in VIEWPORTS:
                    browser.call("Emulation.setEmulatedMedia", {"media": "screen"})
                    browser.call("Emulation.setDeviceMetricsOverride",
                                 {"width": width, "height": height, "deviceScaleFactor": scale,
                                  "mobile": mobile})
                    browser.load(url)
                    check_page(report, where, browser.evaluate(MEASURE), source_charts)
                    if keep:
                        shot = browser.call("Page.captureScreenshot",
                                            {"format": "png", "captureBeyondViewport": True})
                        with open(os.path.join(keep, "%s-%s.png" % (report["name"], where)),
                                  "wb") as f:
                            f.write(base64.b64decode(shot["data"]))
                # Print layout: A4 width, print media; then a real PDF.
                browser.call("Emulation.setDeviceMetricsOverride",
                             {"width": PRINT_WIDTH, "height": 1000, "deviceScaleFactor": 1,
                              "mobile": False})
                browser.call("Emulation.setEmulatedMedia", {"media": "print"})
                browser.load(url)
                check_page(report, "print", browser.evaluate(MEASURE), source_charts)
                browser.call("Emulation.clearDeviceMetricsOverride")
                browser.call("Emulation.setEmulatedMedia", {"media": ""})
                pdf = base64.b64decode(browser.call(
                    "Page.printToPDF", {"paperWidth": 210 / 25.4, "paperHeight": 297 / 25.4})["data"])
                pdf_path = os.path.join(keep or work, report["name"] + ".pdf")
                with open(pdf_path, "wb") as f:
                    f.write(pdf)
                pages = count_pdf_pages(pdf_path)
                if not pdf.startswith(b"%PDF-") or len(pdf) < 10_000 or pages < 1:
                    fail("%s: the PDF has %d bytes and %d pages" % (report["name"], len(pdf), pages))
                print("%s: %d findings, %d charts, PDF %d pages (%d KB)" %
                      (report["name"], len(report["json"]["findings"]), source_charts, pages,
                       len(pdf) // 1024), flush=True)
        finally:
            browser.close()
        if keep:
            for report in reports:
                shutil.copy(report["html"], keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("%d failures" % len(failures))
        return 1
    print("ok: %d reports rendered in Chromium at %s and in print" %
          (len(reports), " and ".join("%s (%d px)" % (v[0], v[1]) for v in VIEWPORTS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
