#!/usr/bin/python3
"""Compare one netfix run in the lab with a scenario's expectations.

Used by run_scenario.sh. Checks that the report is JSON with schema "netfix.report/1",
that the set of findings[].check equals the expected set, that the exit code is the
expected one, that every device the expectations list (optional "devices") is in the
report's inventory with the expected role, and, where jsonschema and the schema files
exist, that the report and the snapshot validate. Prints what it found; exits 0 when
everything holds, 1 otherwise.

Expected devices: [{"ip": "192.168.178.1", "role": "router", "product": "FRITZ!Box 7590"}, ...]
  ip or mac  finds the device in report["devices"] (by one of its "ipv4", or its "mac")
  role       must equal the device's "role"
  product    optional: must occur (case-insensitive) in the device's "product" or "name"
Fields the report has beyond these are ignored.
"""
import argparse
import json
import os
import sys

REPORT_SCHEMA_ID = "netfix.report/1"


def load_json(path, what, errors):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        errors.append(f"{what}: {path} does not exist")
    except (OSError, ValueError) as e:
        head = ""
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                head = f.read(300)
        except OSError:
            pass
        errors.append(f"{what}: {path} is not valid JSON ({e}); it starts with: {head!r}")
    return None


def validate(data, schema_path, what, errors, notes):
    if not os.path.exists(schema_path):
        notes.append(f"{what}: not validated, {schema_path} does not exist yet")
        return
    try:
        import jsonschema
    except ImportError:
        notes.append(f"{what}: not validated, python3-jsonschema is not installed")
        return
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    kwargs = {}
    resolver_cls = getattr(jsonschema, "RefResolver", None)
    if resolver_cls is not None:  # "$ref" to a sibling schema resolves locally, by its $id
        store = {}
        for name in os.listdir(os.path.dirname(os.path.abspath(schema_path))):
            if name.endswith(".schema.json"):
                with open(os.path.join(os.path.dirname(os.path.abspath(schema_path)), name), encoding="utf-8") as f:
                    sibling = json.load(f)
                store[sibling.get("$id", name)] = sibling
        kwargs["resolver"] = resolver_cls.from_schema(schema, store=store)
    problems = sorted(cls(schema, **kwargs).iter_errors(data), key=lambda e: list(e.path))
    for e in problems[:10]:
        where = "/".join(str(p) for p in e.path) or "(root)"
        errors.append(f"{what} does not match {os.path.basename(schema_path)} at {where}: {e.message}")
    if len(problems) > 10:
        errors.append(f"{what}: {len(problems) - 10} more schema errors")
    if not problems:
        notes.append(f"{what}: valid against {os.path.basename(schema_path)}")


def describe_device(d):
    ips = ",".join(d.get("ipv4") or []) if isinstance(d.get("ipv4"), list) else str(d.get("ipv4"))
    conf = d.get("confidence")
    conf = f" {conf:.2f}" if isinstance(conf, (int, float)) else ""
    return (f"  - {ips or '-'} {d.get('mac') or '-'} role={d.get('role')}{conf} "
            f"product={d.get('product')!r} name={d.get('name')!r}")


def check_devices(want, report, errors):
    """Each expected device must be in report["devices"] with the expected role (and product)."""
    devices = report.get("devices")
    if not isinstance(devices, list):
        errors.append(f'report["devices"] is missing or not a list; expected {len(want)} devices')
        return
    devices = [d for d in devices if isinstance(d, dict)]
    for w in want:
        ip, mac = w.get("ip"), (w.get("mac") or "").lower()
        label = ip or mac
        found = [d for d in devices
                 if (ip and ip in (d.get("ipv4") or [])) or (mac and (d.get("mac") or "").lower() == mac)]
        if not found:
            errors.append(f"device {label}: not in the inventory (expected role {w.get('role')})")
            continue
        d = found[0]
        if "role" in w and d.get("role") != w["role"]:
            errors.append(f"device {label}: role {d.get('role')!r}, expected {w['role']!r}"
                          f" (product {d.get('product')!r}, name {d.get('name')!r})")
        if "product" in w:
            text = f"{d.get('product') or ''} {d.get('name') or ''}".lower()
            if w["product"].lower() not in text:
                errors.append(f"device {label}: product {d.get('product')!r} / name {d.get('name')!r} "
                              f"do not contain {w['product']!r}")


def check_wifi_rooms(want, report, errors):
    """Each {"name", "level", "own_ssids"?} must match a room of report["wifi"]."""
    wifi = report.get("wifi") if isinstance(report.get("wifi"), dict) else None
    if wifi is None:
        errors.append('report["wifi"] is missing')
        return
    rooms = {r.get("name"): r for r in wifi.get("rooms", []) if isinstance(r, dict)}
    for w in want:
        room = rooms.get(w["name"])
        if room is None:
            errors.append(f"no Wi-Fi room {w['name']!r} in the report (has {sorted(rooms)})")
        elif room.get("level") != w["level"]:
            errors.append(f"room {w['name']!r}: level {room.get('level')!r}, expected {w['level']!r}")
    print(f"Wi-Fi: own {wifi.get('own_ssids')!r}; " +
          ", ".join(f"{n} {r.get('best_dbm')} dBm {r.get('level')}" for n, r in rooms.items()))
    for ap in wifi.get("access_points", []):
        print(f"  access point {ap.get('role')} {ap.get('name')!r}: {', '.join(ap.get('bssids', []))}")


def describe(finding):
    parts = [str(finding.get("check")), str(finding.get("severity", "?"))]
    if finding.get("subject") is not None:
        parts.append(f"subject={finding.get('subject')}")
    text = finding.get("title") or finding.get("message") or ""
    return "  - " + " ".join(parts) + (f": {text}" if text else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--exit-code", type=int, required=True)
    ap.add_argument("--snapshot")
    ap.add_argument("--schema-dir")
    args = ap.parse_args()

    errors, notes = [], []
    with open(args.expect, encoding="utf-8") as f:
        expect = json.load(f)
    want_checks = set(expect.get("checks", []))
    want_exit = int(expect["exit"])

    if args.exit_code != want_exit:
        errors.append(f"exit code {args.exit_code}, expected {want_exit}")

    report = load_json(args.report, "report (stdout)", errors)
    if report is not None:
        if not isinstance(report, dict):
            errors.append("report is not a JSON object")
            report = None
    if report is not None:
        if report.get("schema") != REPORT_SCHEMA_ID:
            errors.append(f'report["schema"] is {report.get("schema")!r}, expected {REPORT_SCHEMA_ID!r}')
        findings = report.get("findings")
        if not isinstance(findings, list):
            errors.append('report["findings"] is missing or not a list')
            findings = []
        got_checks = {f.get("check") for f in findings if isinstance(f, dict)}
        missing = sorted(want_checks - got_checks)
        # "tolerated": {check: why}: a known flake that may appear without
        # failing the test; the reason is printed whenever it does.
        tolerated = expect.get("tolerated") or {}
        for check in sorted(got_checks & set(tolerated) - want_checks):
            print(f"note: tolerated check {check} appeared: {tolerated[check]}")
        unexpected = sorted(got_checks - want_checks - set(tolerated), key=str)
        if missing:
            errors.append(f"expected checks missing: {', '.join(missing)}")
        if unexpected:
            errors.append(f"unexpected checks: {', '.join(map(str, unexpected))}")
        print(f"findings ({len(findings)}):" if findings else "findings: none")
        for f in findings:
            if isinstance(f, dict):
                print(describe(f))
        want_devices = expect.get("devices") or []
        if want_devices:
            check_devices(want_devices, report, errors)
            devices = report.get("devices") if isinstance(report.get("devices"), list) else []
            print(f"devices ({len(devices)}):")
            for d in devices:
                if isinstance(d, dict):
                    print(describe_device(d))

        want_rooms = expect.get("wifi_rooms") or []
        if want_rooms:
            check_wifi_rooms(want_rooms, report, errors)

    if args.schema_dir:
        if report is not None:
            validate(report, os.path.join(args.schema_dir, "report.schema.json"), "report", errors, notes)
        snap_schema = os.path.join(args.schema_dir, "snapshot.schema.json")
        if args.snapshot and os.path.exists(snap_schema):
            snapshot = load_json(args.snapshot, "snapshot (--snapshot)", errors)
            if snapshot is not None:
                validate(snapshot, snap_schema, "snapshot", errors, notes)
        elif args.snapshot:
            notes.append(f"snapshot: not validated, {snap_schema} does not exist yet")

    for n in notes:
        print(f"note: {n}")
    for e in errors:
        print(f"error: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
