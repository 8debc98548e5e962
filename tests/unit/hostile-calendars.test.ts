/**
 * Hostile calendar input. Every file in tests/fixtures/hostile-calendars is malformed in one way (each is
 * tests/fixtures/hostile-root/hostile-control.yaml, or no calendar at all, broken once): `fazhi validate` must
 * exit 1 with a line `file: field.path: message` naming that one way, and `fazhi sync` must refuse before it
 * creates a store, so that nothing reaches the table.
 */
import { readdirSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, runCliWithEnv } from '../support/run-cli.js';

const HOSTILE = 'tests/fixtures/hostile-calendars';
/** What the hostile files may extend (hostile-base) and the valid calendar they are made from (hostile-control). */
const ROOT = 'tests/fixtures/hostile-root';

interface Expected {
  /** The dotted field path as printed ('' prints as "(root)": the file as a whole). */
  path: string;
  message: string;
  /** Whether `message` is the whole message or only its start (where the wording is Node's). */
  whole: boolean;
}
const exact = (path: string, message: string): Expected => ({ path, message, whole: true });
const starts = (path: string, message: string): Expected => ({ path, message, whole: false });

const RRULE_SUB_DAILY = 'sub-daily rules (FREQ=HOURLY/MINUTELY/SECONDLY, BYHOUR, BYMINUTE, BYSECOND) are not supported: reminders are per day';
const ID_RULE = 'must be lowercase letters, digits and dashes (e.g. "policy-office")';

/** Each hostile file and the one problem it must be reported with. */
const EXPECTED: Record<string, Expected> = {
  'abstract-office-owners.yaml': exact('tasks.0.owners', 'an abstract calendar has no offices: use "all" or "policy"'),
  'abstract-string.yaml': exact('abstract', 'Invalid input: expected boolean, received string'),
  'after-bad-anchor.yaml': exact('tasks.1.schedule.anchor', 'Invalid option: expected one of "opens"|"due"'),
  'after-cycle.ts': exact('tasks.0.schedule.task', 'task "lecture" follows itself through "after" references'), // and tasks.1 (ALSO below)
  'after-missing-within.yaml': exact('tasks.1.schedule.withinDays', 'required field is missing'),
  'after-self.yaml': exact('tasks.1.schedule.task', 'task "summary" follows itself through "after" references'),
  'after-traversal-task.yaml': exact('tasks.1.schedule.task', ID_RULE),
  'after-unknown-task.yaml': exact('tasks.1.schedule.task', 'unknown task "lectur"'),
  'after-within-400.json': exact('tasks.1.schedule.withinDays', 'Too big: expected number to be <=366'),
  'alias-bomb.yaml': exact('', 'cannot be read: Excessive alias count indicates a resource exhaustion attack'),
  'annual-bad-due.ts': exact('tasks.0.schedule.due', 'day 32 does not exist in month 12'),
  'annual-opens-after-due.yaml': exact('tasks.0.schedule.opens', 'opens must not be after due'),
  'bad-email.yaml': exact('offices.1.emails.0', 'Invalid email address'),
  'bad-evidence-kind.yaml': exact('tasks.0.evidence.0.kind', 'Invalid option: expected one of "photo"|"video"|"sign-in-sheet"|"minutes"|"article-link"|"screenshot"|"document"|"report"|"certificate"'),
  'bad-head-email.yaml': exact('offices.0.headEmail', 'Invalid email address'),
  'bad-shift-due.yaml': exact('tasks.0.shiftDue', 'Invalid option: expected one of "none"|"previous-working-day"|"next-working-day"'),
  'bad-time-zone.yaml': exact('organisation.timeZone', '"Asia/Beijing" is not an IANA time zone (e.g. "Asia/Shanghai")'),
  'broken-syntax.yaml': exact('', 'cannot be read: Flow map in block collection must be sufficiently indented and end with a } at line 5, column 1:'),
  'deadline-missing-due.ts': exact('tasks.0.schedule.due', 'required field is missing'),
  'deadline-opens-after-due.yaml': exact('tasks.0.schedule.opens', 'opens must not be after due'),
  'deadline-years-bad-due.yaml': exact('tasks.0.schedule.years.2025.due', '"2025-13-01" is not a real date in the form "YYYY-MM-DD"'),
  'defaults-bad-shift.yaml': exact('defaults.shiftDue', 'Invalid option: expected one of "none"|"previous-working-day"|"next-working-day"'),
  'defaults-empty-reminders.json': exact('defaults.reminders', 'Too small: expected array to have >=1 items'),
  'defaults-negative-grace.yaml': exact('defaults.graceDays', 'Too small: expected number to be >=0'),
  'document-bad-date.yaml': exact('document.date', '"2025-02-30" is not a real date in the form "YYYY-MM-DD"'),
  'document-bad-url.yaml': exact('document.url', 'Invalid URL'),
  'duplicate-key.yaml': exact('', 'cannot be read: Map keys must be unique at line 4, column 1:'),
  'duplicate-office-id.yaml': exact('offices.1.id', 'duplicate office id "policy"'),
  'duplicate-task-id.yaml': exact('tasks.1.id', 'duplicate task id "study"'),
  'email-header-injection.json': exact('offices.1.emails.0', 'Invalid email address'),
  'emails-string.yaml': exact('offices.1.emails', 'Invalid input: expected array, received string'),
  'empty-emails.yaml': exact('offices.1.emails', 'Too small: expected array to have >=1 items'),
  'empty-legal-basis.yaml': exact('tasks.0.legalBasis.0', 'Too small: expected string to have >=1 characters'),
  'empty-title.json': exact('title', 'Too small: expected string to have >=1 characters'),
  'empty.json': exact('', 'cannot be read: Unexpected end of JSON input'),
  'empty.yaml': exact('', 'Invalid input: expected object, received null'),
  'evidence-count-fraction.json': exact('tasks.0.evidence.0.count', 'Invalid input: expected int, received number'),
  'evidence-count-zero.yaml': exact('tasks.0.evidence.0.count', 'Too small: expected number to be >=1'),
  'evidence-object.json': exact('tasks.0.evidence', 'Invalid input: expected array, received object'),
  'exclude-unknown.yaml': exact('exclude.0', 'no inherited task "constitution-dai" to exclude'),
  'extends-self.yaml': exact('extends', 'calendars extend each other in a cycle: extends-self → extends-self'),
  'extends-string.yaml': exact('extends', 'Invalid input: expected array, received string'),
  'extends-traversal.yaml': exact('extends.0', ID_RULE),
  'extends-unknown.yaml': exact('extends.0', 'unknown calendar "cn-nationl" (known: extends-unknown, hostile-base, hostile-control)'),
  'fixed-apr-31.ts': exact('tasks.0.schedule.date', 'day 31 does not exist in month 04'),
  'fixed-bad-format.yaml': exact('tasks.0.schedule.date', '"4-1" is not a month-day in the form "MM-DD"'),
  'fixed-date-number.json': exact('tasks.0.schedule.date', 'Invalid input: expected string, received number'),
  'fixed-day-00.yaml': exact('tasks.0.schedule.date', 'day 00 does not exist in month 05'),
  'fixed-feb-30.yaml': exact('tasks.0.schedule.date', 'day 30 does not exist in month 02'),
  'fixed-full-date.yaml': exact('tasks.0.schedule.date', '"2025-12-04" is not a month-day in the form "MM-DD"'),
  'fixed-month-00.json': exact('tasks.0.schedule.date', 'month 00 does not exist (months are 01–12)'),
  'fixed-month-13.yaml': exact('tasks.0.schedule.date', 'month 13 does not exist (months are 01–12)'),
  'fixed-years-bad-date.yaml': exact('tasks.0.schedule.years.2025', '"2025-02-30" is not a real date in the form "YYYY-MM-DD"'),
  'fixed-years-bad-key.yaml': exact('tasks.0.schedule.years.25', 'year keys must be four digits, e.g. "2025"'),
  'id-mismatch.yaml': exact('id', 'calendar id "another-calendar" must match the file name "id-mismatch"'),
  'list-root.yaml': exact('', 'Invalid input: expected object, received array'),
  'long-title.json': exact('tasks.0.title', 'a title has at most 200 characters (put the rest in description or source)'),
  'missing-organisation.yaml': exact('organisation', 'required field is missing'),
  'missing-policy-office.yaml': exact('policyOffice', 'name the policy office (政策法规处) by its office id'),
  'missing-schedule.yaml': exact('tasks.0.schedule', 'required field is missing'),
  'missing-title.yaml': exact('title', 'required field is missing'),
  'negative-grace-days.yaml': exact('tasks.0.graceDays', 'Too small: expected number to be >=0'),
  'negative-reminder.yaml': exact('tasks.0.reminders.1', 'Too small: expected number to be >=0'),
  'no-offices.yaml': exact('offices', 'a calendar that is not abstract needs at least one office'),
  'null.json': exact('', 'Invalid input: expected object, received null'),
  'office-id-bidi.json': exact('offices.1.id', ID_RULE),
  'office-id-empty.yaml': exact('offices.1.id', ID_RULE),
  'office-id-slash.yaml': exact('offices.1.id', ID_RULE),
  'office-id-space.yaml': exact('offices.1.id', ID_RULE),
  'office-missing-name.yaml': exact('offices.1.name', 'required field is missing'),
  'offices-object.json': exact('offices', 'Invalid input: expected array, received object'),
  'organisation-string.yaml': exact('organisation', 'Invalid input: expected object, received string'),
  'owners-empty-list.yaml': exact('tasks.0.owners', 'Too small: expected array to have >=1 items'),
  'owners-unknown-word.yaml': exact('tasks.0.owners', 'must be "all", "policy" or a non-empty list of office ids'),
  'provisional-string.yaml': exact('tasks.0.provisional', 'Invalid input: expected boolean, received string'),
  'quota-bad-per.yaml': exact('tasks.0.schedule.per', 'Invalid option: expected one of "year"|"half-year"|"quarter"|"month"'),
  'quota-min-fractional.json': exact('tasks.0.schedule.min', 'Invalid input: expected int, received number'),
  'quota-min-huge.json': exact('tasks.0.schedule.min', 'Too big: expected int to be <=9007199254740991'),
  'quota-min-negative.yaml': exact('tasks.0.schedule.min', 'Too small: expected number to be >=1'),
  'quota-min-string.json': exact('tasks.0.schedule.min', 'Invalid input: expected number, received string'),
  'quota-min-zero.yaml': exact('tasks.0.schedule.min', 'Too small: expected number to be >=1'),
  'quota-years-min-zero.yaml': exact('tasks.0.schedule.years.2025.min', 'Too small: expected number to be >=1'),
  'reminder-string.json': exact('tasks.0.reminders.0', 'Invalid input: expected number, received string'),
  'reminder-too-far.yaml': exact('tasks.0.reminders.0', 'Too big: expected number to be <=366'),
  'rrule-bad-weekday.yaml': exact('tasks.0.schedule.rule', 'not a valid RRULE: BYDAY takes MO, TU, WE, TH, FR, SA, SU, optionally numbered (1MO, -1FR)'),
  'rrule-byhour.yaml': exact('tasks.0.schedule.rule', RRULE_SUB_DAILY),
  'rrule-no-anchor.yaml': exact('tasks.0.schedule.anchor', 'this rule counts from its start (INTERVAL, COUNT, or no BY-part fixing the day): give the date it starts from as anchor, YYYY-MM-DD'),
  'renamed-from-live-task.yaml': exact('tasks.1.renamedFrom.0', '"study" is still a task of this calendar; renamedFrom names ids no task has any more'),
  'rrule-byminute.yaml': exact('tasks.0.schedule.rule', RRULE_SUB_DAILY),
  'rrule-bymonth-13.json': exact('tasks.0.schedule.rule', 'not a valid RRULE: BYMONTH=13 is outside 1…12'),
  'rrule-bymonthday-40.yaml': exact('tasks.0.schedule.rule', 'not a valid RRULE: BYMONTHDAY=40 is outside -31…31 (0 excluded)'),
  'rrule-bysecond.yaml': exact('tasks.0.schedule.rule', RRULE_SUB_DAILY),
  'rrule-count-zero.yaml': exact('tasks.0.schedule.rule', 'not a valid RRULE: COUNT must be a whole number of at least 1, not 0'),
  'rrule-dtstart.yaml': exact('tasks.0.schedule.rule', 'give the rule without DTSTART/TZID; put the date it counts from in `anchor` (YYYY-MM-DD)'),
  'rrule-empty.json': exact('tasks.0.schedule.rule', 'not a valid RRULE: FREQ is required (YEARLY, MONTHLY, WEEKLY or DAILY)'),
  'rrule-hourly.yaml': exact('tasks.0.schedule.rule', RRULE_SUB_DAILY),
  'rrule-interval-zero.yaml': exact('tasks.0.schedule.rule', 'not a valid RRULE: INTERVAL must be a whole number of at least 1, not 0'),
  'rrule-minutely.json': exact('tasks.0.schedule.rule', RRULE_SUB_DAILY),
  'rrule-negative-lead.yaml': exact('tasks.0.schedule.leadDays', 'Too small: expected number to be >=0'),
  'rrule-no-freq.yaml': exact('tasks.0.schedule.rule', 'not a valid RRULE: FREQ is required (YEARLY, MONTHLY, WEEKLY or DAILY)'),
  'rrule-not-a-rule.yaml': exact('tasks.0.schedule.rule', "not a valid RRULE: Unknown RRULE property 'the last day of every month'"),
  'rrule-rule-number.json': exact('tasks.0.schedule.rule', 'Invalid input: expected string, received number'),
  'rrule-secondly.ts': exact('tasks.0.schedule.rule', RRULE_SUB_DAILY),
  'rrule-unknown-freq.yaml': exact('tasks.0.schedule.rule', 'not a valid RRULE: FREQ=FORTNIGHTLY is not a frequency (YEARLY, MONTHLY, WEEKLY or DAILY)'),
  'task-empty-title.yaml': exact('tasks.0.title', 'Too small: expected string to have >=1 characters'),
  'task-id-control.json': exact('tasks.0.id', ID_RULE),
  'task-id-hash.ts': exact('tasks.0.id', ID_RULE),
  'task-id-number.yaml': exact('tasks.0.id', 'Invalid input: expected string, received number'),
  'task-id-traversal.yaml': exact('tasks.0.id', ID_RULE),
  'task-id-zero-width.json': exact('tasks.0.id', ID_RULE),
  'task-missing-source.yaml': exact('tasks.0.source', 'required field is missing'),
  'tasks-object.json': exact('tasks', 'Invalid input: expected array, received object'),
  'trailing-comma.json': starts('', 'cannot be read: Expected double-quoted property name in JSON'),
  'ts-default-function.ts': exact('', 'Invalid input: expected object, received function'),
  'ts-default-string.ts': exact('', 'Invalid input: expected object, received string'),
  'ts-no-default.ts': exact('', 'cannot be read: the file has no default export (export default defineCalendar({...}))'),
  'ts-throws.ts': exact('', 'cannot be read: calendar generator failed: plan document not found'),
  'unknown-owner.ts': exact('tasks.0.owners.1', 'unknown office "science" (offices: policy, office)'),
  'unknown-policy-office.yaml': exact('policyOffice', 'unknown office "legal" (offices: policy, office)'),
  'unknown-schedule-kind.yaml': exact('tasks.0.schedule.kind', "Invalid discriminator value. Expected 'fixed' | 'window' | 'deadline' | 'quota' | 'target' | 'annual' | 'rrule' | 'after'"),
  'Upper-Case-Id.yaml': exact('id', ID_RULE),
  'window-announced-string.yaml': exact('tasks.0.schedule.announced', 'Invalid input: expected boolean, received string'),
  'window-closes-before-opens.yaml': exact('tasks.0.schedule.closes', 'closes must not be before opens (a window lies within one year)'),
  'window-missing-closes.json': exact('tasks.0.schedule.closes', 'required field is missing'),
  'window-years-reversed.yaml': exact('tasks.0.schedule.years.2025.closes', 'closes must not be before opens'),
  'years-after-2100.json': exact('years.to', 'Too big: expected number to be <=2100'),
  'years-before-2000.yaml': exact('years.from', 'Too small: expected number to be >=2000'),
  'years-fractional.yaml': exact('years.from', 'Invalid input: expected int, received number'),
  'years-reversed.yaml': exact('years.to', 'to must not be before from'),
  'years-string.json': exact('years.from', 'Invalid input: expected number, received string'),
};
/** The files with a second problem by design: a cycle of two "after" tasks is reported on both. */
const ALSO: Record<string, Expected[]> = {
  'after-cycle.ts': [exact('tasks.1.schedule.task', 'task "summary" follows itself through "after" references')],
};

const files = readdirSync(HOSTILE).sort();

/** Asserts that `err` reports exactly the expected problems of `name`, printed under `label`. */
function expectProblems(err: string, label: string, name: string): void {
  const expected = [EXPECTED[name], ...(ALSO[name] ?? [])];
  expect(expected[0], `no expectation for ${name}`).toBeDefined();
  const lines = err.split('\n').filter((line) => line.startsWith(`${label}: `));
  expect(lines, err).toHaveLength(expected.length);
  expected.forEach((e, index) => {
    const want = `${label}: ${e!.path || '(root)'}: ${e!.message}`;
    if (e!.whole) expect(lines[index]).toBe(want);
    else expect(lines[index]?.startsWith(want), `${lines[index]} should start with ${want}`).toBe(true);
  });
}

describe('fazhi validate on hostile calendars', () => {
  it('has at least 50 of them, each with its expected problem listed here', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(new Set(files.map((f) => f.split('.').pop()))).toEqual(new Set(['yaml', 'json', 'ts']));
  });

  it('accepts the calendar they are made from, so each fails only for its own defect', async () => {
    const { code, out, err } = await runCli('validate', '--root', ROOT);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('2 file(s) valid');
  });

  it.each(files)('%s: exits 1 naming the file and the field', async (name) => {
    const label = `${HOSTILE}/${name}`;
    const { code, out, err } = await runCli('validate', label, '--root', ROOT);
    expect(code).toBe(1);
    expect(out).toBe('');
    expectProblems(err, label, name);
    const count = 1 + (ALSO[name]?.length ?? 0);
    expect(err.trimEnd().split('\n').at(-1)).toBe(`${count} problem(s) in 1 of 1 file(s)`);
  });
});

describe('fazhi sync with a hostile calendar', () => {
  /** Every request the "DynamoDB endpoint" receives; it answers each with ResourceNotFoundException. */
  const requests: string[] = [];
  let server: Server;
  let env: NodeJS.ProcessEnv;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url} ${request.headers['x-amz-target'] ?? ''}`);
      request.resume();
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'recording server: no table here' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    env = { TABLE_NAME: 'fazhi-hostile-test', DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`, AWS_REGION: 'ap-southeast-1' };
  });
  beforeEach(() => {
    requests.length = 0;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** A calendars folder with the hostile root's files and, if named, one hostile file. */
  async function rootWith(name?: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'fazhi-hostile-'));
    dirs.push(dir);
    for (const file of await readdir(ROOT)) await copyFile(join(ROOT, file), join(dir, file));
    if (name) await copyFile(join(HOSTILE, name), join(dir, name));
    return dir;
  }

  it('does reach the recording server when the calendars are valid (so its silence below means nothing was written)', async () => {
    const { code, err } = await runCliWithEnv(env, 'sync', '--root', await rootWith());
    expect(requests.length, err).toBeGreaterThan(0);
    expect(code).toBe(1);
  });

  const SAMPLE = [
    'ts-throws.ts',
    'ts-default-string.ts',
    'unknown-owner.ts',
    'empty.yaml',
    'trailing-comma.json',
    'long-title.json',
    'office-id-bidi.json',
    'quota-min-zero.yaml',
    'rrule-hourly.yaml',
    'window-closes-before-opens.yaml',
    'extends-self.yaml',
    'exclude-unknown.yaml',
    'duplicate-task-id.yaml',
    'after-unknown-task.yaml',
  ];

  it.each(SAMPLE)('%s: exits 1 with the problem and sends nothing to the table', async (name) => {
    expect(files).toContain(name);
    const dir = await rootWith(name);
    const { code, out, err } = await runCliWithEnv(env, 'sync', '--root', dir);
    expect(code).toBe(1);
    expect(out).toBe('');
    expectProblems(err, join(dir, name), name);
    expect(err).toContain('1 problem(s) in 1 of 3 file(s)');
    expect(err).toContain('fazhi sync: nothing written');
    expect(requests).toEqual([]);
  });

  it('reports the calendar problem, not the environment, when TABLE_NAME is missing too', async () => {
    const dir = await rootWith('rrule-hourly.yaml');
    const { code, err } = await runCliWithEnv({}, 'sync', '--root', dir);
    expect(code).toBe(1);
    expectProblems(err, join(dir, 'rrule-hourly.yaml'), 'rrule-hourly.yaml');
    expect(err).not.toContain('TABLE_NAME');
    // With valid calendars, the missing variable is what is reported.
    const valid = await runCliWithEnv({}, 'sync', '--root', await rootWith());
    expect(valid.code).toBe(1);
    expect(valid.err).toContain('TABLE_NAME');
    expect(requests).toEqual([]);
  });
});
