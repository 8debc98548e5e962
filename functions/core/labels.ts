/**
 * The one Chinese label set: occurrence states, review decisions, evidence and schedule kinds, used by the
 * CLI, the e-mails, the ledger and both pages. The pages' browser bundles import this module too, so it
 * holds data only and imports nothing but types.
 */
import type { EvidenceKind, ScheduleKind } from './calendar-schema.js';
import type { SubmissionStatus } from './engine/records.js';
import type { BoardState } from './engine/views.js';

export const STATE_LABELS: Record<BoardState, string> = {
  overdue: '已逾期',
  'at-risk': '进度落后',
  open: '待报送',
  submitted: '待审核',
  done: '已完成',
  cancelled: '已取消',
};

/** Worst first: the order summaries and the board list states in. */
export const STATE_ORDER: readonly BoardState[] = ['overdue', 'at-risk', 'open', 'submitted', 'done', 'cancelled'];

export const REVIEW_LABELS: Record<SubmissionStatus, string> = {
  received: '待审核',
  accepted: '已通过',
  rejected: '已退回',
};

/** What a reviewer most often writes when sending evidence back: the board's rejection dialog offers them. */
export const REJECTION_REASONS: readonly string[] = [
  '照片不清晰，请补充现场照片',
  '缺少签到表，请补充后重新报送',
  '活动日期与材料不符，请核对',
  '材料与该事项无关，请重新报送',
  '链接无法打开，请核对链接地址',
];

export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  photo: '照片',
  video: '视频',
  'sign-in-sheet': '签到表',
  minutes: '会议记录',
  'article-link': '文章链接',
  screenshot: '截图',
  document: '文件材料',
  report: '报告',
  certificate: '证书',
};

export const KIND_LABELS: Record<ScheduleKind, string> = {
  fixed: '固定日期',
  window: '时间段',
  deadline: '截止',
  quota: '次数要求',
  target: '参考目标',
  annual: '年度一次',
  rrule: '周期',
  after: '后续',
};

export function describeEvidence(evidence: readonly { kind: EvidenceKind; count: number }[]): string {
  return evidence.map((e) => `${EVIDENCE_LABELS[e.kind]}×${e.count}`).join('、');
}
