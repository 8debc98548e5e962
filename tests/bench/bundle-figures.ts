/**
 * Each handler's bundle against its floor (tests/bench/floors/): minified size and cold import (the
 * median of 5 fresh Node processes each), and the RSS of each handler in its process; the sweep
 * worker's after it swept a 5,000-occurrence calendar on DynamoDB Local and the SES emulator.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dynamoStore } from '../../functions/adapters/dynamo/store.js';
import { DEFAULT_POLICY } from '../../functions/core/engine/assess.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { ensureTable, LOCAL_AWS_ENV, localDynamoClient, startDynamo, startSes } from '../../functions/local/emulators.js';
import { FUNCTION_NAMES, type FunctionName } from '../../infra/fazhi-stack.js';
import { bundleLikeLambda, floorEntry, handlerEntry } from '../support/lambda-bundle.js';
import { benchPlan } from './dynamo-figures.js';
import { atMost, type Figure, median, reported } from './figures.js';

const ENV = {
  TABLE_NAME: 'bench-rss',
  BUCKET_NAME: 'bucket',
  MAIL_FROM: 'fazhi@bench.example',
  PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
  TOKEN_SECRET: 'bench-secret-0123456789',
  SWEEP_FUNCTION_NAME: 'fazhi-sweep',
  DIGEST_FUNCTION_NAME: 'fazhi-digest',
  SWEEP_QUEUE_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/fazhi-sweep',
  ...LOCAL_AWS_ENV,
};

const run = promisify(execFile);

/**
 * Imports `file` in a fresh Node process (and runs `after` there); prints the import time and the RSS at
 * the end. Asynchronous: the SES emulator the sweep sends to answers from this process's event loop.
 */
async function probe(file: string, env: Record<string, string>, after = ''): Promise<{ ms: number; rss: number }> {
  const script = `const t=performance.now();const m=await import(${JSON.stringify(file)});const ms=performance.now()-t;${after}console.log(JSON.stringify({ms,rss:process.memoryUsage().rss}))`;
  try {
    const { stdout } = await run('node', ['--no-warnings', '--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; rss: number };
  } catch (error) {
    // The entry validates its environment at import: say which variable, not the whole bundle.
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    throw new Error(`${file} failed: ${/(EnvironmentError|Error)[^\n]*/.exec(stderr)?.[0] ?? stderr.slice(-500)}`);
  }
}

async function coldImport(file: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) times.push((await probe(file, ENV)).ms);
  return median(times);
}

export async function bundleFigures(progress: (line: string) => void): Promise<Figure[]> {
  const out = mkdtempSync(join(tmpdir(), 'fazhi-bench-bundles-'));
  const figures: Figure[] = [];
  try {
    for (const name of FUNCTION_NAMES) {
      progress(`bundle ${name}…`);
      const file = join(out, `${name}.mjs`);
      const floorFile = join(out, `${name}.floor.mjs`);
      const { bytes } = await bundleLikeLambda(handlerEntry(name), file);
      const { bytes: floorBytes } = await bundleLikeLambda(floorEntry(name), floorFile);
      const ms = await coldImport(file);
      const floorMs = await coldImport(floorFile);
      figures.push(
        atMost(`bundle ${name}: size vs floor (ratio)`, bytes / floorBytes, '×', 1.15, `${(bytes / 1024).toFixed(0)} KB vs ${(floorBytes / 1024).toFixed(0)} KB`),
        atMost(`bundle ${name}: cold import vs floor (ratio)`, ms / floorMs, '×', 1.3, `${ms.toFixed(0)} ms vs ${floorMs.toFixed(0)} ms`),
      );
    }
    figures.push(...(await rssFigures(out)));
    return figures;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** RSS of each handler's process: the sweep worker after sweeping a 5,000-occurrence calendar, the others once loaded. */
async function rssFigures(out: string): Promise<Figure[]> {
  const dynamo = await startDynamo();
  const ses = await startSes();
  const client = localDynamoClient(dynamo.endpoint);
  try {
    await ensureTable(dynamo.endpoint, ENV.TABLE_NAME);
    const plan = benchPlan('bench-rss', 400);
    await materialise(dynamoStore(client, ENV.TABLE_NAME), plan, new Date('2025-01-01T01:00:00Z'), DEFAULT_POLICY);
    const env = { ...ENV, DYNAMODB_ENDPOINT: dynamo.endpoint, SES_ENDPOINT: ses.endpoint };
    const order = JSON.stringify({ calendar: 'bench-rss', scheduledTime: '2025-01-10T01:00:00.000Z' });
    const sweepEvent = JSON.stringify({ Records: [{ messageId: 'm', body: order }] });
    const figures: Figure[] = [];
    const worker: FunctionName = 'sweepCalendar';
    for (const name of FUNCTION_NAMES) {
      const file = join(out, `${name}.mjs`);
      const sweep = name === worker ? `const r=await m.handler(${sweepEvent});if(r.batchItemFailures.length)throw new Error('sweep failed');` : '';
      const { rss } = await probe(file, env, sweep);
      figures.push(reported(`rss ${name}${name === worker ? `: after sweeping ${plan.occurrences.length.toLocaleString('en')} occurrences` : ': loaded'}`, rss / 1048576, 'MB'));
    }
    return figures;
  } finally {
    client.destroy();
    await ses.stop();
    await dynamo.stop();
  }
}
