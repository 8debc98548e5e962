/**
 * The figures measured on DynamoDB Local (and the SES emulator), with every request counted and its
 * consumed capacity asked for (ReturnConsumedCapacity TOTAL):
 * - one calendar's sweep, the same 4 due items, in a table of 10,000 and of 100,000 occurrences;
 * - the same sweep's reads against a Scan-based sweep (the naive peer design) of the 100,000;
 * - the sweep's wall time against the same SDK calls replayed one by one (the floor);
 * - materialise at ~5,000 occurrences against writing them one at a time (the design before).
 */
import { performance } from 'node:perf_hooks';
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoStore } from '../../functions/adapters/dynamo/store.js';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { resolveCalendar } from '../../functions/core/calendar-references.js';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import { compile, type Plan } from '../../functions/core/compile.js';
import { DEFAULT_POLICY } from '../../functions/core/engine/assess.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import type { EngineDeps } from '../../functions/core/engine/ports.js';
import { initialProgress, plannedOccurrence } from '../../functions/core/engine/records.js';
import { sweepOneCalendar } from '../../functions/core/engine/sweep.js';
import { ensureTable, localDynamoClient, type Running, startDynamo, startSes } from '../../functions/local/emulators.js';
import { registryOf } from '../support/calendars.js';
import { atLeast, atMost, type Figure, reported } from './figures.js';

const SWEEP_DAY = new Date('2025-01-10T01:00:00Z'); // a Friday, 09:00 in Shanghai: only "due-now" is due
const LOADED_AT = new Date('2025-01-01T01:00:00Z');

/** A bureau of `offices` offices, each with a monthly article (nothing due on the sweep day), and 4 items that are. */
export function benchPlan(calendar: string, offices: number, year = 2025): Plan {
  const input: CalendarInput = {
    id: calendar,
    title: '压测日历',
    organisation: { name: '压测局' },
    offices: Array.from({ length: offices }, (_, i) => ({ id: `o${i}`, name: `处室${i}`, emails: [`o${i}@bench.example`] })),
    policyOffice: 'o0',
    tasks: [
      { id: 'monthly', title: '每月报送', schedule: { kind: 'quota', per: 'month', min: 1 }, owners: 'all', reminders: [3], source: '每月一次。' },
      { id: 'due-now', title: '本周截止', schedule: { kind: 'deadline', due: '01-17' }, owners: ['o0', 'o1', 'o2', 'o3'], reminders: [7], source: '1月17日前。' },
    ],
  };
  return compile(resolveCalendar(calendar, registryOf(input)), year, bundledWorkingDays());
}

interface Call {
  command: string;
  input: Record<string, unknown>;
}

/** Counts requests and consumed capacity of a client; records the calls while `recording`. */
export class Meter {
  requests = 0;
  readUnits = 0;
  writeUnits = 0;
  recording = false;
  readonly calls: Call[] = [];

  attach(client: DynamoDBClient | SESv2Client): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        const dynamo = context.clientName === 'DynamoDBClient';
        if (dynamo) input.ReturnConsumedCapacity = 'TOTAL';
        if (this.recording) this.calls.push({ command: String(context.commandName), input: structuredClone(input) });
        const result = await next(args);
        if (dynamo) {
          this.requests += 1;
          const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
          const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
          if (/^(Get|BatchGet|Query|Scan)/.test(String(context.commandName))) this.readUnits += units;
          else this.writeUnits += units;
        }
        return result;
      },
      { step: 'initialize', priority: 'high', name: 'benchMeter' },
    );
  }

  reset(): void {
    this.requests = 0;
    this.readUnits = 0;
    this.writeUnits = 0;
    this.calls.length = 0;
  }
}

export interface Lab {
  dynamoEndpoint: string;
  meter: Meter;
  client: DynamoDBClient;
  ses: SESv2Client;
  stop(): Promise<void>;
}

export async function lab(): Promise<Lab> {
  const running: Running[] = [await startDynamo(), await startSes()];
  const [dynamo, sesServer] = running as [Running, Running];
  const meter = new Meter();
  const client = localDynamoClient(dynamo.endpoint);
  const ses = new SESv2Client({ endpoint: sesServer.endpoint, region: 'ap-southeast-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  meter.attach(client);
  meter.attach(ses);
  return {
    dynamoEndpoint: dynamo.endpoint,
    meter,
    client,
    ses,
    stop: async () => {
      client.destroy();
      ses.destroy();
      for (const r of running.reverse()) await r.stop();
    },
  };
}

export function engineFor(l: Lab, table: string): EngineDeps {
  return {
    store: dynamoStore(l.client, table),
    mailer: new SesMailer(l.ses, 'fazhi@bench.example'),
    policy: DEFAULT_POLICY,
    links: { baseUrl: 'http://127.0.0.1:3000', secret: 'bench-secret-0123456789', ttlDays: 30 },
    clock: () => new Date(),
    mailFrom: 'fazhi@bench.example',
  };
}

async function load(l: Lab, table: string, plans: Plan[]): Promise<void> {
  await ensureTable(l.dynamoEndpoint, table);
  const store = dynamoStore(l.client, table);
  for (const plan of plans) await materialise(store, plan, LOADED_AT, DEFAULT_POLICY);
}

/** The same SDK calls, replayed one after another on another table: the least a sweep could do. */
async function replay(l: Lab, calls: readonly Call[], fromTable: string, toTable: string): Promise<number> {
  const doc = DynamoDBDocumentClient.from(l.client);
  const retable = (input: Record<string, unknown>) => JSON.parse(JSON.stringify(input).replaceAll(`"${fromTable}"`, `"${toTable}"`)) as never;
  const commands: Record<string, (input: never) => Promise<unknown>> = {
    GetItemCommand: (input) => doc.send(new GetCommand(input)),
    BatchGetItemCommand: (input) => doc.send(new BatchGetCommand(input)),
    QueryCommand: (input) => doc.send(new QueryCommand(input)),
    PutItemCommand: (input) => doc.send(new PutCommand(input)),
    UpdateItemCommand: (input) => doc.send(new UpdateCommand(input)),
    TransactWriteItemsCommand: (input) => doc.send(new TransactWriteCommand(input)),
    SendEmailCommand: (input) => l.ses.send(new SendEmailCommand(input as SendEmailCommandInput)),
  };
  const started = performance.now();
  for (const call of calls) {
    const send = commands[call.command];
    if (!send) throw new Error(`the floor cannot replay ${call.command}`);
    await send(retable(call.input));
  }
  return performance.now() - started;
}

export async function dynamoFigures(progress: (line: string) => void): Promise<Figure[]> {
  const l = await lab();
  const figures: Figure[] = [];
  try {
    // 1× and 10×: the calendar under test (10,000 occurrences), then the same plus its next year and 8 other bureaus.
    const offices = 830; // 830 offices × 12 months + 4 = 9,964 occurrences a plan
    const own = benchPlan('bench', offices);
    progress('loading 10,000 occurrences (1×)…');
    await load(l, 'bench-1x', [own]);
    await load(l, 'bench-1x-floor', [own]);
    progress('loading 100,000 occurrences (10×)…');
    await load(l, 'bench-10x', [own, benchPlan('bench', offices, 2026), ...Array.from({ length: 8 }, (_, i) => benchPlan(`bench-other-${i}`, offices))]);

    const sweepOn = async (table: string, record: boolean) => {
      l.meter.reset();
      l.meter.recording = record;
      const started = performance.now();
      const result = await sweepOneCalendar(engineFor(l, table), 'bench', SWEEP_DAY);
      const ms = performance.now() - started;
      l.meter.recording = false;
      return { ms, result, requests: l.meter.requests, readUnits: l.meter.readUnits, calls: [...l.meter.calls] };
    };
    const one = await sweepOn('bench-1x', true);
    const ten = await sweepOn('bench-10x', false);
    if (one.result.delivery.sent.length !== 4 || ten.result.delivery.sent.length !== 4)
      throw new Error(`the bench sweep should send 4 mails, sent ${one.result.delivery.sent.length} and ${ten.result.delivery.sent.length}`);
    figures.push(
      reported('sweep: DynamoDB requests, 10,000-occurrence table', one.requests, 'requests'),
      reported('sweep: DynamoDB read units, 10,000-occurrence table', one.readUnits, 'RCU'),
      atMost('sweep: requests at 10× the stored occurrences (ratio)', ten.requests / one.requests, '×', 1.05, `${ten.requests} vs ${one.requests}`),
      atMost('sweep: read units at 10× the stored occurrences (ratio)', ten.readUnits / one.readUnits, '×', 1.05, `${ten.readUnits} vs ${one.readUnits} RCU`),
    );

    // The naive peer: scan the whole table for what is due today.
    l.meter.reset();
    let scanned = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await l.client.send(
        new ScanCommand({ TableName: 'bench-10x', FilterExpression: 'nextActionAt <= :today', ExpressionAttributeValues: { ':today': { S: '2025-01-10' } }, ExclusiveStartKey: startKey as never }),
      );
      scanned += page.ScannedCount ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    figures.push(
      reported('scan peer: read units to find the due items, 100,000 occurrences', l.meter.readUnits, 'RCU', `${scanned.toLocaleString('en')} items scanned`),
      atLeast('sweep vs scan peer: fewer read units (ratio)', l.meter.readUnits / ten.readUnits, '×', 20),
    );

    // The floor: the same calls, one by one, on an identical table.
    const floorMs = await replay(l, one.calls, 'bench-1x', 'bench-1x-floor');
    figures.push(
      reported('sweep: wall time, 10,000-occurrence table, 4 mails', one.ms, 'ms', `${one.calls.length} SDK calls`),
      reported('sweep floor: the same SDK calls replayed one by one', floorMs, 'ms'),
      atMost('sweep vs floor: wall time (ratio)', one.ms / floorMs, '×', 1.3),
    );

    // Materialise at ~5,000 occurrences: the design before (one conditional put at a time) and now.
    const five = benchPlan('bench-m', 400); // 400 × 12 + 4 = 4,804
    await ensureTable(l.dynamoEndpoint, 'bench-m-before');
    const before = dynamoStore(l.client, 'bench-m-before');
    const beforeStart = performance.now();
    for (const occurrence of five.occurrences) {
      await before.occurrences.create({ ...plannedOccurrence(occurrence, five.year), ...initialProgress('2025-01-01', LOADED_AT) });
    }
    const beforeRate = five.occurrences.length / ((performance.now() - beforeStart) / 1000);
    await ensureTable(l.dynamoEndpoint, 'bench-m-after');
    const afterStart = performance.now();
    await materialise(dynamoStore(l.client, 'bench-m-after'), five, LOADED_AT, DEFAULT_POLICY);
    const afterRate = five.occurrences.length / ((performance.now() - afterStart) / 1000);
    // The floor: the same items through createMany alone (100 conditional puts a transaction, 4 at a time), without materialise's reads and plan diff.
    await ensureTable(l.dynamoEndpoint, 'bench-m-floor');
    const floorStore = dynamoStore(l.client, 'bench-m-floor');
    const records = five.occurrences.map((occurrence) => ({ ...plannedOccurrence(occurrence, five.year), ...initialProgress('2025-01-01', LOADED_AT) }));
    const floorStart = performance.now();
    await floorStore.occurrences.createMany(records);
    const floorRate = five.occurrences.length / ((performance.now() - floorStart) / 1000);
    figures.push(
      reported('materialise floor: the same items, createMany alone (no reads, no plan diff)', floorRate, 'occurrences/s', 'what DynamoDB Local takes here'),
      reported('materialise before: one conditional put at a time', beforeRate, 'occurrences/s', `${five.occurrences.length.toLocaleString('en')} occurrences`),
      reported('materialise now: transactions of 100 conditional puts, 4 at a time', afterRate, 'occurrences/s'),
      atLeast('materialise: now vs before (ratio)', afterRate / beforeRate, '×', 10, `now is ${((afterRate / floorRate) * 100).toFixed(0)}% of the floor DynamoDB Local allows`),
    );
    return figures;
  } finally {
    await l.stop();
  }
}
