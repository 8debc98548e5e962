import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../functions/local/seeded-random.js';
import { planUploads } from '../../functions/local/simulate.js';
import { committedPlan } from '../support/catalog.js';

describe('simulated submissions', () => {
  it('are reproducible from the seed and differ between seeds', async () => {
    const plan = await committedPlan('suzhou-kjj-2024', 2024);
    expect(planUploads(plan, 0.8, 1)).toEqual(planUploads(plan, 0.8, 1));
    expect(planUploads(plan, 0.8, 2)).not.toEqual(planUploads(plan, 0.8, 1));
    expect(seededRandom(7)()).toBe(seededRandom(7)());
  });

  it('follow the submit rate, stay within the year and name real occurrences', async () => {
    const plan = await committedPlan('suzhou-kjj-2024', 2024);
    const units = plan.occurrences.reduce((n, o) => n + (o.quota ?? 1), 0);
    expect(planUploads(plan, 0, 1)).toEqual([]);
    const all = planUploads(plan, 1, 1);
    expect(all.length).toBeGreaterThan(units * 0.8); // late ones for items due in December fall past 31 December
    const half = planUploads(plan, 0.5, 3).length;
    expect(half).toBeGreaterThan(units * 0.3);
    expect(half).toBeLessThan(units * 0.7);
    const ids = new Set(plan.occurrences.map((o) => o.id));
    for (const u of all) {
      expect(ids.has(u.occurrenceId)).toBe(true);
      expect(u.day >= '2024-01-01' && u.day <= '2024-12-31').toBe(true);
    }
  });
});
