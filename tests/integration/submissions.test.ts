/**
 * Evidence through the real handlers: signed links, presigned uploads to s3rver, the object-created
 * event recording submissions, quota counting, review, the digest, and plan changes.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ClientFor } from '../../functions/adapters/aws/s3-part.js';
import { issueToken } from '../../functions/core/capability.js';
import { DIGEST_SETTLE_MS } from '../../functions/core/engine/digest.js';
import { LOCAL_AWS_ENV } from '../../functions/local/emulators.js';
import { seedAccount } from '../support/accounts.js';
import { apiEvent, jsonOf } from '../support/api-event.js';
import { type Bureau, bureau, bureauPlan, DEFAULT_TASKS, nineAm, plansFileOf, writePlansFile } from '../support/engine-fixture.js';
import { startTestEnv, TEST_ADMIN, TEST_SECRETS, type TestEnv } from '../support/test-env.js';
import { tokenFor, upload as uploadTo } from '../support/uploads.js';

let t: TestEnv;
let s3: S3Client;
const plansFile = writePlansFile([]);
const keep = plansFileOf(plansFile);
const ADMIN = TEST_ADMIN.token;

beforeAll(async () => {
  t = await startTestEnv({ PLANS_FILE: plansFile });
  s3 = s3ClientFor({ S3_ENDPOINT: t.env.S3_ENDPOINT, AWS_REGION: LOCAL_AWS_ENV.AWS_REGION });
});
afterAll(async () => {
  s3?.destroy();
  await t?.stop();
});

async function materialised(b: Bureau, tasks = DEFAULT_TASKS, now = '2025-03-01T00:00:00Z') {
  keep(bureauPlan(b, 2025, tasks));
  return t.handlers.materialise({ RequestType: 'Update', now });
}

const upload = (...args: Parameters<typeof uploadTo> extends [TestEnv, ...infer Rest] ? Rest : never) => uploadTo(t, ...args);

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const photo = (seed: string) => Buffer.from(`\xff\xd8\xff photo ${seed} ${'x'.repeat(2000)}`, 'latin1');

describe('uploads', () => {
  it('records files in the bucket with their SHA-256 and counts submissions towards a quota', async () => {
    const b = bureau();
    await materialised(b);
    const study = `${b.calendar}/study/science/2025`;
    const first = [
      { name: '学法签到表.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 sign-in sheet') },
      { name: '现场照片 1.jpg', type: 'image/jpeg', content: photo('a') },
    ];
    const grant = await upload(b, 'science', study, first);
    expect(grant.uploads.map((u) => u.key.startsWith(`evidence/${b.calendar}/2025/science/study/2025/${grant.submissionId}/`))).toEqual([true, true]);

    let submissions = await t.store.submissions.ofOccurrence(study);
    expect(submissions).toHaveLength(1);
    expect(submissions[0]).toMatchObject({ office: 'science', effectiveDate: '2025-03-10', status: 'received' });
    expect(submissions[0]!.files.map((f) => f.name).sort()).toEqual(['学法签到表.pdf', '现场照片 1.jpg']);
    for (const file of submissions[0]!.files) {
      const original = first.find((f) => f.name === file.name)!;
      expect(file.sha256).toBe(sha256(original.content));
      expect(file.size).toBe(original.content.length);
      const stored = await s3.send(new GetObjectCommand({ Bucket: 'fazhi-evidence', Key: file.key }));
      expect(sha256(Buffer.from(await stored.Body!.transformToByteArray()))).toBe(file.sha256);
    }
    expect(await t.store.occurrences.get(study)).toMatchObject({ submitted: 1, accepted: 0 });

    // A redelivered event for a recorded file changes nothing.
    const key = submissions[0]!.files[0]!.key;
    await t.handlers.s3Event({ Records: [{ eventName: 'ObjectCreated:Put', eventTime: new Date().toISOString(), s3: { object: { key: encodeURIComponent(key) } } }] } as never);
    expect(await t.store.occurrences.get(study)).toMatchObject({ submitted: 1 });
    expect((await t.store.submissions.ofOccurrence(study))[0]!.files).toHaveLength(2);

    await upload(b, 'science', study, [{ name: 'minutes.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: Buffer.from('PK minutes') }], '2025-06-20');
    submissions = await t.store.submissions.ofOccurrence(study);
    expect(submissions).toHaveLength(2);
    expect(await t.store.occurrences.get(study)).toMatchObject({ submitted: 2, status: 'submitted', nextActionAt: null });
  });

  it('refuses wrong types, files too large, empty requests and future dates, storing nothing', async () => {
    const b = bureau();
    await materialised(b);
    const occurrenceId = `${b.calendar}/report/science/2025`;
    const attempt = (files: unknown[], effectiveDate = '2025-03-10') =>
      t.handlers.api(apiEvent('POST', '/api/uploads', { token: tokenFor(b, 'science'), body: { occurrenceId, effectiveDate, files } }));
    const wrongType = await attempt([{ name: 'tool.exe', contentType: 'application/x-msdownload', size: 10 }]);
    expect(wrongType.statusCode).toBe(400);
    expect(jsonOf(wrongType)).toMatchObject({ field: 'files.0.contentType', error: expect.stringContaining('tool.exe') });
    const tooLarge = await attempt([{ name: 'video.mp4', contentType: 'video/mp4', size: 60 * 1024 * 1024 }]);
    expect(jsonOf(tooLarge)).toMatchObject({ field: 'files.0.size', error: expect.stringContaining('50 MB') });
    expect((await attempt([])).statusCode).toBe(400);
    const future = await attempt([{ name: 'a.jpg', contentType: 'image/jpeg', size: 10 }], '2099-01-01');
    expect(jsonOf(future)).toMatchObject({ field: 'effectiveDate' });
    const malformed = await t.handlers.api({ ...apiEvent('POST', '/api/uploads', { token: tokenFor(b, 'science') }), body: '{not json' });
    expect(malformed.statusCode).toBe(400);
    expect(jsonOf(malformed)).toMatchObject({ field: 'body' });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'fazhi-evidence', Prefix: `evidence/${b.calendar}/` }));
    expect(listed.KeyCount ?? 0).toBe(0);
    expect(await t.store.submissions.ofOccurrence(occurrenceId)).toEqual([]);
  });
});

describe('upload links are capabilities', () => {
  it('rejects forged, expired, missing and cross-office tokens and stores nothing', async () => {
    const b = bureau();
    await materialised(b);
    const science = `${b.calendar}/report/science/2025`;
    const body = { occurrenceId: science, effectiveDate: '2025-03-10', files: [{ name: 'a.jpg', contentType: 'image/jpeg', size: 10 }] };
    const valid = tokenFor(b, 'science');
    const [payload, signature] = valid.split('.') as [string, string];
    const forgedPayload = Buffer.from(JSON.stringify({ c: b.calendar, o: 'office', e: 9_999_999_999 })).toString('base64url');
    const cases: [string, string | undefined, number, string][] = [
      ['forged signature', `${payload}.${signature.slice(0, -2)}xx`, 401, 'forged'],
      ['payload swapped for another office', `${forgedPayload}.${signature}`, 401, 'forged'],
      ['signed with another secret', issueToken({ calendar: b.calendar, office: 'science', expiresAt: 9_999_999_999 }, 'another-secret-of-sufficient-length'), 401, 'forged'],
      ['expired', tokenFor(b, 'science', Math.floor(Date.now() / 1000) - 60), 401, 'expired'],
      ['garbage', 'not-a-token', 401, 'malformed'],
      ['missing', undefined, 401, 'no upload link'],
      ['another office', tokenFor(b, 'office'), 403, 'cannot act for office "science"'],
      ['another calendar', issueToken({ calendar: 'other-calendar', office: 'science', expiresAt: 9_999_999_999 }, TEST_SECRETS.TOKEN_SECRET), 403, 'cannot act'],
    ];
    for (const [name, token, status, message] of cases) {
      const response = await t.handlers.api(apiEvent('POST', '/api/uploads', { ...(token ? { token } : {}), body }));
      expect(response.statusCode, name).toBe(status);
      expect(jsonOf<{ error: string }>(response).error, name).toContain(message);
      const view = await t.handlers.api(apiEvent('GET', `/api/office${token ? `?token=${token}` : ''}`));
      expect(view.statusCode, `view: ${name}`).toBe(status === 403 && name === 'another office' ? 200 : status === 403 ? 404 : status);
    }
    expect(await t.store.submissions.ofOccurrence(science)).toEqual([]);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'fazhi-evidence', Prefix: `evidence/${b.calendar}/` }))).KeyCount ?? 0).toBe(0);
  });
});

describe('review by the policy office', () => {
  it('rejecting reopens the item and tells the office; accepting completes it', async () => {
    const b = bureau();
    await materialised(b);
    const report = `${b.calendar}/report/science/2025`;
    const first = await upload(b, 'science', report, [{ name: 'photo.jpg', type: 'image/jpeg', content: photo('r1') }]);
    expect(await t.store.occurrences.get(report)).toMatchObject({ submitted: 1, status: 'submitted' });

    const noAuth = await t.handlers.api(apiEvent('POST', '/api/admin/review', { body: { occurrenceId: report, submissionId: first.submissionId, decision: 'accept' } }));
    expect(noAuth.statusCode).toBe(401);
    const noReason = await t.handlers.api(apiEvent('POST', '/api/admin/review', { token: ADMIN, body: { occurrenceId: report, submissionId: first.submissionId, decision: 'reject' } }));
    expect(noReason.statusCode).toBe(400);
    expect(jsonOf(noReason)).toMatchObject({ field: 'reason' });
    const unknown = await t.handlers.api(apiEvent('POST', '/api/admin/review', { token: ADMIN, body: { occurrenceId: report, submissionId: 'nope', decision: 'accept' } }));
    expect(unknown.statusCode).toBe(404);

    // Decisions carry the reviewer's account name, not a typed string.
    const REVIEWER = 'reviewer-api-token-0123456789abcdef';
    await seedAccount(t.handlers.runtime.access, { email: 'zhangsan@kjj.example', name: '张三', role: 'reviewer', calendars: [b.calendar] }, REVIEWER);
    const rejected = await t.handlers.api(
      apiEvent('POST', '/api/admin/review', { token: REVIEWER, body: { occurrenceId: report, submissionId: first.submissionId, decision: 'reject', reason: '照片不清晰，缺少签到表' } }),
    );
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(await t.store.submissions.get(report, first.submissionId)).toMatchObject({ status: 'rejected', reason: '照片不清晰，缺少签到表', reviewedBy: '张三' });
    const reopened = (await t.store.occurrences.get(report))!;
    expect(reopened).toMatchObject({ submitted: 0, accepted: 0 });
    expect(['open', 'overdue']).toContain(reopened.status);
    expect(reopened.nextActionAt).not.toBeNull();
    const notice = (await t.mailsTo(b.email.science)).find((m) => m.subject.startsWith('【材料退回】'))!;
    expect(notice.subject).toBe('【材料退回】社会发展科技处：报送法治宣传材料');
    expect(notice.text).toContain('照片不清晰，缺少签到表');
    expect(notice.text).toMatch(/\/upload\?token=/);

    const second = await upload(b, 'science', report, [{ name: 'photo2.jpg', type: 'image/jpeg', content: photo('r2') }]);
    const accepted = await t.handlers.api(apiEvent('POST', '/api/admin/review', { token: ADMIN, body: { occurrenceId: report, submissionId: second.submissionId, decision: 'accept' } }));
    expect(accepted.statusCode).toBe(200);
    expect(await t.store.occurrences.get(report)).toMatchObject({ submitted: 1, accepted: 1, status: 'done', nextActionAt: null });

    const board = await t.handlers.api(apiEvent('GET', `/api/admin/board?calendar=${b.calendar}&year=2025`, { token: ADMIN }));
    expect(board.statusCode).toBe(200);
    const cells = jsonOf<{ cells: { id: string; state: string; submissions: unknown[] }[] }>(board).cells;
    expect(cells.find((c) => c.id === report)).toMatchObject({ state: 'done' });
    expect(cells.find((c) => c.id === report)!.submissions).toHaveLength(2);
  });
});

describe('link evidence', () => {
  it('takes an article link with no file: recorded and counted at once, shown on the board and in the digest', async () => {
    const b = bureau();
    await materialised(b);
    const report = `${b.calendar}/report/office/2025`;
    const url = 'https://kjj.example.gov.cn/xwzx/2025/0310/普法讲座.html';
    const answer = await t.handlers.api(apiEvent('POST', '/api/uploads', { token: tokenFor(b, 'office'), body: { occurrenceId: report, effectiveDate: '2025-03-10', files: [], links: [url] } }));
    expect(answer.statusCode, answer.body).toBe(200);
    expect(jsonOf<{ recorded: boolean; uploads: unknown[] }>(answer)).toMatchObject({ recorded: true, uploads: [] });
    expect(await t.store.occurrences.get(report)).toMatchObject({ submitted: 1, status: 'submitted' });
    const [submission] = await t.store.submissions.ofOccurrence(report);
    expect(submission).toMatchObject({ files: [], links: [url], effectiveDate: '2025-03-10' });
    const board = jsonOf<{ cells: { id: string; submissions: { links?: string[] }[] }[] }>(
      await t.handlers.api(apiEvent('GET', `/api/admin/board?calendar=${b.calendar}&year=2025`, { token: ADMIN })),
    );
    expect(board.cells.find((c) => c.id === report)!.submissions[0]!.links).toEqual([url]);
    t.advanceClock(DIGEST_SETTLE_MS + 1000);
    const digest = await t.handlers.api(apiEvent('POST', '/api/admin/digest', { token: ADMIN, body: { calendar: b.calendar }, now: new Date(nineAm('2025-03-11')) }));
    expect(digest.statusCode).toBe(202);
    await t.runsSettled();
    const [mail] = (await t.mailsTo(b.email.policy)).filter((m) => m.subject.includes('法治工作周报'));
    expect(mail!.html).toContain(`<a href="${url}">${url}</a>`);
  });

  it('refuses what is not an http(s) address, naming the link', async () => {
    const b = bureau();
    await materialised(b);
    const ask = (links: string[]) =>
      t.handlers.api(apiEvent('POST', '/api/uploads', { token: tokenFor(b, 'office'), body: { occurrenceId: `${b.calendar}/report/office/2025`, effectiveDate: '2025-03-10', files: [], links } }));
    for (const [links, field, message] of [
      [['javascript:alert(1)'], 'links.0', 'must start with http:// or https://'],
      [['https://ok.example/a', 'notaurl'], 'links.1', 'is not a web address'],
      [['https://user:pw@evil.example/'], 'links.0', 'user name or password'],
      [Array.from({ length: 11 }, (_, i) => `https://x.example/${i}`), 'links', 'at most 10 links'],
    ] as const) {
      const answer = await ask([...links]);
      expect(answer.statusCode).toBe(400);
      expect(jsonOf<{ field: string; error: string }>(answer)).toMatchObject({ field });
      expect(jsonOf<{ error: string }>(answer).error).toContain(message);
    }
    expect(await t.store.submissions.ofOccurrence(`${b.calendar}/report/office/2025`)).toEqual([]);
  });
});

describe('digest', () => {
  it('tells the policy office what is overdue, at risk, due soon and newly submitted', async () => {
    const b = bureau();
    await materialised(b, [...DEFAULT_TASKS, { id: 'column', title: '更新法治宣传专栏', schedule: { kind: 'deadline', due: '07-10' }, owners: ['office'], source: '及时更新专栏。' }]);
    await upload(b, 'office', `${b.calendar}/report/office/2025`, [{ name: 'p.jpg', type: 'image/jpeg', content: photo('d') }]);
    await t.handlers.sweep({ scheduledTime: nineAm('2025-07-03') });
    const [result] = (await t.handlers.digest({ scheduledTime: nineAm('2025-06-30'), calendar: b.calendar })).filter((r) => r.calendar === b.calendar);
    expect(result!.content!.day).toBe('2025-06-30');
    // A digest covers what was recorded up to a settling margin before it: the upload, just now, is the next one's.
    expect(result!.content!.submitted).toEqual([]);
    t.advanceClock(DIGEST_SETTLE_MS + 1000);
    const digest = await t.handlers.digest({ scheduledTime: nineAm('2025-07-07'), calendar: b.calendar });
    expect(digest[0]!.mailId).toBe(`digest#${b.calendar}#2025-W28`);

    const mails = (await t.mailsTo(b.email.policy)).filter((m) => m.subject.includes('法治工作周报'));
    const mail = mails.find((m) => m.subject.includes('2025-07-07'))!;
    expect(mail.to).toEqual([b.email.policy]);
    expect(mail.subject).toBe('【法治工作周报】测试市科学技术局：逾期1项，进度落后1项，两周内到期1项（2025-07-07）');
    // Overdue by office with days overdue: science never sent its 03-14 report.
    expect(mail.text).toMatch(/处室：社会发展科技处\n\s+事项：报送法治宣传材料\n\s+截止日期：2025-03-14\n\s+逾期天数：115天/);
    expect(mail.text).toMatch(/【进度落后的次数要求】\n1\. 处室：社会发展科技处\n\s+事项：集体学法/);
    expect(mail.text).toMatch(/【未来14天内到期】\n1\. 处室：办公室\n\s+事项：更新法治宣传专栏\n\s+截止日期：2025-07-10/);
    expect(mail.text).toMatch(/【上次周报以来报送的材料】\n1\. 处室：办公室\n\s+事项：报送法治宣传材料/);

    // The schedule retried the same day sends nothing new.
    await t.handlers.digest({ scheduledTime: nineAm('2025-07-07'), calendar: b.calendar });
    expect((await t.mailsTo(b.email.policy)).filter((m) => m.subject.includes('法治工作周报'))).toHaveLength(mails.length);
    // On demand: each digest lists what was recorded since the previous one, once.
    await upload(b, 'science', `${b.calendar}/study/science/2025`, [{ name: 's.jpg', type: 'image/jpeg', content: photo('s') }]);
    for (const [advance, day] of [
      [DIGEST_SETTLE_MS + 1000, '2025-07-08'],
      [1000, '2025-07-09'],
    ] as const) {
      t.advanceClock(advance);
      const onDemand = await t.handlers.api(apiEvent('POST', '/api/admin/digest', { token: ADMIN, body: { calendar: b.calendar }, now: new Date(nineAm(day)) }));
      // Started asynchronously, as in AWS: 202 with the run's id; the digest is mailed once the run ends.
      expect(onDemand.statusCode).toBe(202);
      expect(jsonOf<{ runId: string; function: string }>(onDemand)).toMatchObject({ runId: expect.any(String), function: 'digest', status: 'started' });
      await t.runsSettled();
    }
    const [first, second] = (await t.mailsTo(b.email.policy)).filter((m) => m.subject.includes('法治工作周报')).slice(mails.length);
    expect(first!.text).toMatch(/【上次周报以来报送的材料】\n1\. 处室：社会发展科技处\n\s+事项：集体学法/);
    expect(first!.text).not.toContain('事项：报送法治宣传材料\ns+活动日期');
    expect(second!.text).toContain('上次周报以来没有新报送的材料。');
  });
});

describe('changed calendars', () => {
  it('updates open occurrences, cancels removed tasks, and keeps submissions', async () => {
    const b = bureau();
    await materialised(b);
    const study = `${b.calendar}/study/science/2025`;
    await upload(b, 'science', study, [{ name: 's.pdf', type: 'application/pdf', content: Buffer.from('%PDF sign-in') }]);
    const moved = DEFAULT_TASKS.filter((task) => task.id !== 'study').map((task) => ({ ...task, schedule: { kind: 'deadline' as const, due: '04-15', opens: '03-01' } }));
    const result = await materialised(b, moved, '2025-03-05T00:00:00Z');
    expect(result.Data.summary).toContain(`${b.calendar}/2025: +0 ~2 -1`);
    expect(await t.store.occurrences.get(`${b.calendar}/report/science/2025`)).toMatchObject({ due: '2025-04-15', status: 'open', nextActionAt: '2025-04-08' });
    expect(await t.store.occurrences.get(study)).toMatchObject({ status: 'cancelled', nextActionAt: null, submitted: 1 });
    expect(await t.store.submissions.ofOccurrence(study)).toHaveLength(1);
    // Cancelled items leave the sweep's index and take no more uploads.
    const refused = await t.handlers.api(
      apiEvent('POST', '/api/uploads', {
        token: tokenFor(b, 'science'),
        body: { occurrenceId: study, effectiveDate: '2025-03-04', files: [{ name: 'a.pdf', contentType: 'application/pdf', size: 5 }] },
      }),
    );
    expect(refused.statusCode).toBe(400);
    expect(jsonOf<{ error: string }>(refused).error).toContain('cancelled');
  });
});
