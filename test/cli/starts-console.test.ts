// The console's start skips the subcommands' modules only when the command line is the console's:
// anything else (a subcommand, help, an unknown option) must reach the full command line.
import { describe, expect, it } from 'vitest';
import { needsSubcommands, rootProgram, startsConsole } from '../../src/cli/program.js';

const starts = (...args: string[]) => startsConsole(args, rootProgram());

describe('startsConsole', () => {
  it('is the console with no arguments and with only the root options and their values', () => {
    expect(starts()).toBe(true);
    expect(starts('--lake', '/tmp/lake', '--read-only', '--log-file', 'x.log')).toBe(true);
    expect(starts('--lake=/tmp/lake', '--backend', 'aws', '--stack', 'zones')).toBe(true);
  });

  it('is not the console when a word may name a subcommand, or help or the version is asked', () => {
    expect(starts('zones', 'ls')).toBe(false);
    expect(starts('--lake', '/tmp/lake', 'ingest')).toBe(false);
    expect(starts('help')).toBe(false);
    expect(starts('--help')).toBe(false);
    expect(starts('-h')).toBe(false);
    expect(starts('--version')).toBe(false);
    expect(starts('--')).toBe(false);
  });

  it('leaves an option the root does not know to the full command line (which names it)', () => {
    expect(starts('--bogus')).toBe(false);
    expect(starts('--lak', 'x')).toBe(false);
  });
});

describe('needsSubcommands', () => {
  it('is not needed for the console nor for the version alone, and is for everything else', () => {
    const needs = (...args: string[]) => needsSubcommands(args, rootProgram());
    expect(needs('--lake', 'x')).toBe(false);
    expect(needs('-V')).toBe(false);
    expect(needs('--version')).toBe(false);
    expect(needs('--version', 'zones')).toBe(true);
    expect(needs('zones', 'ls')).toBe(true);
    expect(needs('--help')).toBe(true);
  });
});
