#!/usr/bin/env bash
# usage: check-reg.sh FILE.reg EXPECTED.json [PREFIX]
#   EXPECTED.json: {"\\Policies\\Claude": {"name": "value", ...}}  (hive-relative key paths)
#   PREFIX: HKEY_LOCAL_MACHINE\SOFTWARE (default) or HKEY_CURRENT_USER
set -euo pipefail
REG=$1; EXP=$2; PREFIX=${3:-'HKEY_LOCAL_MACHINE\SOFTWARE'}
# R: oracle data folder; defaults to the project's vendored copy (tests/fixtures/oracles), found relative to this script.
R=${R:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/../../fixtures/oracles" && pwd)"}
# 1. bytes: UTF-16LE BOM, header line, CRLF only
test "$(head -c2 "$REG" | xxd -p)" = fffe || { echo "no UTF-16LE BOM"; exit 1; }
TXT=$(mktemp); H=$(mktemp); trap 'rm -f "$TXT" "$H" "$H.xml"' EXIT
iconv -f UTF-16LE -t UTF-8 "$REG" > "$TXT"
head -1 "$TXT" | sed 's/^\xef\xbb\xbf//' | grep -qx $'Windows Registry Editor Version 5.00\r' || { echo "bad header line"; exit 1; }
if LC_ALL=C grep -q -e $'[^\r]$' -e '^$' "$TXT"; then echo "line without CRLF"; exit 1; fi
# 2. merge into a copy of the empty hive (parents first: hivexregedit does not create them)
cp "$R/hivex/minimal.hive" "$H"; chmod u+w "$H"
if [ "$PREFIX" = 'HKEY_CURRENT_USER' ]; then P='[HKEY_CURRENT_USER\SOFTWARE]\n\n[HKEY_CURRENT_USER\SOFTWARE\Policies]\n\n'
else P='[HKEY_LOCAL_MACHINE\SOFTWARE\Policies]\n\n'; fi
printf "$P" | hivexregedit --merge --prefix "$PREFIX" "$H"
PERL_UNICODE=SD hivexregedit --merge --prefix "$PREFIX" "$H" < "$TXT"
# 3. read back and compare every value (type must be REG_SZ = "string")
hivexml "$H" > "$H.xml"
python3 - "$H.xml" "$EXP" <<'PY'
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
got = {}
def walk(node, path):
    for child in node:
        if child.tag == "node":
            p = path + "\\" + child.get("name") if not child.get("root") else ""
            walk(child, p)
        elif child.tag == "value":
            got.setdefault(path, {})[child.get("key")] = (child.get("type"), child.get("value"))
walk(root, "")
exp = json.load(open(sys.argv[2], encoding="utf-8"))
bad = []
for key, vals in exp.items():
    have = got.get(key, {})
    for name, want in vals.items():
        t, v = have.get(name, (None, None))
        if t != "string" or v != want:
            bad.append(f"{key}\\{name}: got {t} {v!r}, want string {want!r}")
    for extra in set(have) - set(vals):
        bad.append(f"{key}\\{extra}: unexpected value")
for key in set(got) - set(exp):
    bad.append(f"{key}: unexpected key with values")
print("\n".join(bad) if bad else "reg OK")
sys.exit(1 if bad else 0)
PY
