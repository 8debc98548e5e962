/**
 * Named reviewers in a real browser, on local mode: an admin adds a reviewer with `fazhi accounts add`;
 * the reviewer asks for a sign-in link on the sign-in page, takes it from the local inbox and signs in;
 * accepts one submission and sends another back; sees both decisions in the item's history under their
 * name; and once `fazhi accounts revoke` has run, the very next request of that session gets 401.
 *
 * The steps share one browser and one server and run in order.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../functions/core/capability.js';
import { localSecrets } from '../../functions/local/dev-server.js';
import { runCliWithEnv } from '../support/run-cli.js';
import { ARTIFACTS, screenshot, signIn, startWorld, TINY_PNG, tinyPdf, type World, watchErrors } from './support.js';

const CALENDAR = 'suzhou-kjj';
const OFFICE = 'office';
const TASK = 'safety-inspection-may-day';
const OCCURRENCE = `${CALENDAR}/${TASK}/${OFFICE}/2025`;
const REVIEWER = { email: 'wang.shenhe@suzhou-kjj.example', name: '王审核' };
const REASON = '照片不清晰，请补充检查记录表';

let w: World;
let page: Page;
const accounts = (...args: string[]) => runCliWithEnv({ PATH: process.env.PATH }, 'accounts', ...args, '--data-dir', w.dataDir, '--as', '本地管理员');
const submissionIds: string[] = [];

/** Two submissions to the item, as the upload page makes them: a grant, then the PUT to the bucket. */
async function handIn(name: string, bytes: Buffer, type: string, date: string): Promise<string> {
  const token = issueToken({ calendar: CALENDAR, office: OFFICE, expiresAt: Math.floor(w.dev.now().getTime() / 1000) + 3600 }, localSecrets(w.dataDir).tokenSecret);
  const response = await fetch(`${w.dev.url}/api/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ occurrenceId: OCCURRENCE, effectiveDate: date, files: [{ name, contentType: type, size: bytes.length }] }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const grant = (await response.json()) as { submissionId: string; uploads: { url: string; headers: Record<string, string> }[] };
  const put = await fetch(grant.uploads[0]!.url, { method: 'PUT', headers: grant.uploads[0]!.headers, body: bytes });
  expect(put.status).toBe(200);
  return grant.submissionId;
}

beforeAll(async () => {
  w = await startWorld();
});

afterAll(async () => {
  await w?.stop();
});

const row = (submissionId: string) => page.locator(`#detail tr[data-submission="${submissionId}"]`);

describe('a named reviewer signs in by e-mail link, reviews, and is revoked', () => {
  it('the office hands in two submissions for one item', async () => {
    submissionIds.push(await handIn('检查照片.png', TINY_PNG, 'image/png', '2025-04-18'));
    submissionIds.push(await handIn('检查报告.pdf', tinyPdf('inspection'), 'application/pdf', '2025-04-21'));
    // The storage events are recorded in the background: wait until both submissions carry their file.
    await expect.poll(async () => (await w.dev.store.submissions.ofOccurrence(OCCURRENCE)).filter((s) => s.files.length === 1).length, { timeout: 20_000 }).toBe(2);
  });

  it('the admin adds the reviewer with `fazhi accounts add` (on the running local mode)', async () => {
    const added = await accounts('add', '--email', REVIEWER.email, '--name', REVIEWER.name, '--role', 'reviewer', '--calendar', CALENDAR);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toContain(`已添加账户 ${REVIEWER.email}（${REVIEWER.name}，reviewer）`);
    const list = await accounts('list');
    expect(list.out).toMatch(new RegExp(`${REVIEWER.email.replace(/\./g, '\\.')} +${REVIEWER.name} +reviewer +${CALENDAR} +— +active`));
  });

  it('1. the reviewer signs in through the link received in the local inbox', async () => {
    page = await w.browser.newPage();
    await page.goto(`${w.dev.url}/signin`);
    await page.locator('#request-form').waitFor({ state: 'visible' });
    expect(await page.locator('label[for="email"]').textContent()).toBe('工作邮箱');
    await screenshot(page, 'accounts-01-sign-in');
    await signIn(page, w.dev, REVIEWER.email);
    expect(await page.locator('#user').textContent()).toBe(`${REVIEWER.name}（审核人）`);
    // The session cookie is HttpOnly: the page's script cannot read it.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe('');
    const [cookie] = await page.context().cookies(w.dev.url);
    expect(cookie).toMatchObject({ name: 'fazhi_session', httpOnly: true, sameSite: 'Strict', secure: false });
    // A reviewer of one calendar sees only that calendar.
    expect(await page.locator('#calendar option').allTextContents()).toHaveLength(1);
  });

  it('2. they accept one submission and send the other back', async () => {
    const errors = watchErrors(page);
    await page.locator('#year').selectOption('2025');
    const cell = page.locator(`td.cell[data-task="${TASK}"][data-office="${OFFICE}"]`);
    await expect.poll(() => cell.textContent()).toBe('0/1 · 待审核2');
    await cell.click();
    await row(submissionIds[0]!).waitFor();

    await row(submissionIds[0]!).getByRole('button', { name: '通过' }).click();
    await expect.poll(() => row(submissionIds[0]!).locator('.review-status').textContent()).toBe('已通过');

    await row(submissionIds[1]!).getByRole('button', { name: '退回' }).click();
    await page.locator('#reject-reason').fill(REASON);
    await page.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => row(submissionIds[1]!).locator('.review-status').textContent()).toBe(`已退回：${REASON}`);
    expect(errors).toEqual([]);
  });

  it("3. they see both decisions in the item's history, with their name", async () => {
    const history = page.locator('#history table.history tbody tr');
    await expect.poll(() => history.count()).toBe(2);
    const rows = await history.evaluateAll((trs) => trs.map((tr) => Array.from((tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (td) => td.textContent ?? '')));
    expect(rows.map((r) => r.slice(1))).toEqual([
      [REVIEWER.name, '审核通过', '待审核 → 已通过'],
      [REVIEWER.name, '退回', `待审核 → 已退回（${REASON}）`],
    ]);
    for (const r of rows) expect(r[0]).toMatch(/^2025-04-23 09:\d\d$/);
    await page.locator('#history').scrollIntoViewIfNeeded();
    await screenshot(page, 'accounts-02-board');
    // The drill-down alone, readable: the submissions and the history under them; and the header with who is signed in.
    await page.locator('#detail').screenshot({ path: join(ARTIFACTS, 'accounts-03-history.png') });
    await page.locator('header').screenshot({ path: join(ARTIFACTS, 'accounts-04-header.png') });

    // The store names the reviewer on each decision, as the ledger prints it.
    const stored = await w.dev.store.submissions.ofOccurrence(OCCURRENCE);
    expect(stored.map((s) => [s.status, s.reviewedBy])).toEqual(
      expect.arrayContaining([
        ['accepted', REVIEWER.name],
        ['rejected', REVIEWER.name],
      ]),
    );
  });

  it('4. after the account is revoked, the next request gets 401 and the board goes to the sign-in page', async () => {
    const revoked = await accounts('revoke', '--email', REVIEWER.email);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain(`已停用账户 ${REVIEWER.email}`);
    const before = await w.dev.store.submissions.ofOccurrence(OCCURRENCE);

    const status = await page.evaluate(() => fetch('/api/me').then((r) => r.status));
    expect(status).toBe(401);
    await page.reload();
    await page.waitForURL(`${w.dev.url}/signin?expired=1`);
    expect(await page.locator('#alert').textContent()).toBe('请先登录：登录状态已失效或尚未登录。');
    expect(await w.dev.store.submissions.ofOccurrence(OCCURRENCE)).toEqual(before);
  });
});
