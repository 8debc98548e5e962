/**
 * The calendar schema: what an administrator commits under `calendars/`.
 *
 * Every calendar file's export is parsed with `CalendarSchema` at run time, whatever its static type
 * says, so a `.json` or `.yaml` file and a hand-cast `.ts` file get the same checks.
 * Cross-file checks (unknown offices, unknown task references, unknown parents) live in
 * `calendar-references.ts` because they need the whole set of calendars.
 */

import rrule from 'rrule';
import { z } from 'zod';
import { daysInMonth, isCivilDate } from './civil-date.js';
import { Robots } from './robot-schema.js';

// Why: zod's default "Invalid input: expected string, received undefined" hides that a field is missing.
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required field is missing' : undefined),
});

export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes (e.g. "policy-office")');

/**
 * Why a limit: titles go into mail subjects, board cells and every occurrence item of the table (DynamoDB
 * items are capped at 400 KB); a pasted paragraph is a mistake, not a title.
 */
export const TITLE_MAX = 200;
const Title = z.string().min(1).max(TITLE_MAX, `a title has at most ${TITLE_MAX} characters (put the rest in description or source)`);

/** "MM-DD": a month-day that exists in a leap year (so "02-29" is allowed and clamps in other years). */
export const MonthDay = z.string().superRefine((value, ctx) => {
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a month-day in the form "MM-DD"` });
    return;
  }
  const month = Number(match[1]);
  const day = Number(match[2]);
  if (month < 1 || month > 12) {
    ctx.addIssue({ code: 'custom', message: `month ${match[1]} does not exist (months are 01–12)` });
  } else if (day < 1 || day > daysInMonth(2024, month)) {
    ctx.addIssue({ code: 'custom', message: `day ${match[2]} does not exist in month ${match[1]}` });
  }
});

export const CivilDateString = z.string().superRefine((value, ctx) => {
  if (!isCivilDate(value)) ctx.addIssue({ code: 'custom', message: `"${value}" is not a real date in the form "YYYY-MM-DD"` });
});

const YearKey = z.string().regex(/^\d{4}$/, 'year keys must be four digits, e.g. "2025"');

const TimeZone = z.string().superRefine((zone, ctx) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${zone}" is not an IANA time zone (e.g. "Asia/Shanghai")` });
  }
});

export const EvidenceKind = z.enum(['photo', 'video', 'sign-in-sheet', 'minutes', 'article-link', 'screenshot', 'document', 'report', 'certificate']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const Evidence = z.object({
  kind: EvidenceKind,
  count: z.int().min(1).default(1),
  note: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/** Lead times, in days before the due date, on which the owner is reminded. */
const ReminderLeads = z.array(z.int().min(0).max(366)).min(1);

export const ShiftDue = z.enum(['none', 'previous-working-day', 'next-working-day']);
export type ShiftDue = z.infer<typeof ShiftDue>;

const FixedSchedule = z.object({
  kind: z.literal('fixed'),
  date: MonthDay,
  /** Years in which the date differs, e.g. { "2025": "2025-05-24" }. */
  years: z.record(YearKey, CivilDateString).optional(),
});

const WindowDates = z.object({ opens: CivilDateString, closes: CivilDateString }).refine((w) => w.opens <= w.closes, { message: 'closes must not be before opens', path: ['closes'] });

const WindowSchedule = z
  .object({
    kind: z.literal('window'),
    opens: MonthDay,
    closes: MonthDay,
    /** The dates are announced each year: a year without an entry in `years` is provisional. */
    announced: z.boolean().default(false),
    /** The announced dates of particular years. */
    years: z.record(YearKey, WindowDates).optional(),
  })
  .refine((w) => w.opens <= w.closes, {
    message: 'closes must not be before opens (a window lies within one year)',
    path: ['closes'],
  });

const DeadlineSchedule = z
  .object({
    kind: z.literal('deadline'),
    due: MonthDay,
    /** When work on it can start; defaults to 01-01. */
    opens: MonthDay.optional(),
    /**
     * `previous`: a duty on the year before, due in this one (the annual report on 2025, due 2026-02-28):
     * its period is the year reported on; it is compiled, reminded and materialised with the year it is due in.
     */
    reportingYear: z.enum(['same', 'previous']).default('same'),
    years: z.record(YearKey, z.object({ due: CivilDateString, opens: CivilDateString.optional() })).optional(),
  })
  .refine((d) => d.opens === undefined || d.opens <= d.due, { message: 'opens must not be after due', path: ['opens'] });

export const QuotaPeriod = z.enum(['year', 'half-year', 'quarter', 'month']);
export type QuotaPeriod = z.infer<typeof QuotaPeriod>;

const QuotaSchedule = z.object({
  kind: z.literal('quota'),
  per: QuotaPeriod,
  min: z.int().min(1),
  /** Years in which the minimum differs (a plan that raises "at least 2" to "at least 3"). */
  years: z.record(YearKey, z.object({ min: z.int().min(1) })).optional(),
});

/**
 * A figure taken from last year's report or a plan's aspiration ("全年开展普法活动30场"), not a requirement:
 * progress is shown on the board, in the digest and the ledger, but it is never reminded, never at risk,
 * never overdue, never escalated. A requirement ("不少于2次") is a `quota`.
 */
const TargetSchedule = z.object({
  kind: z.literal('target'),
  per: QuotaPeriod,
  count: z.int().min(1),
  years: z.record(YearKey, z.object({ count: z.int().min(1) })).optional(),
});

const AnnualSchedule = z
  .object({
    kind: z.literal('annual'),
    /** Once a year, any day from `opens` to `due`. */
    opens: MonthDay.default('01-01'),
    due: MonthDay.default('12-31'),
  })
  .refine((a) => a.opens <= a.due, { message: 'opens must not be after due', path: ['opens'] });

export const SUB_DAILY_RRULE = 'sub-daily rules (FREQ=HOURLY/MINUTELY/SECONDLY, BYHOUR, BYMINUTE, BYSECOND) are not supported: reminders are per day';

/** Valid values of the numeric BY parts (RFC 5545 §3.3.10); 0 is never one. */
const RRULE_RANGES = {
  bymonth: ['BYMONTH', 1, 12],
  bymonthday: ['BYMONTHDAY', -31, 31],
  byyearday: ['BYYEARDAY', -366, 366],
  byweekno: ['BYWEEKNO', -53, 53],
  bysetpos: ['BYSETPOS', -366, 366],
} as const;

/**
 * What is wrong with an RRULE body, if anything. rrule's own parser is lenient: it takes an unknown FREQ
 * or weekday as "absent" and INTERVAL=0 as given, which later crash or hang the compiler (INTERVAL=0 never
 * ends), so the parsed options are checked here as well.
 */
function rruleProblem(rule: string): string | undefined {
  if (/DTSTART|TZID/i.test(rule)) return 'give the rule without DTSTART/TZID; put the date it counts from in `anchor` (YYYY-MM-DD)';
  let options: Partial<rrule.Options>;
  try {
    options = rrule.RRule.parseString(rule.replace(/^RRULE:/i, ''));
  } catch (error) {
    return `not a valid RRULE: ${(error as Error).message}`;
  }
  const frequencies = 'YEARLY, MONTHLY, WEEKLY or DAILY';
  if (options.freq === undefined || options.freq === null) {
    const given = /(?:^|;)\s*FREQ=([^;\n]*)/i.exec(rule)?.[1];
    return given === undefined ? `not a valid RRULE: FREQ is required (${frequencies})` : `not a valid RRULE: FREQ=${given} is not a frequency (${frequencies})`;
  }
  if (options.freq > rrule.Frequency.DAILY || options.byhour != null || options.byminute != null || options.bysecond != null) {
    return SUB_DAILY_RRULE;
  }
  const whole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
  if (options.interval != null && !(whole(options.interval) && options.interval >= 1)) {
    return `not a valid RRULE: INTERVAL must be a whole number of at least 1, not ${String(options.interval)}`;
  }
  if (options.count != null && !(whole(options.count) && options.count >= 1)) {
    return `not a valid RRULE: COUNT must be a whole number of at least 1, not ${String(options.count)}`;
  }
  const weekdays = options.byweekday == null ? [] : [options.byweekday].flat();
  if (weekdays.some((day) => day == null)) {
    return 'not a valid RRULE: BYDAY takes MO, TU, WE, TH, FR, SA, SU, optionally numbered (1MO, -1FR)';
  }
  for (const [key, [name, min, max]] of Object.entries(RRULE_RANGES)) {
    const value = options[key as keyof typeof RRULE_RANGES];
    if (value == null) continue;
    const bad = [value].flat().find((n: unknown) => !whole(n) || n < min || n > max || n === 0);
    if (bad !== undefined) return `not a valid RRULE: ${name}=${String(bad)} is outside ${min}…${max}${min < 0 ? ' (0 excluded)' : ''}`;
  }
  return undefined;
}

const RruleSchedule = z
  .object({
    kind: z.literal('rrule'),
    /** An RFC 5545 RRULE body without DTSTART, e.g. "FREQ=MONTHLY;BYMONTHDAY=-1". */
    rule: z.string().superRefine((rule, ctx) => {
      const problem = rruleProblem(rule);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    /**
     * The date the rule counts from (its DTSTART), YYYY-MM-DD. Required when the dates depend on where the
     * rule starts (INTERVAL above 1, COUNT, or a frequency without the BY-part that fixes its day): counted
     * from 1 January of each year instead, "every other week" would restart its rhythm every year.
     */
    anchor: z.string().refine(isCivilDate, 'must be a date YYYY-MM-DD').optional(),
    /** Each occurrence opens this many days before its date. */
    leadDays: z.int().min(0).max(366).default(0),
  })
  .superRefine((schedule, ctx) => {
    if (schedule.anchor === undefined && rruleProblem(schedule.rule) === undefined && dependsOnStart(schedule.rule)) {
      ctx.addIssue({
        code: 'custom',
        path: ['anchor'],
        message: 'this rule counts from its start (INTERVAL, COUNT, or no BY-part fixing the day): give the date it starts from as anchor, YYYY-MM-DD',
      });
    }
  });

/** Whether a rule's dates change with its DTSTART (so it needs an explicit, fixed anchor). */
export function dependsOnStart(rule: string): boolean {
  const o = rrule.RRule.parseString(rule.replace(/^RRULE:/i, ''));
  const has = (value: unknown) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
  if ((o.interval ?? 1) > 1 || has(o.count)) return true;
  switch (o.freq) {
    case rrule.Frequency.WEEKLY:
      return !has(o.byweekday);
    case rrule.Frequency.MONTHLY:
      return !has(o.bymonthday) && !has(o.byweekday) && !has(o.byyearday);
    case rrule.Frequency.YEARLY:
      return !has(o.byyearday) && !has(o.byweekno) && !(has(o.bymonth) && (has(o.bymonthday) || has(o.byweekday)));
    default:
      return false;
  }
}

const AfterSchedule = z.object({
  kind: z.literal('after'),
  /** The task (of this calendar or one it extends) whose date this one follows. */
  task: Id,
  anchor: z.enum(['opens', 'due']).default('due'),
  /** Due this many days after the anchor. */
  withinDays: z.int().min(0).max(366),
});

export const Schedule = z.discriminatedUnion('kind', [FixedSchedule, WindowSchedule, DeadlineSchedule, QuotaSchedule, TargetSchedule, AnnualSchedule, RruleSchedule, AfterSchedule]);
export type Schedule = z.infer<typeof Schedule>;
export type ScheduleKind = Schedule['kind'];

/** "all" = every office of the calendar being compiled; "policy" = its policy office. */
export const Owners = z.union([z.literal('all'), z.literal('policy'), z.array(Id).min(1)], {
  error: (issue) => (issue.input === undefined ? 'required field is missing: name the owners ("all", "policy" or a list of office ids)' : 'must be "all", "policy" or a non-empty list of office ids'),
});

export const Task = z.object({
  id: Id,
  /** Ids this task had before (a rename): its occurrences keep the progress and submissions made under them. */
  renamedFrom: z.array(Id).optional(),
  title: Title,
  description: z.string().optional(),
  schedule: Schedule,
  owners: Owners,
  /** Why these owners, when the plan itself does not name them. */
  assignment: z.string().optional(),
  evidence: z.array(Evidence).default([]),
  reminders: ReminderLeads.optional(),
  graceDays: z.int().min(0).max(366).optional(),
  shiftDue: ShiftDue.optional(),
  /**
   * Working days before a window or observance opens that the owner gets a "prepare" notice, so the
   * activity is planned and not only reported afterwards (default: the calendar's `defaults.prepareDays`);
   * 0 for none. Only windows and fixed-date observances have one.
   */
  prepareDays: z.int().min(0).max(60).optional(),
  legalBasis: z.array(z.string().min(1)).default([]),
  /** The sentence of the plan (or the rule) this task comes from. */
  source: z.string().min(1),
  /** The whole task is not confirmed yet (e.g. a date only announced later). */
  provisional: z.boolean().default(false),
});
export type Task = z.infer<typeof Task>;
export type TaskInput = z.input<typeof Task>;

export const Office = z.object({
  id: Id,
  name: z.string().min(1),
  emails: z.array(z.email()).min(1),
  headEmail: z.email().optional(),
  /** Group robots the office is also reminded in (DingTalk, WeCom): each with its own outbox entry. */
  robots: Robots.optional(),
});
export type Office = z.infer<typeof Office>;

export const CalendarSchema = z
  .object({
    id: Id,
    title: Title,
    /** A base calendar (e.g. national observances): extended by others, never scheduled on its own. */
    abstract: z.boolean().default(false),
    organisation: z.object({
      name: z.string().min(1),
      timeZone: TimeZone.default('Asia/Shanghai'),
    }),
    document: z
      .object({
        title: z.string().min(1),
        issuer: z.string().optional(),
        url: z.url().optional(),
        date: CivilDateString.optional(),
      })
      .optional(),
    /**
     * This file is one year's plan of a bureau: `of` names the bureau's standing calendar (offices,
     * inherited duties, recurring duties), `year` the plan's year. Its tasks are layered onto the standing
     * calendar in that year (a task with an inherited id replaces it; `exclude` drops one that year); it
     * declares no offices of its own.
     */
    planOf: z.object({ calendar: Id, year: z.int().min(2000).max(2100) }).optional(),
    /** The years this plan applies to; absent means every year. */
    years: z
      .object({ from: z.int().min(2000).max(2100), to: z.int().min(2000).max(2100).optional() })
      .refine((y) => y.to === undefined || y.to >= y.from, { message: 'to must not be before from', path: ['to'] })
      .optional(),
    offices: z.array(Office).default([]),
    policyOffice: Id.optional(),
    extends: z.array(Id).default([]),
    /** Tasks inherited from the calendars this one extends that do not apply here. */
    exclude: z.array(Id).default([]),
    defaults: z
      .object({
        reminders: ReminderLeads.default([7, 1]),
        graceDays: z.int().min(0).max(366).default(0),
        shiftDue: ShiftDue.default('none'),
        prepareDays: z.int().min(0).max(60).default(10),
      })
      .prefault({}),
    tasks: z.array(Task).default([]),
  })
  .superRefine((calendar, ctx) => {
    if (calendar.planOf) {
      if (calendar.offices.length > 0) ctx.addIssue({ code: 'custom', path: ['offices'], message: `a year's plan uses its bureau's offices: declare them once, in ${calendar.planOf.calendar}` });
      if (calendar.extends.length > 0) ctx.addIssue({ code: 'custom', path: ['extends'], message: `a year's plan extends its bureau (planOf.calendar); put extends in ${calendar.planOf.calendar}` });
      if (calendar.policyOffice !== undefined) ctx.addIssue({ code: 'custom', path: ['policyOffice'], message: `the policy office is the bureau's: set it in ${calendar.planOf.calendar}` });
      if (calendar.abstract) ctx.addIssue({ code: 'custom', path: ['abstract'], message: "a year's plan is not abstract" });
      if (calendar.years) ctx.addIssue({ code: 'custom', path: ['years'], message: "a year's plan has one year: planOf.year" });
      return;
    }
    if (!calendar.abstract && calendar.offices.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['offices'], message: 'a calendar that is not abstract needs at least one office' });
    }
    if (!calendar.abstract && calendar.policyOffice === undefined) {
      ctx.addIssue({ code: 'custom', path: ['policyOffice'], message: 'name the policy office (政策法规处) by its office id' });
    }
  });

export type Calendar = z.infer<typeof CalendarSchema>;
export type CalendarInput = z.input<typeof CalendarSchema>;

/** A typed helper for calendar files; the export is still validated at load time. */
export function defineCalendar(calendar: CalendarInput): CalendarInput {
  return calendar;
}
