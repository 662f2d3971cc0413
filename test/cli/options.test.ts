import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/io.js';
import { parseOptions } from '../../src/cli/options.js';

const USAGE = 'Usage: roadmap-bot thing [--flag]';

describe('parseOptions', () => {
  it('returns the parsed values and positionals of a valid command line', () => {
    const parsed = parseOptions({ args: ['a.csv', '--flag'], allowPositionals: true, options: { flag: { type: 'boolean' } } }, USAGE);
    expect(parsed).toEqual({ values: { flag: true }, positionals: ['a.csv'] });
  });

  it('turns an unknown option into a usage error followed by the usage text', () => {
    const call = () => parseOptions({ args: ['--flga'], options: { flag: { type: 'boolean' } } }, USAGE);
    expect(call).toThrow(UsageError);
    expect(call).toThrow(/Unknown option '--flga'.*\n\nUsage: roadmap-bot thing \[--flag\]$/s);
  });

  it('turns a missing option value and a stray positional into usage errors', () => {
    expect(() => parseOptions({ args: ['--region'], options: { region: { type: 'string' } } }, USAGE)).toThrow(UsageError);
    expect(() => parseOptions({ args: ['extra'], allowPositionals: false, options: {} }, USAGE)).toThrow(UsageError);
  });

  it('lets a mistake in the option config itself through as it is, not as a usage error', () => {
    const call = () => parseOptions({ args: [], options: { flag: { type: 'boolean', short: 'fl' } } }, USAGE);
    expect(call).toThrow(TypeError);
    expect(call).not.toThrow(UsageError);
  });
});
