/**
 * What the pages tell people when something is wrong, in a real browser on local mode: a broken,
 * forged or expired upload link; a file of a type the engine does not take; a file over the size
 * limit (both refused in the page before anything is sent, and refused again by the API); a wrong
 * admin credential on the board.
 */
import { closeSync, ftruncateSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../functions/core/capability.js';
import { localSecrets } from '../../functions/local/dev-server.js';
import { expectInViewport, screenshot, signIn, startWorld, type World, watchErrors } from './support.js';

const CALENDAR = 'suzhou-kjj';
const OFFICE = 'office';
const OCCURRENCE = `${CALENDAR}/safety-inspection-may-day/${OFFICE}/2025`;
const MB = 1024 * 1024;

let w: World;
let secret = '';

beforeAll(async () => {
  w = await startWorld();
  secret = localSecrets(w.dataDir).tokenSecret;
});

afterAll(async () => {
  await w?.stop();
});

/** A link signed with the local key, expiring `seconds` after the engine's (pretended) now. */
function link(seconds: number, scope = { calendar: CALENDAR, office: OFFICE }): string {
  const expiresAt = Math.floor(w.dev.now().getTime() / 1000) + seconds;
  return `${w.dev.url}/upload?token=${issueToken({ ...scope, expiresAt }, secret)}`;
}

async function openUpload(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await w.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  return { page, errors };
}

async function alertOf(page: Page): Promise<string> {
  const alert = page.locator('#alert .alert');
  await alert.waitFor({ state: 'visible' });
  expect(await alert.getAttribute('class')).toBe('alert error');
  expect(await alert.getAttribute('role')).toBe('alert');
  return (await alert.textContent()) ?? '';
}

/** The message beside a form control: shown, tied to the control, and inside the viewport. */
async function fieldMessage(page: Page, control: string, message: string): Promise<string> {
  const box = page.locator(message);
  await box.waitFor({ state: 'visible' });
  expect(await page.locator(control).first().getAttribute('aria-invalid')).toBe('true');
  expect((await page.locator(control).first().getAttribute('aria-describedby'))?.split(' ')).toContain(message.slice(1));
  await expectInViewport(page, message);
  return (await box.textContent()) ?? '';
}

describe('upload links that do not work', () => {
  it('a garbage token says the link is invalid and shows no items', async () => {
    const { page } = await openUpload(`${w.dev.url}/upload?token=garbage`);
    expect(await alertOf(page)).toBe('上传链接无效，请使用提醒邮件中的完整链接。');
    expect(await page.locator('#items-section').isHidden()).toBe(true);
    expect(await page.locator('#subtitle').textContent()).toBe('');
    await screenshot(page, 'error-01-invalid-link');
    await page.close();
  });

  it('a token re-scoped to another office keeps its signature and is refused as invalid', async () => {
    const genuine = new URL(link(3600)).searchParams.get('token')!;
    const [, signature] = genuine.split('.');
    const payload = Buffer.from(JSON.stringify({ c: CALENDAR, o: 'policy', e: Math.floor(w.dev.now().getTime() / 1000) + 3600 })).toString('base64url');
    const { page } = await openUpload(`${w.dev.url}/upload?token=${payload}.${signature}`);
    expect(await alertOf(page)).toBe('上传链接无效，请使用提醒邮件中的完整链接。');
    expect(await page.locator('#items-section').isHidden()).toBe(true);
    await page.close();
  });

  it('an expired link says so and points to the latest reminder', async () => {
    const { page } = await openUpload(link(-60));
    expect(await alertOf(page)).toBe('上传链接已过期，请使用最新一封提醒邮件中的链接。');
    expect(await page.locator('#items-section').isHidden()).toBe(true);
    await screenshot(page, 'error-02-expired-link');
    await page.close();
  });

  it('a page opened without a token says where the link comes from', async () => {
    const { page } = await openUpload(`${w.dev.url}/upload`);
    expect(await alertOf(page)).toContain('缺少上传链接参数');
    await page.close();
  });
});

describe('files the page refuses before anything is sent', () => {
  let page: Page;
  let errors: string[];
  const uploadCalls: string[] = [];

  beforeAll(async () => {
    // The mail's per-item link (#occurrence) opens the form for that item directly.
    ({ page, errors } = await openUpload(`${link(3600)}#${encodeURIComponent(OCCURRENCE)}`));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/uploads' || request.method() === 'PUT') uploadCalls.push(`${request.method()} ${request.url()}`);
    });
    await page.locator('#form-section').waitFor({ state: 'visible' });
    expect(await page.locator('#form-title').textContent()).toContain('五一前科研院所安全生产专项检查');
  });
  afterAll(async () => {
    await page?.close();
  });

  it('a program (.exe) is not a supported type', async () => {
    await page.locator('#files').setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\x90\x00 not really a program') });
    await page.locator('#submit').click();
    const message = await fieldMessage(page, '#files', '#files-error');
    expect(message).toContain('不支持的文件类型：setup.exe（application/x-msdownload）');
    expect(message).toContain('请上传照片、视频、PDF、Word 或 Excel 文件');
    expect(await page.locator('#progress').textContent()).toBe('');
    expect(uploadCalls).toEqual([]);
    await screenshot(page, 'error-03-type');
  });

  it('a 51 MB video is too large', async () => {
    // Why a sparse file: playwright refuses in-memory buffers over 50 MB, and a sparse file takes no
    // disk space while the browser still sees its full size (the page checks file.size only).
    const path = join(w.scratch, '活动录像.mp4');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 51 * MB);
    closeSync(fd);
    expect(statSync(path).size).toBe(51 * MB);
    await page.locator('#files').setInputFiles(path);
    expect(await page.locator('#files').evaluate((input) => Array.from((input as unknown as { files: ArrayLike<{ type: string; size: number }> }).files, (f) => [f.type, f.size]))).toEqual([
      ['video/mp4', 51 * MB],
    ]);
    await page.locator('#submit').click();
    await expect.poll(() => page.locator('#files-error').textContent()).toContain('文件过大');
    expect(await fieldMessage(page, '#files', '#files-error')).toBe('文件过大：活动录像.mp4（51.0 MB），单个文件不超过 50 MB。');
    expect(uploadCalls).toEqual([]);
    await screenshot(page, 'error-04-size');
    expect(errors).toEqual([]);
  });

  it('a date not written YYYY-MM-DD, or after today, is refused beside the date field', async () => {
    await page.locator('#files').setInputFiles([]);
    await page.locator('.link-input').first().fill('https://kjj.suzhou.example/art/2025/4/18/safety.html');
    // A text field: what the user types is what is sent, whatever the browser's locale.
    expect(await page.locator('#effective-date').getAttribute('type')).toBe('text');
    await page.locator('#effective-date').fill('04/18/2025');
    await page.locator('#submit').click();
    expect(await fieldMessage(page, '#effective-date', '#effective-date-error')).toBe('活动日期应写作 YYYY-MM-DD（年-月-日），例如 2025-04-18。');
    await page.locator('#effective-date').fill('2025-04-24');
    await page.locator('#submit').click();
    await expect.poll(() => page.locator('#effective-date-error').textContent()).toBe('活动日期不能晚于今天（2025-04-23）。');
    await screenshot(page, 'error-05-date');
    expect(uploadCalls).toEqual([]);
  });

  it('a link that is not a web address is refused beside it', async () => {
    await page.locator('#effective-date').fill('2025-04-18');
    await page.locator('#add-link').click();
    await page.locator('.link-input').nth(1).fill('ftp://files.example/report.pdf');
    await page.locator('#submit').click();
    expect(await fieldMessage(page, '.link-input >> nth=1', '#links-error')).toBe('第 2 个链接不是有效网址：请填写以 http:// 或 https:// 开头的完整地址。');
    expect(await page.locator('#effective-date-error').isHidden()).toBe(true);
    expect(uploadCalls).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the API refuses the same files when the page is bypassed', async () => {
    const token = new URL(link(3600)).searchParams.get('token')!;
    const ask = async (file: { name: string; contentType: string; size: number }) => {
      const response = await fetch(`${w.dev.url}/api/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ occurrenceId: OCCURRENCE, effectiveDate: '2025-04-18', files: [file] }),
      });
      return { status: response.status, body: (await response.json()) as { field?: string } };
    };
    expect(await ask({ name: 'setup.exe', contentType: 'application/x-msdownload', size: 100 })).toMatchObject({ status: 400, body: { field: 'files.0.contentType' } });
    expect(await ask({ name: 'big.mp4', contentType: 'video/mp4', size: 51 * MB })).toMatchObject({ status: 400, body: { field: 'files.0.size' } });
    expect(await w.dev.store.submissions.ofOccurrence(OCCURRENCE)).toEqual([]);
  });
});

describe('the board without a valid session', () => {
  it('sends a visitor without a session (or with a forged cookie) to the sign-in page, and lets the admin in by the mailed link', async () => {
    const page = await w.browser.newPage();
    await page.context().addCookies([{ name: 'fazhi_session', value: 'forged-session-id', url: w.dev.url }]);
    await page.goto(`${w.dev.url}/board`);
    await page.waitForURL(`${w.dev.url}/signin?expired=1`);
    expect(await page.locator('#alert .alert.info').textContent()).toBe('请先登录：登录状态已失效或尚未登录。');
    expect(await page.locator('#request-form').isVisible()).toBe(true);
    await screenshot(page, 'error-06-sign-in');

    await signIn(page, w.dev, w.dev.adminEmail);
    expect(await page.locator('#user').textContent()).toBe('本地管理员（管理员）');
    expect(await page.locator('#calendar option').count()).toBeGreaterThan(1);
    await expect.poll(() => page.locator('#matrix td.cell:not(.empty)').count()).toBeGreaterThan(0);
    await page.close();
  });
});
