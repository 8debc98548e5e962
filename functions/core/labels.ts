/** Chinese labels shared by the CLI, e-mails and pages. */
import type { EvidenceKind, ScheduleKind } from './calendar-schema.js';

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
