/** The board regrouped as the ledger prints it: per office, per task, with counts and gaps. */
import type { BoardState, BoardView } from '../engine/views.js';
import { gapOf, type LedgerCell } from './gaps.js';

export interface OfficeLedger {
  office: { id: string; name: string };
  /** Page-relative path of the office's page. */
  path: string;
  tasks: { id: string; title: string; cells: LedgerCell[] }[];
  /** Every occurrence of the office, in task order then due date (the order of pages and CSV). */
  cells: LedgerCell[];
  counts: Record<BoardState, number>;
  gaps: { cell: LedgerCell; missing: string }[];
  files: number;
}

export class UnknownOfficeError extends Error {
  override readonly name = 'UnknownOfficeError';
  constructor(
    readonly office: string,
    readonly known: readonly string[],
  ) {
    super(`unknown office "${office}" (offices: ${known.join(', ') || 'none'})`);
  }
}

export function emptyCounts(): Record<BoardState, number> {
  return { overdue: 0, 'at-risk': 0, open: 0, submitted: 0, done: 0, cancelled: 0 };
}

/** One entry per office of the calendar (or only `office`), including offices with nothing to do. */
export function officeLedgers(board: BoardView, office?: string): OfficeLedger[] {
  const known = board.offices.map((o) => o.id);
  if (office !== undefined && !known.includes(office)) throw new UnknownOfficeError(office, known);
  const offices = office === undefined ? board.offices : board.offices.filter((o) => o.id === office);
  // Tasks in board order (first due first); a task the board does not list still gets printed.
  const taskOrder = [...board.tasks];
  for (const c of board.cells) if (!taskOrder.some((t) => t.id === c.task)) taskOrder.push({ id: c.task, title: c.title });

  return offices.map((o) => {
    const own = board.cells.filter((c) => c.office === o.id);
    const tasks = taskOrder.map((t) => ({ id: t.id, title: t.title, cells: own.filter((c) => c.task === t.id) })).filter((t) => t.cells.length > 0);
    const cells = tasks.flatMap((t) => t.cells);
    const counts = emptyCounts();
    for (const c of cells) counts[c.state] += 1;
    const gaps = cells.flatMap((cell) => {
      const missing = gapOf(cell);
      return missing === null ? [] : [{ cell, missing }];
    });
    const files = cells.reduce((n, c) => n + c.submissions.reduce((m, s) => m + s.files.length, 0), 0);
    return { office: { id: o.id, name: o.name }, path: `offices/${fileSafe(o.id)}.html`, tasks, cells, counts, gaps, files };
  });
}

/** Office ids are schema-checked, but the board arrives over HTTP: never let one name a path outside the ledger. */
function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}
