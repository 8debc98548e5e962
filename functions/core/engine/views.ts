/** Read models for the office's upload page and the policy office's status board. */
import { verifyToken } from '../capability.js';
import { type CivilDate, civilDateAt } from '../civil-date.js';
import { isComplete, statusOf } from './assess.js';
import { bounceWarnings } from './bounces.js';
import { missingPlans, missingPlanText } from './plan-warnings.js';
import { NotFoundError, type Store } from './ports.js';
import type { CalendarMeta, OccurrenceRecord, SubmissionRecord } from './records.js';
import { UPLOAD_LIMITS } from './uploads.js';

export type BoardState = 'done' | 'submitted' | 'open' | 'at-risk' | 'overdue' | 'cancelled';

/** The state as of today: the stored status only moves when the sweep runs, so derive it again. */
export function boardState(o: OccurrenceRecord, today: CivilDate): BoardState {
  const status = statusOf(o, today);
  if (status === 'open' && o.atRiskOn !== null && !isComplete(o)) return 'at-risk';
  return status;
}

export interface OfficeView {
  calendar: { id: string; title: string; organisation: string; timeZone: string };
  office: { id: string; name: string };
  today: CivilDate;
  /** When the link this view was opened with stops working (ISO instant, from the signed token). */
  linkExpiresAt: string;
  items: (OccurrenceRecord & { state: BoardState; submissions: SubmissionRecord[] })[];
  limits: { maxBytes: number; maxFiles: number; contentTypes: readonly string[] };
  /** The office's calendar subscription (ICS) address, added by the API (it knows the base URL and the key version). */
  calendarUrl?: string;
}

/** What the holder of an office link sees: its items of every materialised year, with what it sent. */
export async function officeView(store: Store, token: string, secret: string, now: Date): Promise<OfficeView> {
  const capability = verifyToken(token, secret, now);
  const calendar = await requireCalendar(store, capability.calendar);
  const office = calendar.offices.find((o) => o.id === capability.office);
  if (!office) throw new NotFoundError(`calendar ${calendar.id} has no office "${capability.office}"`);
  const records = (await Promise.all(calendar.years.map((y) => store.occurrences.ofOffice(calendar.id, office.id, y)))).flat().filter((o) => o.status !== 'cancelled');
  const today = civilDateAt(now, calendar.timeZone);
  const items = await Promise.all(records.map(async (o) => ({ ...o, state: boardState(o, today), submissions: await submissionsInOrder(store, o.id) })));
  items.sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  return {
    calendar: { id: calendar.id, title: calendar.title, organisation: calendar.organisation, timeZone: calendar.timeZone },
    office: { id: office.id, name: office.name },
    today,
    linkExpiresAt: new Date(capability.expiresAt * 1000).toISOString(),
    items,
    limits: { maxBytes: UPLOAD_LIMITS.maxBytes, maxFiles: UPLOAD_LIMITS.maxFiles, contentTypes: UPLOAD_LIMITS.contentTypes },
  };
}

export interface BoardView {
  calendar: CalendarMeta;
  year: number;
  today: CivilDate;
  offices: { id: string; name: string }[];
  tasks: { id: string; title: string }[];
  cells: (OccurrenceRecord & { state: BoardState; submissions: SubmissionRecord[] })[];
  totals: Record<BoardState, number>;
  /** What the policy office must know first, e.g. "2027年普法工作计划尚未录入", "邮件退信：science@…". */
  warnings: string[];
}

export async function boardView(store: Store, calendarId: string, year: number, now: Date): Promise<BoardView> {
  const calendar = await requireCalendar(store, calendarId);
  if (!calendar.years.includes(year)) throw new NotFoundError(`calendar ${calendarId} has no occurrences for ${year} (materialised: ${calendar.years.join(', ') || 'none'})`);
  const records = await store.occurrences.ofCalendarYear(calendarId, year);
  const today = civilDateAt(now, calendar.timeZone);
  const cells = await Promise.all(records.map(async (o) => ({ ...o, state: boardState(o, today), submissions: await submissionsInOrder(store, o.id) })));
  cells.sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  const tasks = new Map<string, string>();
  for (const c of cells) if (!tasks.has(c.task)) tasks.set(c.task, c.title);
  const totals: Record<BoardState, number> = { done: 0, submitted: 0, open: 0, 'at-risk': 0, overdue: 0, cancelled: 0 };
  for (const c of cells) totals[c.state] += 1;
  return {
    calendar,
    year,
    today,
    offices: calendar.offices.map((o) => ({ id: o.id, name: o.name })),
    tasks: [...tasks].map(([id, title]) => ({ id, title })),
    cells,
    totals,
    warnings: [...missingPlans(calendar, today).map(missingPlanText), ...bounceWarnings(calendar)],
  };
}

/**
 * An occurrence's submissions, oldest first, each with its files in the order they were chosen: files
 * arrive through separate storage events in any order, but their keys carry the upload index.
 */
async function submissionsInOrder(store: Store, occurrenceId: string): Promise<SubmissionRecord[]> {
  const submissions = await store.submissions.ofOccurrence(occurrenceId);
  return submissions
    .map((s) => ({ ...s, files: [...s.files].sort((a, b) => fileIndex(a.key) - fileIndex(b.key) || a.key.localeCompare(b.key)) }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.submissionId.localeCompare(b.submissionId));
}

function fileIndex(key: string): number {
  return Number(/\/(\d+)-[^/]*$/.exec(key)?.[1] ?? 0);
}

async function requireCalendar(store: Store, id: string): Promise<CalendarMeta> {
  const calendar = await store.calendars.get(id);
  if (!calendar) throw new NotFoundError(`no calendar "${id}" has been materialised`);
  return calendar;
}

export interface CalendarListEntry {
  id: string;
  title: string;
  organisation: string;
  /** Every year materialised. */
  years: number[];
  /** Years with a committed year plan (the board opens preferably on a calendar with this year's plan). */
  planYears: number[];
  withdrawn: boolean;
  /** Today on the calendar's clock: the board opens on the year that includes it. */
  today: CivilDate;
}

/** The calendars the board can show, with their materialised years. */
export async function calendarList(store: Store, now: Date): Promise<CalendarListEntry[]> {
  return (await store.calendars.list()).map((c) => ({
    id: c.id,
    title: c.title,
    organisation: c.organisation,
    years: [...c.years].sort(),
    planYears: [...(c.planYears ?? [])].sort(),
    withdrawn: c.withdrawn ?? false,
    today: civilDateAt(now, c.timeZone),
  }));
}
