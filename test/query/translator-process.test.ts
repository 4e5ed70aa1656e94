// The translator runs in a process of its own: it answers, a death mid-request fails that
// request plainly and the next one starts a new process, and an idle one ends by itself.
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { TranslatorProcess } from '../../src/backends/local/query/translator-process.js';

const translators: TranslatorProcess[] = [];
afterEach(() => {
  for (const translator of translators.splice(0)) translator.close();
});

function translator(idleMs?: number): TranslatorProcess {
  const made = new TranslatorProcess(idleMs);
  translators.push(made);
  return made;
}

const childOf = (t: TranslatorProcess) => (t as unknown as { child?: ChildProcess }).child;

describe('the translator process', () => {
  it('translates Trino to DuckDB, and reports what it cannot parse', async () => {
    const t = translator();
    expect(await t.translate("SELECT date_trunc('week', d) FROM t")).toMatchObject({
      success: true,
      sql: ["SELECT DATE_TRUNC('week', d) FROM t"],
    });
    const broken = await t.translate('SELECT FROM WHERE (');
    expect(broken.success).toBe(false);
    expect(broken.error).toBeTruthy();
    expect(t.running).toBe(true);
  }, 30_000);

  it('fails the request under way when the process dies, and starts a new one for the next', async () => {
    const t = translator();
    await t.translate('SELECT 1');
    // Stopped first, so it cannot answer before it dies (a warm translator answers in ~1 ms).
    childOf(t)!.kill('SIGSTOP');
    const pending = t.translate('SELECT 2');
    childOf(t)!.kill('SIGKILL');
    await expect(pending).rejects.toThrow(/the SQL translator process ended \(killed by SIGKILL\)/);
    expect(t.running).toBe(false);
    expect(await t.translate('SELECT 3')).toMatchObject({ success: true, sql: ['SELECT 3'] });
  }, 30_000);

  it('ends when idle, and starts again when asked', async () => {
    const t = translator(50);
    await t.translate('SELECT 1');
    const child = childOf(t)!;
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    expect(t.running).toBe(false);
    expect(await t.translate('SELECT 4')).toMatchObject({ success: true });
  }, 30_000);
});
