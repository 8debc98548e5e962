/**
 * The policy office's digest: a summary table per office (overdue, at risk, due within 14 days,
 * awaiting review), then the details, most urgent first and capped (the board has the rest): overdue
 * items by office with days overdue, quotas at risk, what falls due, and what was submitted since the
 * last digest.
 */
import { addDays, type CivilDate, civilDateAt, isoWeek, localDateTime } from '../civil-date.js';
import { renderHtml, renderText, type Section } from '../email/render.js';
import { REVIEW_LABELS } from '../labels.js';
import { WorkingDays } from '../working-days.js';
import { daysOverdue, isComplete, statusOf } from './assess.js';
import { type DeliveryResult, deliverMail, emptyDelivery } from './outbox.js';
import { missingPlans, missingPlanText } from './plan-warnings.js';
import type { Clock, Mailer, Store } from './ports.js';
import { type CalendarMeta, type OccurrenceRecord, pendingMail, type SubmissionRecord, type SubmissionStatus } from './records.js';

export const DIGEST_HORIZON_DAYS = 14;
/** Detail rows per section; the rest are on the board (the summary table counts them all). */
export const DIGEST_ROWS_PER_SECTION = 30;

export interface DigestContent {
  calendar: string;
  day: CivilDate;
  /** Years whose plan is not committed yet (this year's; next year's from 1 December). */
  missingPlans: number[];
  /** One row per office with anything to say, most overdue first: the table the digest opens with. */
  offices: { office: string; officeName: string; overdue: number; atRisk: number; dueSoon: number; awaitingReview: number }[];
  overdue: { office: string; officeName: string; items: { id: string; title: string; due: CivilDate; daysOverdue: number; submitted: number; required: number }[] }[];
  atRisk: { id: string; title: string; office: string; officeName: string; due: CivilDate; submitted: number; required: number }[];
  dueSoon: { id: string; title: string; office: string; officeName: string; due: CivilDate }[];
  /** createdAt as the calendar's local time, "YYYY-MM-DD HH:mm". */
  submitted: { id: string; title: string; officeName: string; effectiveDate: CivilDate; files: number; links: string[]; createdAt: string; status: SubmissionStatus }[];
}

/** Statuses are derived as of today: the stored one only moves when the sweep runs (not on holidays, not yet at 09:00). */
export function digestContent(calendar: CalendarMeta, occurrences: readonly OccurrenceRecord[], submissions: readonly SubmissionRecord[], today: CivilDate): DigestContent {
  const live = occurrences.filter((o) => o.status !== 'cancelled').map((o) => ({ ...o, status: statusOf(o, today) }));
  const officeName = (id: string) => calendar.offices.find((o) => o.id === id)?.name ?? id;
  const overdueByOffice = new Map<string, DigestContent['overdue'][number]>();
  for (const o of live.filter((x) => x.status === 'overdue').sort((a, b) => a.due.localeCompare(b.due))) {
    const group = overdueByOffice.get(o.office) ?? { office: o.office, officeName: o.officeName, items: [] };
    group.items.push({ id: o.id, title: o.title, due: o.due, daysOverdue: daysOverdue(o, today), submitted: o.submitted, required: o.required });
    overdueByOffice.set(o.office, group);
  }
  const horizon = addDays(today, DIGEST_HORIZON_DAYS);
  const overdue = [...overdueByOffice.values()].sort((a, b) => b.items.length - a.items.length || a.office.localeCompare(b.office));
  const atRisk = live
    .filter((o) => o.atRiskOn !== null && !isComplete(o) && o.status !== 'overdue' && today <= o.due)
    .map((o) => ({ id: o.id, title: o.title, office: o.office, officeName: o.officeName, due: o.due, submitted: o.submitted, required: o.required }));
  const dueSoon = live
    .filter((o) => o.status === 'open' && o.kind !== 'target' && o.due >= today && o.due <= horizon)
    .sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id))
    .map((o) => ({ id: o.id, title: o.title, office: o.office, officeName: o.officeName, due: o.due }));
  const count = (list: readonly { office: string }[], office: string) => list.filter((x) => x.office === office).length;
  const offices = calendar.offices
    .map((o) => ({
      office: o.id,
      officeName: o.name,
      overdue: overdueByOffice.get(o.id)?.items.length ?? 0,
      atRisk: count(atRisk, o.id),
      dueSoon: count(dueSoon, o.id),
      awaitingReview: live.filter((x) => x.office === o.id && x.status === 'submitted').length,
    }))
    .filter((o) => o.overdue + o.atRisk + o.dueSoon + o.awaitingReview > 0)
    .sort((a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk || a.office.localeCompare(b.office));
  return {
    calendar: calendar.id,
    day: today,
    missingPlans: missingPlans(calendar, today),
    offices,
    overdue,
    atRisk,
    dueSoon,
    submitted: submissions
      .filter((s) => !s.carriedFrom)
      .map((s) => ({
        id: s.occurrenceId,
        title: s.title,
        officeName: officeName(s.office),
        effectiveDate: s.effectiveDate,
        files: s.files.length,
        links: s.links ?? [],
        createdAt: localDateTime(s.createdAt, calendar.timeZone),
        status: s.status,
      })),
  };
}

export function digestMail(calendar: CalendarMeta, content: DigestContent, boardUrl: string) {
  const policy = calendar.offices.find((o) => o.id === calendar.policyOffice);
  const overdueCount = content.overdue.reduce((n, g) => n + g.items.length, 0);
  const subject = `【法治工作周报】${calendar.organisation}：逾期${overdueCount}项，进度落后${content.atRisk.length}项，两周内到期${content.dueSoon.length}项（${content.day}）`;
  const capped = (rows: Section['rows']): Pick<Section, 'rows' | 'note'> =>
    rows.length <= DIGEST_ROWS_PER_SECTION ? { rows } : { rows: rows.slice(0, DIGEST_ROWS_PER_SECTION), note: `另有${rows.length - DIGEST_ROWS_PER_SECTION}项未列出，详见看板：${boardUrl}` };
  const sections: Section[] = [
    {
      heading: '各处室概况',
      headers: ['处室', '逾期', '进度落后', `${DIGEST_HORIZON_DAYS}天内到期`, '待审核'],
      rows: content.offices.map((o) => [o.officeName, String(o.overdue), String(o.atRisk), String(o.dueSoon), String(o.awaitingReview)]),
      empty: '各处室目前没有逾期、落后、即将到期或待审核的事项。',
    },
    {
      heading: '逾期事项（按处室）',
      tone: 'urgent',
      headers: ['处室', '事项', '截止日期', '逾期天数', '已报送'],
      ...capped(content.overdue.flatMap((g) => g.items.map((i) => [g.officeName, i.title, i.due, `${i.daysOverdue}天`, `${i.submitted}/${i.required}`]))),
      empty: '没有逾期事项。',
    },
    {
      heading: '进度落后的次数要求',
      tone: 'warning',
      headers: ['处室', '事项', '截止日期', '已报送'],
      ...capped(content.atRisk.map((i) => [i.officeName, i.title, i.due, `${i.submitted}/${i.required}`])),
      empty: '没有进度落后的事项。',
    },
    {
      heading: `未来${DIGEST_HORIZON_DAYS}天内到期`,
      headers: ['处室', '事项', '截止日期'],
      ...capped(content.dueSoon.map((i) => [i.officeName, i.title, i.due])),
      empty: '未来两周没有到期事项。',
    },
    {
      heading: '上次周报以来报送的材料',
      headers: ['处室', '事项', '活动日期', '文件数', '链接', '报送时间', '审核'],
      ...capped(content.submitted.map((s) => [s.officeName, s.title, s.effectiveDate, String(s.files), s.links.join('\n') || '—', s.createdAt, REVIEW_LABELS[s.status]])),
      empty: '上次周报以来没有新报送的材料。',
    },
  ];
  const intro = [
    `${policy?.name ?? '政策法规处'}：`,
    ...content.missingPlans.map((year) => `【提示】${missingPlanText(year)}：该年度的计划事项尚无法提醒，请尽快录入。`),
    `以下是《${calendar.title}》截至${content.day}的执行情况。`,
    `审核材料与查看全部事项：${boardUrl}`,
  ];
  const footer = ['本邮件由法治工作日历系统（fazhi）自动发送。'];
  return {
    to: policy?.emails ?? [],
    cc: [] as string[],
    subject,
    html: renderHtml(subject, intro, sections, footer),
    text: renderText(subject, intro, sections, footer),
  };
}

export interface DigestResult {
  calendar: string;
  /** null when nothing was sent: no policy office address, or the weekly digest already went out this week. */
  mailId: string | null;
  /** Why a weekly digest was not sent today. */
  skipped?: 'non-working day' | 'sent this week' | 'no recipient';
  /** null when skipped before it was built. */
  content: DigestContent | null;
  delivery: DeliveryResult;
}

export interface DigestDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  /** Where the digest sends the policy office to review and see everything. */
  boardUrl: string;
  mailFrom?: string;
}

/**
 * How long a submission may take from being stamped to being visible to the digest's query (the
 * write in flight, the index catching up). The digest covers submissions recorded up to this long
 * ago and leaves the rest to the next one, so none falls between two digests.
 */
export const DIGEST_SETTLE_MS = 2 * 60 * 1000;

/**
 * Builds and sends the digest of every calendar. The weekly one goes out on the first working day of
 * each ISO week (the schedule runs daily, after the sweep) and is keyed by the week, so a retried or
 * doubled schedule sends it once; an on-demand digest gets its own id.
 */
export async function sendDigests(deps: DigestDeps, now: Date, options: { onDemand?: boolean; calendar?: string } = {}): Promise<DigestResult[]> {
  const results: DigestResult[] = [];
  for (const calendar of await deps.store.calendars.list()) {
    if (options.calendar && calendar.id !== options.calendar) continue;
    const today = civilDateAt(now, calendar.timeZone);
    const id = options.onDemand ? `digest#${calendar.id}#${now.toISOString()}` : `digest#${calendar.id}#${isoWeek(today)}`;
    const skip = (skipped: DigestResult['skipped']) => results.push({ calendar: calendar.id, mailId: null, skipped, content: null, delivery: emptyDelivery() });
    if (!options.onDemand && !WorkingDays.fromTable(calendar.workingDays ?? []).isWorkingDay(today)) {
      skip('non-working day');
      continue;
    }
    if (!options.onDemand && (await deps.store.outbox.get(id))) {
      skip('sent this week');
      continue;
    }
    const until = new Date(deps.clock().getTime() - DIGEST_SETTLE_MS).toISOString();
    const occurrences = (await Promise.all(calendar.years.map((y) => deps.store.occurrences.ofCalendarYear(calendar.id, y)))).flat();
    const submissions = (await Promise.all(calendar.years.map((y) => deps.store.submissions.recordedBetween(calendar.id, y, calendar.lastDigestAt, until)))).flat();
    const content = digestContent(calendar, occurrences, submissions, today);
    const mail = digestMail(calendar, content, deps.boardUrl);
    if (mail.to.length === 0) {
      skip('no recipient');
      continue;
    }
    const record = pendingMail({ id, kind: 'digest', calendar: calendar.id, office: calendar.policyOffice, day: today, ...mail, occurrenceIds: [] }, deps.clock());
    // A concurrent run may have committed this week's digest since we looked: then it is that run's to send.
    if ((await deps.store.outbox.commit(record, [])) !== 'committed') {
      skip('sent this week');
      continue;
    }
    await deps.store.calendars.setLastDigestAt(calendar.id, until);
    results.push({ calendar: calendar.id, mailId: id, content, delivery: await deliverMail(deps, id) });
  }
  return results;
}
