/** A small bureau calendar with per-file unique e-mail addresses, compiled for the integration tests. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import { resolveCalendar } from '../../functions/core/calendar-references.js';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import type { Plan } from '../../functions/core/compile.js';
import { compile } from '../../functions/core/compile.js';
import { registryOf } from './calendars.js';

export interface Bureau {
  calendar: string;
  domain: string;
  email: { policy: string; policyHead: string; science: string; scienceHead: string; office: string };
}

export function bureau(): Bureau {
  const suffix = randomUUID().slice(0, 6);
  const domain = `b${suffix}.example`;
  return {
    calendar: `it-${suffix}`,
    domain,
    email: { policy: `policy@${domain}`, policyHead: `policy-head@${domain}`, science: `science@${domain}`, scienceHead: `science-head@${domain}`, office: `office@${domain}` },
  };
}

type Tasks = NonNullable<CalendarInput['tasks']>;

export const DEFAULT_TASKS: Tasks = [
  {
    id: 'report',
    title: '报送法治宣传材料',
    schedule: { kind: 'deadline', due: '03-14', opens: '03-01' },
    owners: ['science', 'office'],
    reminders: [7, 1],
    evidence: [
      { kind: 'photo', count: 2 },
      { kind: 'sign-in-sheet', count: 1 },
    ],
    legalBasis: ['中华人民共和国法治宣传教育法'],
    source: '请于3月14日前报送。',
  },
  {
    id: 'study',
    title: '集体学法',
    schedule: { kind: 'quota', per: 'year', min: 2 },
    owners: ['science'],
    reminders: [30],
    evidence: [{ kind: 'sign-in-sheet' }, { kind: 'minutes' }],
    legalBasis: ['苏法宣办〔2019〕23号'],
    source: '全年集体学法不少于2次。',
  },
];

export function bureauCalendar(b: Bureau, tasks: Tasks = DEFAULT_TASKS): CalendarInput {
  return {
    id: b.calendar,
    title: '测试局2025年普法工作计划',
    organisation: { name: '测试市科学技术局' },
    offices: [
      { id: 'policy', name: '政策法规处', emails: [b.email.policy], headEmail: b.email.policyHead },
      { id: 'science', name: '社会发展科技处', emails: [b.email.science], headEmail: b.email.scienceHead },
      { id: 'office', name: '办公室', emails: [b.email.office] },
    ],
    policyOffice: 'policy',
    tasks,
  };
}

export function bureauPlan(b: Bureau, year = 2025, tasks: Tasks = DEFAULT_TASKS): Plan {
  const input = bureauCalendar(b, tasks);
  return compile(resolveCalendar(input.id, registryOf(input)), year, bundledWorkingDays());
}

/** Writes plans where the materialise handler reads them (PLANS_FILE). */
export function writePlansFile(plans: Plan[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fazhi-plans-')), 'plans.json');
  writeFileSync(file, JSON.stringify({ generatedAt: new Date().toISOString(), plans }));
  return file;
}

/** 09:00 in Shanghai on a civil date, as the schedule would fire. */
export function nineAm(date: string): string {
  return `${date}T01:00:00.000Z`;
}

/**
 * A plans file kept as the deploy keeps it: every calendar materialised so far stays in it (a calendar
 * missing from the file counts as withdrawn), and writing a bureau's plan again replaces it.
 */
export function plansFileOf(file: string): (plan: Plan) => void {
  const plans = new Map<string, Plan>();
  return (plan) => {
    plans.set(`${plan.calendar}@${plan.year}`, plan);
    writeFileSync(file, JSON.stringify({ generatedAt: new Date().toISOString(), plans: [...plans.values()] }));
  };
}
