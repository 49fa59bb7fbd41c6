#!/usr/bin/env python3
"""usage: apple-yaml-lint.py YAML_DIR FILE.mobileconfig

Checks a configuration profile's Payload* structure against Apple's own key descriptions
(apple/device-management mdm/profiles/*.yaml, vendored): TopLevel.yaml for the top dict,
CommonPayloadKeys.yaml for each payload, com.apple.ManagedClient.preferences.yaml for the MCX
wrapper. For each declared key: plist type, presence (required), rangelist; the top level may hold
no undeclared key. Custom-domain keys inside a payload are allowed (Apple has no YAML for them).
Prints "apple OK" or one line per problem; exit 1 on problems."""
import datetime, os, plistlib, sys
import yaml

TYPES = {
    "<string>": lambda v: isinstance(v, str),
    "<integer>": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "<boolean>": lambda v: isinstance(v, bool),
    "<real>": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "<array>": lambda v: isinstance(v, list),
    "<dictionary>": lambda v: isinstance(v, dict),
    "<data>": lambda v: isinstance(v, (bytes, bytearray)),
    "<date>": lambda v: isinstance(v, datetime.datetime),
    "<any>": lambda v: True,
}
errs = []

def load(name):
    with open(os.path.join(sys.argv[1], name), encoding="utf-8") as f:
        return yaml.safe_load(f)["payloadkeys"]

def check_value(v, spec, where):
    t = spec.get("type", "<any>")
    if not TYPES.get(t, lambda _: True)(v):
        errs.append(f"{where}: is {type(v).__name__}, Apple declares {t}")
        return
    if "rangelist" in spec and not isinstance(v, (dict, list)) and v not in spec["rangelist"]:
        errs.append(f"{where}: {v!r} not in Apple's rangelist {spec['rangelist']}")
    subs = spec.get("subkeys")
    if subs and isinstance(v, dict):
        check_dict(v, subs, where, allow_unknown=False)
    elif subs and isinstance(v, list):
        for i, item in enumerate(v):
            check_value(item, subs[0], f"{where}[{i}]")

def check_dict(d, keys, where, allow_unknown):
    named = {k["key"]: k for k in keys if k["key"] != "ANY"}
    anyspec = next((k for k in keys if k["key"] == "ANY"), None)
    for name, spec in named.items():
        if spec.get("presence") == "required" and name not in d:
            errs.append(f"{where}.{name}: required by Apple, missing")
    for k, v in d.items():
        spec = named.get(k) or anyspec
        if spec is None:
            if not allow_unknown:
                errs.append(f"{where}.{k}: not a key Apple declares here")
            continue
        check_value(v, spec, f"{where}.{k}")

with open(sys.argv[2], "rb") as f:
    top = plistlib.load(f)
toplevel = [k for k in load("TopLevel.yaml") if k["key"] != "PayloadContent"]
check_dict({k: v for k, v in top.items() if k != "PayloadContent"}, toplevel, "top", allow_unknown=False)
if not isinstance(top.get("PayloadContent"), list):
    errs.append("top.PayloadContent: missing or not an array")
common = load("CommonPayloadKeys.yaml")
mcx = load("com.apple.ManagedClient.preferences.yaml")
for i, p in enumerate(top.get("PayloadContent") or []):
    where = f"PayloadContent[{i}]"
    if p.get("PayloadType") == "com.apple.ManagedClient.preferences":
        check_dict(p, common + mcx, where, allow_unknown=False)
    else:
        check_dict({k: v for k, v in p.items() if k.startswith("Payload")}, common, where, allow_unknown=False)
print("\n".join(errs) if errs else "apple OK")
sys.exit(1 if errs else 0)
