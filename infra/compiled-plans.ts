/**
 * Calendars are compiled when the CDK app is synthesised, not when a Lambda runs: a broken calendar fails
 * `cdk synth` (so it never reaches AWS), and the materialise function only reads a JSON file.
 *
 * The steps are split so a test can drive each one:
 *   1. `compilePlans(catalog, now)`  pure: catalog + clock → `{ generatedAt, plans }`, or throws listing every problem;
 *   2. `writePlansFile(compiled, dir)` writes the JSON and returns its path and content hash;
 *   3. `buildPlansAsset(options)`     loads the calendars from disk and runs 1 and 2 (what `infra/app.ts` calls).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../functions/adapters/calendar-files.js';
import { CalendarCompilationError, type CompiledPlans, compilePlans, yearsToCompile } from '../functions/core/compile-all.js';

export { CalendarCompilationError, type CompiledPlans, compilePlans, yearsToCompile };

/** Where plans.json was written and the hash the materialise custom resource is keyed on. */
export interface PlansAsset {
  /** Absolute path of the JSON file to copy into the materialise bundle. */
  file: string;
  /** SHA-256 of the plans and notices (not of `generatedAt`), so only a changed calendar changes it. */
  hash: string;
  /** `calendar@year` of every compiled plan, for logs and tests. */
  compiled: string[];
}

/** 2. Writes plans.json under `dir` and returns where it is and what it hashes to. */
export function writePlansFile(compiled: CompiledPlans, dir: string): PlansAsset {
  const hash = createHash('sha256')
    .update(JSON.stringify([compiled.plans, compiled.notices]))
    .digest('hex');
  mkdirSync(dir, { recursive: true });
  // Named by content hash: a synth compiling other calendars never replaces the file another is copying.
  const file = join(dir, `plans-${hash.slice(0, 16)}.json`);
  // Write-then-rename so a reader never sees half a file.
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  writeFileSync(partial, `${JSON.stringify(compiled)}\n`);
  renameSync(partial, file);
  return { file, hash, compiled: compiled.plans.map((plan) => `${plan.calendar}@${plan.year}`) };
}

/** 3. Loads the calendars (default: `calendars/`), compiles them and writes plans.json. */
export async function buildPlansAsset(options: { root?: string; now?: Date; outDir?: string } = {}): Promise<PlansAsset> {
  const catalog = await loadCatalog(options.root === undefined ? {} : { root: options.root });
  const compiled = compilePlans(catalog, options.now ?? new Date());
  return writePlansFile(compiled, options.outDir ?? join(tmpdir(), 'fazhi-plans'));
}
