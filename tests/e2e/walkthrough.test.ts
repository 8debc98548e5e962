/**
 * The README's walkthrough as a new user follows it, on today's real date: `npm start`'s command (`fazhi
 * dev`) as a child process on a fresh data folder, with the demo a first start plays (the year so far);
 * the board URL it prints; the sweep the README's curl runs; the mail in the SES emulator; its upload
 * link; a program refused where the user looks; an article link handed in with no file and seen on the
 * board; a rejection with a reason that stays on screen. It holds on any date: on a weekend or holiday
 * the sweep (which writes to nobody then) is run for the next working day, as `?date=` lets a user do.
 *
 * Screenshots: test-artifacts/e2e/walkthrough-*.png.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { civilDateAt } from '../../functions/core/civil-date.js';
import type { OfficeView } from '../../functions/core/engine/views.js';
import { freePort } from '../../functions/local/emulators.js';
import { expectInViewport, launchBrowser, type Mail, mailsTo, screenshot, tokenScope, watchErrors } from './support.js';

const BIN = 'functions/cli/bin.mjs';
const ARTICLE = 'https://kjj.example.gov.cn/art/pufa/xianfa-xuanchuan.html';
const NOTE = '普法宣传文章已在局门户网站发布';

let child: ChildProcess;
let output = '';
let browser: BrowserContext;
const dirs: string[] = [];
let signInLink = '';
let apiToken = '';
let inboxUrl = '';
let baseUrl = '';
/** The day the sweep ran for: today, or the next working day. */
let day = '';
let mail: Mail;
let uploadLink = '';
let item: OfficeView['items'][number];
let office: OfficeView['office'];
let uploadPage: Page;
let boardPage: Page;
/** What each page logged as errors (a CSP violation included) and its uncaught exceptions: none expected. */
let uploadErrors: string[] = [];
let boardErrors: string[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-walkthrough-'));
  const profile = mkdtempSync(join(tmpdir(), 'fazhi-walkthrough-chromium-'));
  dirs.push(dataDir, profile);
  const port = await freePort();
  // As `npm start` runs it (no --date, no --no-demo), on a data folder of its own.
  child = spawn(process.execPath, [BIN, 'dev', '--port', String(port), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local mode not ready after 240 s:\n${output}`)), 240_000);
    child.stdout!.on('data', () => {
      if (output.includes('按 Ctrl-C 停止')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local mode exited with ${code}:\n${output}`));
    });
  });
  [browser] = await Promise.all([launchBrowser(profile), ready]);
  signInLink = /http:\/\/127\.0\.0\.1:\d+\/signin\?\S+/.exec(output)![0];
  apiToken = /API 令牌[^:]*: (\S+)/.exec(output)![1]!;
  baseUrl = new URL(signInLink).origin;
  inboxUrl = /邮件收件箱（SES 模拟）: +(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1]!;
}, 300_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT'); // Ctrl-C: local mode stops its emulators
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const today = () => civilDateAt(new Date(), 'Asia/Shanghai');

async function officeView(link: string): Promise<OfficeView> {
  const token = new URL(link).searchParams.get('token')!;
  return (await (await fetch(`${baseUrl}/api/office?token=${encodeURIComponent(token)}`)).json()) as OfficeView;
}

describe("the README's walkthrough on today's date", () => {
  it('npm start plays the year so far on a first start and prints the board, the inbox and the upload links', () => {
    expect(output).toContain('首次启动：正在生成今年至今的示例数据');
    expect(output).toMatch(/示例数据：报送 \d+ 份，已通过 \d+ 份，已退回 \d+ 份/);
    expect(output).toContain(`引擎时间 ${today().slice(0, 4)}`);
    expect(output).toMatch(/上传页面（各日历政策法规处的链接）/);
  });

  it('1. the board opens on this year and shows both open and done items', async () => {
    boardPage = await browser.newPage();
    boardErrors = watchErrors(boardPage);
    // The sign-in link npm start prints for the bootstrap admin.
    await boardPage.goto(signInLink);
    await boardPage.getByRole('button', { name: '确认登录' }).click();
    await boardPage.locator('#board-section').waitFor({ state: 'visible' });
    const year = today().slice(0, 4);
    await expect.poll(() => boardPage.locator('#subtitle').textContent()).toContain(`${year} 年 · 今天 ${today()}`);
    expect(await boardPage.locator('#year').inputValue()).toBe(year);
    await expect.poll(() => boardPage.locator('#matrix td.cell.done').count()).toBeGreaterThan(0);
    expect(await boardPage.locator('#matrix td.cell.open').count()).toBeGreaterThan(0);

    // The warnings the API reports are on the page (e.g. a year plan not yet entered).
    const calendar = await boardPage.locator('#calendar').inputValue();
    const board = (await (await fetch(`${baseUrl}/api/admin/board?calendar=${calendar}&year=${year}`, { headers: { authorization: `Bearer ${apiToken}` } })).json()) as { warnings: string[] };
    expect(await boardPage.locator('#warnings li').allTextContents()).toEqual(board.warnings.map((w) => `提示：${w}`));
    expect(await boardPage.locator('#legend').textContent()).toContain('已通过/应报送');
    await screenshot(boardPage, 'walkthrough-01-board');
    expect(boardErrors).toEqual([]);
  });

  it('2. the sweep (curl -X POST /dev/sweep) sends the reminders to the inbox', async () => {
    const now = today();
    // The sweep writes to nobody on weekends and holidays: then run it for the next working day.
    day = bundledWorkingDays().onOrAfter(now);
    const response = await fetch(`${baseUrl}/dev/sweep${day === now ? '' : `?date=${day}`}`, { method: 'POST', headers: { authorization: `Bearer ${apiToken}` } });
    expect(response.status).toBe(200);
    const store = (await (await fetch(`${inboxUrl}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] };
    const reminders = store.emails.filter((e) => e.subject.startsWith('【法治工作提醒】'));
    expect(reminders.length).toBeGreaterThan(0);

    // An office whose reminder links to an item it can hand an article link in for (one that asks for
    // links first, then any but a target), not done yet, open since before the sweep's day.
    const addresses = [...new Set(reminders.flatMap((e) => e.destination.to))].sort();
    const candidates: { mail: Mail; link: string; view: OfficeView; item: OfficeView['items'][number]; score: number }[] = [];
    for (const address of addresses) {
      for (const m of await mailsTo(inboxUrl, address)) {
        if (!m.subject.startsWith('【法治工作提醒】')) continue;
        const link = /https?:\/\/\S+\/upload\?token=[\w.-]+/.exec(m.text)?.[0];
        if (!link) continue;
        const view = await officeView(link);
        const open = view.items.filter((i) => i.state !== 'done' && i.state !== 'cancelled' && i.opens <= day && i.year === Number(day.slice(0, 4)));
        const score = (i: OfficeView['items'][number]) => (i.evidence.some((e) => e.kind === 'article-link') ? 0 : i.kind === 'target' ? 2 : 1);
        const chosen = [...open].sort((a, b) => score(a) - score(b))[0];
        if (chosen) candidates.push({ mail: m, link, view, item: chosen, score: score(chosen) });
      }
    }
    candidates.sort((a, b) => a.score - b.score);
    expect(candidates.length).toBeGreaterThan(0);
    ({ mail, link: uploadLink, item } = candidates[0]!);
    office = candidates[0]!.view.office;
    expect(mail.subject).toContain(office.name);
    expect(mail.html).toContain(`href="${uploadLink}`);
  });

  it('3. the mail’s link opens the office’s upload page', async () => {
    uploadPage = await browser.newPage();
    uploadErrors = watchErrors(uploadPage);
    await uploadPage.goto(uploadLink);
    await uploadPage.locator('#items-section').waitFor({ state: 'visible' });
    expect(await uploadPage.locator('#title').textContent()).toBe(`${office.name} · 报送佐证材料`);
    expect(await uploadPage.locator('#subtitle').textContent()).toContain(`今天 ${day}`);
    const expiry = new Date(tokenScope(uploadLink).expiresAt * 1000);
    expect(await uploadPage.locator('#link-expiry').textContent()).toContain(`本链接有效期至 ${civilDateAt(expiry, 'Asia/Shanghai')}`);
    const row = uploadPage.locator(`tr[id="item-${item.id}"]`);
    await row.getByRole('button', { name: '报送材料' }).click();
    await uploadPage.locator('#form-section').waitFor({ state: 'visible' });
    expect(await uploadPage.locator('#effective-date').inputValue()).toBe(day);
    await screenshot(uploadPage, 'walkthrough-02-upload-page');
    expect(uploadErrors).toEqual([]);
  });

  it('4. a program (setup.exe) is refused with a message the user sees where they are', async () => {
    const calls: string[] = [];
    const watch = (request: { url(): string; method(): string }) => {
      if (new URL(request.url()).pathname === '/api/uploads') calls.push(request.method());
    };
    uploadPage.on('request', watch);
    await uploadPage.locator('#files').setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ not really a program') });
    await uploadPage.locator('#submit').click();
    const message = uploadPage.locator('#files-error');
    await message.waitFor({ state: 'visible' });
    expect(await message.textContent()).toContain('不支持的文件类型：setup.exe');
    await expectInViewport(uploadPage, '#files-error');
    expect(await uploadPage.locator('#files').getAttribute('aria-invalid')).toBe('true');
    await screenshot(uploadPage, 'walkthrough-03-refused', { fullPage: false });
    uploadPage.off('request', watch);
    expect(calls).toEqual([]);
  });

  it('5. an article link is handed in with no file, and the board shows it', async () => {
    await uploadPage.locator('#files').setInputFiles([]);
    await uploadPage.locator('#note').fill(NOTE);
    await uploadPage.locator('.link-input').first().fill(ARTICLE);
    await uploadPage.locator('#submit').click();
    const message = uploadPage.locator('#form-message .alert');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toContain('报送成功：1 个链接已报送');
    await expectInViewport(uploadPage, '#form-message .alert');
    const row = uploadPage.locator(`tr[id="item-${item.id}"]`);
    await expect.poll(() => row.locator(`a[href="${ARTICLE}"]`).count()).toBe(1);
    expect(await row.locator('td').nth(5).textContent()).toContain(`${day} ${ARTICLE}（待审核）`);
    await screenshot(uploadPage, 'walkthrough-04-link-sent', { fullPage: false });

    await boardPage.goto(`${baseUrl}/board?calendar=${encodeURIComponent(item.calendar)}&year=${item.year}`);
    const cell = boardPage.locator(`td.cell[data-task="${item.task}"][data-office="${item.office}"]`);
    await expect.poll(() => cell.textContent()).toMatch(/ · 待审核[1-9]/);
    await cell.click();
    const submission = boardPage.locator('#detail tr[data-submission]').filter({ has: boardPage.locator(`a[href="${ARTICLE}"]`) });
    await submission.waitFor();
    expect(await submission.locator(`a[href="${ARTICLE}"]`).getAttribute('target')).toBe('_blank');
    expect(await submission.textContent()).toContain(`说明：${NOTE}`);
    expect(await submission.locator('.review-status').textContent()).toBe('待审核');
    await screenshot(boardPage, 'walkthrough-05-board-link', { fullPage: false });
  });

  it('6. sending it back asks for a reason in a dialog; the result stays on screen and the office is told', async () => {
    const submission = boardPage.locator('#detail tr[data-submission]').filter({ has: boardPage.locator(`a[href="${ARTICLE}"]`) });
    await submission.getByRole('button', { name: '退回' }).click();
    const dialog = boardPage.locator('#reject-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain(item.title);
    // No reason, no rejection.
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => boardPage.locator('#reject-error').textContent()).toContain('请填写退回原因');
    expect(await dialog.isVisible()).toBe(true);
    const reason = '链接无法打开，请核对链接地址';
    await dialog.getByRole('button', { name: reason }).click();
    expect(await boardPage.locator('#reject-reason').inputValue()).toBe(reason);
    await screenshot(boardPage, 'walkthrough-06-reject-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const result = boardPage.locator('#review-results .alert').first();
    await expect.poll(() => result.textContent()).toContain(`已退回：${item.title} · ${office.name}`);
    expect(await result.textContent()).toContain(`原因：${reason}。已发邮件通知${office.name}。`);
    await expectInViewport(boardPage, '#review-results .alert');
    // Still there well after the old page's 1.6 s.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await result.isVisible()).toBe(true);
    await expect
      .poll(() =>
        boardPage
          .locator('#detail tr[data-submission]')
          .filter({ has: boardPage.locator(`a[href="${ARTICLE}"]`) })
          .locator('.review-status')
          .textContent(),
      )
      .toBe(`已退回：${reason}`);
    await screenshot(boardPage, 'walkthrough-07-rejected', { fullPage: false });

    // The office got the notice.
    await expect.poll(async () => (await mailsTo(inboxUrl, mail.to[0]!)).some((m) => m.text.includes(reason)), { timeout: 15_000 }).toBe(true);
    expect(uploadErrors).toEqual([]);
    expect(boardErrors).toEqual([]);
  });
});
