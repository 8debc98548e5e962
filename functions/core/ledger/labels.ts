/** Chinese words the ledger prints for occurrence states and review decisions (same as the board page). */
import type { SubmissionStatus } from '../engine/records.js';
import type { BoardState } from '../engine/views.js';

export const STATE_LABELS: Record<BoardState, string> = {
  overdue: '已逾期',
  'at-risk': '进度落后',
  open: '待报送',
  submitted: '待审核',
  done: '已完成',
  cancelled: '已取消',
};

/** Worst first: the order summaries list states in. */
export const STATE_ORDER: readonly BoardState[] = ['overdue', 'at-risk', 'open', 'submitted', 'done', 'cancelled'];

export const REVIEW_LABELS: Record<SubmissionStatus, string> = {
  received: '待审核',
  accepted: '已通过',
  rejected: '已退回',
};
