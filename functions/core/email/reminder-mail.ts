/**
 * The one consolidated reminder an office gets on a day: every item that needs its attention, each
 * with its due date, required evidence, legal basis and the signed upload link.
 */
import { type CivilDate, daysBetween } from '../civil-date.js';
import type { Notice } from '../engine/assess.js';
import { daysOverdue } from '../engine/assess.js';
import type { CalendarMeta, OccurrenceRecord } from '../engine/records.js';
import { describeEvidence } from '../labels.js';
import { renderHtml, renderText, type Section } from './render.js';

export interface ReminderItem {
  record: OccurrenceRecord;
  notices: Notice[];
}

export interface MailContent {
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
}

export function reminderMail(calendar: CalendarMeta, officeId: string, items: readonly ReminderItem[], today: CivilDate, uploadUrl: string): MailContent {
  const office = calendar.offices.find((o) => o.id === officeId);
  if (!office) throw new Error(`calendar ${calendar.id} has no office ${officeId}`);
  // The head is copied only when there is a head to copy; the mail says so only then.
  const escalated = items.some((i) => i.notices.includes('escalation')) && Boolean(office.headEmail);
  const overdue = items.filter((i) => i.record.status === 'overdue' || i.notices.includes('overdue')).length;
  const subject = `【${overdue > 0 ? '逾期提醒' : '法治工作提醒'}】${office.name}：${items.length}项事项待办理（${today}）`;

  const row = ({ record, notices }: ReminderItem) => [
    { text: record.title, href: `${uploadUrl}#${encodeURIComponent(record.id)}` },
    record.due,
    stateText(record, notices, today, escalated),
    record.evidence.length > 0 ? describeEvidence(record.evidence) : '活动材料',
    record.legalBasis.join('；') || '—',
  ];
  // Most urgent first: what is overdue, then what falls behind, then what is coming (by due date).
  const byDue = (a: ReminderItem, b: ReminderItem) => a.record.due.localeCompare(b.record.due) || a.record.id.localeCompare(b.record.id);
  const isOverdue = (i: ReminderItem) => isOverdueOn(i, today);
  const late = items.filter(isOverdue).sort(byDue);
  const behind = items.filter((i) => !isOverdue(i) && i.notices.includes('at-risk')).sort(byDue);
  const coming = items.filter((i) => !isOverdue(i) && !i.notices.includes('at-risk')).sort(byDue);
  const headers = ['事项', '截止日期', '状态', '需报送材料', '依据'];
  const sections: Section[] = [
    ...(late.length > 0 ? [{ heading: `已逾期（${late.length}项）`, tone: 'urgent' as const, headers, rows: late.map(row), empty: '' }] : []),
    ...(behind.length > 0 ? [{ heading: `进度落后（${behind.length}项）`, tone: 'warning' as const, headers, rows: behind.map(row), empty: '' }] : []),
    ...(coming.length > 0 ? [{ heading: late.length + behind.length > 0 ? `其他待办（${coming.length}项）` : '待办事项', headers, rows: coming.map(row), empty: '' }] : []),
  ];
  const intro = [
    `${office.name}：`,
    `根据《${calendar.title}》，以下事项需要贵处室办理并报送佐证材料。`,
    ...(escalated ? ['部分事项逾期已久，本提醒同时抄送处室负责人。'] : []),
    `上传材料：${uploadUrl}`,
  ];
  const footer = [`本邮件由法治工作日历系统（fazhi）于${today}自动发送；上传链接仅限本处室使用，请勿转发。如有疑问请联系${policyName(calendar)}。`];
  return {
    to: office.emails,
    cc: escalated && office.headEmail ? [office.headEmail] : [],
    subject,
    html: renderHtml(subject, intro, sections, footer),
    text: renderText(subject, intro, sections, footer),
  };
}

function stateText(record: OccurrenceRecord, notices: readonly Notice[], today: CivilDate, headCopied: boolean): string {
  const parts: string[] = [];
  const progress = record.required > 1 || record.kind === 'quota' ? `已报送${record.submitted}/${record.required}` : undefined;
  // Before a window opens its due date is weeks away: what matters is to prepare.
  if (notices.includes('prepare')) parts.push(`将于${record.opens}开始（${record.opens}至${record.due}），请提前筹备`);
  else if (today > record.overdueAfter) parts.push(`已逾期${daysOverdue(record, today)}天`);
  else if (today > record.due) parts.push(`已过截止日期${daysBetween(record.due, today)}天，请于${record.overdueAfter}前补报`);
  else {
    const left = daysBetween(today, record.due);
    parts.push(left === 0 ? '今天截止' : `还有${left}天截止`);
  }
  if (progress) parts.push(progress);
  if (notices.includes('at-risk')) parts.push('进度落后，可能无法完成');
  if (notices.includes('escalation') && headCopied) parts.push('已抄送负责人');
  return parts.join('，');
}

/** Past its due date and grace, or flagged overdue by this very sweep. */
export function isOverdueOn(item: ReminderItem, today: CivilDate): boolean {
  return today > item.record.overdueAfter || item.notices.includes('overdue');
}

export function policyName(calendar: CalendarMeta): string {
  return calendar.offices.find((o) => o.id === calendar.policyOffice)?.name ?? '政策法规处';
}
