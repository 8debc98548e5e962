/**
 * The contract of the engine's Store port, run against every implementation (DynamoDB Local in the
 * integration suite, the in-memory store in the unit suite) so the two cannot drift apart: the property
 * tests and the simulation trust the memory store to behave as the table does.
 *
 * Every test works on calendars of its own (`fresh()`), so the tests share one store per page size.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../functions/core/access/audit.js';
import type { Account } from '../../functions/core/access/model.js';
import type { AccessStore } from '../../functions/core/access/ports.js';
import { addDays, type CivilDate } from '../../functions/core/civil-date.js';
import type { Occurrence } from '../../functions/core/compile.js';
import { ConflictError, NotFoundError, type OccurrenceUpdate, type Store } from '../../functions/core/engine/ports.js';
import {
  type CalendarMeta,
  calendarMeta,
  type EvidenceFile,
  initialProgress,
  type MailRecord,
  type OccurrenceRecord,
  pendingMail,
  plannedOccurrence,
  type SubmissionRecord,
  type UploadIntent,
} from '../../functions/core/engine/records.js';
import { bureau, bureauPlan } from '../support/engine-fixture.js';

export type MakeStore = (options: { pageSize?: number }) => Promise<Store>;

// ---------------------------------------------------------------------------------------------------
// Records: built from a compiled plan's occurrence, so they carry every field the engine writes.

const PLAN = bureauPlan(bureau());
const TEMPLATE: Occurrence = PLAN.occurrences[0]!;
const NOW = new Date('2025-03-01T01:00:00.000Z');

/** A calendar id no other test uses. */
export function fresh(prefix = 'ct'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

interface OccurrenceShape {
  task?: string;
  office?: string;
  period?: string;
  year?: number;
  due?: CivilDate;
  nextActionAt?: CivilDate | null;
}

export function occurrence(calendar: string, shape: OccurrenceShape = {}): OccurrenceRecord {
  const task = shape.task ?? 'report';
  const office = shape.office ?? 'science';
  const period = shape.period ?? String(shape.year ?? 2025);
  const id = `${calendar}/${task}/${office}/${period}`;
  const planned = plannedOccurrence({ ...TEMPLATE, id, calendar, task, office, period, due: shape.due ?? TEMPLATE.due }, shape.year ?? 2025);
  return { ...planned, ...initialProgress('2025-03-01', NOW), nextActionAt: shape.nextActionAt === undefined ? '2025-03-07' : shape.nextActionAt };
}

export function mail(calendar: string, shape: { id?: string; createdAt?: Date; subject?: string; occurrenceIds?: string[] } = {}): MailRecord {
  return pendingMail(
    {
      id: shape.id ?? `reminder#${calendar}#science#2025-03-07#${randomUUID().slice(0, 6)}`,
      kind: 'reminder',
      calendar,
      office: 'science',
      day: '2025-03-07',
      to: ['science@contract.example'],
      cc: [],
      subject: shape.subject ?? '普法工作提醒',
      html: '<p>请按时报送</p>',
      text: '请按时报送',
      occurrenceIds: shape.occurrenceIds ?? [],
    },
    shape.createdAt ?? NOW,
  );
}

export function file(name: string, occurrenceId = 'x'): EvidenceFile {
  return { key: `evidence/${occurrenceId}/${name}`, name, contentType: 'image/jpeg', size: 1024, sha256: 'a'.repeat(64), uploadedAt: '2025-03-10T02:00:00.000Z' };
}

export function submission(of: OccurrenceRecord, shape: { submissionId?: string; recordedAt?: string; files?: EvidenceFile[]; status?: SubmissionRecord['status'] } = {}): SubmissionRecord {
  const submissionId = shape.submissionId ?? randomUUID();
  return {
    occurrenceId: of.id,
    submissionId,
    calendar: of.calendar,
    year: of.year,
    office: of.office,
    task: of.task,
    title: of.title,
    effectiveDate: '2025-03-08',
    note: '三月八日组织集体学法',
    createdAt: '2025-03-10T02:00:00.000Z',
    recordedAt: shape.recordedAt ?? '2025-03-10T02:00:01.000Z',
    files: shape.files ?? [file(`${submissionId}-1.jpg`, of.id)],
    status: shape.status ?? 'received',
    reason: null,
    reviewedBy: null,
    reviewedAt: null,
  };
}

export function calendar(id: string, lastDigestAt: string | null = null, title = PLAN.title): CalendarMeta {
  return { ...calendarMeta(PLAN, [2025], lastDigestAt), id, title };
}

function intent(of: OccurrenceRecord, submissionId: string, note = '学法记录'): UploadIntent {
  return {
    occurrenceId: of.id,
    submissionId,
    effectiveDate: '2025-03-08',
    note,
    files: [{ key: `evidence/${of.id}/${submissionId}/a.jpg`, name: '签到表.jpg', contentType: 'image/jpeg', size: 1024 }],
    createdAt: '2025-03-10T01:59:00.000Z',
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of items) found.push(item);
  return found;
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);
const sorted = (values: readonly string[]) => [...values].sort();

// ---------------------------------------------------------------------------------------------------

export function storeContract(name: string, makeStore: MakeStore): void {
  describe(`Store contract: ${name}`, () => {
    /** Default page size. */
    let store: Store;
    /** Two items per page: every query crosses page boundaries. */
    let paged: Store;

    beforeAll(async () => {
      store = await makeStore({});
      paged = await makeStore({ pageSize: 2 });
    });

    /** Creates the records (each must be new) and returns them as stored. */
    async function seed(target: Store, records: readonly OccurrenceRecord[]): Promise<OccurrenceRecord[]> {
      for (const record of records) expect(await target.occurrences.create(record)).toBe(true);
      return records.map((r) => structuredClone(r));
    }

    const bump = (record: OccurrenceRecord, set: OccurrenceUpdate['set']): OccurrenceUpdate => ({ id: record.id, expectedVersion: record.version, set });

    describe('calendars', () => {
      it('put then get returns the calendar; an unknown id is undefined', async () => {
        const id = fresh();
        await store.calendars.put(calendar(id));
        expect(await store.calendars.get(id)).toEqual(calendar(id));
        expect(await store.calendars.get(fresh())).toBeUndefined();
      });

      it('list returns every calendar once, across pages', async () => {
        const mine = [fresh(), fresh(), fresh(), fresh(), fresh()];
        for (const id of mine) await paged.calendars.put(calendar(id));
        const listed = await paged.calendars.list();
        for (const id of mine) expect(listed.filter((c) => c.id === id)).toEqual([calendar(id)]);
      });

      it('put rewrites the plan part and keeps the digest time recorded since', async () => {
        const id = fresh();
        await store.calendars.put(calendar(id, null, '旧标题'));
        await store.calendars.setLastDigestAt(id, '2025-03-03T01:00:00.000Z');
        await store.calendars.put(calendar(id, null, '新标题'));
        expect(await store.calendars.get(id)).toEqual(calendar(id, '2025-03-03T01:00:00.000Z', '新标题'));
        await store.calendars.put(calendar(id, '2025-01-01T00:00:00.000Z'));
        await store.calendars.put(calendar(id, '2025-09-01T00:00:00.000Z'));
        expect((await store.calendars.get(id))?.lastDigestAt).toBe('2025-03-03T01:00:00.000Z');
      });

      it('put writes the digest time of a new calendar, and never changes that of an existing one (only setLastDigestAt does)', async () => {
        const created = fresh();
        await store.calendars.put(calendar(created, '2025-02-24T01:00:00.000Z'));
        expect((await store.calendars.get(created))?.lastDigestAt).toBe('2025-02-24T01:00:00.000Z');

        const existing = fresh();
        await store.calendars.put(calendar(existing, null));
        await store.calendars.put(calendar(existing, '2025-02-24T01:00:00.000Z'));
        expect((await store.calendars.get(existing))?.lastDigestAt).toBeNull();
      });

      it('setLastDigestAt only moves forward, and does not create an unknown calendar', async () => {
        const id = fresh();
        await store.calendars.put(calendar(id));
        await store.calendars.setLastDigestAt(id, '2025-03-10T01:00:00.000Z');
        expect((await store.calendars.get(id))?.lastDigestAt).toBe('2025-03-10T01:00:00.000Z');
        await store.calendars.setLastDigestAt(id, '2025-03-03T01:00:00.000Z');
        expect((await store.calendars.get(id))?.lastDigestAt).toBe('2025-03-10T01:00:00.000Z');
        await store.calendars.setLastDigestAt(id, '2025-03-10T01:00:00.000Z');
        await store.calendars.setLastDigestAt(id, '2025-03-17T01:00:00.000Z');
        expect((await store.calendars.get(id))?.lastDigestAt).toBe('2025-03-17T01:00:00.000Z');

        const unknown = fresh();
        await store.calendars.setLastDigestAt(unknown, '2025-03-10T01:00:00.000Z');
        expect(await store.calendars.get(unknown)).toBeUndefined();
      });
      it('markBounce appends each bounce or complaint once, in order; a redelivered notification is ignored', async () => {
        const id = fresh();
        await paged.calendars.put(calendar(id));
        const bounce = { address: 'science@contract.example', type: 'bounce', at: '2025-03-07T01:02:03.000Z' } as const;
        const complaint = { address: 'office@contract.example', type: 'complaint', at: '2025-03-07T02:00:00.000Z' } as const;
        const again = { ...bounce, at: '2025-03-10T01:02:03.000Z' };
        expect(await paged.calendars.markBounce(id, bounce)).toBe(true);
        expect(await paged.calendars.markBounce(id, bounce)).toBe(false);
        expect(await paged.calendars.markBounce(id, complaint)).toBe(true);
        expect(await paged.calendars.markBounce(id, again)).toBe(true);
        expect(await paged.calendars.markBounce(id, { ...complaint })).toBe(false);
        expect((await paged.calendars.get(id))?.bounces).toEqual([bounce, complaint, again]);
        expect((await paged.calendars.list()).find((c) => c.id === id)).toEqual({ ...calendar(id), bounces: [bounce, complaint, again] });
      });

      it('put neither writes nor clears the bounces (a re-materialised plan keeps them); markBounce creates no calendar', async () => {
        const id = fresh();
        const bounce = { address: 'science@contract.example', type: 'bounce', at: '2025-03-07T01:02:03.000Z' } as const;
        await store.calendars.put({ ...calendar(id), bounces: [bounce] });
        expect((await store.calendars.get(id))?.bounces).toBeUndefined();
        expect(await store.calendars.markBounce(id, bounce)).toBe(true);
        await store.calendars.put({ ...calendar(id, null, '新标题'), bounces: [] });
        await store.calendars.setLastDigestAt(id, '2025-03-10T01:00:00.000Z');
        expect(await store.calendars.get(id)).toEqual({ ...calendar(id, '2025-03-10T01:00:00.000Z', '新标题'), bounces: [bounce] });

        const unknown = fresh();
        expect(await store.calendars.markBounce(unknown, bounce)).toBe(false);
        expect(await store.calendars.get(unknown)).toBeUndefined();
      });
    });

    describe('occurrences', () => {
      it('createMany creates what is missing across batches of 100 and never overwrites what exists', async () => {
        const cal = fresh();
        const records = Array.from({ length: 230 }, (_, i) => occurrence(cal, { period: `2025-${String(i).padStart(3, '0')}` }));
        // 30 of them exist already, changed since (as a concurrent run or an earlier deploy left them).
        const existing = records
          .filter((_, i) => i % 7 === 3)
          .slice(0, 30)
          .map((r) => ({ ...r, submitted: 1, version: 4 }));
        for (const r of existing) expect(await store.occurrences.create(r)).toBe(true);
        expect(await store.occurrences.createMany(records)).toBe(200);
        expect(await store.occurrences.ofCalendarYear(cal, 2025)).toHaveLength(230);
        for (const r of existing) expect(await store.occurrences.get(r.id)).toEqual(r);
        expect(await store.occurrences.createMany(records)).toBe(0);
        expect(await store.occurrences.createMany([])).toBe(0);
      });

      it('create writes a new occurrence once; a second create returns false and changes nothing', async () => {
        const record = occurrence(fresh());
        expect(await store.occurrences.create(record)).toBe(true);
        expect(await store.occurrences.get(record.id)).toEqual(record);
        expect(await store.occurrences.create({ ...record, title: '改过的标题', status: 'done' })).toBe(false);
        expect(await store.occurrences.get(record.id)).toEqual(record);
        expect(await store.occurrences.get(`${fresh()}/report/science/2025`)).toBeUndefined();
      });

      it('records go in and come out as copies: changing one afterwards changes nothing stored', async () => {
        const record = occurrence(fresh());
        const kept = structuredClone(record);
        await store.occurrences.create(record);
        record.status = 'done';
        record.reminders.push('2025-12-31');
        const read = (await store.occurrences.get(kept.id))!;
        read.evidence[0]!.count = 99;
        (await store.occurrences.attention(kept.calendar))[0]!.title = '改';
        expect(await store.occurrences.get(kept.id)).toEqual(kept);
      });

      it('getMany returns each existing occurrence once and leaves unknown ids out', async () => {
        const cal = fresh();
        const records = await seed(store, [occurrence(cal, { office: 'science' }), occurrence(cal, { office: 'office' }), occurrence(cal, { office: 'policy' })]);
        const [a, b, c] = records as [OccurrenceRecord, OccurrenceRecord, OccurrenceRecord];
        expect(await store.occurrences.getMany([])).toEqual([]);
        const found = await store.occurrences.getMany([c.id, `${cal}/nothing/science/2025`, a.id, b.id, a.id]);
        expect(sorted(ids(found))).toEqual(sorted([a.id, b.id, c.id]));
        expect(found.find((r) => r.id === b.id)).toEqual(b);
      });

      it('update is a compare-and-set: it bumps the version and returns the record as stored', async () => {
        const [record] = (await seed(store, [occurrence(fresh())])) as [OccurrenceRecord];
        const updated = await store.occurrences.update(bump(record, { status: 'submitted', submitted: 1, lastError: null, updatedAt: '2025-03-10T02:00:00.000Z' }));
        expect(updated).toEqual({ ...record, status: 'submitted', submitted: 1, version: 1, updatedAt: '2025-03-10T02:00:00.000Z' });
        expect(await store.occurrences.get(record.id)).toEqual(updated);

        // id and version are not fields an update may set; undefined values are left alone.
        const again = await store.occurrences.update({ id: record.id, expectedVersion: 1, set: { version: 99, id: 'other', title: undefined, accepted: 1 } as OccurrenceUpdate['set'] });
        expect(again).toEqual({ ...updated, accepted: 1, version: 2 });
      });

      it('update with a stale version throws ConflictError and writes nothing', async () => {
        const [record] = (await seed(store, [occurrence(fresh())])) as [OccurrenceRecord];
        await store.occurrences.update(bump(record, { submitted: 1 }));
        await expect(store.occurrences.update(bump(record, { status: 'done', nextActionAt: null }))).rejects.toBeInstanceOf(ConflictError);
        await expect(store.occurrences.update({ id: record.id, expectedVersion: 5, set: { status: 'done' } })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.occurrences.get(record.id)).toEqual({ ...record, submitted: 1, version: 1 });
        expect(await store.occurrences.attention(record.calendar)).toHaveLength(1);
      });

      it('update of an unknown occurrence throws ConflictError and creates nothing', async () => {
        const record = occurrence(fresh());
        await expect(store.occurrences.update(bump(record, { status: 'done' }))).rejects.toBeInstanceOf(ConflictError);
        expect(await store.occurrences.get(record.id)).toBeUndefined();
        expect(await store.occurrences.attention(record.calendar)).toEqual([]);
      });

      it('update keeps the attention index in step with nextActionAt: null leaves it, a new date moves it, a date brings it back', async () => {
        const cal = fresh();
        const [record] = (await seed(store, [occurrence(cal, { nextActionAt: '2025-03-07' })])) as [OccurrenceRecord];
        expect(ids(await collect(store.occurrences.dueForAction(cal, '2025-03-07')))).toEqual([record.id]);

        // Fields other than nextActionAt (even an explicit undefined) leave it where it is.
        let current = await store.occurrences.update(bump(record, { status: 'open', nextActionAt: undefined, errorCount: 1 }));
        expect(current.nextActionAt).toBe('2025-03-07');
        expect(ids(await collect(store.occurrences.dueForAction(cal, '2025-03-07')))).toEqual([record.id]);

        current = await store.occurrences.update(bump(current, { nextActionAt: '2025-03-13' }));
        expect(await collect(store.occurrences.dueForAction(cal, '2025-03-12'))).toEqual([]);
        expect(await collect(store.occurrences.dueForAction(cal, '2025-03-13'))).toEqual([current]);
        expect(await store.occurrences.attention(cal)).toEqual([current]);

        current = await store.occurrences.update(bump(current, { nextActionAt: null, status: 'done' }));
        expect(current.nextActionAt).toBeNull();
        expect(await collect(store.occurrences.dueForAction(cal, '2025-12-31'))).toEqual([]);
        expect(await store.occurrences.attention(cal)).toEqual([]);
        expect(await store.occurrences.get(record.id)).toEqual(current);

        current = await store.occurrences.update(bump(current, { nextActionAt: '2025-03-20', status: 'open' }));
        expect(await collect(store.occurrences.dueForAction(cal, '2025-03-20'))).toEqual([current]);
      });

      it('an occurrence created without a next action is not in the attention index', async () => {
        const cal = fresh();
        const [due, quiet] = (await seed(store, [occurrence(cal, { office: 'science' }), occurrence(cal, { office: 'office', nextActionAt: null })])) as [OccurrenceRecord, OccurrenceRecord];
        expect(await store.occurrences.attention(cal)).toEqual([due]);
        expect(ids(await collect(store.occurrences.dueForAction(cal, '2025-12-31')))).toEqual([due.id]);
        expect(await store.occurrences.get(quiet.id)).toEqual(quiet);
      });

      it("dueForAction returns only the calendar's items due on or before the day, in nextActionAt order, across pages", async () => {
        const cal = fresh();
        const other = fresh();
        const dates: (CivilDate | null)[] = ['2025-03-09', '2025-03-02', '2025-03-10', '2025-03-05', '2025-03-11', '2025-03-01', '2025-03-05', '2025-03-20', null, '2025-03-03', '2025-03-04'];
        const records = await seed(
          paged,
          dates.map((nextActionAt, i) => occurrence(cal, { task: `t${String(i).padStart(2, '0')}`, nextActionAt })),
        );
        await seed(paged, [occurrence(other, { nextActionAt: '2025-03-01' })]);
        const expected = records
          .filter((r) => r.nextActionAt !== null && r.nextActionAt <= '2025-03-10')
          .sort((a, b) => (a.nextActionAt! === b.nextActionAt! ? (a.id < b.id ? -1 : 1) : a.nextActionAt! < b.nextActionAt! ? -1 : 1));
        expect(expected).toHaveLength(8);
        const due = await collect(paged.occurrences.dueForAction(cal, '2025-03-10'));
        expect(ids(due)).toEqual(ids(expected));
        expect(due).toEqual(expected);
        expect(await collect(paged.occurrences.dueForAction(cal, '2025-02-28'))).toEqual([]);
        expect(sorted(ids(await paged.occurrences.attention(cal)))).toEqual(sorted(ids(records.filter((r) => r.nextActionAt !== null))));
      });

      it('dueForAction: items updated while the caller walks the pages are neither returned twice nor make others be skipped', async () => {
        const cal = fresh();
        const day = '2025-03-10';
        // Eight items due 03-01 … 03-08, read two per page.
        const records = await seed(
          paged,
          Array.from({ length: 8 }, (_, i) => occurrence(cal, { task: `t${i}`, nextActionAt: `2025-03-0${i + 1}` })),
        );
        const byTask = new Map(records.map((r) => [r.task, r]));
        const moved = byTask.get('t5')!; // not yet read: moved to a later day still in the window
        const dropped = byTask.get('t6')!; // not yet read: leaves the index

        const seen: string[] = [];
        for await (const record of paged.occurrences.dueForAction(cal, day)) {
          seen.push(record.id);
          if (seen.length === 1) {
            await paged.occurrences.update(bump(moved, { nextActionAt: day }));
            await paged.occurrences.update(bump(dropped, { nextActionAt: null, status: 'done' }));
          }
          // What a sweep does with what it read: next action after the day, or nothing pending.
          await paged.occurrences.update(bump(record, seen.length % 2 === 0 ? { nextActionAt: addDays(day, 3) } : { nextActionAt: null }));
        }
        expect(seen).toEqual(['t0', 't1', 't2', 't3', 't4', 't7', 't5'].map((t) => byTask.get(t)!.id));
        expect(await collect(paged.occurrences.dueForAction(cal, day))).toEqual([]);
      });

      it('ofCalendarYear returns the occurrences of one calendar and year (not its submissions), by office, task and period, across pages', async () => {
        const cal = fresh();
        const records = await seed(paged, [
          occurrence(cal, { office: 'science', task: 'study', period: '2025-H1' }),
          occurrence(cal, { office: 'office', task: 'report' }),
          occurrence(cal, { office: 'science', task: 'report' }),
          occurrence(cal, { office: 'science', task: 'study', period: '2025-H2', nextActionAt: null }),
          occurrence(cal, { office: 'policy', task: 'report' }),
        ]);
        await seed(paged, [occurrence(cal, { office: 'science', year: 2026 }), occurrence(fresh(), { office: 'science' })]);
        await paged.submissions.recordFile(submission(records[2]!), bump(records[2]!, { submitted: 1 }));

        const year = await paged.occurrences.ofCalendarYear(cal, 2025);
        expect(ids(year)).toEqual([records[1]!.id, records[4]!.id, records[2]!.id, records[0]!.id, records[3]!.id]);
        expect(year[2]).toEqual({ ...records[2]!, submitted: 1, version: 1 });
        expect(ids(await paged.occurrences.ofCalendarYear(cal, 2026))).toEqual([`${cal}/report/science/2026`]);
        expect(await paged.occurrences.ofCalendarYear(cal, 2024)).toEqual([]);
      });

      it("ofOffice returns an office's occurrences of one year, by due date", async () => {
        const cal = fresh();
        const records = await seed(paged, [
          occurrence(cal, { office: 'science', task: 'a', due: '2025-06-30' }),
          occurrence(cal, { office: 'science', task: 'b', due: '2025-03-14' }),
          occurrence(cal, { office: 'science', task: 'c', due: '2025-12-31', nextActionAt: null }),
          occurrence(cal, { office: 'office', task: 'a', due: '2025-01-31' }),
          occurrence(cal, { office: 'science', task: 'd', year: 2026, due: '2026-03-14' }),
        ]);
        expect(ids(await paged.occurrences.ofOffice(cal, 'science', 2025))).toEqual([records[1]!.id, records[0]!.id, records[2]!.id]);
        expect(await paged.occurrences.ofOffice(cal, 'office', 2025)).toEqual([records[3]!]);
        expect(ids(await paged.occurrences.ofOffice(cal, 'science', 2026))).toEqual([records[4]!.id]);
        expect(await paged.occurrences.ofOffice(cal, 'policy', 2025)).toEqual([]);
      });

      it("update of due and year moves the occurrence in its office's order; one without the other is refused and writes nothing", async () => {
        const cal = fresh();
        const [early, late] = (await seed(store, [occurrence(cal, { task: 'a', due: '2025-03-14' }), occurrence(cal, { task: 'b', due: '2025-06-30' })])) as [OccurrenceRecord, OccurrenceRecord];
        const moved = await store.occurrences.update(bump(early, { due: '2025-09-30', year: 2025 }));
        expect(moved.due).toBe('2025-09-30');
        expect(ids(await store.occurrences.ofOffice(cal, 'science', 2025))).toEqual([late.id, early.id]);

        // The office index key is built from both, and a conditional update cannot read the stored one.
        await expect(store.occurrences.update(bump(moved, { due: '2025-01-31' }))).rejects.toThrow(/due and year/);
        await expect(store.occurrences.update(bump(moved, { year: 2026 }))).rejects.toThrow(/due and year/);
        const m = mail(cal);
        await expect(store.outbox.commit(m, [bump(moved, { due: '2025-01-31', nextActionAt: null })])).rejects.toThrow(/due and year/);
        expect(await store.outbox.get(m.id)).toBeUndefined();
        expect(await store.occurrences.get(early.id)).toEqual(moved);
        expect(ids(await store.occurrences.ofOffice(cal, 'science', 2025))).toEqual([late.id, early.id]);
      });

      it("update of year (with due) moves the occurrence to that year's calendar and office queries", async () => {
        const cal = fresh();
        const [record] = (await seed(paged, [occurrence(cal, { task: 'annual-report', due: '2025-12-31' })])) as [OccurrenceRecord];
        const moved = await paged.occurrences.update(bump(record, { due: '2026-03-31', year: 2026 }));
        expect(await paged.occurrences.ofCalendarYear(cal, 2025)).toEqual([]);
        expect(await paged.occurrences.ofCalendarYear(cal, 2026)).toEqual([moved]);
        expect(await paged.occurrences.ofOffice(cal, 'science', 2025)).toEqual([]);
        expect(await paged.occurrences.ofOffice(cal, 'science', 2026)).toEqual([moved]);
      });

      it('index keys built from the id stay with the id: an update of office (a record damaged by hand) does not move it', async () => {
        const cal = fresh();
        const [record] = (await seed(paged, [occurrence(cal, { office: 'science' })])) as [OccurrenceRecord];
        const damaged = await paged.occurrences.update(bump(record, { office: 'gone', task: 'renamed' }));
        expect(damaged).toMatchObject({ id: record.id, office: 'gone', task: 'renamed' });
        expect(await paged.occurrences.ofOffice(cal, 'science', 2025)).toEqual([damaged]);
        expect(await paged.occurrences.ofOffice(cal, 'gone', 2025)).toEqual([]);
        expect(await paged.occurrences.ofCalendarYear(cal, 2025)).toEqual([damaged]);
        expect(await collect(paged.occurrences.dueForAction(cal, '2025-03-07'))).toEqual([damaged]);
      });

      it('carryOver creates the renamed occurrence with copies of the submissions and retires the old one', async () => {
        const cal = fresh();
        const [old] = (await seed(store, [occurrence(cal, { task: 'old-name' })])) as [OccurrenceRecord];
        const original = submission(old);
        expect(await store.submissions.recordFile(original, bump(old, { submitted: 1 }))).toBe('created');
        const retiring = (await store.occurrences.get(old.id))!;

        const renamed: OccurrenceRecord = { ...occurrence(cal, { task: 'new-name' }), submitted: 1 };
        const copies = [{ ...original, occurrenceId: renamed.id, task: 'new-name', carriedFrom: old.id }];
        const retire = bump(retiring, { status: 'cancelled', nextActionAt: null, renamedTo: renamed.id });
        expect(await store.occurrences.carryOver(renamed, copies, retire)).toBe(true);

        expect(await store.occurrences.get(renamed.id)).toEqual(renamed);
        expect(await store.submissions.ofOccurrence(renamed.id)).toEqual(copies);
        expect(await store.submissions.ofOccurrence(old.id)).toEqual([original]);
        expect(await store.occurrences.get(old.id)).toEqual({ ...retiring, status: 'cancelled', nextActionAt: null, renamedTo: renamed.id, version: retiring.version + 1 });
        expect(ids(await store.occurrences.attention(cal))).toEqual([renamed.id]);

        // A second run finds the new occurrence: false, and nothing written (the old one is not retired again).
        const after = (await store.occurrences.get(old.id))!;
        expect(await store.occurrences.carryOver({ ...renamed, title: '又改了' }, copies, bump(after, { errorCount: 9 }))).toBe(false);
        expect(await store.occurrences.get(old.id)).toEqual(after);
        expect(await store.occurrences.get(renamed.id)).toEqual(renamed);
      });

      it('carryOver throws ConflictError and writes nothing when the old occurrence moved or a copy exists', async () => {
        const cal = fresh();
        const [old] = (await seed(store, [occurrence(cal, { task: 'old-name' })])) as [OccurrenceRecord];
        const original = submission(old);
        await store.submissions.recordFile(original, bump(old, { submitted: 1 }));
        const renamed = occurrence(cal, { task: 'new-name' });
        const copies = [{ ...original, occurrenceId: renamed.id, task: 'new-name', carriedFrom: old.id }];

        // The old occurrence is at version 1 now.
        await expect(store.occurrences.carryOver(renamed, copies, bump(old, { status: 'cancelled', nextActionAt: null }))).rejects.toBeInstanceOf(ConflictError);
        expect(await store.occurrences.get(renamed.id)).toBeUndefined();
        expect(await store.submissions.ofOccurrence(renamed.id)).toEqual([]);
        const current = (await store.occurrences.get(old.id))!;
        expect(current.status).toBe('open');

        // A copy already there (written by a run that lost its reply): nothing else is written.
        await store.occurrences.carryOver(occurrence(cal, { task: 'third-name' }), [{ ...copies[0]!, occurrenceId: `${cal}/third-name/science/2025` }], bump(current, { errorCount: 1 }));
        const now = (await store.occurrences.get(old.id))!;
        const fourth = occurrence(cal, { task: 'fourth-name' });
        await expect(
          store.occurrences.carryOver(fourth, [{ ...copies[0]!, occurrenceId: `${cal}/third-name/science/2025` }], bump(now, { status: 'cancelled', nextActionAt: null })),
        ).rejects.toBeInstanceOf(ConflictError);
        expect(await store.occurrences.get(fourth.id)).toBeUndefined();
        expect(await store.occurrences.get(old.id)).toEqual(now);
      });
    });

    describe('outbox', () => {
      it("unsent(calendar) holds that calendar's unsent mails and no other calendar's", async () => {
        const [a, b] = [fresh(), fresh()];
        const ma = mail(a);
        const mb = mail(b);
        for (const m of [ma, mb]) expect(await store.outbox.commit(m, [])).toBe('committed');
        expect((await store.outbox.unsent(a)).map((m) => m.id)).toEqual([ma.id]);
        expect((await store.outbox.unsent(b)).map((m) => m.id)).toEqual([mb.id]);
        expect(await store.outbox.unsent(fresh())).toEqual([]);
      });

      it('commit creates the mail, applies every update, and puts the mail in unsent()', async () => {
        const cal = fresh();
        const records = await seed(store, [occurrence(cal, { office: 'science', task: 'a' }), occurrence(cal, { office: 'science', task: 'b' })]);
        const m = mail(cal, { occurrenceIds: ids(records) });
        const outcome = await store.outbox.commit(
          m,
          records.map((r) => bump(r, { remindedThrough: '2025-03-07', nextActionAt: '2025-03-13' })),
        );
        expect(outcome).toBe('committed');
        expect(await store.outbox.get(m.id)).toEqual(m);
        expect((await store.outbox.unsent(cal)).filter((u) => u.id === m.id)).toEqual([m]);
        for (const r of records) expect(await store.occurrences.get(r.id)).toEqual({ ...r, remindedThrough: '2025-03-07', nextActionAt: '2025-03-13', version: 1 });
        expect(await collect(store.occurrences.dueForAction(cal, '2025-03-12'))).toEqual([]);
      });

      it('commit of a mail that exists returns mail-exists and writes nothing', async () => {
        const cal = fresh();
        const [record] = (await seed(store, [occurrence(cal)])) as [OccurrenceRecord];
        const m = mail(cal);
        expect(await store.outbox.commit(m, [])).toBe('committed');
        expect(await store.outbox.commit({ ...m, subject: '第二次' }, [bump(record, { remindedThrough: '2025-03-07' })])).toBe('mail-exists');
        expect(await store.outbox.get(m.id)).toEqual(m);
        expect(await store.occurrences.get(record.id)).toEqual(record);
        // A doubled sweep finds its mail written, whatever became of the updates: mail-exists, not stale.
        const moved = await store.occurrences.update(bump(record, { errorCount: 1 }));
        expect(await store.outbox.commit(m, [bump(record, { remindedThrough: '2025-03-07' })])).toBe('mail-exists');
        expect(await store.occurrences.get(record.id)).toEqual(moved);
      });

      it('commit with an update that lost its race returns stale, applies no update and leaves the mail absent', async () => {
        const cal = fresh();
        const [fine, moved] = (await seed(store, [occurrence(cal, { task: 'a' }), occurrence(cal, { task: 'b' })])) as [OccurrenceRecord, OccurrenceRecord];
        await store.occurrences.update(bump(moved, { submitted: 1 }));
        const m = mail(cal);
        expect(await store.outbox.commit(m, [bump(fine, { remindedThrough: '2025-03-07' }), bump(moved, { remindedThrough: '2025-03-07' })])).toBe('stale');
        expect(await store.outbox.get(m.id)).toBeUndefined();
        expect((await store.outbox.unsent(m.calendar)).map((u) => u.id)).not.toContain(m.id);
        expect(await store.occurrences.get(fine.id)).toEqual(fine);
        expect(await store.occurrences.get(moved.id)).toEqual({ ...moved, submitted: 1, version: 1 });

        // An occurrence that does not exist is a lost race too.
        expect(await store.outbox.commit(m, [bump(occurrence(cal, { task: 'gone' }), { remindedThrough: '2025-03-07' })])).toBe('stale');
        expect(await store.outbox.get(m.id)).toBeUndefined();
        // The same mail commits once the updates are fresh.
        expect(await store.outbox.commit(m, [bump(fine, { remindedThrough: '2025-03-07' })])).toBe('committed');
      });

      it('commit refuses two updates of one occurrence (one transaction, one write per item) and writes nothing', async () => {
        const cal = fresh();
        const [record] = (await seed(store, [occurrence(cal)])) as [OccurrenceRecord];
        const m = mail(cal);
        await expect(store.outbox.commit(m, [bump(record, { remindedThrough: '2025-03-07' }), bump(record, { errorCount: 1 })])).rejects.toThrow();
        expect(await store.outbox.get(m.id)).toBeUndefined();
        expect(await store.occurrences.get(record.id)).toEqual(record);
      });

      it('commit takes the mail and 99 updates at most (TransactWriteItems holds 100 items); more is refused and writes nothing', async () => {
        const cal = fresh();
        const records = Array.from({ length: 100 }, (_, i) => occurrence(cal, { task: `t${String(i).padStart(3, '0')}` }));
        await Promise.all(records.map((r) => store.occurrences.create(r)));
        const tooMany = mail(cal);
        await expect(
          store.outbox.commit(
            tooMany,
            records.map((r) => bump(r, { remindedThrough: '2025-03-07' })),
          ),
        ).rejects.toThrow();
        expect(await store.outbox.get(tooMany.id)).toBeUndefined();
        const after = await store.occurrences.getMany(ids(records));
        expect(after).toHaveLength(100);
        expect(after.every((r) => r.version === 0)).toBe(true);

        const justRight = mail(cal);
        expect(
          await store.outbox.commit(
            justRight,
            records.slice(0, 99).map((r) => bump(r, { remindedThrough: '2025-03-07' })),
          ),
        ).toBe('committed');
        expect((await store.occurrences.getMany(ids(records))).filter((r) => r.version === 1)).toHaveLength(99);
      });

      it('unsent lists pending and sending mails, oldest first', async () => {
        const cal = fresh();
        const later = mail(cal, { createdAt: new Date('2025-03-07T01:00:02.000Z') });
        const earlier = mail(cal, { createdAt: new Date('2025-03-07T01:00:01.000Z') });
        const sent = mail(cal, { createdAt: new Date('2025-03-07T01:00:00.000Z') });
        for (const m of [later, earlier, sent]) expect(await paged.outbox.commit(m, [])).toBe('committed');
        expect(await paged.outbox.claim(sent.id, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z')).toBe(true);
        await paged.outbox.markSent(sent.id, 'ses-1', '2025-03-07T01:00:05.000Z');
        expect(await paged.outbox.claim(later.id, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z')).toBe(true);
        const mine = await paged.outbox.unsent(cal);
        expect(mine.map((m) => [m.id, m.status])).toEqual([
          [earlier.id, 'pending'],
          [later.id, 'sending'],
        ]);
      });

      it('claim takes a pending mail, or a sending one whose lease has expired, and nothing else', async () => {
        const cal = fresh();
        const m = mail(cal);
        await store.outbox.commit(m, []);
        expect(await store.outbox.claim(m.id, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z')).toBe(true);
        expect(await store.outbox.get(m.id)).toEqual({ ...m, status: 'sending', leaseUntil: '2025-03-07T01:15:00.000Z', attempts: 1 });
        // Held by another sender until the lease runs out (the lease's own instant is still held).
        expect(await store.outbox.claim(m.id, '2025-03-07T01:20:00.000Z', '2025-03-07T01:05:00.000Z')).toBe(false);
        expect(await store.outbox.claim(m.id, '2025-03-07T01:30:00.000Z', '2025-03-07T01:15:00.000Z')).toBe(false);
        expect(await store.outbox.claim(m.id, '2025-03-07T01:31:00.000Z', '2025-03-07T01:16:00.000Z')).toBe(true);
        expect(await store.outbox.get(m.id)).toMatchObject({ status: 'sending', leaseUntil: '2025-03-07T01:31:00.000Z', attempts: 2 });

        await store.outbox.markSent(m.id, 'ses-1', '2025-03-07T01:16:01.000Z');
        expect(await store.outbox.claim(m.id, '2025-03-08T01:15:00.000Z', '2025-03-08T01:00:00.000Z')).toBe(false);
        expect((await store.outbox.get(m.id))?.attempts).toBe(2);

        const unknown = `${fresh()}#missing`;
        expect(await store.outbox.claim(unknown, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z')).toBe(false);
        expect(await store.outbox.get(unknown)).toBeUndefined();
      });

      it('markSent records the message id; repeating it with the same id is harmless, with another id an error', async () => {
        const cal = fresh();
        const m = mail(cal);
        await store.outbox.commit(m, []);
        await expect(store.outbox.markSent(m.id, 'ses-early', '2025-03-07T01:00:01.000Z')).rejects.toThrow(); // pending: never claimed
        await store.outbox.claim(m.id, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z');
        await store.outbox.markSent(m.id, 'ses-1', '2025-03-07T01:00:02.000Z');
        const sent = { ...m, status: 'sent', attempts: 1, leaseUntil: null, messageId: 'ses-1', sentAt: '2025-03-07T01:00:02.000Z', error: null };
        expect(await store.outbox.get(m.id)).toEqual(sent);
        expect((await store.outbox.unsent(m.calendar)).map((u) => u.id)).not.toContain(m.id);

        await store.outbox.markSent(m.id, 'ses-1', '2025-03-07T01:00:09.000Z');
        expect(await store.outbox.get(m.id)).toEqual(sent);
        await expect(store.outbox.markSent(m.id, 'ses-2', '2025-03-07T01:00:09.000Z')).rejects.toThrow();
        expect(await store.outbox.get(m.id)).toEqual(sent);
        await expect(store.outbox.markSent(`${fresh()}#missing`, 'ses-3', '2025-03-07T01:00:09.000Z')).rejects.toThrow();
      });

      it('markSent after a transient failure clears the error', async () => {
        const cal = fresh();
        const m = mail(cal);
        await store.outbox.commit(m, []);
        await store.outbox.claim(m.id, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z');
        await store.outbox.release(m.id, 'throttled', false);
        await store.outbox.claim(m.id, '2025-03-08T01:15:00.000Z', '2025-03-08T01:00:00.000Z');
        await store.outbox.markSent(m.id, 'ses-1', '2025-03-08T01:00:02.000Z');
        expect(await store.outbox.get(m.id)).toMatchObject({ status: 'sent', error: null, attempts: 2, messageId: 'ses-1' });
      });

      it('release (transient) gives the mail back: pending, unsent, with its error, claimable again', async () => {
        const cal = fresh();
        const m = mail(cal);
        await store.outbox.commit(m, []);
        await store.outbox.claim(m.id, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z');
        await store.outbox.release(m.id, `throttled ${'x'.repeat(1200)}`, false);
        const released = await store.outbox.get(m.id);
        expect(released).toEqual({ ...m, status: 'pending', attempts: 1, leaseUntil: null, error: `throttled ${'x'.repeat(1200)}`.slice(0, 1000) });
        expect((await store.outbox.unsent(m.calendar)).filter((u) => u.id === m.id)).toEqual([released]);
        expect(await store.outbox.claim(m.id, '2025-03-07T01:16:00.000Z', '2025-03-07T01:01:00.000Z')).toBe(true);
      });

      it('release (permanent) marks the mail failed and takes it out of unsent() for good', async () => {
        const cal = fresh();
        const m = mail(cal);
        await store.outbox.commit(m, []);
        await store.outbox.claim(m.id, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z');
        await store.outbox.release(m.id, 'MessageRejected: address', true);
        expect(await store.outbox.get(m.id)).toEqual({ ...m, status: 'failed', attempts: 1, leaseUntil: null, error: 'MessageRejected: address' });
        expect((await store.outbox.unsent(m.calendar)).map((u) => u.id)).not.toContain(m.id);
        expect(await store.outbox.claim(m.id, '2025-03-09T01:15:00.000Z', '2025-03-09T01:00:00.000Z')).toBe(false);
        await expect(store.outbox.markSent(m.id, 'ses-1', '2025-03-09T01:00:00.000Z')).rejects.toThrow();
      });

      it('release of a mail that is not being sent throws ConflictError and changes nothing', async () => {
        const cal = fresh();
        const m = mail(cal);
        await store.outbox.commit(m, []);
        await expect(store.outbox.release(m.id, 'late', false)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.outbox.get(m.id)).toEqual(m);
        await store.outbox.claim(m.id, '2025-03-07T01:15:00.000Z', '2025-03-07T01:00:00.000Z');
        await store.outbox.markSent(m.id, 'ses-1', '2025-03-07T01:00:02.000Z');
        const sent = await store.outbox.get(m.id);
        await expect(store.outbox.release(m.id, 'late', true)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.outbox.get(m.id)).toEqual(sent);
        const unknown = `${fresh()}#missing`;
        await expect(store.outbox.release(unknown, 'late', false)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.outbox.get(unknown)).toBeUndefined();
      });

      it('commit writes the companions (one entry per robot) with the mail, or none of them', async () => {
        const cal = fresh();
        const [record] = (await seed(store, [occurrence(cal)])) as [OccurrenceRecord];
        const m = mail(cal);
        const robot = { vendor: 'wecom' as const, webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', secret: 'office-wecom' };
        const companions = [1, 2].map((part) => ({ ...m, id: `${m.id}#wecom:office-wecom#${part}`, to: [], cc: [], html: '', text: `第${part}部分`, robot }));
        expect(await store.outbox.commit(m, [bump(record, { remindedThrough: '2025-03-07' })], companions)).toBe('committed');
        for (const c of companions) expect(await store.outbox.get(c.id)).toEqual(c);
        expect(sorted((await store.outbox.unsent(cal)).filter((u) => u.id.startsWith(m.id)).map((u) => u.id))).toEqual(sorted([m.id, ...companions.map((c) => c.id)]));
        // A doubled sweep: the mail and its companions exist, nothing is written again.
        expect(await store.outbox.commit(m, [bump(record, { remindedThrough: '2025-03-08' })], companions)).toBe('mail-exists');

        const other = mail(cal, { id: `${fresh()}#other` });
        const [moved] = (await seed(store, [occurrence(cal, { task: 'moved' })])) as [OccurrenceRecord];
        await store.occurrences.update(bump(moved, { submitted: 1 }));
        expect(await store.outbox.commit(other, [bump(moved, { remindedThrough: '2025-03-07' })], [{ ...other, id: `${other.id}#wecom:x#1`, robot }])).toBe('stale');
        expect(await store.outbox.get(`${other.id}#wecom:x#1`)).toBeUndefined();
      });

      it('takeSendSlot grants count sends per window, then names when the oldest leaves it; a hold blocks until it ends', async () => {
        const channel = `dingtalk:${fresh()}`;
        const rate = { count: 3, windowMs: 60_000 };
        const at = (seconds: number) => new Date(Date.UTC(2025, 2, 7, 1, 0, seconds)).toISOString();
        expect(await store.outbox.takeSendSlot(channel, at(0), rate)).toBeNull();
        expect(await store.outbox.takeSendSlot(channel, at(10), rate)).toBeNull();
        expect(await store.outbox.takeSendSlot(channel, at(20), rate)).toBeNull();
        expect(await store.outbox.takeSendSlot(channel, at(30), rate)).toBe(at(60));
        expect(await store.outbox.takeSendSlot(channel, at(60), rate)).toBeNull();
        // Another channel has its own window.
        expect(await store.outbox.takeSendSlot(`wecom:${fresh()}`, at(30), rate)).toBeNull();

        await store.outbox.holdChannel(channel, at(600));
        await store.outbox.holdChannel(channel, at(120));
        expect(await store.outbox.takeSendSlot(channel, at(200), rate)).toBe(at(600));
        expect(await store.outbox.takeSendSlot(channel, at(600), rate)).toBeNull();
      });

      it('takeSendSlot shares one window between concurrent senders: never more than count', async () => {
        const channel = `wecom:${fresh()}`;
        const rate = { count: 5, windowMs: 60_000 };
        const now = '2025-03-07T01:00:00.000Z';
        const answers = await Promise.all(Array.from({ length: 9 }, () => store.outbox.takeSendSlot(channel, now, rate)));
        expect(answers.filter((a) => a === null)).toHaveLength(5);
        expect(answers.filter((a) => a === '2025-03-07T01:01:00.000Z')).toHaveLength(4);
      });
    });

    describe('submissions', () => {
      it('recordFile: the first file creates the submission with the occurrence update, the next appends, a repeat is a duplicate', async () => {
        const cal = fresh();
        const [record] = (await seed(store, [occurrence(cal)])) as [OccurrenceRecord];
        const first = submission(record, { files: [file('1.jpg', record.id)] });
        const firstFileUpdate = bump(record, { submitted: 1, status: 'submitted', nextActionAt: null });
        expect(await store.submissions.recordFile(first, firstFileUpdate)).toBe('created');
        expect(await store.submissions.get(record.id, first.submissionId)).toEqual(first);
        const counted = { ...record, submitted: 1, status: 'submitted' as const, nextActionAt: null, version: 1 };
        expect(await store.occurrences.get(record.id)).toEqual(counted);
        expect(await store.occurrences.attention(cal)).toEqual([]);

        // Later files of the batch carry the same (now stale) update: it is not applied again.
        const second = { ...first, files: [file('2.pdf', record.id)] };
        expect(await store.submissions.recordFile(second, firstFileUpdate)).toBe('appended');
        expect(await store.submissions.recordFile(second, firstFileUpdate)).toBe('duplicate');
        expect(await store.submissions.recordFile(first, firstFileUpdate)).toBe('duplicate');
        expect(await store.submissions.get(record.id, first.submissionId)).toEqual({ ...first, files: [...first.files, ...second.files] });
        expect(await store.occurrences.get(record.id)).toEqual(counted);
      });

      it('recordFile of links alone creates the submission with its count (no empty set stored); a repeat is a duplicate', async () => {
        const cal = fresh();
        const [record] = (await seed(store, [occurrence(cal)])) as [OccurrenceRecord];
        const links = { ...submission(record, { files: [] }), links: ['https://kjj.example.gov.cn/a.html'] };
        const update = bump(record, { submitted: 1, status: 'submitted', nextActionAt: null });
        expect(await store.submissions.recordFile(links, update)).toBe('created');
        expect(await store.submissions.get(record.id, links.submissionId)).toEqual(links);
        expect(await store.submissions.recordFile(links, update)).toBe('duplicate');
        expect((await store.occurrences.get(record.id))!.submitted).toBe(1);
        // A file may still follow (links handed in with files): it is appended.
        expect(await store.submissions.recordFile({ ...links, files: [file('late.pdf', record.id)] }, update)).toBe('appended');
        expect((await store.submissions.get(record.id, links.submissionId))!.files).toHaveLength(1);
      });

      it('recordFile throws ConflictError and writes nothing when the occurrence moved before the first file', async () => {
        const cal = fresh();
        const [record] = (await seed(store, [occurrence(cal)])) as [OccurrenceRecord];
        const moved = await store.occurrences.update(bump(record, { errorCount: 1 }));
        const s = submission(record);
        await expect(store.submissions.recordFile(s, bump(record, { submitted: 1 }))).rejects.toBeInstanceOf(ConflictError);
        expect(await store.submissions.get(record.id, s.submissionId)).toBeUndefined();
        expect(await store.submissions.ofOccurrence(record.id)).toEqual([]);
        expect(await store.occurrences.get(record.id)).toEqual(moved);
        // Read again and retried, it is recorded.
        expect(await store.submissions.recordFile(s, bump(moved, { submitted: 1 }))).toBe('created');
      });

      it('recordFile for an occurrence that does not exist throws ConflictError and writes nothing', async () => {
        const ghost = occurrence(fresh());
        const s = submission(ghost);
        await expect(store.submissions.recordFile(s, bump(ghost, { submitted: 1 }))).rejects.toBeInstanceOf(ConflictError);
        expect(await store.submissions.get(ghost.id, s.submissionId)).toBeUndefined();
        expect(await store.occurrences.get(ghost.id)).toBeUndefined();
      });

      it('ofOccurrence lists the submissions of one occurrence only (not its upload intents)', async () => {
        const cal = fresh();
        const [a, b] = (await seed(store, [occurrence(cal, { office: 'science' }), occurrence(cal, { office: 'office' })])) as [OccurrenceRecord, OccurrenceRecord];
        const s1 = submission(a, { submissionId: 's1' });
        const s2 = submission(a, { submissionId: 's2' });
        await store.submissions.putIntent(intent(a, 's3'));
        await store.submissions.recordFile(s1, bump(a, { submitted: 1 }));
        await store.submissions.recordFile(s2, { ...bump(a, { submitted: 2 }), expectedVersion: 1 });
        await store.submissions.recordFile(submission(b, { submissionId: 's1' }), bump(b, { submitted: 1 }));
        expect(await store.submissions.ofOccurrence(a.id)).toEqual([s1, s2]);
        expect(await store.submissions.get(a.id, 's3')).toBeUndefined();
        expect(await store.submissions.ofOccurrence(`${cal}/none/science/2025`)).toEqual([]);
      });

      it('commitReview sets the review and applies the occurrence update together', async () => {
        const cal = fresh();
        const [record] = (await seed(store, [occurrence(cal)])) as [OccurrenceRecord];
        const s = submission(record);
        await store.submissions.recordFile(s, bump(record, { submitted: 1, status: 'submitted' }));
        const counted = (await store.occurrences.get(record.id))!;
        await store.submissions.commitReview(
          { occurrenceId: record.id, submissionId: s.submissionId, expectedStatus: 'received', status: 'accepted', reason: null, reviewedBy: 'admin', reviewedAt: '2025-03-11T02:00:00.000Z' },
          bump(counted, { accepted: 1, status: 'done', nextActionAt: null }),
        );
        expect(await store.submissions.get(record.id, s.submissionId)).toEqual({ ...s, status: 'accepted', reviewedBy: 'admin', reviewedAt: '2025-03-11T02:00:00.000Z' });
        expect(await store.occurrences.get(record.id)).toEqual({ ...counted, accepted: 1, status: 'done', nextActionAt: null, version: counted.version + 1 });
      });

      it('commitReview throws ConflictError and writes nothing when the submission is not in the expected status, the occurrence moved, or the submission is missing', async () => {
        const cal = fresh();
        const [record] = (await seed(store, [occurrence(cal)])) as [OccurrenceRecord];
        const s = submission(record);
        await store.submissions.recordFile(s, bump(record, { submitted: 1 }));
        const counted = (await store.occurrences.get(record.id))!;
        const review = { occurrenceId: record.id, submissionId: s.submissionId, status: 'rejected' as const, reason: '照片不清晰', reviewedBy: 'admin', reviewedAt: '2025-03-11T02:00:00.000Z' };

        await expect(store.submissions.commitReview({ ...review, expectedStatus: 'accepted' }, bump(counted, { submitted: 0 }))).rejects.toBeInstanceOf(ConflictError);
        await expect(store.submissions.commitReview({ ...review, expectedStatus: 'received' }, bump(record, { submitted: 0 }))).rejects.toBeInstanceOf(ConflictError);
        expect(await store.submissions.get(record.id, s.submissionId)).toEqual(s);
        expect(await store.occurrences.get(record.id)).toEqual(counted);

        await expect(store.submissions.commitReview({ ...review, submissionId: 'missing', expectedStatus: 'received' }, bump(counted, { submitted: 0 }))).rejects.toBeInstanceOf(ConflictError);
        expect(await store.submissions.get(record.id, 'missing')).toBeUndefined();
        expect(await store.occurrences.get(record.id)).toEqual(counted);

        // Rejected once, a second rejection from "received" (a doubled click) is refused.
        await store.submissions.commitReview({ ...review, expectedStatus: 'received' }, bump(counted, { submitted: 0 }));
        const rejected = (await store.occurrences.get(record.id))!;
        await expect(store.submissions.commitReview({ ...review, expectedStatus: 'received' }, bump(rejected, { submitted: 0 }))).rejects.toBeInstanceOf(ConflictError);
        expect(await store.submissions.get(record.id, s.submissionId)).toMatchObject({ status: 'rejected', reason: '照片不清晰' });
        expect(await store.occurrences.get(record.id)).toEqual(rejected);
      });

      it('putIntent keeps an upload intent once; a second put of the same intent throws ConflictError', async () => {
        const [record] = (await seed(store, [occurrence(fresh())])) as [OccurrenceRecord];
        const granted = intent(record, 'sub-1', '长备注'.repeat(400));
        await store.submissions.putIntent(granted);
        expect(await store.submissions.getIntent(record.id, 'sub-1')).toEqual(granted);
        await expect(store.submissions.putIntent({ ...granted, note: '另一个' })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.submissions.getIntent(record.id, 'sub-1')).toEqual(granted);
        expect(await store.submissions.getIntent(record.id, 'sub-2')).toBeUndefined();
      });

      it("recordedBetween returns a calendar year's submissions recorded in [since, until), oldest first", async () => {
        const cal = fresh();
        const [a, b, next] = (await seed(paged, [occurrence(cal, { office: 'science' }), occurrence(cal, { office: 'office' }), occurrence(cal, { office: 'science', year: 2026 })])) as [
          OccurrenceRecord,
          OccurrenceRecord,
          OccurrenceRecord,
        ];
        const since = '2025-03-03T01:00:00.000Z';
        const until = '2025-03-10T01:00:00.000Z';
        const at = (recordedAt: string, of: OccurrenceRecord, id: string) => submission(of, { recordedAt, submissionId: id });
        const before = at('2025-03-03T00:59:59.999Z', a, 'before');
        const atSince = at(since, b, 'at-since');
        const inside2 = at('2025-03-09T23:00:00.000Z', a, 'inside-2');
        const inside1 = at('2025-03-05T08:00:00.000Z', b, 'inside-1');
        const atUntil = at(until, a, 'at-until');
        const after = at('2025-03-11T00:00:00.000Z', b, 'after');
        const otherYear = at('2025-03-05T08:00:00.000Z', next, 'other-year');
        const versions = new Map<string, number>();
        for (const s of [before, atSince, inside2, inside1, atUntil, after, otherYear]) {
          const version = versions.get(s.occurrenceId) ?? 0;
          expect(await paged.submissions.recordFile(s, { id: s.occurrenceId, expectedVersion: version, set: { submitted: version + 1 } })).toBe('created');
          versions.set(s.occurrenceId, version + 1);
        }
        const other = occurrence(fresh());
        await paged.occurrences.create(other);
        await paged.submissions.recordFile(at('2025-03-05T08:00:00.000Z', other, 'other-calendar'), bump(other, { submitted: 1 }));

        const window = await paged.submissions.recordedBetween(cal, 2025, since, until);
        expect(window.map((s) => s.submissionId)).toEqual(['at-since', 'inside-1', 'inside-2']);
        expect(window[0]).toEqual(atSince);
        expect((await paged.submissions.recordedBetween(cal, 2025, null, until)).map((s) => s.submissionId)).toEqual(['before', 'at-since', 'inside-1', 'inside-2']);
        expect((await paged.submissions.recordedBetween(cal, 2025, until, '\uffff')).map((s) => s.submissionId)).toEqual(['at-until', 'after']);
        expect((await paged.submissions.recordedBetween(cal, 2026, null, until)).map((s) => s.submissionId)).toEqual(['other-year']);
        // An empty window (a clock that went back) is empty, not an error.
        expect(await paged.submissions.recordedBetween(cal, 2025, since, since)).toEqual([]);
        expect(await paged.submissions.recordedBetween(cal, 2025, until, since)).toEqual([]);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// The access port (functions/core/access/ports.ts): accounts, sign-in links, sessions, API tokens,
// rate limits, office key versions and the audit trail, on the same table as the engine's items.

/** The access store and the engine's store on one table (a review's audit entry is written by the latter). */
export type MakeAccess = () => Promise<{ access: AccessStore; store: Store }>;

const AT = '2025-03-01T01:00:00.000Z';
const LATER = '2025-03-01T01:10:00.000Z';

function account(email: string, role: Account['role'] = 'reviewer'): Account {
  return { email, name: '张三', role, calendars: ['suzhou-kjj'], office: null, status: 'active', createdAt: AT, updatedAt: AT, version: 1 };
}

function entry(shape: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: randomUUID(),
    at: AT,
    actor: { email: 'a@x.example', name: '张三' },
    action: 'review.accept',
    occurrenceId: null,
    calendar: null,
    year: null,
    subject: 's',
    before: null,
    after: null,
    source: '127.0.0.1',
    ...shape,
  };
}

export function accessContract(name: string, make: MakeAccess): void {
  describe(`access store contract: ${name}`, () => {
    let access: AccessStore;
    let store: Store;
    beforeAll(async () => {
      ({ access, store } = await make());
    });
    const email = () => `${fresh('u')}@x.example`;

    it('creates an account once; a second with the same address changes nothing', async () => {
      const address = email();
      expect(await access.accounts.create(account(address))).toBe(true);
      expect(await access.accounts.create({ ...account(address, 'admin'), name: '李四' })).toBe(false);
      expect(await access.accounts.get(address)).toEqual(account(address));
      expect((await access.accounts.list()).map((a) => a.email)).toContain(address);
    });

    it('updates an account by compare-and-set on its version', async () => {
      const address = email();
      await access.accounts.create(account(address));
      const updated = await access.accounts.update(address, 1, { role: 'viewer', updatedAt: LATER });
      expect(updated).toEqual({ ...account(address), role: 'viewer', updatedAt: LATER, version: 2 });
      await expect(access.accounts.update(address, 1, { status: 'revoked', updatedAt: LATER })).rejects.toBeInstanceOf(ConflictError);
      await expect(access.accounts.update(email(), 1, { status: 'revoked', updatedAt: LATER })).rejects.toBeInstanceOf(NotFoundError);
      expect((await access.accounts.get(address))?.status).toBe('active');
    });

    it('uses a sign-in link once, before it expires, for its own address only', async () => {
      const address = email();
      const link = { hash: fresh('h'), email: address, createdAt: AT, expiresAt: '2025-03-01T01:15:00.000Z', usedAt: null };
      await access.signInLinks.create(link);
      await expect(access.signInLinks.create(link)).rejects.toBeInstanceOf(ConflictError);
      expect(await access.signInLinks.consume(link.hash, 'other@x.example', LATER)).toBeUndefined();
      expect(await access.signInLinks.consume(link.hash, address, '2025-03-01T01:15:00.000Z')).toBeUndefined();
      expect(await access.signInLinks.consume(link.hash, address, LATER)).toEqual({ ...link, usedAt: LATER });
      expect(await access.signInLinks.consume(link.hash, address, LATER)).toBeUndefined();
      expect(await access.signInLinks.consume(fresh('nope'), address, LATER)).toBeUndefined();
    });

    it('keeps sessions by hash and ends them once', async () => {
      const session = { hash: fresh('s'), email: email(), csrfToken: 'c', createdAt: AT, expiresAt: '2025-03-01T13:00:00.000Z', endedAt: null };
      await access.sessions.create(session);
      expect(await access.sessions.get(session.hash)).toEqual(session);
      await access.sessions.end(session.hash, LATER);
      await access.sessions.end(session.hash, '2025-03-01T02:00:00.000Z');
      expect(await access.sessions.get(session.hash)).toEqual({ ...session, endedAt: LATER });
      await access.sessions.end(fresh('none'), LATER);
      expect(await access.sessions.get(fresh('none'))).toBeUndefined();
    });

    it("lists an account's API tokens and revokes one by id", async () => {
      const address = email();
      const first = { hash: fresh('t1'), id: fresh('id1'), email: address, label: 'ledger', createdAt: AT, revokedAt: null };
      const second = { ...first, hash: fresh('t2'), id: fresh('id2'), createdAt: LATER };
      await access.apiTokens.create(first);
      await access.apiTokens.create(second);
      expect(await access.apiTokens.ofAccount(address)).toEqual([first, second]);
      expect(await access.apiTokens.revoke(address, first.id, LATER)).toBe(true);
      expect(await access.apiTokens.revoke(address, first.id, LATER)).toBe(false);
      expect(await access.apiTokens.revoke('other@x.example', second.id, LATER)).toBe(false);
      expect(await access.apiTokens.get(first.hash)).toEqual({ ...first, revokedAt: LATER });
      expect(await access.apiTokens.get(second.hash)).toEqual(second);
    });

    it('counts requests up to the limit in a window, and starts again in the next', async () => {
      const key = fresh('rate');
      const taken = [];
      for (let i = 0; i < 4; i += 1) taken.push(await access.rateLimits.take(key, AT, 3));
      expect(taken).toEqual([true, true, true, false]);
      expect(await access.rateLimits.take(key, LATER, 3)).toBe(true);
      expect(await access.rateLimits.take(fresh('rate'), AT, 3)).toBe(true);
    });

    it("moves an office's link key version on, from 0", async () => {
      const calendar = fresh('cal');
      expect(await access.officeKeys.version(calendar, 'science')).toBe(0);
      expect(await access.officeKeys.rotate(calendar, 'science')).toBe(1);
      expect(await access.officeKeys.rotate(calendar, 'science')).toBe(2);
      expect(await access.officeKeys.version(calendar, 'science')).toBe(2);
      expect(await access.officeKeys.version(calendar, 'policy')).toBe(0);
    });

    it("commitReview writes the decision's audit entry in its transaction, and nothing when the decision is refused", async () => {
      const calendar = fresh('cal');
      const record = occurrence(calendar);
      await store.occurrences.create(record);
      const s = submission(record);
      await store.submissions.recordFile(s, { id: record.id, expectedVersion: record.version, set: { submitted: 1 } });
      const counted = (await store.occurrences.get(record.id))!;
      const audit = entry({ occurrenceId: record.id, calendar, year: 2025, subject: `submission ${s.submissionId}`, before: 'received', after: 'accepted' });
      const review = {
        occurrenceId: record.id,
        submissionId: s.submissionId,
        expectedStatus: 'received' as const,
        status: 'accepted' as const,
        reason: null,
        reviewedBy: '张三',
        reviewedAt: AT,
        audit,
      };
      const refused = { ...review, expectedStatus: 'rejected' as const, audit: { ...audit, id: randomUUID() } };
      await expect(store.submissions.commitReview(refused, { id: record.id, expectedVersion: counted.version, set: { accepted: 1 } })).rejects.toBeInstanceOf(ConflictError);
      expect(await access.audit.ofOccurrence(record.id)).toEqual([]);
      await store.submissions.commitReview(review, { id: record.id, expectedVersion: counted.version, set: { accepted: 1 } });
      expect(await access.audit.ofOccurrence(record.id)).toEqual([audit]);
      expect(await access.audit.ofCalendarYear(calendar, 2025)).toEqual([audit]);
    });

    it('appends audit entries, never overwrites one, and reads them by item, by calendar year and in general', async () => {
      const calendar = fresh('cal');
      const item = `${calendar}/report/science/2025`;
      const later = entry({ at: LATER, occurrenceId: item, calendar, year: 2025, action: 'review.reject', before: 'received', after: 'rejected: 不清晰' });
      const earlier = entry({ occurrenceId: item, calendar, year: 2025 });
      const otherYear = entry({ occurrenceId: `${calendar}/report/science/2026`, calendar, year: 2026 });
      const general = entry({ action: 'links.rotate', calendar, subject: `${calendar}/science` });
      for (const e of [later, earlier, otherYear, general]) await access.audit.append(e);
      await expect(access.audit.append({ ...earlier, subject: 'changed' })).rejects.toBeInstanceOf(ConflictError);
      expect(await access.audit.ofOccurrence(item)).toEqual([earlier, later]);
      expect(await access.audit.ofCalendarYear(calendar, 2025)).toEqual([earlier, later]);
      expect(await access.audit.ofCalendarYear(calendar, 2026)).toEqual([otherYear]);
      expect(await access.audit.general()).toContainEqual(general);
    });
  });
}
