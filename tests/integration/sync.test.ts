/** `fazhi sync` materialises the committed calendars into the table named by the environment. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliWithEnv } from '../support/run-cli.js';
import { startTestEnv, type TestEnv } from '../support/test-env.js';

let t: TestEnv;
beforeAll(async () => {
  t = await startTestEnv();
});
afterAll(async () => t?.stop());

describe('fazhi sync', () => {
  it("writes a bureau's year once (a plan id names its bureau in its year); a second run changes nothing", async () => {
    const first = await runCliWithEnv(t.env, 'sync', '--calendar', 'suzhou-kjj-2024', '--year', '2024');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/suzhou-kjj\s+2024\s+110\s+0\s+0\s+0/);
    const stored = await t.store.occurrences.ofCalendarYear('suzhou-kjj', 2024);
    expect(stored).toHaveLength(110);
    // The 2024 plan is layered on: its monthly articles are there.
    expect(stored.filter((o) => o.task === 'monthly-article')).toHaveLength(12);
    expect(await t.store.calendars.get('suzhou-kjj')).toMatchObject({ policyOffice: 'policy', years: [2024], timeZone: 'Asia/Shanghai' });
    const second = await runCliWithEnv(t.env, 'sync', '--calendar', 'suzhou-kjj', '--year', '2024');
    expect(second.out).toMatch(/suzhou-kjj\s+2024\s+0\s+0\s+0\s+110/);
  });

  it('says what is missing instead of guessing', async () => {
    const none = await runCliWithEnv(t.env, 'sync', '--calendar', 'no-such-calendar');
    expect(none.code).toBe(1);
    expect(none.err).toContain('nothing to materialise for calendar "no-such-calendar"');
    const { TABLE_NAME: _, ...withoutTable } = t.env;
    const missing = await runCliWithEnv(withoutTable as NodeJS.ProcessEnv, 'sync');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('TABLE_NAME');
  });
});
