/**
 * The happy path in a real browser, on local mode with the committed calendars: the sweep mails the
 * 办公室 of suzhou-kjj (its 2025 plan layered on) its reminder; its link opens the upload page; two files go straight
 * to the bucket with progress bars; the page shows them once the storage event has recorded them; the
 * policy office sees the cell turn 待审核 on the board, opens it and accepts; the stored submission
 * carries the SHA-256 of the bytes that left the browser.
 *
 * The steps share one browser and one server and run in order: each `it` starts where the last ended.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailsTo, screenshot, signIn, startWorld, sweepNow, TINY_PNG, TODAY, tinyPdf, tokenScope, type World, watchErrors } from './support.js';

const CALENDAR = 'suzhou-kjj';
const OFFICE = { id: 'office', name: '办公室', email: 'bgs@suzhou-kjj.example' };
const TASK = { id: 'safety-inspection-may-day', title: '五一前科研院所安全生产专项检查' };
const OCCURRENCE = `${CALENDAR}/${TASK.id}/${OFFICE.id}/2025`;
const ACTIVITY_DATE = '2025-04-18';
const NOTE = '4月18日五一前安全生产专项检查';

let w: World;
let uploadLink = '';
let uploadPage: Page;
let boardPage: Page;
const pageErrors: string[] = [];
const files: { path: string; name: string; type: string; bytes: Buffer; sha256: string }[] = [];
const shots: string[] = [];

beforeAll(async () => {
  w = await startWorld();
  const png = TINY_PNG;
  const pdf = tinyPdf('May Day safety inspection report');
  for (const [name, type, bytes] of [
    ['现场检查照片.png', 'image/png', png],
    ['inspection-report.pdf', 'application/pdf', pdf],
  ] as const) {
    const path = join(w.scratch, name);
    writeFileSync(path, bytes);
    files.push({ path, name, type, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
});

afterAll(async () => {
  await w?.stop();
});

/** The upload page's row for the occurrence (its id holds slashes, so select by attribute). */
const row = () => uploadPage.locator(`tr[id="item-${OCCURRENCE}"]`);
const cell = () => boardPage.locator(`td.cell[data-task="${TASK.id}"][data-office="${OFFICE.id}"]`);

describe('an office uploads evidence from its reminder, the policy office accepts it', () => {
  it('the sweep mails the office a Chinese reminder carrying its upload link', async () => {
    const sweep = await sweepNow(w.dev);
    expect(sweep.delivery.sent.some((id) => id.startsWith(`reminder#${CALENDAR}#${OFFICE.id}#${TODAY}#`))).toBe(true);

    // Take the mail whose link is scoped to this calendar (one mail per office and day).
    const mails = (await mailsTo(w.dev.inboxUrl, OFFICE.email)).map((mail) => ({ mail, link: /https?:\/\/\S+\/upload\?token=[\w.-]+/.exec(mail.text)?.[0] ?? '' }));
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.every((m) => m.link !== '')).toBe(true);
    const mine = mails.filter((m) => tokenScope(m.link).calendar === CALENDAR);
    expect(mine).toHaveLength(1);
    const { mail, link } = mine[0]!;
    expect(mail.to).toEqual([OFFICE.email]);
    expect(mail.subject).toBe(`【法治工作提醒】${OFFICE.name}：1项事项待办理（${TODAY}）`);
    expect(mail.text).toContain(TASK.title);
    expect(mail.html).toContain(TASK.title);
    expect(tokenScope(link)).toMatchObject({ calendar: CALENDAR, office: OFFICE.id });
    expect(link.startsWith(`${w.dev.url}/upload?token=`)).toBe(true);
    uploadLink = link;
  });

  it("the link opens the office's items in Chinese", async () => {
    uploadPage = await w.browser.newPage();
    const errors = watchErrors(uploadPage);
    await uploadPage.goto(uploadLink);
    await uploadPage.locator('#items-section').waitFor({ state: 'visible' });
    expect(await uploadPage.locator('#title').textContent()).toBe(`${OFFICE.name} · 报送佐证材料`);
    expect(await uploadPage.locator('#subtitle').textContent()).toContain(`今天 ${TODAY}`);
    expect(await uploadPage.locator('#alert .alert').count()).toBe(0);
    // The link's expiry, from its signed token, on the calendar's clock.
    expect(await uploadPage.locator('#link-expiry').textContent()).toMatch(/^本链接有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，/);

    // The item, not yet reported, with the evidence its calendar asks for.
    await row().waitFor();
    const cells = await row().locator('td').allTextContents();
    expect(cells[0]).toBe(TASK.title);
    expect(cells[2]).toBe('2025-04-30');
    expect(cells[3]).toBe('待报送');
    expect(cells[4]).toContain('照片×2');
    expect(cells[5]).toBe('0/1');
    // Only this office's items are listed (every row id is scoped to the calendar and the office).
    const ids = await uploadPage.locator('#items tbody tr').evaluateAll((rows) => rows.map((r) => r.id));
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) expect(id).toMatch(new RegExp(`^item-${CALENDAR}/[\\w-]+/${OFFICE.id}/`));
    // The office's calendar subscription: a read-only address of the office; its events, the items with stable UIDs.
    const subscription = await uploadPage.locator('#subscribe-url').inputValue();
    expect(subscription.startsWith(`${w.dev.url}/api/office/calendar.ics?token=`)).toBe(true);
    expect(tokenScope(subscription)).toMatchObject({ calendar: CALENDAR, office: OFFICE.id });
    const ics = await fetch(subscription);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await ics.text()).toContain(`UID:${OCCURRENCE}@fazhi`);
    shots.push(await screenshot(uploadPage, 'upload-01-items'));
    expect(errors).toEqual([]);
    pageErrors.push(...errors);
  });

  it('two files upload with progress bars; the row then shows them as 已报送', async () => {
    const s3Puts: string[] = [];
    const checksums: string[] = [];
    uploadPage.on('requestfinished', (request) => {
      if (request.method() !== 'PUT') return;
      s3Puts.push(new URL(request.url()).pathname);
      checksums.push(request.headers()['x-amz-checksum-sha256'] ?? '');
    });
    await row().getByRole('button', { name: '报送材料' }).click();
    await uploadPage.locator('#form-section').waitFor({ state: 'visible' });
    expect(await uploadPage.locator('#form-title').textContent()).toContain(TASK.title);
    expect(await uploadPage.locator('#effective-date').inputValue()).toBe(TODAY);
    expect(await uploadPage.locator('#limits').textContent()).toContain('50 MB');

    await uploadPage.locator('#effective-date').fill(ACTIVITY_DATE);
    await uploadPage.locator('#note').fill(NOTE);
    await uploadPage.locator('#files').setInputFiles(files.map((f) => f.path));
    // The browser typed the files from their extensions, as it would for a user's pick.
    const chosen = await uploadPage
      .locator('#files')
      .evaluate((input) => Array.from((input as unknown as { files: ArrayLike<{ name: string; type: string; size: number }> }).files, (f) => ({ name: f.name, type: f.type, size: f.size })));
    expect(chosen).toEqual(files.map((f) => ({ name: f.name, type: f.type, size: f.bytes.length })));
    shots.push(await screenshot(uploadPage, 'upload-02-form-filled'));

    await uploadPage.locator('#submit').click();
    // The answer appears under the button that was pressed, not at the top of the page.
    const message = uploadPage.locator('#form-message .alert');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toContain('报送成功');
    expect(await message.getAttribute('class')).toBe('alert success');
    expect(await message.textContent()).toContain('2 个文件已报送');

    // One full progress bar per file, labelled with its name.
    const bars = await uploadPage.locator('#progress progress').evaluateAll((nodes) => nodes.map((n) => ({ label: n.getAttribute('aria-label'), value: (n as unknown as { value: number }).value })));
    expect(bars).toEqual(files.map((f) => ({ label: f.name, value: 1 })));
    expect(s3Puts).toHaveLength(2);
    for (const path of s3Puts) expect(decodeURIComponent(path)).toContain(`/evidence/${CALENDAR}/2025/${OFFICE.id}/${TASK.id}/`);
    // The page hashed each file (SubtleCrypto) and sent the signed checksum header the grant asked for.
    expect(checksums.sort()).toEqual(files.map((f) => Buffer.from(f.sha256, 'hex').toString('base64')).sort());

    // The page polls until the storage events have recorded the submission: both files, awaiting review.
    await expect.poll(() => row().locator('td').nth(5).textContent(), { timeout: 15_000 }).toMatch(/^1\/1/);
    await expect.poll(() => row().locator('td').nth(5).textContent(), { timeout: 15_000 }).toContain(files[1]!.name);
    const sent = (await row().locator('td').nth(5).textContent()) ?? '';
    expect(sent).toContain(`${ACTIVITY_DATE} ${files[0]!.name}、${files[1]!.name}（待审核）`);
    expect(await row().locator('.badge').textContent()).toBe('待审核');
    expect(await row().getAttribute('class')).toBe('state-submitted');
    // The form is ready for the next upload, with today offered again as the activity date.
    expect(await uploadPage.locator('#submit').isEnabled()).toBe(true);
    expect(await uploadPage.locator('#effective-date').inputValue()).toBe(TODAY);
    expect(await uploadPage.locator('#files').evaluate((input) => (input as unknown as { files: ArrayLike<unknown> }).files.length)).toBe(0);
    shots.push(await screenshot(uploadPage, 'upload-03-success'));
    expect(pageErrors).toEqual([]);
  });

  it('the board shows the cell 待审核; the submission lists both files and can be accepted', async () => {
    boardPage = await w.browser.newPage();
    const errors = watchErrors(boardPage);
    await signIn(boardPage, w.dev, w.dev.adminEmail);
    // The session is an HttpOnly cookie: the page's script cannot read it.
    expect(await boardPage.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe('');

    await boardPage.locator('#calendar').selectOption(CALENDAR);
    await boardPage.locator('#year').selectOption('2025');
    await expect.poll(() => boardPage.locator('#subtitle').textContent()).toContain(`2025 年 · 今天 ${TODAY}`);
    await expect.poll(() => cell().getAttribute('class')).toBe('cell submitted');
    // Accepted of required, and what awaits review.
    expect(await cell().textContent()).toBe('0/1 · 待审核1');
    expect(await cell().getAttribute('title')).toBe('待审核：已通过 0 / 要求 1，待审核 1 份');
    expect(await boardPage.locator('#totals').textContent()).toMatch(/待审核 1(?!\d)/);
    shots.push(await screenshot(boardPage, 'board-01-submitted'));

    await cell().click();
    const detail = boardPage.locator('#detail');
    await detail.waitFor({ state: 'visible' });
    expect(await detail.locator('h2').textContent()).toBe(`${TASK.title} · ${OFFICE.name}`);
    expect(await detail.locator('h3').first().textContent()).toContain('已报送 1/1，已通过 0');
    const submission = detail.locator('tr[data-submission]');
    expect(await submission.count()).toBe(1);
    const fileLinks = await submission.locator('a').allTextContents();
    expect(fileLinks).toEqual(files.map((f) => `${f.name}（${Math.ceil(f.bytes.length / 1024)} KB）`));
    for (const f of files) expect(await submission.textContent()).toContain(`SHA-256 ${f.sha256.slice(0, 16)}…`);
    expect(await submission.locator('td').first().textContent()).toBe(ACTIVITY_DATE);
    // Reported at the engine's 09:00 in Shanghai (plus the seconds the test took), shown on that clock.
    expect(await submission.locator('td').nth(1).textContent()).toMatch(new RegExp(`^${TODAY} 09:0\\d$`));
    expect(await submission.locator('.review-status').textContent()).toBe('待审核');
    shots.push(await screenshot(boardPage, 'board-02-detail'));

    await submission.getByRole('button', { name: '通过' }).click();
    const result = boardPage.locator('#review-results .alert');
    await expect.poll(() => result.textContent()).toContain(`已通过：${TASK.title} · ${OFFICE.name} · 2025（活动日期 ${ACTIVITY_DATE}）。`);
    // The detail is redrawn from the reloaded board.
    await expect.poll(() => boardPage.locator('#detail tr[data-submission] .review-status').textContent()).toBe('已通过');
    expect(await boardPage.locator('#detail tr[data-submission] button.accept').isDisabled()).toBe(true);
    expect(await boardPage.locator('#detail h3').first().textContent()).toContain('已通过 1');
    // The quota (one report for this item) is met: the cell turns done.
    await expect.poll(() => cell().getAttribute('class')).toBe('cell done');
    expect(await cell().textContent()).toBe('1/1');
    // The result stays until it is dismissed.
    expect(await result.isVisible()).toBe(true);
    shots.push(await screenshot(boardPage, 'board-03-accepted'));
    await result.getByRole('button', { name: '关闭此提示' }).click();
    expect(await boardPage.locator('#review-results .alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('the upload page shows the acceptance to the office', async () => {
    await uploadPage.reload();
    await row().waitFor();
    expect(await row().locator('.badge').textContent()).toBe('已完成');
    expect(await row().locator('td').nth(5).textContent()).toContain('（已通过）');
  });

  it('server-side: the stored submission holds both files with the SHA-256 of the bytes sent', async () => {
    const occurrence = await w.dev.store.occurrences.get(OCCURRENCE);
    expect(occurrence).toMatchObject({ status: 'done', submitted: 1, accepted: 1, required: 1, nextActionAt: null });

    const submissions = await w.dev.store.submissions.ofOccurrence(OCCURRENCE);
    expect(submissions).toHaveLength(1);
    const stored = submissions[0]!;
    expect(stored).toMatchObject({ calendar: CALENDAR, office: OFFICE.id, task: TASK.id, effectiveDate: ACTIVITY_DATE, note: NOTE, status: 'accepted', reviewedBy: '本地管理员' });
    const byName = [...stored.files].sort((a, b) => a.key.localeCompare(b.key));
    expect(byName.map((f) => ({ name: f.name, contentType: f.contentType, size: f.size, sha256: f.sha256 }))).toEqual(
      files.map((f) => ({ name: f.name, contentType: f.type, size: f.bytes.length, sha256: f.sha256 })),
    );

    // And the bytes in the bucket, fetched the way the board's download link does, are the ones sent.
    for (const [index, f] of byName.entries()) {
      const presign = await fetch(`${w.dev.url}/api/admin/file?key=${encodeURIComponent(f.key)}`, { headers: { authorization: `Bearer ${w.dev.apiToken}` } });
      expect(presign.status).toBe(200);
      const { url } = (await presign.json()) as { url: string };
      const object = await fetch(url);
      expect(object.status).toBe(200);
      expect(Buffer.from(await object.arrayBuffer()).equals(files[index]!.bytes)).toBe(true);
    }
    console.log(`e2e screenshots: ${shots.join(', ')}`);
  });
});
