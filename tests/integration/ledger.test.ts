/**
 * `fazhi ledger` against the real api handler served over HTTP: evidence uploaded through presigned
 * PUTs and accepted, then the ledger's pages, CSV and manifest checked against what was uploaded.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ClientFor } from '../../functions/adapters/aws/s3-part.js';
import { civilDateAt } from '../../functions/core/civil-date.js';
import type { Manifest } from '../../functions/core/ledger/manifest.js';
import { LOCAL_AWS_ENV } from '../../functions/local/emulators.js';
import { toApiEvent, writeApiResult } from '../../functions/local/http-bridge.js';
import { seedAccount } from '../support/accounts.js';
import { apiEvent } from '../support/api-event.js';
import { type Bureau, bureau, bureauPlan, plansFileOf, writePlansFile } from '../support/engine-fixture.js';
import { runCli } from '../support/run-cli.js';
import { startTestEnv, TEST_ADMIN, type TestEnv } from '../support/test-env.js';
import { upload as uploadTo } from '../support/uploads.js';

let t: TestEnv;
let s3: S3Client;
let server: Server;
let api: string;
const plansFile = writePlansFile([]);
const keep = plansFileOf(plansFile);
const ADMIN = TEST_ADMIN.token;

beforeAll(async () => {
  t = await startTestEnv({ PLANS_FILE: plansFile });
  s3 = s3ClientFor({ S3_ENDPOINT: t.env.S3_ENDPOINT, AWS_REGION: LOCAL_AWS_ENV.AWS_REGION });
  // The api handler over HTTP, as local mode serves it.
  server = createServer((request, response) => {
    toApiEvent(request, new Date())
      .then((event) => t.handlers.api(event))
      .then((result) => writeApiResult(response, result))
      .catch((error: Error) => response.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  s3?.destroy();
  await t?.stop();
});

async function materialised(b: Bureau) {
  keep(bureauPlan(b, 2025));
  return t.handlers.materialise({ RequestType: 'Update', now: '2025-03-01T00:00:00Z' });
}

const upload = (...args: Parameters<typeof uploadTo> extends [TestEnv, ...infer Rest] ? Rest : never) => uploadTo(t, ...args);

/** Runs `fazhi ledger …` through the CLI's own entry (in-process), capturing output and the exit code. */
function ledger(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return runCli('ledger', ...args);
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const freshDir = () => join(mkdtempSync(join(tmpdir(), 'fazhi-ledger-')), 'out');

describe('fazhi ledger', () => {
  it('writes office pages, CSV and a manifest that match the uploaded and reviewed evidence', async () => {
    const b = bureau();
    await materialised(b);
    const report = `${b.calendar}/report/science/2025`;
    const sheet = { name: '普法签到表.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 ledger sign-in sheet') };
    const grant = await upload(b, 'science', report, [sheet]);
    // Decisions carry the reviewer's account name, not a typed string.
    const REVIEWER = 'reviewer-api-token-0123456789abcdef';
    await seedAccount(t.handlers.runtime.access, { email: 'lisi@kjj.example', name: '李四', role: 'reviewer', calendars: [b.calendar] }, REVIEWER);
    const review = await t.handlers.api(apiEvent('POST', '/api/admin/review', { token: REVIEWER, body: { occurrenceId: report, submissionId: grant.submissionId, decision: 'accept' } }));
    expect(review.statusCode, review.body).toBe(200);

    const out = freshDir();
    const run = await ledger('--calendar', b.calendar, '--year', '2025', '--out', out, '--api', api, '--api-token', ADMIN);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`台账已写入 ${out}`);
    expect(run.out).toContain('处室页面 3 个');
    expect(run.out).toContain('事项 3 行');
    expect(run.out).toContain('证据文件 1 个');
    expect(run.out).toContain('缺口 2 项');

    const read = (path: string) => readFileSync(join(out, path), 'utf8');
    const science = read('offices/science.html');
    expect(science).toContain('普法签到表.pdf');
    expect(science).toContain(sha256(sheet.content));
    expect(science).toMatch(/已通过（审核人：李四，\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/);
    expect(read('index.html')).toContain('href="offices/science.html"');

    const manifest = JSON.parse(read('manifest.json')) as Manifest;
    expect(manifest.files).toHaveLength(1);
    expect(manifest.files[0]).toMatchObject({
      office: 'science',
      task: 'report',
      period: '2025',
      submissionId: grant.submissionId,
      effectiveDate: '2025-03-10',
      name: sheet.name,
      key: grant.uploads[0]!.key,
      size: sheet.content.length,
      sha256: sha256(sheet.content),
      reviewStatus: 'accepted',
    });
    // The ledger names the reviewer of the decision by account, and its audit log says who did it, when, from where.
    const audit = read('audit.csv');
    expect(audit).toMatch(
      new RegExp(`\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z,李四,lisi@kjj\\.example,审核通过,${b.calendar},2025,${report},submission ${grant.submissionId},received,accepted,127\\.0\\.0\\.1`),
    );
    expect(run.out).toContain('audit.csv：审计日志');
    expect(read('manifest.sha256')).toBe(`${sha256(sheet.content)}  ${grant.uploads[0]!.key}\n${sha256(Buffer.from(audit))}  audit.csv\n`);

    // The checklist verifies the evidence as downloaded from the bucket under its keys.
    const stored = await s3.send(new GetObjectCommand({ Bucket: 'fazhi-evidence', Key: grant.uploads[0]!.key }));
    const copy = join(out, grant.uploads[0]!.key);
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(copy, Buffer.from(await stored.Body!.transformToByteArray()));
    expect(execFileSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: out, encoding: 'utf8' })).toContain(': OK');

    const csv = read('ledger.csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 3);
    // Uploads carry the real clock, so the last submission date is today in Shanghai.
    expect(rows).toContain(`社会发展科技处,报送法治宣传材料,2025,2025-03-01,2025-03-14,已完成,1,1,1,${civilDateAt(new Date(), 'Asia/Shanghai')},`);
    // The ledger is made after the year: an item nobody finished reads overdue even if no sweep ran since.
    expect(rows).toContain('社会发展科技处,集体学法,2025,2025-01-01,2025-12-31,已逾期,0,2,0,,还差2次');

    const gaps = (html: string) => /<section class="gaps">([\s\S]*?)<\/section>/.exec(html)![1]!;
    expect(gaps(science)).toContain('集体学法');
    expect(gaps(science)).toContain('还差2次');
    expect(gaps(science)).not.toContain('报送法治宣传材料');
    expect(gaps(read('offices/office.html'))).toContain('报送法治宣传材料');
    expect(gaps(read('offices/office.html'))).toContain('还差1次');
  });

  it('writes one office with --office and refuses an unknown one', async () => {
    const b = bureau();
    await materialised(b);
    const out = freshDir();
    const run = await ledger('-c', b.calendar, '-y', '2025', '--office', 'office', '--out', out, '--api', api, '--api-token', ADMIN);
    expect(run.code, run.err).toBe(0);
    expect(existsSync(join(out, 'offices/office.html'))).toBe(true);
    expect(existsSync(join(out, 'offices/science.html'))).toBe(false);

    const unknown = await ledger('-c', b.calendar, '-y', '2025', '--office', 'legal', '--out', freshDir(), '--api', api, '--api-token', ADMIN);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown office "legal" (offices: policy, science, office)');
  });

  it('fails with a clear message for a wrong token, an unreachable API, a missing year and a non-empty folder', async () => {
    const b = bureau();
    await materialised(b);
    const base = ['--calendar', b.calendar, '--year', '2025'];

    const wrongToken = await ledger(...base, '--out', freshDir(), '--api', api, '--api-token', 'not-the-token');
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.err).toContain(`the API at ${api} refused the API token from --api-token (401`);
    // The shared admin token of old is refused with what replaced it.
    const oldToken = await ledger(...base, '--out', freshDir(), '--api', api, '--admin-token', 'the-old-shared-token');
    expect(oldToken.code).toBe(1);
    expect(oldToken.err).toContain('--admin-token: the shared admin token is gone: create an API token for your account with `fazhi accounts token --email <you>`');

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadApi = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await ledger(...base, '--out', freshDir(), '--api', deadApi, '--api-token', ADMIN);
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toContain(`cannot reach the fazhi API at ${deadApi}`);
    expect(unreachable.err).toContain('npm start');

    const missingYear = await ledger('--calendar', b.calendar, '--year', '2024', '--out', freshDir(), '--api', api, '--api-token', ADMIN);
    expect(missingYear.code).toBe(1);
    expect(missingYear.err).toContain(`calendar "${b.calendar}" year 2024 is not available`);
    expect(missingYear.err).toContain('materialised: 2025');

    const full = freshDir();
    mkdirSync(full, { recursive: true });
    writeFileSync(join(full, 'keep.txt'), 'not ours');
    const notEmpty = await ledger(...base, '--out', full, '--api', api, '--api-token', ADMIN);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.err).toContain('is not empty');
    expect(existsSync(join(full, 'index.html'))).toBe(false);
    const forced = await ledger(...base, '--out', full, '--api', api, '--api-token', ADMIN, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(existsSync(join(full, 'index.html'))).toBe(true);
    expect(readFileSync(join(full, 'keep.txt'), 'utf8')).toBe('not ours');
  });

  it('--with-evidence downloads every file under its key, so sha256sum -c manifest.sha256 passes in the folder', async () => {
    const b = bureau();
    await materialised(b);
    const files = [
      { name: '学法签到表.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 with evidence sheet') },
      { name: '现场照片 (1).jpg', type: 'image/jpeg', content: Buffer.from('jpeg bytes of the lecture') },
    ];
    await upload(b, 'science', `${b.calendar}/report/science/2025`, files);
    const out = freshDir();
    const run = await ledger('--calendar', b.calendar, '--year', '2025', '--out', out, '--api', api, '--api-token', ADMIN, '--with-evidence');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('证据文件已下载 2 个并逐一核对 SHA-256');
    const check = execFileSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: out, encoding: 'utf8' });
    // The two evidence files and the audit log.
    expect(check.trim().split('\n')).toHaveLength(3);
    expect(check).toContain('audit.csv: OK');
    expect(check).not.toContain('FAILED');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('证据文件已下载到本文件夹');
    // Without the flag, the index page says how to get the files.
    const plain = freshDir();
    expect((await ledger('--calendar', b.calendar, '--year', '2025', '--out', plain, '--api', api, '--api-token', ADMIN)).code).toBe(0);
    expect(readFileSync(join(plain, 'index.html'), 'utf8')).toContain('fazhi ledger --with-evidence');
  });

  it('--with-evidence fails loudly when a file in the bucket no longer matches the SHA-256 recorded at upload', async () => {
    const b = bureau();
    await materialised(b);
    const grant = await upload(b, 'office', `${b.calendar}/report/office/2025`, [{ name: 'p.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 original') }]);
    // Someone replaces the object behind the engine's back.
    await s3.send(new PutObjectCommand({ Bucket: 'fazhi-evidence', Key: grant.uploads[0]!.key, Body: Buffer.from('%PDF-1.4 tampered'), ContentType: 'application/pdf' }));
    await t.uploadsSettled();
    const out = freshDir();
    const run = await ledger('--calendar', b.calendar, '--year', '2025', '--out', out, '--api', api, '--api-token', ADMIN, '--with-evidence');
    expect(run.code).toBe(1);
    expect(run.err).toContain(`evidence ${grant.uploads[0]!.key} does not match the ledger`);
    expect(existsSync(join(out, grant.uploads[0]!.key))).toBe(false);
  });
});
