/**
 * What the offices and the policy office read: most urgent first, every URL a link, the digest opening
 * with a per-office summary and its details capped with a link to the board.
 */
import { describe, expect, it } from 'vitest';
import { reminderMail } from '../../functions/core/email/reminder-mail.js';
import { DIGEST_ROWS_PER_SECTION, digestContent, digestMail } from '../../functions/core/engine/digest.js';
import { type CalendarMeta, initialProgress, type OccurrenceRecord, plannedOccurrence } from '../../functions/core/engine/records.js';
import { compileTasks } from '../support/calendars.js';

const plan = compileTasks(
  [
    { id: 'late', title: '逾期的报告', schedule: { kind: 'deadline', due: '03-03' }, owners: ['office'], source: '按时报送。' },
    { id: 'study', title: '集体学法', schedule: { kind: 'quota', per: 'year', min: 2 }, owners: ['office'], source: '不少于2次。' },
    { id: 'soon', title: '即将截止的材料', schedule: { kind: 'deadline', due: '03-20' }, owners: ['office'], source: '按时报送。' },
  ],
  2025,
);
const calendar: CalendarMeta = {
  id: plan.calendar,
  title: plan.title,
  organisation: plan.organisation,
  timeZone: 'Asia/Shanghai',
  policyOffice: 'policy',
  offices: plan.offices,
  years: [2025],
  planYears: [2025],
  lastDigestAt: null,
};
const record = (task: string, set: Partial<OccurrenceRecord> = {}): OccurrenceRecord => {
  const occurrence = plan.occurrences.find((o) => o.task === task && o.office === 'office')!;
  return { ...plannedOccurrence(occurrence, 2025), ...initialProgress('2025-01-01', new Date('2025-01-01T00:00:00Z')), ...set };
};
const LINK = 'https://fazhi.example.gov.cn/upload?token=abc.def';

describe('a reminder mail', () => {
  const mail = reminderMail(
    calendar,
    'office',
    [
      { record: record('soon'), notices: ['reminder'] },
      { record: record('study', { atRiskOn: '2025-03-17' }), notices: ['at-risk'] },
      { record: record('late', { status: 'overdue', overdueOn: '2025-03-04' }), notices: ['overdue'] },
    ],
    '2025-03-17',
    LINK,
  );

  it('puts what is overdue first, visibly marked, then what falls behind, then what is coming', () => {
    const order = ['已逾期（1项）', '逾期的报告', '进度落后（1项）', '集体学法', '其他待办（1项）', '即将截止的材料'].map((s) => mail.text.indexOf(s));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(mail.html).toMatch(/<h3 style="color:#b71c1c[^"]*">已逾期（1项）<\/h3>/);
    expect(mail.subject).toBe('【逾期提醒】办公室：3项事项待办理（2025-03-17）');
  });

  it('makes every URL a link', () => {
    expect(mail.html).toContain(`上传材料：<a href="${LINK}">${LINK}</a>`);
    // Take every link out: no URL is left as plain text.
    expect(mail.html.replace(/<a href="[^"]*">[^<]*<\/a>/g, '')).not.toMatch(/https?:\/\//);
  });
});

describe('the digest', () => {
  it('opens with a summary per office, then the details most urgent first', () => {
    const content = digestContent(calendar, [record('late'), record('study', { atRiskOn: '2025-07-03' }), record('soon')], [], '2025-03-17');
    expect(content.offices).toEqual([{ office: 'office', officeName: '办公室', overdue: 1, atRisk: 1, dueSoon: 1, awaitingReview: 0 }]);
    const mail = digestMail(calendar, content, 'https://fazhi.example.gov.cn/board');
    const headings = ['【各处室概况】', '【逾期事项（按处室）】', '【进度落后的次数要求】', '【未来14天内到期】', '【上次周报以来报送的材料】'].map((h) => mail.text.indexOf(h));
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    expect(mail.text).toMatch(/【各处室概况】\n1\. 处室：办公室\n\s+逾期：1\n\s+进度落后：1\n\s+14天内到期：1\n\s+待审核：0/);
    expect(mail.html).toContain('<a href="https://fazhi.example.gov.cn/board">https://fazhi.example.gov.cn/board</a>');
  });

  it('caps each detail section and sends the reader to the board for the rest', () => {
    const many = Array.from({ length: DIGEST_ROWS_PER_SECTION + 12 }, (_, i) => ({ ...record('late'), id: `${plan.calendar}/late-${i}/office/2025`, task: `late-${i}` }));
    const content = digestContent(calendar, many, [], '2025-03-17');
    expect(content.offices[0]!.overdue).toBe(DIGEST_ROWS_PER_SECTION + 12);
    const mail = digestMail(calendar, content, 'https://fazhi.example.gov.cn/board');
    expect(mail.text).toContain('另有12项未列出，详见看板：https://fazhi.example.gov.cn/board');
    expect(mail.text.match(/事项：逾期的报告/g)).toHaveLength(DIGEST_ROWS_PER_SECTION);
  });
});
