/**
 * Scale and cost, from counted work:
 * - a province (100 bureaus × 20 offices) swept in memory through the real dispatcher and worker, each
 *   calendar's work counted; the nation (3,000 × 20) from the same per-calendar work (every query and
 *   write of a sweep stays in its calendar's partitions: the 1×/10× figures show it), its dispatch run for
 *   real over 3,000 calendar records;
 * - the AWS cost of an office-year, from a model bureau's year on DynamoDB Local with its consumed
 *   capacity counted, at list prices stated below;
 * - a simulated year of a seed calendar, in memory and on DynamoDB Local.
 */
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../../functions/adapters/calendar-files.js';
import { createMemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import { makeSweepDispatchHandler } from '../../functions/app/sweep-dispatch-handler.js';
import { eachDay } from '../../functions/core/civil-date.js';
import { sendDigests } from '../../functions/core/engine/digest.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import type { CalendarMeta } from '../../functions/core/engine/records.js';
import { rollover } from '../../functions/core/engine/rollover.js';
import { sweepOneCalendar } from '../../functions/core/engine/sweep.js';
import { planFor } from '../../functions/core/plan-for.js';
import { ensureTable } from '../../functions/local/emulators.js';
import { simulate } from '../../functions/local/simulate.js';
import { SWEEP_WORKER_TIMEOUT, SWEEP_WORKERS } from '../../infra/fazhi-stack.js';
import { compileTasks } from '../support/calendars.js';
import { FaultPlan, faultyMailer, faultyStore } from '../support/faults.js';
import { busiestCalendarDay, type CalendarWork, MODEL_OFFICES, modelBureau, modelledSeconds, workOf } from '../support/sweep-model.js';
import { engineFor, lab } from './dynamo-figures.js';
import { atMost, type Figure, reported } from './figures.js';

/**
 * AWS list prices, us-east-1, as published in January 2025 (DynamoDB on-demand after its 1 November 2024
 * reduction). Other regions differ by a few percent; China's regions are priced in CNY.
 */
export const PRICES = {
  asOf: '2025-01, us-east-1',
  dynamoWritePerMillion: 0.625,
  dynamoReadPerMillion: 0.125,
  dynamoStoragePerGbMonth: 0.25,
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecondArm: 0.0000133334,
  sqsPerMillionRequests: 0.4,
  logsPerGbIngested: 0.5,
  sesPerThousandMails: 0.1,
} as const;

const FUNCTION_MEMORY_GB = 0.5;
/** A log line per run and per mail, about this long (JSON, with its EMF metrics). */
const LOG_BYTES_PER_INVOCATION = 2048;

async function provinceFigures(busiest: Awaited<ReturnType<typeof busiestCalendarDay>>): Promise<Figure[]> {
  const bureaus = 100;
  const now = new Date(`${busiest.day}T01:00:00Z`);
  const runtime = createMemoryRuntime({ clock: () => now });
  for (let i = 0; i < bureaus; i += 1) {
    const input = modelBureau(`province-${i}`);
    await materialise(runtime.store, compileTasks(input.tasks, 2025, input), new Date('2025-01-01T01:00:00Z'), runtime.policy);
  }
  // Each calendar's first sweep, on the busiest day: it also catches up the days before, so this is more
  // work than that day's alone (an upper bound).
  const engine = await runtime.engine();
  const ids = (await runtime.store.calendars.list()).map((c) => c.id);
  const dispatch = makeSweepDispatchHandler(runtime);
  const started = performance.now();
  await dispatch({ scheduledTime: now.toISOString() });
  const plan = new FaultPlan();
  const deps = { ...engine, store: faultyStore(runtime.store, plan), mailer: faultyMailer(runtime.mailer(), plan) };
  const perCalendar: number[] = [];
  let total: CalendarWork = { reads: 0, writes: 0, transactions: 0, sends: 0 };
  for (const order of runtime.queue.drain()) {
    plan.counts.clear();
    await sweepOneCalendar(deps, order.calendar, new Date(order.scheduledTime));
    const work = workOf(plan.counts);
    perCalendar.push(modelledSeconds(work));
    total = { reads: total.reads + work.reads, writes: total.writes + work.writes, transactions: total.transactions + work.transactions, sends: total.sends + work.sends };
  }
  const ms = performance.now() - started;
  const slowest = Math.max(...perCalendar);
  const sum = perCalendar.reduce((a, b) => a + b, 0);
  return [
    reported(
      `province: ${ids.length} bureaus × ${MODEL_OFFICES} offices, day ${busiest.day}: mails`,
      total.sends,
      'mails',
      `${total.reads + total.writes + total.transactions} DynamoDB requests; played in memory in ${(ms / 1000).toFixed(1)} s`,
    ),
    atMost('province: slowest calendar, modelled (fits one worker timeout)', slowest, 's', SWEEP_WORKER_TIMEOUT.toSeconds()),
    reported(`province: wall time modelled at ${SWEEP_WORKERS} workers`, sum / SWEEP_WORKERS / 60, 'min'),
  ];
}

async function nationFigures(busiest: Awaited<ReturnType<typeof busiestCalendarDay>>): Promise<Figure[]> {
  const bureaus = 3000;
  const now = new Date(`${busiest.day}T01:00:00Z`);
  const runtime = createMemoryRuntime({ clock: () => now });
  const template = modelBureau('nation-template');
  await materialise(runtime.store, compileTasks(template.tasks, 2025, template), now, runtime.policy);
  const meta = (await runtime.store.calendars.get('nation-template')) as CalendarMeta;
  for (let i = 0; i < bureaus - 1; i += 1) await runtime.store.calendars.put({ ...meta, id: `nation-${i}` });
  const started = performance.now();
  const result = await makeSweepDispatchHandler(runtime)({ scheduledTime: now.toISOString() });
  const dispatchMs = performance.now() - started;
  const perCalendar = modelledSeconds(busiest.work);
  return [
    reported(
      `nation: ${bureaus.toLocaleString('en')} bureaus, orders queued by one dispatch`,
      result.queued,
      'orders',
      `${Math.ceil(result.queued / 10)} SendMessageBatch calls; ${dispatchMs.toFixed(0)} ms in memory`,
    ),
    atMost(
      'nation: busiest calendar, modelled (fits one worker timeout)',
      perCalendar,
      's',
      SWEEP_WORKER_TIMEOUT.toSeconds(),
      `${busiest.work.sends} mails, ${busiest.work.reads + busiest.work.writes + busiest.work.transactions} DynamoDB requests`,
    ),
    reported(`nation: wall time modelled at ${SWEEP_WORKERS} workers`, (bureaus * perCalendar) / SWEEP_WORKERS / 60, 'min'),
    reported('nation: wall time modelled at 100 workers', (bureaus * perCalendar) / 100 / 60, 'min'),
  ];
}

/** A model bureau's year on DynamoDB Local: daily rollover, sweep and digest, capacity counted. */
async function costFigures(progress: (line: string) => void): Promise<Figure[]> {
  const l = await lab();
  try {
    const table = 'bench-cost';
    await ensureTable(l.dynamoEndpoint, table);
    const input = modelBureau('cost-bureau');
    const plans = [2025, 2026].map((year) => compileTasks(input.tasks, year, input));
    const engine = engineFor(l, table);
    const { store } = engine;
    let invocations = 0;
    let lambdaSeconds = 0;
    let mails = 0;
    l.meter.reset();
    for (const day of eachDay('2025-01-01', '2025-12-31')) {
      if (day.endsWith('-01')) progress(`cost model: ${day}…`);
      const at = (time: string) => new Date(`${day}T${time}:00+08:00`);
      const requestsBefore = l.meter.requests;
      await rollover(store, plans, at('08:00'), engine.policy);
      const sweep = await sweepOneCalendar(engine, input.id, at('09:00'));
      const digests = await sendDigests({ store, mailer: engine.mailer, clock: () => at('09:30'), boardUrl: 'http://127.0.0.1:3000/board', mailFrom: engine.mailFrom! }, at('09:30'));
      const sent = sweep.delivery.sent.length + digests.reduce((n, d) => n + d.delivery.sent.length, 0);
      mails += sent;
      invocations += 3;
      // Billed duration as the model charges it: 30 ms a request, 300 ms a mail, 100 ms a start.
      lambdaSeconds += (l.meter.requests - requestsBefore) * 0.03 + sent * 0.3 + 3 * 0.1;
    }
    const office = 1 / MODEL_OFFICES;
    const dynamo = (l.meter.writeUnits * PRICES.dynamoWritePerMillion + l.meter.readUnits * PRICES.dynamoReadPerMillion) / 1e6;
    const storageGb = (plans.reduce((n, p) => n + p.occurrences.length, 0) * 2048) / 1024 ** 3;
    const storage = storageGb * PRICES.dynamoStoragePerGbMonth * 12;
    const lambda = (invocations * PRICES.lambdaPerMillionRequests) / 1e6 + lambdaSeconds * FUNCTION_MEMORY_GB * PRICES.lambdaPerGbSecondArm;
    const sqs = (365 * 3 * PRICES.sqsPerMillionRequests) / 1e6; // send, receive, delete of the daily order
    const logs = ((invocations + mails) * LOG_BYTES_PER_INVOCATION * PRICES.logsPerGbIngested) / 1024 ** 3;
    const withoutMail = (dynamo + storage + lambda + sqs + logs) * office;
    const mail = ((mails * PRICES.sesPerThousandMails) / 1000) * office;
    return [
      reported(
        'cost model: a 20-office bureau-year on DynamoDB Local',
        l.meter.writeUnits,
        'WRU',
        `${l.meter.readUnits} RRU, ${l.meter.requests} requests, ${mails} mails, ${invocations} invocations`,
      ),
      atMost('cost: per office-year, excluding e-mail', withoutMail, 'USD', 0.01, `list prices ${PRICES.asOf}`),
      reported('cost: per office-year, with e-mail (SES)', withoutMail + mail, 'USD', `${(mails * office).toFixed(0)} mails an office`),
    ];
  } finally {
    await l.stop();
  }
}

async function simulationFigures(progress: (line: string) => void): Promise<Figure[]> {
  const catalog = await loadCatalog();
  const plans = [2025, 2026].map((year) => planFor(catalog.registry, catalog.workingDays, { calendar: 'suzhou-kjj', year }));
  const figures: Figure[] = [];
  for (const store of ['memory', 'dynamodb-local'] as const) {
    progress(`simulated year (${store})…`);
    const started = performance.now();
    await simulate({ plans, notices: catalog.notices, from: '2025-01-01', to: '2025-12-31', submitRate: 0.8, seed: 1, store });
    figures.push(reported(`simulated year, suzhou-kjj 2025 (${store})`, (performance.now() - started) / 1000, 's per calendar-year'));
  }
  return figures;
}

export async function modelFigures(progress: (line: string) => void): Promise<Figure[]> {
  progress('model bureau: busiest day of its year…');
  const busiest = await busiestCalendarDay();
  return [
    reported(
      `model bureau (${MODEL_OFFICES} offices): busiest day ${busiest.day}, modelled sweep`,
      modelledSeconds(busiest.work),
      's',
      `${busiest.work.sends} mails, ${busiest.work.reads} reads, ${busiest.work.writes} writes, ${busiest.work.transactions} transactions`,
    ),
    ...(await provinceFigures(busiest)),
    ...(await nationFigures(busiest)),
    ...(await costFigures(progress)),
    ...(await simulationFigures(progress)),
  ];
}
