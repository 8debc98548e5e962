/**
 * The policy office's digest: overdue items by office (with days overdue), quotas at risk, what falls
 * due in the next 14 days, and what was submitted since the last digest.
 */
import { addDays, civilDateAt, type CivilDate } from '../civil-date.js';
import { renderHtml, renderText, type Section } from '../email/render.js';
import { daysOverdue, isComplete } from './assess.js';
import { deliverMail, type DeliveryResult } from './outbox.js';
import type { Mailer, Store } from './ports.js';
import { pendingMail, type CalendarMeta, type OccurrenceRecord, type SubmissionRecord } from './records.js';

export const DIGEST_HORIZON_DAYS = 14;

export interface DigestContent {
  calendar: string;
  day: CivilDate;
  overdue: { office: string; officeName: string; items: { id: string; title: string; due: CivilDate; daysOverdue: number; submitted: number; required: number }[] }[];
  atRisk: { id: string; title: string; officeName: string; due: CivilDate; submitted: number; required: number }[];
  dueSoon: { id: string; title: string; officeName: string; due: CivilDate }[];
  submitted: { id: string; title: string; officeName: string; effectiveDate: CivilDate; files: number; createdAt: string; status: string }[];
}

export function digestContent(calendar: CalendarMeta, occurrences: readonly OccurrenceRecord[], submissions: readonly SubmissionRecord[], today: CivilDate): DigestContent {
  const live = occurrences.filter((o) => o.status !== 'cancelled');
  const officeName = (id: string) => calendar.offices.find((o) => o.id === id)?.name ?? id;
  const overdueByOffice = new Map<string, DigestContent['overdue'][number]>();
  for (const o of live.filter((x) => x.status === 'overdue').sort((a, b) => a.due.localeCompare(b.due))) {
    const group = overdueByOffice.get(o.office) ?? { office: o.office, officeName: o.officeName, items: [] };
    group.items.push({ id: o.id, title: o.title, due: o.due, daysOverdue: daysOverdue(o, today), submitted: o.submitted, required: o.required });
    overdueByOffice.set(o.office, group);
  }
  const horizon = addDays(today, DIGEST_HORIZON_DAYS);
  return {
    calendar: calendar.id,
    day: today,
    overdue: [...overdueByOffice.values()].sort((a, b) => b.items.length - a.items.length || a.office.localeCompare(b.office)),
    atRisk: live
      .filter((o) => o.atRiskOn !== null && !isComplete(o) && o.status !== 'overdue' && today <= o.due)
      .map((o) => ({ id: o.id, title: o.title, officeName: o.officeName, due: o.due, submitted: o.submitted, required: o.required })),
    dueSoon: live
      .filter((o) => o.status === 'open' && o.due >= today && o.due <= horizon)
      .sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id))
      .map((o) => ({ id: o.id, title: o.title, officeName: o.officeName, due: o.due })),
    submitted: submissions.map((s) => ({ id: s.occurrenceId, title: s.title, officeName: officeName(s.office), effectiveDate: s.effectiveDate, files: s.files.length, createdAt: s.createdAt, status: s.status })),
  };
}

export function digestMail(calendar: CalendarMeta, content: DigestContent, boardUrl: string) {
  const policy = calendar.offices.find((o) => o.id === calendar.policyOffice);
  const overdueCount = content.overdue.reduce((n, g) => n + g.items.length, 0);
  const subject = `【法治工作周报】${calendar.organisation}：逾期${overdueCount}项，进度落后${content.atRisk.length}项，两周内到期${content.dueSoon.length}项（${content.day}）`;
  const sections: Section[] = [
    {
      heading: '逾期事项（按处室）',
      headers: ['处室', '事项', '截止日期', '逾期天数', '已报送'],
      rows: content.overdue.flatMap((g) => g.items.map((i) => [g.officeName, i.title, i.due, `${i.daysOverdue}天`, `${i.submitted}/${i.required}`])),
      empty: '没有逾期事项。',
    },
    {
      heading: '进度落后的次数要求',
      headers: ['处室', '事项', '截止日期', '已报送'],
      rows: content.atRisk.map((i) => [i.officeName, i.title, i.due, `${i.submitted}/${i.required}`]),
      empty: '没有进度落后的事项。',
    },
    {
      heading: `未来${DIGEST_HORIZON_DAYS}天内到期`,
      headers: ['处室', '事项', '截止日期'],
      rows: content.dueSoon.map((i) => [i.officeName, i.title, i.due]),
      empty: '未来两周没有到期事项。',
    },
    {
      heading: '上次周报以来报送的材料',
      headers: ['处室', '事项', '活动日期', '文件数', '报送时间', '审核'],
      rows: content.submitted.map((s) => [s.officeName, s.title, s.effectiveDate, String(s.files), s.createdAt.slice(0, 16).replace('T', ' '), reviewLabel(s.status)]),
      empty: '上次周报以来没有新报送的材料。',
    },
  ];
  const intro = [`${policy?.name ?? '政策法规处'}：`, `以下是《${calendar.title}》截至${content.day}的执行情况。`, `审核材料与查看全部事项：${boardUrl}`];
  const footer = ['本邮件由法治工作日历系统（fazhi）自动发送。'];
  return {
    to: policy?.emails ?? [],
    cc: [] as string[],
    subject,
    html: renderHtml(subject, intro, sections, footer),
    text: renderText(subject, intro, sections, footer),
  };
}

function reviewLabel(status: string): string {
  return status === 'accepted' ? '已通过' : status === 'rejected' ? '已退回' : '待审核';
}

export interface DigestResult {
  calendar: string;
  mailId: string | null;
  content: DigestContent;
  delivery: DeliveryResult;
}

/**
 * Builds and sends the digest of every calendar. `onDemand` digests get their own id; the weekly one
 * is keyed by day so a retried schedule sends it once.
 */
export interface DigestDeps {
  store: Store;
  mailer: Mailer;
  /** Where the digest sends the policy office to review and see everything. */
  boardUrl: string;
  mailFrom?: string;
}

export async function sendDigests(deps: DigestDeps, now: Date, options: { onDemand?: boolean; calendar?: string } = {}): Promise<DigestResult[]> {
  const results: DigestResult[] = [];
  for (const calendar of await deps.store.listCalendars()) {
    if (options.calendar && calendar.id !== options.calendar) continue;
    const today = civilDateAt(now, calendar.timeZone);
    const occurrences = (await Promise.all(calendar.years.map((y) => deps.store.occurrencesOf(calendar.id, y)))).flat();
    const submissions = (await Promise.all(calendar.years.map((y) => deps.store.submissionsSince(calendar.id, y, calendar.lastDigestAt)))).flat();
    const content = digestContent(calendar, occurrences, submissions, today);
    const mail = digestMail(calendar, content, deps.boardUrl);
    const id = options.onDemand ? `digest#${calendar.id}#${now.toISOString()}` : `digest#${calendar.id}#${today}`;
    const record = pendingMail(
      {
        id,
        kind: 'digest',
        calendar: calendar.id,
        office: calendar.policyOffice,
        day: today,
        ...mail,
        occurrenceIds: [],
      },
      now,
    );
    const committed = mail.to.length > 0 && (await deps.store.commitMail(record, []));
    if (committed) await deps.store.setLastDigestAt(calendar.id, now.toISOString());
    const delivery = committed ? await deliverMail(deps.store, deps.mailer, id, now, deps.mailFrom) : { sent: [], failed: [], skipped: [] };
    results.push({ calendar: calendar.id, mailId: committed ? id : null, content, delivery });
  }
  return results;
}
