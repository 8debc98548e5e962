/**
 * The browser tests' world: local mode (`startDev`, the real handlers on DynamoDB Local, the SES
 * emulator and s3rver) started in-process with a fresh data folder, Debian's Chromium driven by
 * playwright-core with a fresh profile, mail read back from the SES emulator, screenshots under
 * test-artifacts/e2e/. One world per test file: startDev sets process.env and imports the handlers.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type DevServer, startDev } from '../../functions/local/dev-server.js';
import { freePort } from '../../functions/local/emulators.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The pretended day: the sweep sends the committed calendars' overdue reminders on it. */
/** A working day with a planned reminder for the task the happy path uses (the pre-May-Day inspection: due 04-30, reminded 04-23). */
export const TODAY = '2025-04-23';
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/e2e/', import.meta.url));

export interface World {
  dev: DevServer;
  dataDir: string;
  browser: BrowserContext;
  /** A scratch folder for the files the tests upload; removed in stop(). */
  scratch: string;
  stop(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium fonts-wqy-zenhei\``);
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-e2e-data-'));
  const profile = mkdtempSync(join(tmpdir(), 'fazhi-e2e-chromium-'));
  const scratch = mkdtempSync(join(tmpdir(), 'fazhi-e2e-files-'));
  // The browser starts while the emulators do: both take seconds.
  const [devResult, browserResult] = await Promise.allSettled([(async () => startDev({ port: await freePort(), dataDir, date: TODAY, demo: false, log: () => {} }))(), launchBrowser(profile)]);
  const cleanup = () => {
    for (const dir of [dataDir, profile, scratch]) rmSync(dir, { recursive: true, force: true });
  };
  if (devResult.status === 'rejected' || browserResult.status === 'rejected') {
    if (devResult.status === 'fulfilled') await devResult.value.stop();
    if (browserResult.status === 'fulfilled') await browserResult.value.close();
    cleanup();
    throw devResult.status === 'rejected' ? devResult.reason : (browserResult as PromiseRejectedResult).reason;
  }
  const dev = devResult.value;
  const browser = browserResult.value;
  return {
    dev,
    dataDir,
    browser,
    scratch,
    async stop() {
      await browser.close().catch(() => undefined);
      await dev.stop();
      cleanup();
    },
  };
}

/** Debian's Chromium with a fresh profile, as a user in China would open the pages (zh-CN, Shanghai, 1280×900). */
export function launchBrowser(profile: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium fonts-wqy-zenhei\``);
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
}

/** Runs the daily sweep through the local control endpoint, as `curl -X POST /dev/sweep` would. */
export async function sweepNow(dev: DevServer): Promise<{ mailsCommitted: string[]; delivery: { sent: string[] } }> {
  const response = await fetch(`${dev.url}/dev/sweep`, { method: 'POST', headers: { authorization: `Bearer ${dev.apiToken}` } });
  if (response.status !== 200) throw new Error(`POST /dev/sweep answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { mailsCommitted: string[]; delivery: { sent: string[] } };
}

export interface Mail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** Every mail the SES emulator holds for `address`, parsed from its raw MIME. */
export async function mailsTo(inboxUrl: string, address: string): Promise<Mail[]> {
  const store = (await (await fetch(`${inboxUrl}/store`)).json()) as { emails: { messageId: string; destination: { to: string[]; cc: string[] } }[] };
  const matching = store.emails.filter((e) => [...e.destination.to, ...e.destination.cc].includes(address));
  return Promise.all(
    matching.map(async (e) => {
      // The emulator answers with the raw MIME message as a serialised Buffer.
      const eml = (await (await fetch(`${inboxUrl}/get-emlContent?messageId=${encodeURIComponent(e.messageId)}`)).json()) as { body: { data: number[] } };
      const parsed = await simpleParser(Buffer.from(eml.body.data));
      const to = parsed.to === undefined ? [] : (Array.isArray(parsed.to) ? parsed.to : [parsed.to]).flatMap((a) => a.value.map((v) => v.address ?? ''));
      return { messageId: e.messageId, to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '' };
    }),
  );
}

/**
 * Signs in as a user does: asks for a link on the sign-in page, takes it from the mail in the local
 * inbox, opens it and confirms; ends on the board.
 */
export async function signIn(page: Page, dev: Pick<DevServer, 'url' | 'inboxUrl'>, email: string): Promise<void> {
  await page.goto(`${dev.url}/signin`);
  const before = (await mailsTo(dev.inboxUrl, email)).length;
  await page.locator('#email').fill(email);
  await page.getByRole('button', { name: '发送登录链接' }).click();
  await page.locator('#alert').filter({ hasText: '登录链接已发送' }).waitFor();
  // The mail is sent before the answer: it is in the inbox now.
  const mails = await mailsTo(dev.inboxUrl, email);
  if (mails.length <= before) throw new Error(`no sign-in mail arrived for ${email}`);
  const link = /http:\/\/\S+\/signin\?\S+/.exec(mails.at(-1)!.text)?.[0];
  if (!link) throw new Error(`the sign-in mail for ${email} has no link: ${mails.at(-1)!.text}`);
  await page.goto(link);
  await page.getByRole('button', { name: '确认登录' }).click();
  await page.waitForURL(`${dev.url}/board`);
  await page.locator('#board-section').waitFor({ state: 'visible' });
}

/** The calendar and office an upload link's token is scoped to (its payload is readable JSON). */
export function tokenScope(link: string): { calendar: string; office: string; expiresAt: number } {
  const token = new URL(link).searchParams.get('token') ?? '';
  const payload = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { c: string; o: string; e: number };
  return { calendar: payload.c, office: payload.o, expiresAt: payload.e };
}

/** A screenshot under test-artifacts/e2e/: the whole page, or (`fullPage: false`) what the viewport shows. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/** Asserts that the element is entirely inside the viewport: what the user sees without scrolling. */
export async function expectInViewport(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const viewport = page.viewportSize()!;
  if (!box) throw new Error(`${selector} is not displayed`);
  if (box.y < 0 || box.y + box.height > viewport.height || box.x < 0 || box.x + box.width > viewport.width) {
    throw new Error(`${selector} is outside the viewport: ${JSON.stringify(box)} in ${viewport.width}×${viewport.height}`);
  }
}

/** Collects what the page logged as errors and the scripts' uncaught exceptions, to assert none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  return errors;
}

/** A valid 1×1 PNG (red pixel). */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** A small but well-formed one-page PDF. */
export function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
