import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG, CONFIG_LIBRARY_DIRS, HKLM_EXCLUSIVE_SINCE, LINUX_MANAGED_SETTINGS_PATH, sectionTitle, type Settings } from '../../lib/catalog';
import { egressHosts } from '../../lib/egress';
import { mdCode, mdCodeCell, mdFenced, mdText } from '../../lib/escape/markdown';
import type { ResolvedProfile } from '../../lib/profile/types';
import { deployMarkdown, deployView, egressText, fileKind, type DeployInfo } from '../../lib/writers/deploy-md';
import { maskSecret, shorten } from '../../lib/writers/display-value';
import { jsonArtifacts } from '../../lib/writers/json-outputs';
import { macosArtifacts } from '../../lib/writers/macos';
import { windowsArtifacts } from '../../lib/writers/windows';
import { loadExamples, loadFixtureProfile, ROOT } from '../support/examples';
import { fileInfo, otherWriterFiles, resolved, secretMarkerProfile, tableAfter, tableCells } from './support';
import { K } from '../support/keys';

const SECTIONS = ['## What this profile sets', '## Network egress', '## Scope and precedence', '## Where each file goes', '## Testing on one machine', '## Checksums'];

function infoFor(profile: ResolvedProfile, otherPaths?: readonly string[], warnings: DeployInfo['warnings'] = []): DeployInfo {
  return { files: fileInfo([...jsonArtifacts(profile), ...otherWriterFiles(profile.name, otherPaths)], profile), egress: egressHosts(profile), warnings };
}
const render = (profile: ResolvedProfile, info: DeployInfo = infoFor(profile)): string => deployMarkdown(profile, info).bytes.toString('utf8');
const headings = (md: string) => md.split('\n').filter((l) => /^#{1,3} /.test(l));

describe('DEPLOY.md structure', () => {
  test.each(loadExamples().map((e) => [e.file, e] as const))('%s', (_file, ex) => {
    const info = infoFor(ex.resolved);
    const art = deployMarkdown(ex.resolved, info);
    expect(art.path).toBe('DEPLOY.md');
    expect(art.mediaType).toMatch(/^text\/markdown/);
    const md = art.bytes.toString('utf8');
    expect(md.startsWith(`# Deploying ${mdText(ex.resolved.displayName)}\n`)).toBe(true);
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n\n\n/);
    expect(md).not.toContain('\r');
    // The main sections, in order.
    const h = headings(md);
    const idx = SECTIONS.map((s) => h.indexOf(s));
    expect(idx.every((i) => i >= 0)).toBe(true);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);

    // Settings table: one row per set key, catalogue order, 4 cells each.
    const settings = ex.resolved.settings as Record<string, unknown>;
    const rows = tableAfter(md, '## What this profile sets').map(tableCells);
    const set = CATALOG.filter((k) => settings[k.name] !== undefined);
    expect(rows.map((r) => r[0])).toEqual(set.map((k) => mdCodeCell(k.name)));
    for (const [i, r] of rows.entries()) {
      expect(r).toHaveLength(4);
      expect(r[1]).toBe(mdText(sectionTitle(set[i]!.section)));
    }

    // Egress table: every host of the list, 4 cells.
    const egressRows = tableAfter(md, '## Network egress').map(tableCells);
    expect(egressRows.map((r) => r[0])).toEqual(info.egress.map((e) => mdCodeCell(e.host)));
    for (const r of egressRows) expect(r).toHaveLength(4);

    // Checksums: every file with its size and hash, in the table and in sha256sum form.
    const sums = tableAfter(md, '## Checksums').map(tableCells);
    expect(sums).toEqual(info.files.map((f) => [mdCodeCell(f.path), String(f.size), `\`${f.sha256}\``]));
    for (const f of info.files) expect(md).toContain(`\n${f.sha256}  ${f.path}\n`);
  });

  test('bytes are deterministic', () => {
    const ex = loadExamples()[0]!;
    expect(render(ex.resolved)).toBe(render(ex.resolved));
  });

  test('the template never uses double-stash (HTML escaping) and has no CR', () => {
    const text = readFileSync(join(ROOT, 'templates', 'deploy.md.hbs'), 'utf8');
    expect(text.replace(/\{\{\{[^}]*\}\}\}/g, '').match(/\{\{(?![#/!>~]|else)[^}]*\}\}/g)).toBeNull();
    expect(text.includes('\r')).toBe(false);
  });
});

describe('DEPLOY.md platform steps follow the built files', () => {
  const ex = () => loadExamples().find((e) => e.file === 'litellm.profile.json')!.resolved;

  test('only JSON outputs: Linux and config library, no Apple or Windows steps', () => {
    const md = render(ex(), infoFor(ex(), []));
    const h = headings(md);
    expect(h).toContain('### Linux');
    expect(h).not.toContain('### Jamf Pro');
    expect(h).not.toContain('### Group Policy (Active Directory)');
    expect(h).not.toContain('### Microsoft Intune: Windows');
    expect(h).not.toContain('### Kandji, Fleet and other MDMs');
    expect(md).toContain('**Without MDM: the local configuration library.**');
    expect(md).not.toContain('**macOS.** Double-click');
  });

  test('mobileconfig: Jamf, Intune macOS, Kandji/Fleet and double-click testing', () => {
    const p = ex();
    const md = render(p, infoFor(p, [`macos/${p.name}.mobileconfig`, `macos/${p.name}.signed.mobileconfig`, `jamf/${p.name}.json`, `jamf/${p.name}.plist`, `intune/${p.name}.preference.plist`]));
    const h = headings(md);
    for (const s of ['### macOS: any MDM', '### Jamf Pro', '### Microsoft Intune: macOS', '### Kandji, Fleet and other MDMs']) expect(h).toContain(s);
    expect(md).toContain(`**Upload**, choose \`macos/${p.name}.mobileconfig\``);
    expect(md).toContain(`\`macos/${p.name}.signed.mobileconfig\` is the same profile, signed`);
    expect(md).toContain(`paste the content of \`jamf/${p.name}.json\``);
    expect(md).toContain(`upload \`jamf/${p.name}.plist\``);
    expect(md).toContain(`upload \`intune/${p.name}.preference.plist\``);
    expect(md).toMatch(/Kandji replaces the PayloadIdentifier/);
    expect(md).not.toContain('### Other files');
  });

  test('ADMX + .reg: Intune Windows and Group Policy with the undo file', () => {
    const p = ex();
    const md = render(p, infoFor(p));
    expect(headings(md)).toEqual(expect.arrayContaining(['### Microsoft Intune: Windows', '### Group Policy (Active Directory)']));
    expect(md).toContain('`windows/PolicyDefinitions/Claude.admx` to the central store');
    expect(md).toContain('`windows/PolicyDefinitions/en-US/Claude.adml` to its `en-US\\` subfolder');
    expect(md).toContain(`To roll back, import \`windows/${p.name}.undo.reg\``);
    expect(md).toContain('reg query "HKLM\\SOFTWARE\\Policies\\Claude"');
  });

  test('.reg without ADMX (--formats reg): the Group Policy section still says how to import it, with no template steps', () => {
    const p = ex();
    const md = render(p, infoFor(p, [`windows/${p.name}.reg`, `windows/${p.name}.undo.reg`, 'manifest.json']));
    expect(headings(md)).toContain('### Group Policy (Active Directory)');
    expect(md).toContain(`**Registry file.** Import \`windows/${p.name}.reg\``);
    expect(md).toContain(`To roll back, import \`windows/${p.name}.undo.reg\``);
    expect(md).not.toContain('**Administrative template.**');
    expect(md).not.toContain('### Other files');
  });

  test('Linux: install commands with root ownership and 0644/0755', () => {
    const md = render(ex());
    expect(md).toContain(`sudo install -o root -g root -m 0644 linux/managed-settings.json ${LINUX_MANAGED_SETTINGS_PATH}\n`);
    expect(md).toContain('sudo install -d -o root -g root -m 0755 /etc/claude-desktop\n');
    expect(md).toMatch(/test ! -L \/etc\/claude-desktop && test ! -L/);
  });

  test('Linux: the file is world-readable, so DEPLOY.md warns exactly when the profile holds a secret', () => {
    const warning = 'every local user can read the secrets in it';
    const gateway = { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com' } as const;
    const withSecret = resolved({ ...gateway, [K.inferenceGatewayApiKey]: 'sk-linux-secret-value' });
    expect(withSecret.secrets).toHaveLength(1);
    const md = render(withSecret);
    expect(headings(md)).toContain('### Linux');
    expect(md).toContain(warning);
    // The warning belongs to the Linux section (between its heading and the next one).
    const linux = md.slice(md.indexOf('### Linux'), md.indexOf('\n##', md.indexOf('### Linux') + 1));
    expect(linux).toContain(warning);
    const noSecret = resolved({ ...gateway, [K.inferenceCredentialHelper]: '/usr/local/bin/token' });
    expect(noSecret.secrets).toEqual([]);
    expect(render(noSecret)).not.toContain(warning);
  });

  test('config library: the per-OS folders of the catalogue constants', () => {
    const md = render(ex());
    expect(md).toContain(`"${CONFIG_LIBRARY_DIRS.macos.replace('~/', '$HOME/').replace(/\/$/, '')}/"`);
    expect(md).toContain(`"${CONFIG_LIBRARY_DIRS.linux.replace('~/', '$HOME/').replace(/\/$/, '')}/"`);
    expect(md).toContain('"$env:LOCALAPPDATA\\Claude-3p\\configLibrary\\"');
  });

  test('bootstrap: a section when the response is built, pointing at the server', () => {
    const p = resolved({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.bootstrapUrl]: 'https://boot.example.com/bootstrap?tenant=QUERY-SECRET' });
    const md = render(p);
    expect(headings(md)).toContain('### Bootstrap server');
    expect(md).toContain('`bootstrap/bootstrap-response.json` is that response');
    expect(md).toContain('`https://boot.example.com/bootstrap?…`');
    // Queries of URLs may carry tokens: not repeated anywhere, the settings table included.
    expect(md).not.toContain('QUERY-SECRET');
    expect(md).toContain(`| \`${K.bootstrapUrl}\` | Bootstrap | \`https://boot.example.com/bootstrap?…\` | MDM |`);
  });

  test('bootstrap-only keys without a bootstrap URL are called out as not delivered', () => {
    const md = render(resolved({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.claudeAiImport]: { enabled: true } }));
    expect(md).toContain('**Not delivered.**');
    expect(md).toContain(`- \`${K.claudeAiImport}\``);
  });

  test('bootstrap-only keys with a bootstrap URL are delivered by the bootstrap response: not called out', () => {
    const p = resolved({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.bootstrapUrl]: 'https://boot.example.com/bootstrap', [K.claudeAiImport]: { enabled: true } });
    const info = infoFor(p);
    expect(info.files.map((f) => f.path)).toContain('bootstrap/bootstrap-response.json');
    const md = render(p, info);
    expect(md).not.toContain('**Not delivered.**');
    expect(deployView(p, info).undelivered).toEqual([]);
    const row = tableAfter(md, '## What this profile sets').map(tableCells).find((r) => r[0] === `\`${K.claudeAiImport}\``);
    expect(row?.[3]).toBe('bootstrap');
  });

  test('the egress proxy sentence names the proxy (host:port), not the PAC file host', () => {
    const p = resolved({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.egressProxyUrl]: 'http://proxy.corp.example:3128', [K.egressProxyPacUrl]: 'http://wpad.corp.example/proxy.pac' });
    const md = render(p);
    expect(md).toContain('The profile sets an egress proxy (`proxy.corp.example:3128`)');
    expect(md).not.toContain('egress proxy (`wpad');
    const noProxy = resolved({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com' });
    expect(render(noProxy)).not.toContain('The profile sets an egress proxy');
  });

  test('the default update host is named as unlisted unless either update key takes it away', () => {
    const line = "- Anthropic's default update host.";
    const gw = { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com' } as const;
    expect(render(resolved(gw))).toContain(line);
    // Updates come from releases.claude.com (listed in the egress table), or there are no update checks at all.
    expect(render(resolved({ ...gw, [K.updateViaUpdatesHost]: true }))).not.toContain(line);
    expect(render(resolved({ ...gw, [K.disableAutoUpdates]: true }))).not.toContain(line);
  });

  test('with the real macOS and Windows writers every file has its place (none under "Other files")', () => {
    const p = ex();
    const arts = [...jsonArtifacts(p), ...macosArtifacts(p), ...windowsArtifacts(p), ...otherWriterFiles(p.name, ['manifest.json', 'egress.txt'])];
    const md = render(p, { files: fileInfo(arts, p), egress: egressHosts(p), warnings: [] });
    expect(md).not.toContain('### Other files');
    const view = deployView(p, { files: fileInfo(arts, p), egress: [], warnings: [] });
    expect(view.otherFiles).toEqual([]);
    const pl = view.platforms;
    for (const v of [pl.macos.mobileconfig, pl.macos.profileManifest, pl.jamf.schema, pl.jamf.plist, pl.intuneMacos.fragment, pl.intuneMacos.graph, pl.intuneWindows.omaUri, pl.intuneWindows.graph, pl.gpo.admx, pl.gpo.adml, pl.gpo.reg, pl.gpo.undo]) {
      expect(v).not.toBe('');
      expect(md).toContain(`\`${v}\``);
    }
    expect(headings(md)).toEqual(expect.arrayContaining(['### macOS: any MDM', '### Jamf Pro', '### Microsoft Intune: macOS', '### Microsoft Intune: Windows', '### Group Policy (Active Directory)', '### Kandji, Fleet and other MDMs', '### Linux']));
  });

  test('unknown files are still listed', () => {
    const p = ex();
    const md = render(p, infoFor(p, ['extras/notes.txt']));
    expect(md).toContain('### Other files\n\n- `extras/notes.txt`\n');
  });

  test('file kinds', () => {
    expect(fileKind('macos/a.mobileconfig')).toBe('mobileconfig');
    expect(fileKind('macos/a.signed.mobileconfig')).toBe('signedMobileconfig');
    expect(fileKind('windows/a.undo.reg')).toBe('undoReg');
    expect(fileKind('windows/a.reg')).toBe('reg');
    expect(fileKind('windows/admx/en-US/Claude.adml')).toBe('adml');
    expect(fileKind('linux/managed-settings.json')).toBe('linuxManaged');
    expect(fileKind('intune/roma.windows-oma-uri.csv')).toBe('omaUri');
    expect(fileKind('intune/mac.windows-custom-configuration.json')).toBe('graphWindows');
    expect(fileKind('intune/win.macos-custom-configuration.json')).toBe('graphMacos');
    expect(fileKind('macos/com.anthropic.claudefordesktop.manifest.plist')).toBe('profileManifest');
    expect(fileKind('intune/a.plist')).toBe('preferenceFragment');
    expect(fileKind('egress.txt')).toBe('egressTxt');
    expect(fileKind('whatever.bin')).toBeUndefined();
  });
});

describe('DEPLOY.md scope and precedence', () => {
  test('machine scope: HKLM, System, and the HKLM-exclusive rule with its build', () => {
    const md = render(loadExamples().find((e) => e.file === 'litellm.profile.json')!.resolved);
    expect(md).toContain('Scope: **machine**');
    expect(md).toContain('`HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude`');
    expect(md).toContain(`Since Claude Desktop ${HKLM_EXCLUSIVE_SINCE}, if any Claude value exists under \`HKLM\\SOFTWARE\\Policies\\Claude\`, the app ignores \`HKCU\\SOFTWARE\\Policies\\Claude\` completely`);
    expect(md).toContain('PayloadScope `System`');
  });

  test('user scope: HKCU, User, and the warning about leftover HKLM policy', () => {
    const md = render(loadExamples().find((e) => e.file === 'foundry.profile.json')!.resolved);
    expect(md).toContain('Scope: **user**');
    expect(md).toContain('`HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude`');
    expect(md).toContain('make sure no machine policy is left under HKLM');
    expect(md).toContain('PayloadScope `User`');
    expect(md).toContain('**User Configuration**');
  });
});

describe('DEPLOY.md: how the .reg reaches the registry, by scope', () => {
  // HKCU\Software\Policies is writable by SYSTEM and administrators only: a standard user's own
  // `reg import` fails with access denied, so user scope goes through Group Policy, Intune
  // ./User rows or an administrative script that writes the user's hive.
  const withWindowsFiles = (file: string): string => {
    const p = loadExamples().find((e) => e.file === file)!.resolved;
    const arts = [...jsonArtifacts(p), ...windowsArtifacts(p), ...otherWriterFiles(p.name, ['manifest.json', 'egress.txt'])];
    return render(p, { files: fileInfo(arts, p), egress: egressHosts(p), warnings: [] });
  };

  test('user scope: never "as the user"; access denied said plainly; Group Policy, ./User rows or an administrative script', () => {
    const md = withWindowsFiles('foundry.profile.json');
    expect(md).toContain('Scope: **user**');
    expect(md).not.toContain('(as the user: it writes');
    expect(md).not.toContain('(run as the signed-in user)');
    expect(md).not.toContain('Double-click `windows/');
    expect(md).toContain("a standard user's own `reg import` or double-click fails with access denied");
    expect(md).toContain('User Configuration → Preferences → Windows Settings → Registry');
    expect(md).toContain('Registry items run as SYSTEM by default');
    expect(md).toContain('the `./User` OMA-URI rows');
    expect(md).toContain('`HKEY_USERS\\<user SID>\\SOFTWARE\\Policies\\Claude`');
    expect(md).toContain('from an elevated prompt');
  });

  test('machine scope: administrator, system, a startup script (never a logon script), GPP Registry items one value each', () => {
    const md = withWindowsFiles('litellm.profile.json');
    expect(md).toContain('Scope: **machine**');
    expect(md).toContain('**Script.** A platform script (run as system) that runs `reg import` on `windows/litellm.reg`.');
    const para = md.split('\n').find((l) => l.startsWith('**Registry file.**'))!;
    expect(para).toContain('Import `windows/litellm.reg` (as an administrator: it writes to `HKEY_LOCAL_MACHINE`) with `reg import` from an elevated prompt, or from a computer startup script, which runs as SYSTEM');
    // A logon script runs as the user, who cannot write HKLM: it is named only to rule it out.
    expect(para).not.toMatch(/startup or logon script/);
    expect(para).toContain('not a logon script: it runs as the signed-in user, who cannot write `HKEY_LOCAL_MACHINE`');
    // GPP Registry takes items, not .reg files.
    expect(para).not.toContain('Group Policy Preferences → Registry');
    expect(para).toContain('Group Policy Preferences does not import `.reg` files');
    expect(para).toContain('Computer Configuration → Preferences → Windows Settings → Registry, create one `REG_SZ` item per value, at `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude`');
    expect(md).toContain('**Windows.** Double-click `windows/litellm.reg` and confirm (needs administrator rights), or run `reg import`.');
    expect(md).not.toContain('HKEY_USERS');
    expect(md).not.toContain('access denied');
  });
});

describe('DEPLOY.md never shows a secret', () => {
  test('every secret of every kind is masked: settings table, egress, warnings', () => {
    const { profile, markers, env } = secretMarkerProfile({ [K.otlpEndpoint]: 'https://otel.example.com:4318' });
    const info = infoFor(profile, undefined, [{ path: `settings.${K.inferenceGatewayApiKey}`, message: 'a warning that names the key but not its value' }]);
    const md = render(profile, info);
    const txt = egressText(info.egress).bytes.toString('utf8');
    expect(markers.length).toBeGreaterThan(10);
    expect(md).not.toContain('SECRET-MARKER');
    expect(txt).not.toContain('SECRET-MARKER');
    // Environment-sourced secrets say where they came from (variable names are not secrets).
    for (const name of Object.keys(env)) expect(md).toContain(`from environment variable \`${name}\``);
    expect(md).toContain('masked: `from env SECRET_ENV_4`');
    // The secret keys are still listed (masked), and the MCP server host is in the egress table.
    expect(md).toContain(`| \`${K.inferenceGatewayApiKey}\` |`);
    expect(md).toContain('| `mcp.example.com` | 8443 |');
  });

  test('masking: env name, or •••• with at most the last four characters of long values', () => {
    expect(maskSecret('sk-ant-abcdefghijklmnop', { from: 'env', envName: 'KEY' })).toBe('from env KEY');
    expect(maskSecret('sk-ant-abcdefghijklmnop')).toBe('••••mnop');
    expect(maskSecret('short-key')).toBe('••••');
    expect(maskSecret('😀😀😀😀😀😀😀😀😀😀😀😀')).toBe('••••😀😀😀😀');
  });

  test('long values are shortened, not inside a surrogate pair', () => {
    expect(shorten('x'.repeat(80))).toBe('x'.repeat(80));
    expect(shorten('x'.repeat(81))).toBe(`${'x'.repeat(79)}… (81 characters)`);
    expect(shorten('😀'.repeat(100), 10)).toBe(`${'😀'.repeat(9)}… (100 characters)`);
  });
});

describe('DEPLOY.md escaping', () => {
  test('the hostile fixture: no raw HTML, no stray table cells, bidi controls made visible', () => {
    const { resolved: profile } = loadFixtureProfile('hostile.profile.json');
    const md = render(profile);
    // Outside code (where < is literal text) no raw HTML may remain.
    const prose = md.replace(/```[\s\S]*?```/g, '').replace(/(`+)[\s\S]*?\1/g, '');
    expect(prose).not.toMatch(/<[A-Za-z]/);
    expect(md).toContain('&lt;odd&gt;');
    expect(md).not.toContain('\u202E');
    expect(md).toContain('U+202E');
    expect(md.split('\n')[0]).toBe(`# Deploying ${mdText(profile.displayName)}`);
    for (const heading of ['## What this profile sets', '## Network egress', '## Checksums']) {
      const rows = tableAfter(md, heading);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(tableCells(r)).toHaveLength(heading === '## Checksums' ? 3 : 4);
    }
    // The gateway key is a literal secret: masked with its last four characters only.
    const apiKeyRow = tableAfter(md, '## What this profile sets').map(tableCells).find((r) => r[0] === `\`${K.inferenceGatewayApiKey}\``)!;
    expect(apiKeyRow[2]).toMatch(/^masked: `+ ?••••/);
    expect(md).not.toContain('sk-"quoted"');
  });

  test('mdText escapes Markdown and HTML', () => {
    expect(mdText('a|b <c> & *d* _e_ [f](g) `h` \\')).toBe('a\\|b &lt;c&gt; &amp; \\*d\\* \\_e\\_ \\[f\\](g) \\`h\\` \\\\');
    expect(mdText('# not a heading')).toBe('\\# not a heading');
    expect(mdText('- not a list')).toBe('\\- not a list');
    expect(mdText('1. not a list')).toBe('1\\. not a list');
    expect(mdText('1.46388.4')).toBe('1.46388.4');
    expect(mdText('line\nbreak\ttab')).toBe('lineU+000AbreakU+0009tab');
  });

  test('mdCode picks a fence longer than any backtick run', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('')).toBe('*(empty)*');
    expect(mdCodeCell('a|b')).toBe('`a\\|b`');
  });

  test('mdFenced cannot end a code block or split a line', () => {
    expect(mdFenced('linux/managed-settings.json')).toBe('linux/managed-settings.json');
    expect(mdFenced('a\n```\nb')).toBe('aU+000AU+0060U+0060U+0060U+000Ab');
  });
});

describe('egress.txt', () => {
  test('one host per line, port only when not 443, sorted, deduplicated, trailing LF', () => {
    const art = egressText([
      { host: 'b.example.com', port: 443, why: '', source: 'x' },
      { host: 'a.example.com', port: 8443, why: '', source: 'x' },
      { host: 'a.example.com', port: 443, why: '', source: 'x' },
      { host: 'b.example.com', port: 443, why: 'dup', source: 'y' },
    ]);
    expect(art.path).toBe('egress.txt');
    expect(art.bytes.toString('utf8')).toBe('a.example.com\na.example.com:8443\nb.example.com\n');
  });

  test('empty list: empty file', () => {
    expect(egressText([]).bytes.length).toBe(0);
  });

  test('matches the DEPLOY.md egress table for every example', () => {
    for (const ex of loadExamples()) {
      const info = infoFor(ex.resolved);
      const lines = egressText(info.egress).bytes.toString('utf8').trimEnd().split('\n');
      const rows = tableAfter(render(ex.resolved, info), '## Network egress').map(tableCells);
      expect(lines).toEqual(rows.map((r) => `${r[0]!.replace(/`/g, '')}${r[1] === '443' ? '' : `:${r[1]}`}`));
    }
  });
});

test('the view model passes its schema for a profile that sets nothing', () => {
  const p = resolved({} as Settings);
  const view = deployView(p, { files: [], egress: egressHosts(p), warnings: [] });
  expect(view.settings).toEqual([]);
  expect(() => render(p, { files: [], egress: egressHosts(p), warnings: [] })).not.toThrow();
});
