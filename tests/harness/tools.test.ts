import { describeIfTool, requireTool } from '../support/validators';

const MISSING = 'cgp-definitely-not-installed-tool';

describe('harness: requireTool / describeIfTool', () => {
  const saved = process.env.CI;
  afterEach(() => {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  });

  test('finds a tool that exists', () => {
    expect(requireTool('node')).toBe(true);
  });

  test('outside CI a missing tool returns false and the suite is skipped', () => {
    delete process.env.CI;
    expect(requireTool(MISSING)).toBe(false);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(describeIfTool([MISSING])).toBe(describe.skip);
      expect(warn).toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
    expect(describeIfTool(['node'])).toBe(describe);
  });

  test('under CI=true a missing tool throws instead of skipping', () => {
    process.env.CI = 'true';
    expect(() => requireTool(MISSING)).toThrow(/not installed/);
    expect(() => describeIfTool(['node', MISSING])).toThrow(new RegExp(MISSING));
    expect(describeIfTool(['node'])).toBe(describe);
  });
});
