#!/usr/bin/env python3
"""Reads many generated artifacts in one process, with parsers this project did not write, and
prints what they hold as JSON (one object, keyed by case id), so the property tests can compare
every value with the encoded setting without starting a process per file.

usage: batch_check.py plists MANIFEST.json   -- plistlib (duplicate keys refused)
       batch_check.py omauri WRAPPER.xml     -- expat (xml.etree) over <c id><row>VALUE</row></c>
       batch_check.py csv MANIFEST.json      -- the csv module (RFC 4180 quoting)
       batch_check.py hivexml HIVE.xml       -- hivexml output: key path -> name -> [type, value]

MANIFEST.json: [{"id": "...", "path": "...", "kind": "mobileconfig" | "plist" | "fragment"}].
"""
import csv, io, json, plistlib, sys
import xml.etree.ElementTree as ET

DOMAIN = "com.anthropic.claudefordesktop"
MCX = "com.apple.ManagedClient.preferences"


class StrictDict(dict):
    def __setitem__(self, k, v):
        if k in self:
            raise ValueError(f"duplicate key {k!r}")
        super().__setitem__(k, v)


def typed(d):
    """Every value with its Python type name, so a non-string is visible."""
    return {k: [type(v).__name__, v if isinstance(v, (str, int, float, bool)) else repr(v)] for k, v in d.items()}


def read_plist(entry):
    with open(entry["path"], "rb") as f:
        data = f.read()
    if entry["kind"] == "fragment":
        data = b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>' + data + b"</dict></plist>\n"
    top = plistlib.loads(data, dict_type=StrictDict)
    if entry["kind"] != "mobileconfig":
        return {"settings": typed(top), "meta": {}}
    payload = top["PayloadContent"][0]
    if payload.get("PayloadType") == MCX:
        forced = payload["PayloadContent"][DOMAIN]["Forced"]
        settings = forced[0]["mcx_preference_settings"]
        extra = {"forced": len(forced)}
    else:
        settings = {k: v for k, v in payload.items() if not k.startswith("Payload")}
        extra = {}
    meta = {k: top.get(k) for k in ("PayloadDisplayName", "PayloadOrganization", "PayloadScope", "PayloadDescription", "PayloadIdentifier")}
    meta["payloadType"] = payload.get("PayloadType")
    meta.update(extra)
    return {"settings": typed(settings), "meta": meta}


def plists(manifest):
    out = {}
    for entry in json.load(open(manifest, encoding="utf-8")):
        try:
            out[entry["id"]] = read_plist(entry)
        except Exception as e:  # reported per file, the others still read
            out[entry["id"]] = {"error": f"{type(e).__name__}: {e}"}
    return out


def omauri(wrapper):
    out = {}
    for c in ET.parse(wrapper).getroot():
        rows = {}
        for row in c:
            enabled = len(row.findall("enabled"))
            data = {d.get("id"): d.get("value") for d in row.findall("data")}
            rows[row.get("name")] = {"enabled": enabled, "data": data}
        out[c.get("id")] = rows
    return out


def csvs(manifest):
    out = {}
    for entry in json.load(open(manifest, encoding="utf-8")):
        with open(entry["path"], encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        out[entry["id"]] = {"header": rows[0], "rows": rows[1:]}
    return out


def hivexml(path):
    root = ET.parse(path).getroot()
    got = {}

    def walk(node, key):
        for child in node:
            if child.tag == "node":
                walk(child, "" if child.get("root") else key + "\\" + child.get("name"))
            elif child.tag == "value":
                got.setdefault(key, {})[child.get("key")] = [child.get("type"), child.get("value")]

    walk(root, "")
    return got


if __name__ == "__main__":
    mode, arg = sys.argv[1], sys.argv[2]
    result = {"plists": plists, "omauri": omauri, "csv": csvs, "hivexml": hivexml}[mode](arg)
    sys.stdout.write(json.dumps(result, ensure_ascii=True))
