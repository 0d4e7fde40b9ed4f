import { describe, expect, it } from 'vitest';
import { cliRunner } from './cli-harness';

const ade = cliRunner({ ADE_CONFIG_DIR: '/nonexistent/ade-help-spec' });

describe('help at every level', () => {
  it('prints every command for `ade`, `ade help`, `ade --help` and `ade -h` (exit 2 for a bare `ade`)', async () => {
    for (const argv of [[], ['help'], ['--help'], ['-h']]) {
      const result = await ade(...argv);
      expect(result.code).toBe(argv.length === 0 ? 2 : 0);
      expect(result.stdout).toContain('  ade pipeline create');
      expect(result.stdout).toContain('  ade cost report');
      expect(result.stdout).toContain('`ade help COMMAND` or `ade COMMAND --help`');
    }
  });

  it("shows a command's summary and usage for `ade help X Y`, `ade X Y --help` and `-h` after its options", async () => {
    const expected = (await ade('help', 'pipeline', 'create')).stdout;
    expect(expected).toMatch(/^Define a pipeline .*\n\nUsage: ade pipeline create /);
    for (const argv of [['pipeline', 'create', '--help'], ['pipeline', 'create', 'claims', '--source', 'x.csv', '-h']]) {
      expect(await ade(...argv)).toEqual({ code: 0, stdout: expected, stderr: '' });
    }
    expect((await ade('cost', 'report', '--help')).stdout).toContain('Usage: ade cost report [--monthly] [--month YYYY-MM] [--pipeline NAME]');
  });

  it('lists a group’s commands for `ade help pipeline` and `ade pipeline --help`', async () => {
    const group = await ade('help', 'pipeline');
    expect(group.code).toBe(0);
    expect(group.stdout).toMatch(/^ade pipeline: \d+ commands\n/);
    expect(group.stdout).toContain('  ade pipeline run');
    expect(group.stdout).not.toContain('ade quality check');
    expect(await ade('pipeline', '--help')).toEqual(group);
    expect((await ade('billing', '-h')).stdout).toMatch(/^ade billing: 1 command\n/);
  });

  it('refuses help for words that name no command, with the full list', async () => {
    const unknown = await ade('help', 'pipelines');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^ade: no command 'pipelines'\n\nade: the command line/);
    expect((await ade('frobnicate', '--help')).code).toBe(2);
    expect((await ade('frobnicate')).stderr).toMatch(/^ade: unknown command 'frobnicate'/);
  });
});
