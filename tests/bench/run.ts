/**
 * `npm run bench`: the speed and size figures we design for, printed (never asserted in tests).
 * 1. compiler: every seed calendar × 2024–2026, occurrences per second;
 * 2. sweep cost vs table size: the same 4 due items in tables of ~100 and ~5 k occurrences;
 * 3. handler bundles: minified ESM size, cold import time and RSS in a fresh Node process.
 */
import './quiet-sdk-warning.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { loadCatalog } from '../../functions/adapters/calendar-files.js';
import { dynamoStore } from '../../functions/adapters/dynamo/store.js';
import { resolveCalendar } from '../../functions/core/calendar-references.js';
import { compile } from '../../functions/core/compile.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { sweep } from '../../functions/core/engine/sweep.js';
import { WorkingDays } from '../../functions/core/working-days.js';
import { ensureTable, localDynamoClient, startDynamo } from '../../functions/local/emulators.js';
import { registryOf } from '../support/calendars.js';

const line = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);

async function compilerBench(): Promise<void> {
  const catalog = await loadCatalog();
  // Bureaus (standing calendars) in each year they cover, each with its plan of the year layered on.
  const pairs = [...catalog.registry.values()]
    .filter((e) => !e.calendar.abstract && !e.calendar.planOf)
    .flatMap((e) => [2024, 2025, 2026].filter((y) => !e.calendar.years || (y >= e.calendar.years.from && y <= (e.calendar.years.to ?? 9999))).map((y) => ({ id: e.calendar.id, y })));
  const resolved = pairs.map(({ id, y }) => ({ calendar: resolveCalendar(id, catalog.registry, y), y }));
  let occurrences = 0;
  const rounds = 50;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) for (const { calendar, y } of resolved) occurrences += compile(calendar, y, catalog.workingDays).occurrences.length;
  const ms = performance.now() - started;
  line('compile: seed calendars × years (plans per round)', String(resolved.length));
  line('compile: mean time per plan', `${(ms / (rounds * resolved.length)).toFixed(2)} ms`);
  line('compile: occurrences per second', `${Math.round(occurrences / (ms / 1000)).toLocaleString('en')}`);
  const validateStart = performance.now();
  await loadCatalog();
  line('validate: load + check every calendar file', `${(performance.now() - validateStart).toFixed(0)} ms`);
}

/** A bureau with `offices` offices and a monthly quota each (nothing due on the sweep day), plus 4 items that are. */
function bigPlan(offices: number) {
  const input = {
    id: `bench-${offices}`,
    title: '压测日历',
    organisation: { name: '压测局' },
    offices: Array.from({ length: offices }, (_, i) => ({ id: `o${i}`, name: `处室${i}`, emails: [`o${i}@bench.example`] })),
    policyOffice: 'o0',
    tasks: [
      { id: 'monthly', title: '每月报送', schedule: { kind: 'quota' as const, per: 'month' as const, min: 1 }, owners: 'all' as const, reminders: [3], source: '每月一次。' },
      {
        id: 'due-now',
        title: '本周截止',
        schedule: { kind: 'deadline' as const, due: '01-17' },
        owners: ['o0', 'o1', 'o2', 'o3'].slice(0, Math.min(4, offices)),
        reminders: [7],
        source: '1月17日前。',
      },
    ],
  };
  return compile(resolveCalendar(input.id, registryOf(input)), 2025, WorkingDays.create());
}

async function sweepBench(): Promise<void> {
  const dynamo = await startDynamo();
  const client = localDynamoClient(dynamo.endpoint);
  const sent: string[] = [];
  const mailer = {
    send: async (mail: { to: string[] }) => {
      sent.push(mail.to[0]!);
      return `m${sent.length}`;
    },
  };
  try {
    for (const offices of [10, 400]) {
      const table = `bench-${offices}`;
      await ensureTable(dynamo.endpoint, table);
      const store = dynamoStore(client, table);
      const plan = bigPlan(offices);
      const loadStart = performance.now();
      await materialise(store, plan, new Date('2025-01-01T01:00:00Z'), { escalateAfterDays: 7 });
      const loadMs = performance.now() - loadStart;
      // Sweep 2025-01-10 (Friday): only the 4 deadline items are due, whatever the table size.
      const sweepStart = performance.now();
      const result = await sweep(
        { store, mailer, policy: { escalateAfterDays: 7 }, links: { baseUrl: 'http://x', secret: 'bench-secret-0123456789', ttlDays: 30 }, clock: () => new Date() },
        new Date('2025-01-10T01:00:00Z'),
      );
      const sweepMs = performance.now() - sweepStart;
      line(`sweep: table of ${plan.occurrences.length.toLocaleString('en')} occurrences (materialise)`, `${(loadMs / 1000).toFixed(1)} s`);
      line(
        `sweep: items examined / mails / time`,
        `${result.examined} / ${result.mailsCommitted.length} / ${sweepMs.toFixed(0)} ms (${(sweepMs / Math.max(1, result.examined)).toFixed(1)} ms per item)`,
      );
    }
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}

async function bundleBench(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'fazhi-bench-'));
  try {
    for (const name of ['sweep', 'api', 's3-event', 'digest', 'materialise']) {
      const file = join(out, `${name}.mjs`);
      await build({
        entryPoints: [`functions/handlers/${name}.ts`],
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node22',
        format: 'esm',
        outfile: file,
        banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
        logLevel: 'silent',
      });
      const probe = `const t=performance.now();await import(${JSON.stringify(file)});console.log(JSON.stringify({ms:performance.now()-t,rss:process.memoryUsage().rss}))`;
      const env = {
        ...process.env,
        TABLE_NAME: 'fazhi',
        BUCKET_NAME: 'bucket',
        MAIL_FROM: 'a@b.example',
        PUBLIC_BASE_URL: 'http://x',
        TOKEN_SECRET: 'bench-secret-0123456789',
        AWS_REGION: 'ap-southeast-1',
        SWEEP_FUNCTION_NAME: 'fazhi-sweep',
        DIGEST_FUNCTION_NAME: 'fazhi-digest',
      };
      let runs: { ms: number; rss: number }[];
      try {
        runs = [0, 1, 2].map(
          () => JSON.parse(execFileSync('node', ['--no-warnings', '--input-type=module', '-e', probe], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { ms: number; rss: number },
        );
      } catch (error) {
        // The entry validates its environment at import: say which variable, not the whole bundle.
        const stderr = String((error as { stderr?: unknown }).stderr ?? '');
        throw new Error(`bundle ${name} failed to import: ${/(EnvironmentError|Error)[^\n]*/.exec(stderr)?.[0] ?? stderr.slice(-500)}`);
      }
      const best = runs.sort((a, b) => a.ms - b.ms)[0]!;
      line(`bundle: ${name}`, `${(statSync(file).size / 1024).toFixed(0)} KB, cold import ${best.ms.toFixed(0)} ms, RSS ${(best.rss / 1048576).toFixed(0)} MB`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

console.log(`fazhi benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
await compilerBench();
await sweepBench();
await bundleBench();
