/**
 * Small hand-written good and bad samples (after shared/reference/validators.md) used to prove that the validator
 * harness passes good artifacts and fails broken ones. Written by hand on purpose: no project code produces them.
 */

import { K } from '../support/keys';

/** Encode `.reg` text the way regedit writes it: UTF-16LE, BOM, CRLF line endings. */
export function regBytes(text: string, opts: { bom?: boolean; crlf?: boolean } = {}): Buffer {
  const body = opts.crlf === false ? text : text.replace(/\r?\n/g, '\r\n');
  const bom = opts.bom === false ? Buffer.alloc(0) : Buffer.from([0xff, 0xfe]);
  return Buffer.concat([bom, Buffer.from(body, 'utf16le')]);
}

// `.reg` -----------------------------------------------------------------------------------------------------------

/** Good HKLM file: quotes, trailing backslash, JSON with an escaped backslash, non-ASCII incl. a non-BMP emoji. */
export const GOOD_REG_TEXT = String.raw`Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Claude]
"quoteTest"="say \"hi\""
"pathTest"="C:\\Program Files\\Claude\\"
"${K.inferenceModels}"="[\"claude-sonnet-4-5\",{\"name\":\"a\\\\b\",\"x\":{\"y\":[1,2]}}]"
"unicodeTest"="café 日本語 😀"
"${K.disableAutoUpdates}"="true"

`;

/** Exactly what {@link GOOD_REG_TEXT} asks the registry to hold. */
export const GOOD_REG_EXPECTED: Record<string, Record<string, string>> = {
  '\\Policies\\Claude': {
    quoteTest: 'say "hi"',
    pathTest: 'C:\\Program Files\\Claude\\',
    [K.inferenceModels]: '["claude-sonnet-4-5",{"name":"a\\\\b","x":{"y":[1,2]}}]',
    unicodeTest: 'café 日本語 😀',
    [K.disableAutoUpdates]: 'true',
  },
};

/** The same settings for HKCU. */
export const GOOD_REG_HKCU_TEXT = GOOD_REG_TEXT.replace(
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude',
  'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude',
);
export const GOOD_REG_HKCU_EXPECTED: Record<string, Record<string, string>> = {
  '\\SOFTWARE\\Policies\\Claude': GOOD_REG_EXPECTED['\\Policies\\Claude']!,
};

/** Quotes not escaped: hivex accepts the line but stores `say `. */
export const BAD_REG_QUOTES_TEXT = GOOD_REG_TEXT.replace(String.raw`"say \"hi\""`, `"say "hi""`);
/** Backslashes not doubled: hivex accepts it but stores `C:Program FilesClaude\`. */
export const BAD_REG_BACKSLASH_TEXT = GOOD_REG_TEXT.replace(
  String.raw`"C:\\Program Files\\Claude\\"`,
  String.raw`"C:\Program Files\Claude\\"`,
);
/** `dword:2a` instead of 8 hex digits: hivex parse error. */
export const BAD_REG_DWORD_TEXT = GOOD_REG_TEXT.replace(`"${K.disableAutoUpdates}"="true"`, `"${K.disableAutoUpdates}"=dword:2a`);
/** A DWORD where the profile asked for the string "true". */
export const BAD_REG_DWORD_TYPE_TEXT = GOOD_REG_TEXT.replace(
  `"${K.disableAutoUpdates}"="true"`,
  `"${K.disableAutoUpdates}"=dword:00000001`,
);

/** Undo file removing two values. */
export const UNDO_VALUES_TEXT = String.raw`Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Claude]
"quoteTest"=-
"unicodeTest"=-

`;

/** Undo file removing the whole key. */
export const UNDO_KEY_TEXT = String.raw`Windows Registry Editor Version 5.00

[-HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Claude]

`;

// plist --------------------------------------------------------------------------------------------------------------

const PLIST_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
`;

/** Good profile with a direct `com.anthropic.claudefordesktop` payload; every Claude value is a `<string>`. */
export const GOOD_PLIST = `${PLIST_HEAD}<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadDisplayName</key>
      <string>Claude Desktop</string>
      <key>PayloadIdentifier</key>
      <string>com.example.claude.settings</string>
      <key>PayloadType</key>
      <string>com.anthropic.claudefordesktop</string>
      <key>PayloadUUID</key>
      <string>0B4D6C3A-8E1F-4F2A-9C5D-7A1B2C3D4E5F</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
      <key>${K.disableAutoUpdates}</key>
      <string>true</string>
      <key>${K.inferenceModels}</key>
      <string>["claude-sonnet-4-5",{"name":"a&amp;b"}]</string>
      <key>unicodeTest</key>
      <string>café 日本語 😀</string>
    </dict>
  </array>
  <key>PayloadDisplayName</key>
  <string>Claude gateway</string>
  <key>PayloadIdentifier</key>
  <string>com.example.claude</string>
  <key>PayloadScope</key>
  <string>System</string>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
`;

/** A Claude value written as a native boolean: DTD-valid, but Claude reads only strings. */
export const BAD_PLIST_NATIVE_TRUE = GOOD_PLIST.replace(
  `<key>${K.disableAutoUpdates}</key>\n      <string>true</string>`,
  `<key>${K.disableAutoUpdates}</key>\n      <true/>`,
);
/** The same key twice. */
export const BAD_PLIST_DUPLICATE_KEY = GOOD_PLIST.replace(
  '<key>unicodeTest</key>',
  `<key>${K.disableAutoUpdates}</key>\n      <string>false</string>\n      <key>unicodeTest</key>`,
);
/** Misspelt element: not in the DTD. */
export const BAD_PLIST_STRIN = GOOD_PLIST.replace('<string>true</string>', '<strin>true</strin>');
/** Unescaped `&`: not well-formed. */
export const BAD_PLIST_AMP = GOOD_PLIST.replace('a&amp;b', 'a&b');

// ADMX / ADML --------------------------------------------------------------------------------------------------------

const NS = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';

/** Good minimal ADMX: one `text` policy and one enabled/disabled string policy. */
export const GOOD_ADMX = `<?xml version="1.0" encoding="utf-8"?>
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="${NS}">
  <policyNamespaces>
    <target prefix="claude" namespace="Anthropic.Policies.Claude" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="SUPPORTED_Claude" displayName="$(string.SUPPORTED_Claude)" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="Claude" displayName="$(string.Claude)" />
  </categories>
  <policies>
    <policy name="${K.inferenceModels}" class="Machine" displayName="$(string.${K.inferenceModels})" explainText="$(string.${K.inferenceModels}_Help)" presentation="$(presentation.${K.inferenceModels})" key="SOFTWARE\\Policies\\Claude">
      <parentCategory ref="Claude" />
      <supportedOn ref="SUPPORTED_Claude" />
      <elements>
        <text id="${K.inferenceModels}" valueName="${K.inferenceModels}" maxLength="32767" />
      </elements>
    </policy>
    <policy name="${K.disableAutoUpdates}" class="Machine" displayName="$(string.${K.disableAutoUpdates})" explainText="$(string.${K.disableAutoUpdates}_Help)" key="SOFTWARE\\Policies\\Claude" valueName="${K.disableAutoUpdates}">
      <parentCategory ref="Claude" />
      <supportedOn ref="SUPPORTED_Claude" />
      <enabledValue>
        <string>true</string>
      </enabledValue>
      <disabledValue>
        <string>false</string>
      </disabledValue>
    </policy>
  </policies>
</policyDefinitions>
`;

/** Good ADML for {@link GOOD_ADMX}. */
export const GOOD_ADML = `<?xml version="1.0" encoding="utf-8"?>
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="${NS}">
  <displayName>Claude Desktop</displayName>
  <description>Claude Desktop policies</description>
  <resources>
    <stringTable>
      <string id="SUPPORTED_Claude">Claude Desktop</string>
      <string id="Claude">Claude</string>
      <string id="${K.inferenceModels}">Inference models</string>
      <string id="${K.inferenceModels}_Help">JSON array of models, e.g. ["claude-sonnet-4-5"] &amp; more.</string>
      <string id="${K.disableAutoUpdates}">Disable automatic updates</string>
      <string id="${K.disableAutoUpdates}_Help">Stores the string "true" when enabled.</string>
    </stringTable>
    <presentationTable>
      <presentation id="${K.inferenceModels}">
        <textBox refId="${K.inferenceModels}">
          <label>Models</label>
        </textBox>
      </presentation>
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;

/** Schema-valid ADMX whose explainText names a string the ADML does not define. */
export const BAD_ADMX_DANGLING = GOOD_ADMX.replace(`$(string.${K.inferenceModels}_Help)`, '$(string.doesNotExist)');
/** `class` outside the enumeration: schema error. */
export const BAD_ADMX_CLASS = GOOD_ADMX.replace('class="Machine"', 'class="Everyone"');
/** Hyphen in a policy name: schema pattern error. */
export const BAD_ADMX_NAME = GOOD_ADMX.replace(`name="${K.inferenceModels}"`, 'name="inference-models"');
/** ADML without `<displayName>`: schema error. */
export const BAD_ADML_NO_DISPLAYNAME = GOOD_ADML.replace('  <displayName>Claude Desktop</displayName>\n', '');

// OMA-URI ------------------------------------------------------------------------------------------------------------

/** Intune ADMX-backed value with an XML-escaped JSON attribute. */
export const OMA_VALUE =
  `<enabled/><data id="${K.inferenceModels}" value="[&quot;claude-sonnet-4-5&quot;,{&quot;name&quot;:&quot;a&amp;b&quot;}]"/>`;
/** What {@link OMA_VALUE}'s attribute decodes to. */
export const OMA_VALUE_DECODED = '["claude-sonnet-4-5",{"name":"a&b"}]';
/** The same value with the quotes not escaped. */
export const BAD_OMA_VALUE = `<enabled/><data id="${K.inferenceModels}" value="["claude-sonnet-4-5"]"/>`;
