import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('fazhi validate', () => {
  it('accepts every committed calendar', async () => {
    const { code, out } = await runCli('validate');
    expect(code).toBe(0);
    expect(out).toMatch(/file\(s\) valid/);
  });

  it('lists every problem of malformed files as file: field: message and exits 1', async () => {
    const { code, err } = await runCli(
      'validate',
      'tests/fixtures/invalid/bad-month.yaml',
      'tests/fixtures/invalid/missing-owner.json',
      'tests/fixtures/invalid/unknown-office.ts',
      'tests/fixtures/invalid/unknown-parent.yaml',
      'tests/fixtures/invalid/wrong-parent.yaml',
      'tests/fixtures/invalid/broken-syntax.json',
    );
    expect(code).toBe(1);
    const lines = err.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'tests/fixtures/invalid/bad-month.yaml: tasks.0.schedule.due: month 13 does not exist (months are 01–12)',
        'tests/fixtures/invalid/missing-owner.json: tasks.0.owners: required field is missing: name the owners ("all", "policy" or a list of office ids)',
        'tests/fixtures/invalid/unknown-office.ts: policyOffice: unknown office "legal" (offices: policy)',
        'tests/fixtures/invalid/unknown-office.ts: tasks.0.owners.1: unknown office "science" (offices: policy)',
        'tests/fixtures/invalid/unknown-office.ts: exclude.0: no inherited task "no-such-national-task" to exclude',
        'tests/fixtures/invalid/unknown-office.ts: tasks.1.schedule.task: unknown task "lectur"',
        'tests/fixtures/invalid/bad-month.yaml: tasks.1.schedule.date: day 31 does not exist in month 04',
        'tests/fixtures/invalid/wrong-parent.yaml: organisation.timeZone: "Asia/Shangai" is not an IANA time zone (e.g. "Asia/Shanghai")',
        'tests/fixtures/invalid/wrong-parent.yaml: offices.0.emails.0: Invalid email address',
      ]),
    );
    expect(lines.some((l) => l.startsWith('tests/fixtures/invalid/broken-syntax.json: (root): cannot be read:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('tests/fixtures/invalid/unknown-parent.yaml: extends.0: unknown calendar "cn-nationl" (known: cn-national,'))).toBe(true);
    expect(lines.at(-1)).toMatch(/problem\(s\) in 6 of 6 file\(s\)/);
  });

  it('reports an unknown parent and duplicate office ids once the schema passes', async () => {
    const { code, err } = await runCli('validate', 'tests/fixtures/invalid/unknown-parent.yaml', '--root', 'tests/fixtures/reference-only');
    expect(code).toBe(1);
    expect(err).toContain('tests/fixtures/invalid/unknown-parent.yaml: extends.0: unknown calendar "cn-nationl"');
    expect(err).toContain('tests/fixtures/invalid/unknown-parent.yaml: offices.1.id: duplicate office id "policy"');
  });

  it('rejects a bad robot: an http webhook, an unknown vendor host, a secret written inline, one robot twice', async () => {
    const file = 'tests/fixtures/bad-robots/bad-robots.yaml';
    const { code, err } = await runCli('validate', file);
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toEqual([
      `${file}: offices.0.robots.0.webhook: a robot webhook must be https, not http`,
      `${file}: offices.0.robots.1.webhook: "qyapi.weixin.example" is not a wecom host (qyapi.weixin.qq.com)`,
      `${file}: offices.1.robots.0.secret: this looks like the secret itself: write the NAME of a secret here, never its value (see calendars/README.md)`,
      `${file}: offices.1.robots.1.webhook: the webhook carries a credential (key): leave it out and put it in the robot's secret (see calendars/README.md)`,
      `${file}: offices.2.robots.1.secret: the wecom robot "science-wecom" is already listed for this office`,
      '5 problem(s) in 1 of 1 file(s)',
    ]);
  });

  it('names a file whose id does not match its name', async () => {
    const { code, err } = await runCli('validate', 'tests/fixtures/misnamed/renamed-calendar.yaml');
    expect(code).toBe(1);
    expect(err).toContain('tests/fixtures/misnamed/renamed-calendar.yaml: id: calendar id "original-name" must match the file name "renamed-calendar"');
  });
});

describe('fazhi preview', () => {
  it('prints a table with Chinese titles', async () => {
    const { code, out } = await runCli('preview', '--calendar', 'suzhou-kjj-2024', '--year', '2024');
    expect(code).toBe(0);
    expect(out).toContain('国家宪法日');
    expect(out).toMatch(/截止\s+开始\s+事项/);
  });

  it('narrows to one office and rejects an unknown one', async () => {
    const { out } = await runCli('preview', '--calendar', 'suzhou-kjj-2024', '--year', '2024', '--office', 'office', '--json');
    const occurrences = JSON.parse(out) as { office: string }[];
    expect(occurrences.length).toBeGreaterThan(12);
    expect(new Set(occurrences.map((o) => o.office))).toEqual(new Set(['office']));
    const unknown = await runCli('preview', '--calendar', 'suzhou-kjj-2024', '--year', '2024', '--office', 'nobody');
    expect(unknown.code).toBe(1);
    // A plan compiles as its bureau: the offices are the bureau's.
    expect(unknown.err).toContain('calendar "suzhou-kjj" has no office "nobody"');
  });

  it('explains an unknown calendar, a year outside the plan or the bureau and a malformed year', async () => {
    expect((await runCli('preview', '--calendar', 'nope', '--year', '2024')).err).toMatch(/unknown calendar "nope"; known calendars: cn-national/);
    // A year plan is for its year only; its bureau runs from its first plan year on.
    expect((await runCli('preview', '--calendar', 'suzhou-kjj-2024', '--year', '2025')).err).toContain('applies to 2024 only, not to 2025');
    expect((await runCli('preview', '--calendar', 'suzhou-kjj', '--year', '2023')).err).toContain('applies to 2024 onwards, not to 2023');
    const badYear = await runCli('preview', '--calendar', 'suzhou-kjj-2024', '--year', '24');
    expect(badYear.code).toBe(2);
    expect(badYear.err).toContain('"24" is not a year between 2000 and 2100');
  });
});

describe('command line errors', () => {
  it('suggests the closest command for an unknown one', async () => {
    const { code, err } = await runCli('preveiw');
    expect(code).toBe(2);
    expect(err).toContain("unknown command 'preveiw'");
    expect(err).toContain('preview');
  });

  it('rejects unknown flags with a hint', async () => {
    const { code, err } = await runCli('preview', '--calendar', 'suzhou-kjj-2024', '--year', '2024', '--jsn');
    expect(code).toBe(2);
    expect(err).toContain("unknown option '--jsn'");
    expect(err).toContain('--json');
  });

  it('prints help for every command', async () => {
    for (const args of [['--help'], ['preview', '--help'], ['ics', '--help'], ['validate', '--help']]) {
      const { code, out } = await runCli(...args);
      expect(code).toBe(0);
      expect(out).toContain('Usage: fazhi');
    }
  });
});

describe('holiday notices under calendars/holidays/', () => {
  it('cover a year the bundled data lacks: its dates stop being provisional', async () => {
    const root = ['--root', 'tests/fixtures/holiday-calendars'];
    expect((await runCli('validate', ...root)).code).toBe(0);
    const { out } = await runCli('preview', '--calendar', 'test-bureau', '--year', '2027', '--json', ...root);
    // Due Monday 2027-02-15, right after the fixture's Spring Festival (02-07…02-14, 02-06 a working Saturday).
    expect(JSON.parse(out)).toMatchObject([{ due: '2027-02-15', reminders: ['2027-02-06'], provisional: false }]);
    const { out: uncovered } = await runCli('preview', '--calendar', 'test-bureau', '--year', '2028', '--json', ...root);
    expect(JSON.parse(uncovered)[0]).toMatchObject({ provisional: true, provisionalReasons: ['no holiday data for 2028: Monday–Friday assumed'] });
  });

  it('name the file and field of every mistake in a notice', async () => {
    const { code, err } = await runCli('validate', '--root', 'tests/fixtures/bad-holidays');
    expect(code).toBe(1);
    expect(err).toContain('tests/fixtures/bad-holidays/holidays/2028.yaml: notice.url: Invalid URL');
    expect(err).toContain('tests/fixtures/bad-holidays/holidays/2028.yaml: notice.publishedOn: "2027-11-31" is not a real date in the form "YYYY-MM-DD"');
    expect(err).toContain('tests/fixtures/bad-holidays/holidays/2028.yaml: holidays.0.to: "to" (2028-01-20) is before "from" (2028-01-28)');
    expect(err).toContain('tests/fixtures/bad-holidays/holidays/2028.yaml: workdays.0.date: 2028-01-26 is a weekday; a make-up working day (调休) is a Saturday or Sunday');
  });
});
