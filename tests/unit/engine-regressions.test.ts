/**
 * One test per defect a review of the engine found, each named "regression: …" and each failing on
 * the engine as it was: driven in memory through the real use cases (tests/support/engine-world.ts).
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoStore } from '../../functions/adapters/dynamo/store.js';
import { TransactionFailedError } from '../../functions/adapters/dynamo/table.js';
import { createMemoryRuntime, MEMORY_SECRETS } from '../../functions/adapters/memory/memory-runtime.js';
import { memoryStore } from '../../functions/adapters/memory/memory-store.js';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import { issueToken } from '../../functions/core/capability.js';
import { type CivilDate, eachDay } from '../../functions/core/civil-date.js';
import { riskDate } from '../../functions/core/engine/assess.js';
import { type DigestResult, sendDigests } from '../../functions/core/engine/digest.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { MAX_METADATA_BYTES, type Mailer, type OutgoingMail, RequestRejectedError, type Store } from '../../functions/core/engine/ports.js';
import { type OccurrenceRecord, pendingMail } from '../../functions/core/engine/records.js';
import { type SweepResult, sweep } from '../../functions/core/engine/sweep.js';
import { requestUpload } from '../../functions/core/engine/uploads.js';
import { compileTasks, TEST_OFFICES } from '../support/calendars.js';
import { type EngineWorld, engineWorld, shanghai } from '../support/engine-world.js';

type Tasks = NonNullable<CalendarInput['tasks']>;
const CAL = 'test-bureau';
const plan = (tasks: Tasks, extra: Partial<CalendarInput> = {}) => compileTasks(tasks, 2025, extra);
const deadline = (due: string, owners: string[], extra: Partial<Tasks[number]> = {}): Tasks[number] => ({
  id: 'report',
  title: '报送法治宣传材料',
  schedule: { kind: 'deadline', due },
  owners,
  reminders: [0],
  graceDays: 0,
  source: '请按时报送。',
  ...extra,
});
const get = async (w: EngineWorld, id: string) => (await w.truth.occurrences.get(id))!;
const mailsTo = (w: EngineWorld, address: string) => w.inbox.sent.filter((m) => m.to.includes(address) || m.cc.includes(address));
const ok = <T>(value: T | Error): T => {
  if (value instanceof Error) throw value;
  return value;
};
async function sweepDays(w: EngineWorld, from: CivilDate, to: CivilDate): Promise<SweepResult[]> {
  const results: SweepResult[] = [];
  for (const day of eachDay(from, to)) results.push(ok(await w.sweep(day)));
  return results;
}

describe('engine regressions', () => {
  it('regression: a deadline moved later after the item went overdue goes overdue again on its new date, and the digest reports it', async () => {
    const w = engineWorld({ escalateAfterDays: 7 });
    await w.materialise(plan([deadline('03-31', ['policy'])]), '2025-01-01');
    const id = `${CAL}/report/policy/2025`;
    await sweepDays(w, '2025-04-01', '2025-04-08');
    expect(await get(w, id)).toMatchObject({ status: 'overdue', overdueOn: '2025-04-01', escalatedOn: '2025-04-08' });
    // The plan is revised: due 06-30.
    await w.materialise(plan([deadline('06-30', ['policy'])]), '2025-04-10');
    expect(await get(w, id)).toMatchObject({ status: 'open', overdueOn: null, escalatedOn: null, nextActionAt: '2025-06-30' });
    await sweepDays(w, '2025-04-10', '2025-07-01');
    expect(await get(w, id)).toMatchObject({ status: 'overdue', overdueOn: '2025-07-01' });
    expect(mailsTo(w, 'policy@test.example').some((m) => m.subject === '【逾期提醒】政策法规处：1项事项待办理（2025-07-01）')).toBe(true);
    const [digest] = ok(await w.digest('2025-07-07')) as DigestResult[];
    expect(digest!.content!.overdue.flatMap((g) => g.items.map((i) => i.id))).toEqual([id]);
  });

  it('regression: a 300-character Chinese note and a long Chinese file name upload: S3 metadata holds only ids, under 2 KB', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('03-31', ['office'])]), '2025-01-01');
    const id = `${CAL}/report/office/2025`;
    const note = '本次普法讲座邀请市司法局专家解读新修订的科学技术进步法，'.repeat(10).slice(0, 300);
    const name = `${'关于开展宪法宣传周系列活动的工作总结与照片材料汇编'.repeat(4)}.pdf`;
    // The grant itself: every presigned PUT's metadata stays under S3's limit.
    const token = issueToken({ calendar: CAL, office: 'office', expiresAt: Math.floor(shanghai('2025-03-10').getTime() / 1000) + 3600 }, MEMORY_SECRETS.tokenSecret);
    const grant = await requestUpload(
      { store: w.truth, bucket: w.runtime.evidence, tokenSecret: MEMORY_SECRETS.tokenSecret, clock: () => shanghai('2025-03-10'), policy: w.runtime.policy },
      token,
      { occurrenceId: id, effectiveDate: '2025-03-10', note, files: [{ name, contentType: 'application/pdf', size: 100 }] },
      shanghai('2025-03-10'),
    );
    const metadataBytes = Object.entries(grant.uploads[0]!.headers)
      .filter(([k]) => k.startsWith('x-amz-meta-'))
      .reduce((n, [k, v]) => n + Buffer.byteLength(k.slice(11)) + Buffer.byteLength(v), 0);
    expect(metadataBytes).toBeLessThanOrEqual(MAX_METADATA_BYTES);
    expect(
      Object.keys(grant.uploads[0]!.headers)
        .filter((k) => k.startsWith('x-amz-meta-'))
        .sort(),
    ).toEqual(['x-amz-meta-occurrence-id', 'x-amz-meta-submission-id']);
    // And the whole flow records the note and the name from DynamoDB, not from the object.
    expect(await w.upload({ id, calendar: CAL, office: 'office' }, '2025-03-11', { note, name })).not.toBe(false);
    const [submission] = await w.truth.submissions.ofOccurrence(id);
    expect(submission).toMatchObject({ note, files: [{ name }] });
  });

  it('regression: the digest derives status: run before any sweep, or on the week after a holiday Monday, it still reports what is overdue', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('03-14', ['office'])]), '2025-01-01');
    // No sweep has run since the due date: the stored status is still "open".
    expect((await get(w, `${CAL}/report/office/2025`)).status).toBe('open');
    const [monday] = ok(await w.digest('2025-03-17')) as DigestResult[];
    expect(monday!.content!.overdue.flatMap((g) => g.items.map((i) => i.id))).toEqual([`${CAL}/report/office/2025`]);
    // 2025-05-05 (Monday) is a Labour Day holiday: the week's digest goes out on Tuesday instead.
    const [holiday] = ok(await w.digest('2025-05-05')) as DigestResult[];
    expect(holiday).toMatchObject({ mailId: null, skipped: 'non-working day' });
    const [tuesday] = ok(await w.digest('2025-05-06')) as DigestResult[];
    expect(tuesday).toMatchObject({ mailId: `digest#${CAL}#2025-W19` });
    expect(tuesday!.content!.overdue).toHaveLength(1);
    const [wednesday] = ok(await w.digest('2025-05-07')) as DigestResult[];
    expect(wednesday).toMatchObject({ mailId: null, skipped: 'sent this week' });
  });

  it('regression: a quota whose at-risk date passed unnoticed leaves the attention index and is not rewritten every day', async () => {
    const w = engineWorld();
    // A plan loaded late, in August: every month from January to July is past.
    await w.materialise(
      plan([{ id: 'article', title: '每月报送普法文章', schedule: { kind: 'quota', per: 'month', min: 1 }, owners: ['office'], reminders: [3], source: '每月至少1篇。' }]),
      '2025-08-20',
    );
    await sweepDays(w, '2025-08-20', '2025-08-22');
    const versions = new Map((await w.occurrences(CAL, 2025)).map((r) => [r.id, r.version]));
    await sweepDays(w, '2025-08-25', '2025-08-27');
    for (const r of await w.occurrences(CAL, 2025)) {
      if (r.due < '2025-08-20') expect(r, r.id).toMatchObject({ nextActionAt: null, version: versions.get(r.id) });
    }
    for (const r of await w.truth.occurrences.attention(CAL)) expect(r.nextActionAt! > '2025-08-27', `${r.id} at ${r.nextActionAt}`).toBe(true);
  });

  it('regression: a mail transaction DynamoDB cancels for throttling or validation is an error, not a lost race', async () => {
    const reasons = (codes: string[]) => new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
    // A real client whose every request is answered with `error`, as DynamoDB would answer it.
    const answering = (error: Error) => {
      const client = new DynamoDBClient({ region: 'ap-southeast-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      client.middlewareStack.add(() => async () => Promise.reject(error), { step: 'initialize' });
      return client;
    };
    const mail = pendingMail(
      { id: 'm', kind: 'reminder', calendar: CAL, office: 'office', day: '2025-03-07', to: ['a@b.example'], cc: [], subject: 's', html: 'h', text: 't', occurrenceIds: [] },
      new Date(),
    );
    const update = { id: `${CAL}/report/office/2025`, expectedVersion: 0, set: {} };
    const commit = (codes: string[]) => dynamoStore(answering(reasons(codes)), 'fazhi').outbox.commit(mail, [update]);
    await expect(commit(['ConditionalCheckFailed', 'None'])).resolves.toBe('mail-exists');
    await expect(commit(['None', 'ConditionalCheckFailed'])).resolves.toBe('stale');
    await expect(commit(['None', 'TransactionConflict'])).resolves.toBe('stale');
    await expect(commit(['None', 'ThrottlingError'])).rejects.toThrow(TransactionFailedError);
    await expect(commit(['ValidationError', 'None'])).rejects.toThrow(/ValidationError/);
  });

  it('regression: items whose mail keeps losing its race are recorded as item errors and retried, not dropped silently', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('03-14', ['office'], { reminders: [7] })]), '2025-01-01');
    const racing: Store = {
      ...w.truth,
      outbox: {
        ...w.truth.outbox,
        commit: async () => 'stale' as const,
        unsent: (calendar) => w.truth.outbox.unsent(calendar),
        claim: (...a) => w.truth.outbox.claim(...a),
        markSent: (...a) => w.truth.outbox.markSent(...a),
        release: (...a) => w.truth.outbox.release(...a),
        get: (id) => w.truth.outbox.get(id),
      },
    };
    const deps = { ...(await w.runtime.engine()), store: racing };
    const result = await sweep(deps, shanghai('2025-03-07'));
    expect(result.itemErrors.map((e) => e.id)).toEqual([`${CAL}/report/office/2025`]);
    expect(await get(w, `${CAL}/report/office/2025`)).toMatchObject({ nextActionAt: '2025-03-08', errorCount: 1 });
    // The next working day it goes out.
    await sweepDays(w, '2025-03-10', '2025-03-10');
    expect(mailsTo(w, 'office@test.example')).toHaveLength(1);
  });

  it('regression: a sweep that died after its first mail part sends the leftovers when run again the same day', async () => {
    const w = engineWorld();
    const tasks: Tasks = Array.from({ length: 120 }, (_, i) => deadline('03-14', ['office'], { id: `report-${i}`, title: `报送材料${i}`, reminders: [7] }));
    await w.materialise(plan(tasks), '2025-01-01');
    // The first run: after its first mail commits, every call fails (the function was killed).
    let commits = 0;
    const dying = new Proxy(w.truth, {
      get(target, aggregate: keyof Store) {
        return new Proxy(target[aggregate], {
          get(inner, method) {
            const fn = Reflect.get(inner, method) as (...a: unknown[]) => unknown;
            return async (...args: unknown[]) => {
              if (commits >= 1) throw new Error('Task timed out after 30.00 seconds');
              const result = await fn.apply(inner, args);
              if (aggregate === 'outbox' && method === 'commit') commits += 1;
              return result;
            };
          },
        });
      },
    });
    w.setTime('2025-03-07');
    await expect(sweep({ ...(await w.runtime.engine()), store: dying }, shanghai('2025-03-07'))).resolves.toBeDefined();
    expect(mailsTo(w, 'office@test.example')).toHaveLength(0);
    // The retried invocation, same day: the committed part and the leftovers both go out, once.
    ok(await w.sweep('2025-03-07'));
    const mails = mailsTo(w, 'office@test.example');
    expect(mails).toHaveLength(2);
    const reported = mails.flatMap((m) => [...m.text.matchAll(/报送材料(\d+)/g)].map((x) => x[1]));
    expect(new Set(reported).size).toBe(120);
    expect(reported).toHaveLength(120);
  });

  it('regression: a mail the transport accepted is never released when marking it sent fails; the next run does not send it again', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('03-14', ['office'], { reminders: [7] })]), '2025-01-01');
    w.setTime('2025-03-07');
    // Every "sent" mark of this run fails.
    const failingMark: Store = { ...w.truth, outbox: Object.assign(Object.create(w.truth.outbox), { markSent: async () => Promise.reject(new Error('ProvisionedThroughputExceededException')) }) };
    const first = await sweep({ ...(await w.runtime.engine()), store: failingMark }, shanghai('2025-03-07'));
    expect(first.delivery.unconfirmed).toHaveLength(1);
    expect(mailsTo(w, 'office@test.example')).toHaveLength(1);
    // Five minutes later (a retried invocation): the mail is still under its lease, not pending again.
    w.setTime('2025-03-07', '09:05');
    await sweep(await w.runtime.engine(), shanghai('2025-03-07'));
    expect(mailsTo(w, 'office@test.example')).toHaveLength(1);
  });

  it('regression: a failing release does not abort the rest of the run', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('03-14', ['office', 'policy'], { reminders: [7] })]), '2025-01-01');
    const failing: Mailer = { send: async (mail: OutgoingMail) => (mail.to.includes('office@test.example') ? Promise.reject(new Error('connection reset')) : w.inbox.send(mail)) };
    const noRelease: Store = { ...w.truth, outbox: Object.assign(Object.create(w.truth.outbox), { release: async () => Promise.reject(new Error('ThrottlingException')) }) };
    w.setTime('2025-03-07');
    const result = await sweep({ ...(await w.runtime.engine()), store: noRelease, mailer: failing }, shanghai('2025-03-07'));
    expect(result.delivery.failed).toHaveLength(1);
    expect(mailsTo(w, 'policy@test.example')).toHaveLength(1);
  });

  it("regression: escalation counts from the office's own overdue notice: after a late rejection, the head is copied N days after that notice", async () => {
    const w = engineWorld({ escalateAfterDays: 7 });
    await w.materialise(plan([deadline('03-14', ['policy'])]), '2025-01-01');
    const id = `${CAL}/report/policy/2025`;
    const upload = await w.upload({ id, calendar: CAL, office: 'policy' }, '2025-03-10');
    if (!upload) throw new Error('upload refused');
    await sweepDays(w, '2025-03-10', '2025-03-31');
    ok(await w.review(id, upload.submissionId, 'reject', '2025-03-31'));
    await sweepDays(w, '2025-04-01', '2025-04-08');
    const mails = mailsTo(w, 'policy@test.example').filter((m) => m.subject.startsWith('【逾期提醒】'));
    expect(mails.map((m) => [m.subject.slice(-11, -1), m.cc])).toEqual([
      ['2025-04-01', []],
      ['2025-04-08', ['policy-head@test.example']],
    ]);
  });

  it('regression: in the grace period the mail says how long it is past due, never "还有-3天截止"', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('03-14', ['office'], { reminders: [0], graceDays: 5 })]), '2025-01-01');
    // No sweep on Friday 03-14: Monday's catches the reminder up, inside the grace period.
    ok(await w.sweep('2025-03-17'));
    const [mail] = mailsTo(w, 'office@test.example');
    expect(mail!.text).toContain('已过截止日期3天，请于2025-03-19前补报');
    expect(mail!.text).not.toMatch(/还有-\d+天/);
  });

  it('regression: a rejection for an office that left the plan says nobody was told, and nothing errors afterwards', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('06-30', ['office', 'science'])]), '2025-01-01');
    const id = `${CAL}/report/office/2025`;
    const upload = await w.upload({ id, calendar: CAL, office: 'office' }, '2025-03-10');
    if (!upload) throw new Error('upload refused');
    // The office is merged away: the plan no longer has it.
    await w.materialise(plan([deadline('06-30', ['science'])], { offices: TEST_OFFICES!.filter((o) => o.id !== 'office') }), '2025-03-12');
    expect(await get(w, id)).toMatchObject({ status: 'cancelled', nextActionAt: null });
    const review = ok(await w.review(id, upload.submissionId, 'reject', '2025-03-13'));
    expect(review).toMatchObject({ status: 'rejected', notified: false });
    const results = await sweepDays(w, '2025-03-14', '2025-07-31');
    expect(results.flatMap((r) => r.itemErrors)).toEqual([]);
    expect(mailsTo(w, 'office@test.example')).toHaveLength(0);
  });

  it('regression: a task renamed with renamedFrom keeps its progress and its submissions', async () => {
    const w = engineWorld();
    const study = (id: string, extra: Partial<Tasks[number]> = {}): Tasks[number] => ({
      id,
      title: '集体学法',
      schedule: { kind: 'quota', per: 'year', min: 2 },
      owners: ['science'],
      reminders: [30],
      source: '集体学法不少于2次。',
      ...extra,
    });
    await w.materialise(plan([study('study')]), '2025-01-01');
    const upload = await w.upload({ id: `${CAL}/study/science/2025`, calendar: CAL, office: 'science' }, '2025-03-10');
    if (!upload) throw new Error('upload refused');
    ok(await w.review(`${CAL}/study/science/2025`, upload.submissionId, 'accept', '2025-03-11'));
    const result = await w.materialise(plan([study('collective-study', { renamedFrom: ['study'] })]), '2025-04-01');
    expect(result).toMatchObject({ carried: 1, created: 0 });
    expect(await get(w, `${CAL}/collective-study/science/2025`)).toMatchObject({ submitted: 1, accepted: 1, status: 'open' });
    expect(await get(w, `${CAL}/study/science/2025`)).toMatchObject({ status: 'cancelled', renamedTo: `${CAL}/collective-study/science/2025` });
    const carried = await w.truth.submissions.ofOccurrence(`${CAL}/collective-study/science/2025`);
    expect(carried).toMatchObject([{ submissionId: upload.submissionId, status: 'accepted', carriedFrom: `${CAL}/study/science/2025` }]);
    // Materialising again changes nothing.
    expect(await w.materialise(plan([study('collective-study', { renamedFrom: ['study'] })]), '2025-04-02')).toMatchObject({ carried: 0, created: 0, updated: 0 });
  });

  it('regression: an rrule counted every other week keeps its rhythm across 1 January (anchored, not restarted each year)', () => {
    const task: Tasks[number] = {
      id: 'patrol',
      title: '双周普法巡查',
      schedule: { kind: 'rrule', rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', anchor: '2024-01-01' },
      owners: ['office'],
      source: '每两周一次。',
    };
    const dates = [2024, 2025].flatMap((year) => compileTasks([task], year).occurrences.map((o) => o.period));
    const gaps = dates.slice(1).map((d, i) => (Date.parse(d) - Date.parse(dates[i]!)) / 86_400_000);
    expect(new Set(gaps)).toEqual(new Set([14]));
    expect(dates).toContain('2024-12-30');
    expect(dates).toContain('2025-01-13');
    expect(dates).not.toContain('2025-01-06');
  });

  it('regression: the at-risk date is the one the README gives: a monthly quota from the 16th, 0 of 2 in a year from early July', () => {
    const quota = (opens: string, due: string, required: number) => ({ kind: 'quota', required, submitted: 0, opens, due }) as OccurrenceRecord;
    expect(riskDate(quota('2025-06-01', '2025-06-30', 1))).toBe('2025-06-16');
    expect(riskDate(quota('2025-07-01', '2025-07-31', 1))).toBe('2025-07-16');
    expect(riskDate(quota('2024-01-01', '2024-12-31', 2))).toBe('2024-07-02');
    expect(riskDate(quota('2025-01-01', '2025-12-31', 2))).toBe('2025-07-02');
  });

  it('regression: the rejection mail and the digest give Shanghai times, not UTC', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('06-30', ['office'])]), '2025-01-01');
    const id = `${CAL}/report/office/2025`;
    // 07:30 on 11 March in Shanghai is still 10 March in UTC.
    const upload = await w.upload({ id, calendar: CAL, office: 'office' }, '2025-03-11', { time: '07:30' });
    if (!upload) throw new Error('upload refused');
    w.setTime('2025-03-17', '09:30');
    const [digest] = await sendDigests(w.runtime.digest(), shanghai('2025-03-17', '09:30'));
    expect(digest!.content!.submitted.map((s) => s.createdAt)).toEqual(['2025-03-11 07:30']);
    ok(await w.review(id, upload.submissionId, 'reject', '2025-03-17'));
    const [rejection] = mailsTo(w, 'office@test.example').filter((m) => m.subject.startsWith('【材料退回】'));
    expect(rejection!.text).toContain('贵处室于2025-03-11报送');
  });

  it('regression: an activity dated before the item opens cannot evidence it', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('06-30', ['office'], { schedule: { kind: 'deadline', opens: '03-01', due: '06-30' } })]), '2025-01-01');
    const token = issueToken({ calendar: CAL, office: 'office', expiresAt: Math.floor(shanghai('2025-03-10').getTime() / 1000) + 3600 }, MEMORY_SECRETS.tokenSecret);
    const ask = (effectiveDate: string) =>
      requestUpload(
        { store: w.truth, bucket: w.runtime.evidence, tokenSecret: MEMORY_SECRETS.tokenSecret, clock: () => shanghai('2025-03-10'), policy: w.runtime.policy },
        token,
        { occurrenceId: `${CAL}/report/office/2025`, effectiveDate, files: [{ name: 'a.pdf', contentType: 'application/pdf', size: 9 }] },
        shanghai('2025-03-10'),
      );
    for (const date of ['2019-03-01', '2025-02-28']) {
      const refused = await ask(date).catch((error: Error) => error);
      expect(refused).toBeInstanceOf(RequestRejectedError);
      expect(refused).toMatchObject({ field: 'effectiveDate', message: `effectiveDate ${date} is before this item opens (2025-03-01)` });
    }
    await expect(ask('2025-03-01')).resolves.toMatchObject({ occurrenceId: `${CAL}/report/office/2025` });
  });

  it("regression: leases run on the wall clock: a late retry of yesterday's run cannot let today's run send the same mail", async () => {
    let wall = shanghai('2025-03-07', '09:00');
    let release: () => void = () => undefined;
    const sent: string[] = [];
    const slow: Mailer = {
      send: async (mail) => {
        sent.push(mail.id!);
        await new Promise<void>((resolve) => (release = resolve));
        return `m${sent.length}`;
      },
    };
    const store = memoryStore();
    const runtime = createMemoryRuntime({ clock: () => wall, store, mailer: slow });
    await materialise(store, plan([deadline('03-13', ['office'], { reminders: [7] })]), shanghai('2025-01-01'), runtime.policy);
    // Yesterday's invocation, retried late (its scheduled time is 03-06), commits and starts sending at 09:00 on 03-07.
    const retried = sweep(await runtime.engine(), shanghai('2025-03-06'));
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toHaveLength(1);
    // A minute later today's run finds the mail under a lease measured from the wall clock.
    wall = shanghai('2025-03-07', '09:01');
    const today = sweep(await runtime.engine(), shanghai('2025-03-07'));
    const second = await Promise.race([today, new Promise((r) => setTimeout(() => r('blocked'), 50))]);
    expect(second).not.toBe('blocked');
    expect((second as SweepResult).delivery.skipped).toHaveLength(1);
    release();
    await retried;
    expect(sent).toHaveLength(1);
  });

  it('regression: a submission recorded just after a digest is in the next one', async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('06-30', ['office'])]), '2025-01-01');
    const id = `${CAL}/report/office/2025`;
    // Uploaded at 09:29; its storage event is handled at 09:31, after the 09:30 digest.
    ok(await w.digest('2025-03-10'));
    const upload = await w.upload({ id, calendar: CAL, office: 'office' }, '2025-03-10', { time: '09:29', recordTime: '09:31' });
    if (!upload) throw new Error('upload refused');
    const [next] = ok(await w.digest('2025-03-17')) as DigestResult[];
    expect(next!.content!.submitted.map((s) => s.id)).toEqual([id]);
    const [after] = ok(await w.digest('2025-03-24')) as DigestResult[];
    expect(after!.content!.submitted).toEqual([]);
  });

  it('regression: "已抄送负责人" is said only when a head was copied', async () => {
    const w = engineWorld({ escalateAfterDays: 2 });
    await w.materialise(plan([deadline('03-14', ['office', 'policy'])]), '2025-01-01');
    await sweepDays(w, '2025-03-17', '2025-03-19');
    const office = mailsTo(w, 'office@test.example').find((m) => m.subject.endsWith('（2025-03-19）'))!;
    expect(office.cc).toEqual([]);
    expect(office.text).not.toContain('已抄送负责人');
    const policy = mailsTo(w, 'policy@test.example').find((m) => m.subject.endsWith('（2025-03-19）'))!;
    expect(policy.cc).toEqual(['policy-head@test.example']);
    expect(policy.text).toContain('已抄送负责人');
  });

  it("regression: the outbox keeps an office's mail for its next working day, not the weekend", async () => {
    const w = engineWorld();
    await w.materialise(plan([deadline('03-14', ['office'], { reminders: [0] })]), '2025-01-01');
    // Friday 03-14: the mail is committed, but the transport is down.
    const down: Mailer = { send: async () => Promise.reject(new Error('connect ETIMEDOUT')) };
    w.setTime('2025-03-14');
    const friday = await sweep({ ...(await w.runtime.engine()), mailer: down }, shanghai('2025-03-14'));
    expect(friday.mailsCommitted).toHaveLength(1);
    expect(friday.delivery.failed).toHaveLength(1);
    // The transport is back on Saturday, but the office is not at work: the mail waits.
    for (const day of ['2025-03-15', '2025-03-16']) {
      const weekend = ok(await w.sweep(day));
      expect(weekend.delivery.skipped).toEqual(friday.mailsCommitted);
    }
    expect(mailsTo(w, 'office@test.example')).toHaveLength(0);
    ok(await w.sweep('2025-03-17'));
    const [mail] = mailsTo(w, 'office@test.example');
    expect(mail!.subject).toBe('【法治工作提醒】办公室：1项事项待办理（2025-03-14）');
    expect(mail!.sentAt).toBe(shanghai('2025-03-17').toISOString());
  });
});
