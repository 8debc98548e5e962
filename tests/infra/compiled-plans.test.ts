/** Calendars compiled at synth time: a broken calendar fails the synth with the file and field at fault. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../functions/adapters/calendar-files.js';
import type { Plan } from '../../functions/core/compile.js';
import { YEARS_AHEAD } from '../../functions/core/compile-all.js';
import { buildPlansAsset, type CompiledPlans, compilePlans, writePlansFile, yearsToCompile } from '../../infra/compiled-plans.js';
import { committedCatalog } from '../support/catalog.js';
import { removeTempDirs, tempDir } from './support.js';

const INVALID = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const NOW = new Date('2025-06-15T02:00:00Z');
afterAll(removeTempDirs);

/** A valid calendar without a `years` range. */
const OPEN_CALENDAR = {
  id: 'open-ended',
  title: '测试局普法计划',
  organisation: { name: '测试局', timeZone: 'Asia/Shanghai' },
  offices: [{ id: 'policy', name: '政策法规处', emails: ['policy@test.example'] }],
  policyOffice: 'policy',
  tasks: [{ id: 'study', title: '集体学法', schedule: { kind: 'annual', opens: '01-01', due: '12-31' }, owners: ['policy'], source: '全年完成一次集体学法。' }],
};

describe('compilePlans', () => {
  it('refuses a catalog with problems, naming each file and field', async () => {
    const catalog = await loadCatalog({ root: INVALID });
    expect(catalog.problems.length).toBeGreaterThan(0);
    expect(() => compilePlans(catalog, NOW)).toThrow(/bad-month\.yaml: tasks\.0\.schedule\.due: month 13/);
    expect(() => compilePlans(catalog, NOW)).toThrow(/missing-owner\.json: tasks\.0\.owners: /);
  });

  it('fails the synth path (buildPlansAsset) for a calendars folder with one broken file', async () => {
    const root = tempDir('broken');
    copyFileSync(join(INVALID, 'missing-owner.json'), join(root, 'missing-owner.json'));
    await expect(buildPlansAsset({ root, now: NOW, outDir: tempDir('out') })).rejects.toThrow(/missing-owner\.json: tasks\.0\.owners: required field is missing/);
  });

  it('compiles every non-abstract committed calendar for each year of its range', async () => {
    const catalog = await committedCatalog();
    const { generatedAt, plans } = compilePlans(catalog, NOW);
    expect(generatedAt).toBe(NOW.toISOString());
    const compiled = plans.map((plan) => `${plan.calendar}@${plan.year}`).sort();
    const expected = [...catalog.registry.values()]
      .filter(({ calendar }) => !calendar.abstract && !calendar.planOf)
      .flatMap(({ calendar }) => yearsToCompile(calendar, NOW).map((year) => `${calendar.id}@${year}`))
      .sort();
    expect(compiled).toEqual(expected);
    expect(compiled.some((id) => id.endsWith('@2025'))).toBe(true);
    expect(compiled.some((id) => id.startsWith('cn-national@'))).toBe(false);
    // Year plans are compiled inside their bureau, never as calendars of their own.
    const plansOf = [...catalog.registry.values()].filter(({ calendar }) => calendar.planOf).map(({ calendar }) => calendar.id);
    expect(compiled.filter((id) => plansOf.includes(id.split('@')[0]!))).toEqual([]);
    expect(plans.every((plan) => plan.occurrences.length > 0)).toBe(true);
  });

  it('compiles an open-ended calendar from last year to YEARS_AHEAD years ahead', async () => {
    const root = tempDir('open');
    writeFileSync(join(root, 'open-ended.json'), JSON.stringify(OPEN_CALENDAR));
    const { plans } = compilePlans(await loadCatalog({ root }), NOW);
    expect(YEARS_AHEAD).toBe(5);
    expect(plans.map((plan) => plan.year)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
  });
});

describe('yearsToCompile', () => {
  const shanghai = { organisation: { name: 'x', timeZone: 'Asia/Shanghai' } };

  it('covers last year to five years ahead, within the range', () => {
    expect(yearsToCompile({ ...shanghai, years: { from: 2020, to: 2022 } }, NOW)).toEqual([]);
    expect(yearsToCompile({ ...shanghai, years: { from: 2023, to: 2024 } }, NOW)).toEqual([2024]);
    expect(yearsToCompile({ ...shanghai, years: { from: 2023 } }, NOW)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    expect(yearsToCompile({ ...shanghai, years: undefined }, NOW)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    expect(yearsToCompile({ ...shanghai, years: { from: 2030 } }, NOW)).toEqual([2030]);
    expect(yearsToCompile({ ...shanghai, years: { from: 2031 } }, NOW)).toEqual([]);
  });

  it("takes 'this year' in the calendar's time zone", () => {
    const newYearsEveUtc = new Date('2025-12-31T17:00:00Z'); // already 2026-01-01 01:00 in Shanghai
    expect(yearsToCompile({ ...shanghai, years: undefined }, newYearsEveUtc)[1]).toBe(2026);
    expect(yearsToCompile({ organisation: { name: 'x', timeZone: 'UTC' }, years: undefined }, newYearsEveUtc)[1]).toBe(2025);
  });
});

describe('writePlansFile', () => {
  it('writes { generatedAt, plans, notices } and hashes only the plans and notices', () => {
    const dir = tempDir('write');
    const first: CompiledPlans = { generatedAt: '2025-01-01T00:00:00.000Z', plans: [], notices: [] };
    const a = writePlansFile(first, dir);
    const b = writePlansFile({ ...first, generatedAt: '2025-02-01T00:00:00.000Z' }, dir);
    expect(b.hash).toBe(a.hash);
    const changed = writePlansFile({ ...first, plans: [{ calendar: 'changed' } as unknown as Plan] }, dir);
    expect(changed.hash).not.toBe(a.hash);
    expect(JSON.parse(readFileSync(b.file, 'utf8'))).toEqual({ generatedAt: '2025-02-01T00:00:00.000Z', plans: [], notices: [] });
  });
});
