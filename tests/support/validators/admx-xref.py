#!/usr/bin/env python3
"""usage: admx-xref.py FILE.admx FILE.adml -- cross-file checks the XSD cannot do."""
import re, sys, xml.etree.ElementTree as ET
NS = "{http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions}"
admx, adml = ET.parse(sys.argv[1]).getroot(), ET.parse(sys.argv[2]).getroot()
err = []
def dups(kind, names):
    seen = set()
    for n in names:
        if n in seen: err.append(f"duplicate {kind} {n!r}")
        seen.add(n)
strings = [s.get("id") for s in adml.iter(NS + "string") if s.get("id") is not None]
pres = {p.get("id"): p for p in adml.iter(NS + "presentation")}
dups("string id", strings); dups("presentation id", [p.get("id") for p in adml.iter(NS + "presentation")])
dups("policy name", [p.get("name") for p in admx.iter(NS + "policy")])
dups("category name", [c.get("name") for c in admx.iter(NS + "category")])
dups("supportedOn definition", [d.get("name") for d in admx.iter(NS + "definition")])
strings = set(strings)
for el in admx.iter():
    for attr, val in el.attrib.items():
        for kind, ref in re.findall(r"\$\((string|presentation)\.([^)]*)\)", val):
            if ref not in (strings if kind == "string" else pres):
                err.append(f"{el.tag.replace(NS, '')} {attr}: $({kind}.{ref}) not in ADML")
cats = {c.get("name") for c in admx.iter(NS + "category")}
defs = {d.get("name") for d in admx.iter(NS + "definition")}
for pc in admx.iter(NS + "parentCategory"):
    if ":" not in pc.get("ref") and pc.get("ref") not in cats: err.append(f"parentCategory {pc.get('ref')!r} undefined")
for so in admx.iter(NS + "supportedOn"):
    if so.get("ref") and ":" not in so.get("ref") and so.get("ref") not in defs: err.append(f"supportedOn {so.get('ref')!r} undefined")
CONTROL = {"text": {"textBox"}, "decimal": {"decimalTextBox"}, "enum": {"dropdownList"}, "boolean": {"checkBox"}, "multiText": {"multiTextBox"}, "list": {"listBox"}, "longDecimal": {"longDecimalTextBox"}}
for pol in admx.iter(NS + "policy"):
    els = pol.find(NS + "elements")
    ids = {e.get("id"): e.tag.replace(NS, "") for e in (els if els is not None else [])}
    p = re.fullmatch(r"\$\(presentation\.(.*)\)", pol.get("presentation", ""))
    ctrls = {c.get("refId"): c.tag.replace(NS, "") for c in pres[p.group(1)] if c.get("refId")} if p and p.group(1) in pres else {}
    for i, kind in ids.items():
        if i not in ctrls: err.append(f"policy {pol.get('name')}: element {i!r} has no presentation control")
        elif ctrls[i] not in CONTROL.get(kind, set()): err.append(f"policy {pol.get('name')}: {i!r} is {kind} but control is {ctrls[i]}")
    for r in set(ctrls) - set(ids): err.append(f"policy {pol.get('name')}: control refId {r!r} matches no element")
    if re.match(r"(?i)(software\\policies\\microsoft|software\\microsoft|system)(\\|$)", pol.get("key", "")):
        err.append(f"policy {pol.get('name')}: key {pol.get('key')} is in a tree Intune refuses")
for c in adml.iter(NS + "comboBox"): err.append(f"comboBox {c.get('refId')!r}: Intune ADMX import rejects comboBox")
for u in admx.iter(NS + "using"): err.append(f"using {u.get('namespace')}: Intune needs that ADMX uploaded first")
res = admx.find(NS + "resources")
ver = lambda v: tuple(int(x) for x in v.split("."))
if res is not None and ver(adml.get("revision")) < ver(res.get("minRequiredRevision")):
    err.append("ADML revision < ADMX minRequiredRevision")
print("\n".join(err) if err else "xref OK"); sys.exit(1 if err else 0)
