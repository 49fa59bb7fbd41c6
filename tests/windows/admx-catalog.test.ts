/**
 * For every MDM key of the catalogue: the registry value its ADMX policy would write (simulated from
 * the generated Claude.admx/.adml as Group Policy applies them) equals the value the .reg writer
 * writes for the same setting (merged with hivexregedit and read back with hivexml).
 */
import { CATALOG, isMdmKey, WINDOWS_POLICY_KEY } from '../../lib/catalog';
import { writeAdmxBundle } from '../../lib/writers/admx';
import { admxDataValue, admxPolicyByName, admxStoredValue } from '../../lib/writers/admx-model';
import { writeReg } from '../../lib/writers/reg';
import { describeIfTool, readRegWithHivex, TOOLS } from '../support/validators';
import { admxParser, allMdmSettings, expectedString, hivePolicyPath, hivexPrefix, profileWith, sampleValue, type SampleVariant, type XmlNode } from './support';
import { K } from '../support/keys';

type Node = XmlNode;
const parser = admxParser(['policy', 'item', 'string', 'presentation']);
const { admx, adml } = writeAdmxBundle();
const policyList = (((parser.parse(admx.toString('utf8')) as Node).policyDefinitions as Node).policies as Node).policy as Node[];
const policies = new Map<string, Node>(policyList.map((p) => [p['@name'] as string, p]));
const stringList = ((((parser.parse(adml.toString('utf8')) as Node).policyDefinitionResources as Node).resources as Node).stringTable as Node).string as Node[];
const admlStrings = new Map<string, string>(stringList.map((s) => [s['@id'] as string, s['#text'] as string]));
const mdmKeys = CATALOG.filter(isMdmKey);

/** A registry value as Group Policy (or the .reg import) leaves it. */
interface Stored {
  key: string;
  valueName: string;
  type: 'REG_SZ' | 'REG_DWORD';
  data: string;
}

/**
 * What Group Policy writes when an admin enables `policy` and enters `native` in its one element:
 * types the documented string into a text box, the number into a decimal box, or picks the
 * dropdown item whose ADML label is the documented string.
 */
function groupPolicyWrites(policy: Node, native: unknown): Stored {
  const elements = policy.elements as Node;
  const [kind, ...more] = Object.keys(elements).filter((k) => !k.startsWith('#'));
  if (!kind || more.length > 0) throw new Error(`policy ${String(policy['@name'])} must have exactly one element`);
  const el = elements[kind] as Node;
  const key = (el['@key'] as string | undefined) ?? (policy['@key'] as string);
  const valueName = el['@valueName'] as string;
  const typed = expectedString(native);
  switch (kind) {
    case 'text': {
      const max = Number(el['@maxLength'] ?? '1023');
      if (typed.length > max) throw new Error(`${valueName}: the text box cuts values over ${max} characters`);
      return { key, valueName, type: 'REG_SZ', data: typed };
    }
    case 'decimal': {
      const n = native as number;
      if (!Number.isInteger(n) || n < Number(el['@minValue'] ?? '0') || n > Number(el['@maxValue'] ?? '9999')) throw new Error(`${valueName}: ${n} is out of the decimal range`);
      return { key, valueName, type: el['@storeAsText'] === 'true' ? 'REG_SZ' : 'REG_DWORD', data: String(n) };
    }
    case 'enum': {
      const items = el.item as Node[];
      const chosen = items.find((i) => admlStrings.get(/^\$\(string\.(.*)\)$/.exec(i['@displayName'] as string)?.[1] ?? '') === typed);
      if (!chosen) throw new Error(`${valueName}: no dropdown item is labelled ${typed}`);
      const value = chosen.value as Node;
      if (value.string) return { key, valueName, type: 'REG_SZ', data: (value.string as string[])[0] ?? '' };
      return { key, valueName, type: 'REG_DWORD', data: String((value.decimal as Node)['@value']) };
    }
    default:
      throw new Error(`${valueName}: element kind ${kind} is not one this generator writes`);
  }
}

describeIfTool(TOOLS.reg)('ADMX policy vs .reg writer, for every MDM catalogue key', () => {
  for (const variant of ['low', 'high'] as SampleVariant[]) {
    describe(`${variant} samples`, () => {
      const profile = profileWith(allMdmSettings(variant), variant === 'low' ? 'machine' : 'user');
      const readBack = readRegWithHivex(writeReg(profile), hivexPrefix(profile.scope))[hivePolicyPath(profile.scope)] ?? {};

      it('the .reg file holds exactly one value per MDM key', () => {
        expect(Object.keys(readBack)).toEqual(mdmKeys.map((k) => k.name));
      });

      it.each(mdmKeys.map((k) => [k.name, k] as const))('%s', (name, def) => {
        const native = sampleValue(def, variant);
        const policy = policies.get(name);
        expect(policy).toBeDefined();
        const gp = groupPolicyWrites(policy!, native);
        const [regType, regData] = readBack[name] ?? ['missing', ''];

        expect(gp.key).toBe(WINDOWS_POLICY_KEY);
        expect(gp.valueName).toBe(name);
        expect(gp.type).toBe('REG_SZ');
        expect(regType).toBe('string'); // hivexml's name for REG_SZ
        expect(gp.data).toBe(regData);

        // The model (which feeds the Intune rows) agrees with the simulated Group Policy.
        const modelPolicy = admxPolicyByName(name)!;
        const data = admxDataValue(modelPolicy, regData);
        expect(admxStoredValue(modelPolicy, data)).toEqual({ valueName: name, type: 'REG_SZ', data: regData });
      });
    });
  }
});

describe('values a policy cannot express are refused naming the key', () => {
  it('an integer outside the decimal range', () => {
    const hours = admxPolicyByName(K.autoUpdaterEnforcementHours)!;
    expect(() => admxDataValue(hours, '99')).toThrow(new RegExp(`^${K.autoUpdaterEnforcementHours}: 99 is outside the policy's range 1 to 72`));
  });

  it('a value that is not a dropdown item', () => {
    const provider = admxPolicyByName(K.inferenceProvider)!;
    expect(() => admxDataValue(provider, 'openai')).toThrow(new RegExp(`^${K.inferenceProvider}: "openai" is not one of the policy's values`));
  });

  it('text longer than the text box, without printing it', () => {
    const key = admxPolicyByName(K.inferenceGatewayApiKey)!;
    const long = `sk-${'x'.repeat(40000)}`;
    expect(() => admxDataValue(key, long)).toThrow(new RegExp(`^${K.inferenceGatewayApiKey}: value is 40003 characters long`));
    try {
      admxDataValue(key, long);
    } catch (e) {
      expect((e as Error).message).not.toContain('sk-x');
    }
  });
});
