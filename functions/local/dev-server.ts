/**
 * Local mode (`npm start`): the same handlers as in AWS on the embedded stack.
 * 1. start DynamoDB Local (data on disk under the data folder), the SES emulator and s3rver;
 * 2. load the handlers with that environment and materialise every calendar;
 * 3. serve the HTTP API and pages, hand S3 events to the s3-event handler;
 * 4. run the sweep at 09:00 (Asia/Shanghai) every day, then the digest (sent on each week's first working day), on a clock that can
 *    pretend another date;
 * 5. stop every child process on Ctrl-C.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { loadCatalog } from '../adapters/calendar-files.js';
import type { Env } from '../adapters/env.js';
import type { LogLevel } from '../adapters/log.js';
import { createRuntime } from '../adapters/runtime.js';
import { smtpSettings } from '../adapters/smtp-mailer.js';
import { principalOfToken } from '../core/access/authenticate.js';
import { bootstrapAdmin, createApiToken } from '../core/access/manage.js';
import type { AccessStore } from '../core/access/ports.js';
import { issueSignInLink } from '../core/access/sign-in.js';
import { addDays, type CivilDate, civilDateAt, isCivilDate } from '../core/civil-date.js';
import { compilePlans } from '../core/compile-all.js';
import { uploadUrl } from '../core/engine/links.js';
import type { Store } from '../core/engine/ports.js';
import { rollover, rolloverPeriod } from '../core/engine/rollover.js';
import { playDemoHistory } from './demo-history.js';
import { type LocalStack, startLocalStack } from './emulators.js';
import { type Handlers, handlersFor } from './handlers.js';
import { toApiEvent, writeApiResult } from './http-bridge.js';
import { inProcessRuns } from './in-process-runs.js';
import { INBOX_POLICY, type InboxEntry, inboxPage } from './inbox-page.js';
import { type ReceivedRobotMessage, type RobotCredentials, type RobotReceiver, startRobotReceiver } from './robot-receiver.js';
import { robotNames } from './simulation-world.js';

export interface DevOptions {
  port: number;
  dataDir: string;
  /** Pretend today is this date (09:00 Asia/Shanghai): the clock then runs on from there. */
  date?: string | undefined;
  log: (line: string) => void;
  /** The handlers' own JSON log lines (default: warnings and errors only). */
  logLevel?: LogLevel | undefined;
  /** On empty data, play the year so far (default) so the board shows a living year. */
  demo?: boolean;
  /** Send mail through this SMTP server (smtp://host:port, or with credentials) instead of the SES emulator. */
  mail?: string | undefined;
}

export interface DevServer {
  url: string;
  /** The bootstrap admin's API token (kept in secrets.json): the CLI and the /dev controls use it. */
  apiToken: string;
  /** The bootstrap admin's address, and a sign-in link for it (15 minutes, once). */
  adminEmail: string;
  signInLink: string;
  inboxUrl: string;
  /** The local inbox page: mails and robot messages side by side. */
  localInboxUrl: string;
  /** Where local mode's mail goes: the SES emulator, or the SMTP server given. */
  mailTransport: 'ses' | 'smtp';
  /** The engine's store, for checks (the browser tests read what the pages did). */
  store: Store;
  now(): Date;
  setDate(date: CivilDate): void;
  /** A signed upload link for each calendar's policy office, to try the upload page. */
  uploadLinks: string[];
  runSweep(): Promise<unknown>;
  runDigest(): Promise<unknown>;
  stop(): Promise<void>;
}

const SCHEDULE_ZONE = 'Asia/Shanghai';

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/** The local data has been processed past the date asked for: going back would silently do nothing. */
export class DevDateError extends Error {
  override readonly name = 'DevDateError';
}

/** The latest day local mode has swept, kept with the data: the engine's clock never goes back over it. */
function processedThrough(dataDir: string): CivilDate | null {
  const file = join(dataDir, 'clock.json');
  return existsSync(file) ? ((JSON.parse(readFileSync(file, 'utf8')) as { processedThrough?: CivilDate }).processedThrough ?? null) : null;
}

function markProcessed(dataDir: string, day: CivilDate): void {
  const current = processedThrough(dataDir);
  if (current === null || day > current) writeFileSync(join(dataDir, 'clock.json'), `${JSON.stringify({ processedThrough: day })}\n`);
}

export function backInTimeMessage(processed: CivilDate, asked: CivilDate): string {
  return `本地数据已处理到 ${processed}，不能回到 ${asked}（那之后的提醒已发出，再巡检也不会重发）。要从 ${asked} 重新开始，请先重置本地数据：npx fazhi dev --reset --date ${asked}（或 npm start -- --reset --date ${asked}）`;
}

export async function startDev(options: DevOptions): Promise<DevServer> {
  // A bad SMTP URL stops here, before anything starts.
  if (options.mail) smtpSettings(options.mail);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const secrets = localSecrets(dataDir);
  const baseUrl = `http://127.0.0.1:${options.port}`;

  // The clock: real time, shifted when a date is pretended.
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const setDate = (date: CivilDate) => {
    offsetMs = new Date(`${date}T01:00:00.000Z`).getTime() - Date.now(); // 09:00 in Shanghai
  };
  if (options.date) setDate(options.date);
  const processed = processedThrough(dataDir);
  const startDay = civilDateAt(now(), SCHEDULE_ZONE);
  if (processed !== null && startDay < processed) throw new DevDateError(backInTimeMessage(processed, startDay));

  let handlers: Handlers | undefined;
  let inboxEntries: () => Promise<InboxEntry[]> = async () => [];
  // Rollover, as the daily schedule does in AWS: at start, and whenever the clock enters a new year or December.
  let rolledOverFor = '';
  const rolloverIfDue = async () => {
    const key = rolloverPeriod(civilDateAt(now(), SCHEDULE_ZONE));
    if (key === rolledOverFor || !handlers) return;
    const compiled = compilePlans(await loadCatalog(), now());
    const { runtime } = handlers;
    const result = await rollover(runtime.store, compiled.plans, now(), runtime.policy);
    for (const r of result.materialised) options.log(`  日历 ${r.calendar} ${r.year}: 新建 ${r.created}，更新 ${r.updated}，取消 ${r.cancelled}`);
    for (const w of result.withdrawn) options.log(`  日历 ${w.calendar} ${w.year}: 已撤回，取消 ${w.cancelled} 项`);
    rolledOverFor = key;
  };
  const runSweep = async () => {
    const day = civilDateAt(now(), SCHEDULE_ZONE);
    const done = processedThrough(dataDir);
    if (done !== null && day < done) throw new DevDateError(backInTimeMessage(done, day));
    await rolloverIfDue();
    const result = await handlers!.sweep({ scheduledTime: now().toISOString() });
    markProcessed(dataDir, day);
    return result;
  };
  const runDigest = () => handlers!.digest({ scheduledTime: now().toISOString() });
  // The port is taken first, so a busy port fails before any emulator starts.
  const server: Server = createServer((request, response) => {
    const devRoute = new URL(request.url ?? '/', baseUrl);
    if (request.method === 'GET' && devRoute.pathname === '/dev/inbox') {
      // Like the SES emulator's own inbox: local only, no credential.
      inboxEntries()
        .then((entries) => {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': INBOX_POLICY });
          response.end(inboxPage(entries, options.mail ? `邮件经 SMTP 发往 ${new URL(options.mail).host}，请在该服务器查看；此处只列出群机器人消息。` : undefined));
        })
        .catch((error: Error) => {
          response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          response.end(error.message);
        });
      return;
    }
    if (devRoute.pathname.startsWith('/dev/')) {
      devControl(request.method ?? 'GET', devRoute, request.headers.authorization, handlers?.runtime.access, { setDate, runSweep, runDigest, now, processed: () => processedThrough(dataDir) })
        .then(([status, body]) => {
          response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
          response.end(JSON.stringify(body));
        })
        .catch((error: Error) => {
          response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          response.end(JSON.stringify({ error: error.message }));
        });
      return;
    }
    toApiEvent(request, now())
      .then((event) => (handlers ? handlers.api(event) : Promise.resolve({ statusCode: 503, body: 'starting' })))
      .then((result) => writeApiResult(response, result))
      .catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(error.message);
      });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(`port ${options.port} is in use: stop what uses it or pass --port`) : error));
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });

  let seeding = false;
  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      dataDir: join(dataDir, 'dynamodb'),
      s3Dir: join(dataDir, 's3'),
      onS3Event: (event: S3Event) => {
        // While the demo year is played its uploads are recorded with their own days, not here.
        if (!handlers || seeding || !event.Records?.[0]?.eventName.startsWith('ObjectCreated')) return;
        // Why the local clock: the upload happened "now" for the engine, which may be a pretended date.
        const stamped = { Records: event.Records.map((r) => ({ ...r, eventTime: now().toISOString() })) } as S3Event;
        handlers.s3Event(stamped).catch((error: Error) => options.log(`上传记录失败: ${error.message}`));
      },
    });
  } catch (error) {
    await new Promise<void>((r) => server.close(() => r()));
    throw error;
  }
  let timer: NodeJS.Timeout | undefined;
  let receiver: RobotReceiver | undefined;
  // While it runs, `fazhi accounts` and `fazhi links` find the local table here (see cli/access-target.ts).
  writeFileSync(join(dataDir, RUNNING_FILE), `${JSON.stringify({ tableName: stack.tableName, dynamodbEndpoint: stack.endpoints.dynamo, url: baseUrl })}\n`);
  const stop = async () => {
    if (timer) clearTimeout(timer);
    rmSync(join(dataDir, RUNNING_FILE), { force: true });
    await new Promise<void>((r) => server.close(() => r()));
    await receiver?.stop();
    await stack.stop();
  };
  inboxEntries = async () => [...(options.mail ? [] : await emulatorMails(stack.endpoints.ses)), ...robotEntries(receiver?.messages ?? [])];

  try {
    const compiled = compilePlans(await loadCatalog(), now());
    // The robots the calendars name get local credentials, kept with the data; the receiver stands in for DingTalk and WeCom.
    const robots = localRobotSecrets(dataDir, robotNames(compiled.plans));
    receiver = await startRobotReceiver({ robots, clock: now });
    const env: Env = {
      ...stack.env,
      TOKEN_SECRET: secrets.tokenSecret,
      MAIL_FROM: 'fazhi@localhost.example',
      PUBLIC_BASE_URL: baseUrl,
      LOG_LEVEL: options.logLevel ?? 'warn',
      ROBOT_ENDPOINT: receiver.endpoint,
      ROBOT_SECRETS: JSON.stringify(robots),
      ...(options.mail ? { MAIL_TRANSPORT: 'smtp' as const, SMTP_URL: options.mail } : {}),
    };
    // The admin API's "sweep now" and "digest now" run in the background of this process (in AWS: their own functions).
    handlers = handlersFor(createRuntime(env, { clock: now, invoker: inProcessRuns }));

    if (options.demo !== false && (await handlers.runtime.store.calendars.list()).length === 0) {
      options.log('  首次启动：正在生成今年至今的示例数据（各处室报送、审核），看板将显示真实的进度……');
      seeding = true;
      try {
        const history = await playDemoHistory({
          handlers,
          plans: compiled.plans,
          today: civilDateAt(now(), SCHEDULE_ZONE),
          tokenSecret: secrets.tokenSecret,
          put: async (url, headers, body) => {
            const response = await fetch(url, { method: 'PUT', headers, body });
            if (!response.ok) throw new Error(`demo upload failed: ${response.status} ${await response.text()}`);
          },
        });
        options.log(`  示例数据：报送 ${history.submissions} 份，已通过 ${history.accepted} 份，已退回 ${history.rejected} 份；其余待审核。逾期事项将在第一次巡检时标记。`);
      } finally {
        seeding = false;
      }
    }
    await rolloverIfDue();
    const apiToken = await bootstrapLocalAdmin(handlers.runtime.access, dataDir, now(), options.log);
    const signInLink = await issueSignInLink(handlers.runtime.access, baseUrl, LOCAL_ADMIN.email, now());

    // 4. Fire at the next 09:00 in Shanghai; then the digest, which goes out on the week's first working day.
    const schedule = () => {
      const at = nextNineAm(now());
      timer = setTimeout(
        async () => {
          try {
            const result = await runSweep();
            options.log(`[${civilDateAt(now(), SCHEDULE_ZONE)} 09:00] 每日巡检：发送 ${result.delivery.sent.length} 封提醒`);
            await runDigest();
          } catch (error) {
            options.log(`每日巡检失败: ${(error as Error).message}`);
          }
          schedule();
        },
        Math.max(1000, at.getTime() - now().getTime()),
      );
    };
    schedule();

    const policyOffices = compiled.plans
      .filter((plan, index, all) => all.findIndex((p) => p.calendar === plan.calendar) === index && plan.policyOffice)
      .map((plan) => ({ calendar: plan.calendar, office: plan.policyOffice!, line: `    ${plan.calendar}（${plan.offices.find((o) => o.id === plan.policyOffice)?.name}）: ` }));
    const linkSettings = { baseUrl, secret: secrets.tokenSecret, ttlDays: 30, keyVersion: handlers.runtime.access.officeKeys.version };
    const links = await Promise.all(policyOffices.map(async (plan) => `${plan.line}${await uploadUrl(linkSettings, plan.calendar, plan.office, now())}`));
    return {
      url: baseUrl,
      apiToken,
      adminEmail: LOCAL_ADMIN.email,
      signInLink,
      inboxUrl: stack.endpoints.ses,
      localInboxUrl: `${baseUrl}/dev/inbox`,
      mailTransport: options.mail ? 'smtp' : 'ses',
      store: handlers.runtime.store,
      now,
      setDate,
      runSweep,
      runDigest,
      stop,
      uploadLinks: links,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Local-only controls (admin credential required): `POST /dev/sweep[?date=YYYY-MM-DD]` runs the sweep
 * now (after pretending the date, if given); `POST /dev/digest` sends the digest; `GET /dev/clock`.
 */
async function devControl(
  method: string,
  url: URL,
  authorization: string | undefined,
  access: AccessStore | undefined,
  control: { setDate(date: CivilDate): void; runSweep(): Promise<unknown>; runDigest(): Promise<unknown>; now(): Date; processed(): CivilDate | null },
): Promise<[number, unknown]> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  const admin = access && token ? await principalOfToken(access, token).catch(() => null) : null;
  if (admin?.role !== 'admin') return [401, { error: "an admin's API token is required (local mode keeps one in secrets.json as apiToken)" }];
  const date = url.searchParams.get('date');
  if (date !== null) {
    if (!isCivilDate(date)) return [400, { error: `date "${date}" is not YYYY-MM-DD`, field: 'date' }];
    // Refused before the clock moves: an earlier day than the data has seen would do nothing, silently.
    const processed = control.processed();
    if (processed !== null && date < processed) return [409, { error: backInTimeMessage(processed, date), field: 'date', processedThrough: processed }];
    control.setDate(date);
  }
  if (method === 'GET' && url.pathname === '/dev/clock') return [200, { now: control.now().toISOString() }];
  if (method === 'POST' && url.pathname === '/dev/sweep') return [200, await control.runSweep()];
  if (method === 'POST' && url.pathname === '/dev/digest') return [200, await control.runDigest()];
  return [404, { error: `no local control ${method} ${url.pathname}` }];
}

interface LocalSecrets {
  tokenSecret: string;
  /** The bootstrap admin's API token (absent until the first run created the admin). */
  apiToken?: string;
}

/** Signing key (and later the bootstrap admin's API token), generated once and kept with the data so links survive restarts. */
export function localSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    // A data folder from before accounts also holds `adminToken`: the shared token is gone, and is dropped here.
    const { tokenSecret, apiToken } = JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets & { adminToken?: string };
    return { tokenSecret, ...(apiToken ? { apiToken } : {}) };
  }
  const secrets = { tokenSecret: randomBytes(32).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Credentials for each robot secret name the calendars use, generated once and kept in secrets.json (`robots`). */
export function localRobotSecrets(dataDir: string, names: readonly string[]): Record<string, RobotCredentials> {
  const file = join(dataDir, 'secrets.json');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { robots?: Record<string, RobotCredentials> };
  const robots = { ...stored.robots };
  const missing = [...new Set(names)].filter((name) => robots[name] === undefined);
  if (missing.length === 0) return robots;
  for (const name of missing) robots[name] = { accessToken: randomBytes(16).toString('hex'), signSecret: `SEC${randomBytes(32).toString('hex')}`, key: randomUUID() };
  writeFileSync(file, JSON.stringify({ ...stored, robots }, null, 2), { mode: 0o600 });
  return robots;
}

/** The SES emulator's mails, as inbox entries. */
async function emulatorMails(sesEndpoint: string): Promise<InboxEntry[]> {
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: { subject: string; destination: { to: string[]; cc: string[] }; body: { text?: string }; at: number }[] };
  return store.emails.map((e) => ({
    at: new Date(e.at * 1000).toISOString(),
    channel: 'mail',
    to: [...e.destination.to, ...e.destination.cc].join(', '),
    subject: e.subject,
    body: e.body.text ?? '',
  }));
}

function robotEntries(messages: readonly ReceivedRobotMessage[]): InboxEntry[] {
  return messages.map((m) => ({ at: m.receivedAt, channel: m.vendor, to: m.robot, subject: m.title || m.markdown.split('\n')[0]!, body: m.markdown }));
}

/** Where a running local mode says which table it serves (removed when it stops). */
export const RUNNING_FILE = 'running.json';

/** Local mode's first admin. */
export const LOCAL_ADMIN = { email: 'admin@localhost.example', name: '本地管理员' };

/**
 * The first run (no account at all) creates the bootstrap admin and an API token for it, kept in
 * secrets.json for the CLI and the /dev controls. Later runs read the token back.
 */
async function bootstrapLocalAdmin(access: AccessStore, dataDir: string, now: Date, log: (line: string) => void): Promise<string> {
  const secrets = localSecrets(dataDir);
  const context = { access, actor: { email: 'local', name: '本地模式' }, source: 'cli', now };
  const created = await bootstrapAdmin(context, LOCAL_ADMIN.email, LOCAL_ADMIN.name);
  if (!created && secrets.apiToken) return secrets.apiToken;
  if (created) log(`  首次启动：已创建管理员账户 ${LOCAL_ADMIN.email}（${LOCAL_ADMIN.name}）`);
  const { token } = await createApiToken(context, LOCAL_ADMIN.email, 'local mode');
  // Whatever else the file keeps (the robots' local credentials) stays; a shared admin token from before accounts goes.
  const file = join(dataDir, 'secrets.json');
  const { adminToken: _gone, ...stored } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...stored, apiToken: token }, null, 2), { mode: 0o600 });
  return token;
}

/** The next 09:00 in Shanghai after `now` (Shanghai has no daylight saving: 09:00 is 01:00 UTC). */
export function nextNineAm(now: Date): Date {
  const today = civilDateAt(now, SCHEDULE_ZONE);
  const todayAt = new Date(`${today}T01:00:00.000Z`);
  return todayAt.getTime() > now.getTime() ? todayAt : new Date(`${addDays(today, 1)}T01:00:00.000Z`);
}
