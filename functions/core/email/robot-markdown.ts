/**
 * The reminder as a group robot's markdown message (DingTalk, WeCom): the same items as the office's
 * mail, one line each. The text changes every day ("逾期第3个工作日", the date), because DingTalk
 * silently drops a message identical to one it has just delivered.
 */
import { addDays, type CivilDate, daysBetween } from '../civil-date.js';
import type { RobotTarget } from '../engine/ports.js';
import type { CalendarMeta } from '../engine/records.js';
import { describeEvidence } from '../labels.js';
import type { WorkingDays } from '../working-days.js';
import { isOverdueOn, policyName, type ReminderItem } from './reminder-mail.js';

/** Bytes of UTF-8 a message may hold: WeCom takes 4096; DingTalk about 20000 (kept below it). */
export const ROBOT_MESSAGE_BYTES: Record<RobotTarget['vendor'], number> = { dingtalk: 18_000, wecom: 4096 };

export interface RobotContent {
  title: string;
  markdown: string;
}

export function reminderMarkdown(calendar: CalendarMeta, officeId: string, items: readonly ReminderItem[], today: CivilDate, uploadUrl: string, workingDays: WorkingDays): RobotContent {
  const office = calendar.offices.find((o) => o.id === officeId);
  const name = office?.name ?? officeId;
  const late = items.filter((i) => isOverdueOn(i, today));
  const title = `【${late.length > 0 ? '逾期提醒' : '法治工作提醒'}】${name}：${items.length}项待办（${today}）`;
  const byDue = [...items].sort((a, b) => Number(isOverdueOn(b, today)) - Number(isOverdueOn(a, today)) || a.record.due.localeCompare(b.record.due) || a.record.id.localeCompare(b.record.id));
  const lines = [
    `### ${title}`,
    `${name}：根据《${calendar.title}》，以下事项需要办理并报送佐证材料。`,
    '',
    ...byDue.map(
      (item, index) =>
        `${index + 1}. **${oneLine(item.record.title)}** 截止${item.record.due}，${state(item, today, workingDays)}；材料：${item.record.evidence.length > 0 ? describeEvidence(item.record.evidence) : '活动材料'}`,
    ),
    '',
    `[上传材料](${uploadUrl})`,
    '',
    `> 法治工作日历系统于${today}发送，如有疑问请联系${policyName(calendar)}。`,
  ];
  return { title, markdown: lines.join('\n') };
}

function state({ record, notices }: ReminderItem, today: CivilDate, workingDays: WorkingDays): string {
  const parts: string[] = [];
  if (notices.includes('prepare')) parts.push(`${record.opens}开始，请提前筹备`);
  else if (today > record.overdueAfter) parts.push(`逾期第${workingDaysAfter(record.overdueAfter, today, workingDays)}个工作日`);
  else if (today > record.due) parts.push(`已过截止日期，请于${record.overdueAfter}前补报`);
  else {
    const left = daysBetween(today, record.due);
    parts.push(left === 0 ? '今天截止' : `还有${left}天`);
  }
  if (record.required > 1 || record.kind === 'quota') parts.push(`已报送${record.submitted}/${record.required}`);
  if (notices.includes('at-risk')) parts.push('进度落后');
  return parts.join('，');
}

/** Working days in (after, today]: the first working day past the grace is day 1. */
function workingDaysAfter(after: CivilDate, today: CivilDate, workingDays: WorkingDays): number {
  let count = 0;
  for (let day = addDays(after, 1); day <= today; day = addDays(day, 1)) if (workingDays.isWorkingDay(day)) count += 1;
  return Math.max(1, count);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * Splits a message into parts of at most `maxBytes` UTF-8 bytes, at line ends (a line longer than a part
 * is cut at a character boundary); each part after the first says which it is.
 */
export function splitMarkdown(markdown: string, maxBytes: number): string[] {
  if (Buffer.byteLength(markdown) <= maxBytes) return [markdown];
  // Room for the "（续n）" heading each later part gets.
  const budget = maxBytes - 32;
  const parts: string[] = [];
  let current = '';
  for (const line of markdown.split('\n').flatMap((l) => cut(l, budget))) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (Buffer.byteLength(next) > budget && current !== '') {
      parts.push(current);
      current = line;
    } else current = next;
  }
  if (current !== '') parts.push(current);
  return parts.map((part, index) => (index === 0 ? part : `（续${index + 1}/${parts.length}）\n${part}`));
}

function cut(line: string, budget: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of line) {
    if (Buffer.byteLength(piece + char) > budget) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  return [...pieces, piece];
}
