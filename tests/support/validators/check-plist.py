#!/usr/bin/env python3
"""usage: check-plist.py FILE.mobileconfig  -- parse with plistlib, reject duplicate keys,
check profile identity keys and that every non-Payload key of a Claude payload is a string."""
import plistlib, re, sys
class StrictDict(dict):
    def __setitem__(self, k, v):
        if k in self: raise ValueError(f"duplicate key {k!r}")
        super().__setitem__(k, v)
UUID = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
DOMAIN = "com.anthropic.claudefordesktop"
with open(sys.argv[1], "rb") as f:
    top = plistlib.load(f, dict_type=StrictDict)
errs, uuids = [], []
def ident(d, where):
    for k, t in (("PayloadIdentifier", str), ("PayloadType", str), ("PayloadUUID", str), ("PayloadVersion", int)):
        if not isinstance(d.get(k), t) or isinstance(d.get(k), bool): errs.append(f"{where}.{k} missing or not {t.__name__}")
    if isinstance(d.get("PayloadUUID"), str):
        if not UUID.match(d["PayloadUUID"]): errs.append(f"{where}.PayloadUUID not uppercase 8-4-4-4-12")
        uuids.append(d["PayloadUUID"])
    if d.get("PayloadVersion") != 1: errs.append(f"{where}.PayloadVersion != 1")
def settings_strings(s, where):
    for k, v in s.items():
        if not k.startswith("Payload") and not isinstance(v, str):
            errs.append(f"{where}.{k} is {type(v).__name__}, must be string")
ident(top, "top")
if top.get("PayloadType") != "Configuration": errs.append("top.PayloadType != Configuration")
if top.get("PayloadScope") not in ("System", "User"): errs.append("top.PayloadScope not System|User")
for i, p in enumerate(top.get("PayloadContent", [])):
    ident(p, f"PayloadContent[{i}]")
    if p.get("PayloadType") == DOMAIN:
        settings_strings(p, f"PayloadContent[{i}]")
    elif p.get("PayloadType") == "com.apple.ManagedClient.preferences":
        forced = p.get("PayloadContent", {}).get(DOMAIN, {}).get("Forced", [])
        if not forced: errs.append(f"PayloadContent[{i}]: no PayloadContent/{DOMAIN}/Forced")
        for j, f in enumerate(forced):
            settings_strings(f.get("mcx_preference_settings", {}), f"PayloadContent[{i}]...Forced[{j}].mcx_preference_settings")
if len(uuids) != len(set(uuids)): errs.append("PayloadUUIDs not unique")
print("\n".join(errs) if errs else "plist OK"); sys.exit(1 if errs else 0)
