/** What keeps an occurrence from being done, in the words the policy office uses (还差1次, 待审核). */
import type { BoardState, BoardView } from '../engine/views.js';

export type LedgerCell = BoardView['cells'][number];

/** Cancelled items are not owed and done items are complete: every other state is a gap. */
const GAP_STATES: ReadonlySet<BoardState> = new Set(['overdue', 'at-risk', 'open', 'submitted']);

/** null when the occurrence is not a gap; otherwise what is missing, e.g. "还差1次，已退回1次". */
export function gapOf(cell: LedgerCell): string | null {
  if (!GAP_STATES.has(cell.state)) return null;
  const parts: string[] = [];
  const missing = cell.required - cell.submitted;
  const pending = cell.submissions.filter((s) => s.status === 'received').length;
  const rejected = cell.submissions.filter((s) => s.status === 'rejected').length;
  if (missing > 0) parts.push(`还差${missing}次`);
  if (pending > 0) parts.push(`待审核${pending}次`);
  // A rejection explains why an office that did send something still owes it.
  if (missing > 0 && rejected > 0) parts.push(`已退回${rejected}次`);
  if (parts.length === 0) parts.push(`待通过${Math.max(1, cell.required - cell.accepted)}次`);
  return parts.join('，');
}
