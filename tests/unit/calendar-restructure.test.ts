/**
 * Each bureau became one standing calendar with year plans layered on it (planOf). This test proves the
 * restructure kept every occurrence the committed calendars compiled to before it, apart from the
 * changes listed below, each with its reason.
 *
 * "Before" is tests/fixtures/calendar-previews-before-bureaus.json: `fazhi preview --calendar <plan>
 * --year <year> --json` of every (calendar, year) the calendars had, taken at the commit the file names.
 * Occurrence ids now carry the bureau's id (`suzhou-kjj-2025/…` became `suzhou-kjj/…`): that is applied
 * to "before" first, and so is the one office id that was merged (below); everything else is listed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { occurrenceJson } from '../../functions/cli/commands/preview.js';
import { committedCatalog, committedPlan } from '../support/catalog.js';

type Preview = ReturnType<typeof occurrenceJson>;
type Field = keyof Preview;

const SNAPSHOT = JSON.parse(readFileSync(new URL('../fixtures/calendar-previews-before-bureaus.json', import.meta.url), 'utf8')) as {
  commit: string;
  previews: Record<string, Preview[]>;
};

/** The plans that were calendars of their own, the bureau each now belongs to, and office ids merged into one. */
const PLANS: Record<string, { bureau: string; offices?: Record<string, string> }> = {
  'suzhou-kjj-2024': { bureau: 'suzhou-kjj' },
  // 社会发展科技处 had one id in each Suzhou plan (social-dev in 2024, socialdev in 2025); the bureau declares it once.
  'suzhou-kjj-2025': { bureau: 'suzhou-kjj', offices: { socialdev: 'social-dev' } },
  'gaotai-kjj-2025': { bureau: 'gaotai-kjj' },
  'zhangjiagang-kjj-2023': { bureau: 'zhangjiagang-kjj' },
  'zhangdian-kjj-2025': { bureau: 'zhangdian-kjj' },
};

/** An intended difference. Ids are after the rename of calendar (and merged office) ids. */
type Change =
  /** New occurrences. */
  | { reason: string; added: string[] }
  /** Occurrences that are gone. */
  | { reason: string; removed: string[] }
  /**
   * An occurrence now under another id (old → new): task, office and period follow the new id; `fields`
   * are the other values that change (exactly). `national`: it is cn-national's task of that id now, so
   * its evidence, legal basis and source are that task's, and its reminders and last day follow its due date.
   */
  | { reason: string; moved: Record<string, string>; fields?: Partial<Preview>; national?: true }
  /** Same id, these fields change to exactly these values (and `national` as above). */
  | { reason: string; changed: string[]; fields: Partial<Preview>; national?: true };

// ── reasons shared by several bureaus ─────────────────────────────────────────────────────────────────
const CROSS_YEAR = 'cross-year duty (reportingYear: previous): the 法治政府建设 report due in this year, and its publication, are on the year before, so their period is that year';
const NATIONAL_NEW =
  "new statutory or national duty in cn-national: 政府信息公开工作年度报告 on the year before (due 01-31), 全民国家安全教育日 (04-15), 全民国防教育日 (third Saturday of September), the year's 普法工作计划 (03-31, provisional)";
const NATIONAL_LIST = "the 普法责任清单 is cn-national's pufa-responsibility-list now: one rule for every bureau (deadline 03-31, provisional: the date is an assumption)";
const LIST_FIELDS = (year: number): Partial<Preview> => ({
  title: '制定本年度“谁执法谁普法”普法责任清单',
  kind: 'deadline',
  opens: `${year}-01-01`,
  due: `${year}-03-31`,
  provisional: true,
  provisionalReasons: ['task not confirmed'],
});
const TARGET = "a figure copied from last year's report (or chosen by the calendar), not required by the plan: a target, shown as progress but never reminded or overdue";
const AS_TARGET: Partial<Preview> = { kind: 'target', reminders: [] };

const nationalNew = (bureau: string, policy: string, year: number, defenceDay: string) => [
  `${bureau}/gov-info-disclosure-report/${policy}/${year - 1}`,
  `${bureau}/pufa-plan/${policy}/${year}`,
  `${bureau}/national-security-education-day/${policy}/${year}`,
  `${bureau}/national-defence-education-day/${policy}/${defenceDay}`,
];
const crossYear = (bureau: string, policy: string, year: number) => ({
  [`${bureau}/rule-of-law-report/${policy}/${year}`]: `${bureau}/rule-of-law-report/${policy}/${year - 1}`,
  [`${bureau}/rule-of-law-report-publish/${policy}/${year}`]: `${bureau}/rule-of-law-report-publish/${policy}/${year - 1}`,
});
const each = (tasks: string[], offices: string[], prefix: string, period: string) => tasks.flatMap((task) => offices.map((office) => `${prefix}/${task}/${office}/${period}`));

/** Every intended difference, per (plan, year) of the snapshot. */
const INTENDED: Record<string, Change[]> = {
  'suzhou-kjj-2024 2024': [
    { reason: CROSS_YEAR, moved: crossYear('suzhou-kjj', 'policy', 2024) },
    { reason: NATIONAL_NEW, added: nationalNew('suzhou-kjj', 'policy', 2024, '2024-09-21') },
    { reason: NATIONAL_LIST, moved: { 'suzhou-kjj/responsibility-list/policy/2024': 'suzhou-kjj/pufa-responsibility-list/policy/2024' }, fields: LIST_FIELDS(2024), national: true },
    {
      reason: 'offices are declared once per bureau: the 2025 plan\'s 科技人才处 and 高新技术处 now take part in the tasks every office does (owners "all")',
      added: each(['sci-tech-week', 'safety-month', 'science-popularisation', 'constitution-week', 'enforcement-publicity', 'evidence-materials'], ['talent', 'hightech'], 'suzhou-kjj', '2024'),
    },
    {
      reason: 'offices are declared once per bureau: the personnel office is named as in the 2025 plan (组织人事处, after the 机构改革 the report mentions), not 人事处',
      changed: [
        ...each(['sci-tech-week', 'safety-month', 'science-popularisation', 'constitution-week', 'enforcement-publicity', 'evidence-materials'], ['personnel'], 'suzhou-kjj', '2024'),
        'suzhou-kjj/pre-appointment-exam/personnel/2024',
        'suzhou-kjj/staff-law-exam/personnel/2024',
      ],
      fields: { officeName: '组织人事处' },
    },
    {
      reason: 'an "after" of 0 days collapsed the Constitution Week to its last day (12-07), leaving 国家宪法日 12-04 outside: it now spans the whole week (opens + 6 days)',
      changed: ['suzhou-kjj/constitution-oath-quiz/policy/2024'],
      fields: { opens: '2024-12-01' },
    },
  ],
  'suzhou-kjj-2025 2025': [
    { reason: CROSS_YEAR, moved: crossYear('suzhou-kjj', 'policy', 2025) },
    { reason: NATIONAL_NEW, added: nationalNew('suzhou-kjj', 'policy', 2025, '2025-09-20') },
    { reason: NATIONAL_LIST, moved: { 'suzhou-kjj/responsibility-list/policy/2025': 'suzhou-kjj/pufa-responsibility-list/policy/2025' }, fields: LIST_FIELDS(2025), national: true },
    {
      reason: 'the yearly 普法工作总结 the Suzhou 普法 plan asks for ("及时总结，做好考评") is a standing, cross-year duty: the summary on 2024 is due 2025-01-31 (date assumed, provisional)',
      added: ['suzhou-kjj/pufa-summary/policy/2024'],
    },
    {
      reason: 'the 2025 plan was published on 2025-02-12, after the Spring Festival (01-29): a pre-festival inspection window of 01-06…01-27 cannot be part of it; the standing duty applies from 2026',
      removed: ['suzhou-kjj/safety-inspection-spring-festival/office/2025'],
    },
    {
      reason: 'offices are declared once per bureau: the 2024 plan\'s 发展计划处, 机关党委 and 直属单位 now take part in the tasks every office does (owners "all")',
      added: each(['sci-tech-week', 'safety-month', 'science-popularisation', 'constitution-week'], ['planning', 'party', 'affiliates'], 'suzhou-kjj', '2025'),
    },
    {
      reason: TARGET,
      changed: [
        'suzhou-kjj/leadership-law-education/office/2025',
        'suzhou-kjj/leadership-rule-of-law-meeting/office/2025',
        'suzhou-kjj/staff-law-training/policy/2025',
        'suzhou-kjj/xi-rule-of-law-study/office/2025',
        'suzhou-kjj/training-org-safety-inspection/social-dev/2025',
      ],
      fields: AS_TARGET,
    },
  ],
  'gaotai-kjj-2025 2025': [
    { reason: CROSS_YEAR, moved: crossYear('gaotai-kjj', 'office', 2025) },
    { reason: NATIONAL_NEW, added: nationalNew('gaotai-kjj', 'office', 2025, '2025-09-20') },
    { reason: NATIONAL_LIST, changed: ['gaotai-kjj/pufa-responsibility-list/office/2025'], fields: LIST_FIELDS(2025), national: true },
    {
      reason: TARGET,
      changed: [
        'gaotai-kjj/leading-group-meetings/office/2025',
        'gaotai-kjj/central-group-law-study/office/2025',
        'gaotai-kjj/staff-law-study/office/2025',
        'gaotai-kjj/law-lectures/office/2025',
        'gaotai-kjj/law-publicity-events/popularisation/2025',
      ],
      fields: AS_TARGET,
    },
    {
      reason: 'a recurring duty of the standing calendar names no year in its title (it was "2025年度")',
      changed: ['gaotai-kjj/leader-study-plan/office/2025'],
      fields: { title: '制定本局本年度领导干部学法计划' },
    },
  ],
  'zhangjiagang-kjj-2023 2023': [
    { reason: CROSS_YEAR, moved: crossYear('zhangjiagang-kjj', 'office', 2023) },
    { reason: NATIONAL_NEW, added: nationalNew('zhangjiagang-kjj', 'office', 2023, '2023-09-16') },
    {
      reason: 'obligation not covered before: 重大行政决策程序 (公众参与、专家论证、风险评估、合法性审查、集体讨论), which the report describes as followed every year',
      added: ['zhangjiagang-kjj/major-decision-procedure/office/2023'],
    },
    { reason: NATIONAL_LIST, changed: ['zhangjiagang-kjj/pufa-responsibility-list/office/2023'], fields: LIST_FIELDS(2023), national: true },
    {
      reason: TARGET,
      changed: ['zhangjiagang-kjj/party-group-rule-of-law-meeting/office/2023', 'zhangjiagang-kjj/online-law-publicity/office/2023', 'zhangjiagang-kjj/innovation-express/service/2023'],
      fields: AS_TARGET,
    },
  ],
  'zhangdian-kjj-2025 2025': [
    { reason: CROSS_YEAR, moved: crossYear('zhangdian-kjj', 'office', 2025) },
    { reason: NATIONAL_NEW, added: nationalNew('zhangdian-kjj', 'office', 2025, '2025-09-20') },
    {
      reason: "obligation not covered before: the standardised review of every item of the bureau's 权责清单 (标准化手册), reviewed once a year",
      added: ['zhangdian-kjj/power-list-standardisation/office/2025'],
    },
    { reason: NATIONAL_LIST, changed: ['zhangdian-kjj/pufa-responsibility-list/office/2025'], fields: LIST_FIELDS(2025), national: true },
    {
      reason: TARGET,
      changed: [
        'zhangdian-kjj/xi-thought-study/office/2025',
        'zhangdian-kjj/party-regulation-study/party/2025',
        'zhangdian-kjj/key-date-publicity/popularisation/2025',
        'zhangdian-kjj/enterprise-visits/enterprise/2025',
      ],
      fields: AS_TARGET,
    },
  ],
};

/** "Before" with the bureau's calendar id (and merged office ids) in place of the plan's. */
function renamed(plan: string, occurrence: Preview): Preview {
  const { bureau, offices = {} } = PLANS[plan]!;
  const office = offices[occurrence.office] ?? occurrence.office;
  return { ...occurrence, calendar: bureau, office, id: `${bureau}/${occurrence.task}/${office}/${occurrence.period}` };
}

/** What "before" becomes under an intended change: the expected "after". */
function expected(before: Preview, newId: string, fields: Partial<Preview> = {}): Preview {
  const [calendar, task, office, period] = newId.split('/') as [string, string, string, string];
  return { ...before, id: newId, calendar, task, office, period, ...fields };
}

/** The fields in which two occurrences differ. */
function differing(a: Preview, b: Preview): Field[] {
  return (Object.keys({ ...a, ...b }) as Field[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

describe('restructure into standing calendars and year plans', () => {
  it(`the snapshot is the previews of every committed (calendar, year) at ${SNAPSHOT.commit.slice(0, 7)}`, () => {
    expect(Object.keys(SNAPSHOT.previews).sort()).toEqual(Object.keys(INTENDED).sort());
    expect(SNAPSHOT.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  for (const key of Object.keys(INTENDED)) {
    it(`${key}: today's compile is the snapshot except for the listed changes`, async () => {
      const [plan, yearText] = key.split(' ') as [string, string];
      const national = (await committedCatalog()).registry.get('cn-national')!.calendar;
      const before = new Map(SNAPSHOT.previews[key]!.map((o) => renamed(plan, o)).map((o) => [o.id, o]));
      const after = new Map((await committedPlan(plan, Number(yearText))).occurrences.map(occurrenceJson).map((o) => [o.id, o]));
      const accountedBefore = new Set<string>();
      const accountedAfter = new Set<string>();
      const claim = (set: Set<string>, id: string) => {
        expect(set.has(id), `${id} is listed twice`).toBe(false);
        set.add(id);
      };

      for (const change of INTENDED[key]!) {
        if ('added' in change) {
          for (const id of change.added) {
            expect(before.has(id), `${id} (added: ${change.reason}) existed before`).toBe(false);
            expect(after.has(id), `${id} (added: ${change.reason}) is not compiled`).toBe(true);
            claim(accountedAfter, id);
          }
        } else if ('removed' in change) {
          for (const id of change.removed) {
            expect(before.has(id), `${id} (removed) did not exist`).toBe(true);
            expect(after.has(id), `${id} (removed: ${change.reason}) is still compiled`).toBe(false);
            claim(accountedBefore, id);
          }
        } else {
          const pairs = 'moved' in change ? Object.entries(change.moved) : change.changed.map((id) => [id, id] as const);
          for (const [oldId, newId] of pairs) {
            const old = before.get(oldId);
            const now = after.get(newId);
            expect(old, `${oldId} did not exist`).toBeDefined();
            expect(now, `${newId} (${change.reason}) is not compiled`).toBeDefined();
            let want = expected(old!, newId, change.fields);
            const derived = new Set<Field>();
            if (change.national) {
              const task = national.tasks.find((t) => t.id === now!.task)!;
              want = { ...want, evidence: task.evidence.map(({ kind, count, note }) => ({ kind, count, ...(note ? { note } : {}) })), legalBasis: task.legalBasis, source: task.source };
              derived.add('reminders').add('overdueAfter');
            }
            const unexpected = differing(want, now!).filter((field) => !derived.has(field));
            expect(unexpected, `${newId}: fields not in the list of changes (${change.reason})`).toEqual([]);
            claim(accountedBefore, oldId);
            claim(accountedAfter, newId);
          }
        }
      }

      // Everything else is the same occurrence, field for field.
      for (const [id, old] of before) {
        if (accountedBefore.has(id)) continue;
        expect(after.has(id), `${id} disappeared without a listed reason`).toBe(true);
        expect(after.get(id), id).toEqual(old);
        accountedAfter.add(id);
      }
      expect(
        [...after.keys()].filter((id) => !accountedAfter.has(id)),
        'occurrences added without a listed reason',
      ).toEqual([]);
    });
  }
});
