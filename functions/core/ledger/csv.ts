/** The ledger as a spreadsheet: one row per occurrence, UTF-8 with a BOM so Excel reads the Chinese. */
import type { BoardView } from '../engine/views.js';
import { STATE_LABELS } from '../labels.js';
import { dateOfInstant } from './format.js';
import { gapOf, type LedgerCell } from './gaps.js';
import type { OfficeLedger } from './model.js';

export const CSV_HEADERS = ['处室', '事项', '周期', '开始', '截止', '状态', '已报送', '要求', '已通过', '最近报送日期', '缺口'] as const;

export function ledgerCsv(board: BoardView, ledgers: OfficeLedger[]): string {
  const rows = ledgers.flatMap((l) => l.cells.map((c) => row(l.office.name, c, board.calendar.timeZone)));
  // CRLF and a BOM: what Excel on a Chinese Windows desktop opens without garbling.
  return `\uFEFF${[[...CSV_HEADERS], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function row(officeName: string, c: LedgerCell, tz: string): string[] {
  return [officeName, c.title, c.period, c.opens, c.due, STATE_LABELS[c.state], String(c.submitted), String(c.required), String(c.accepted), lastSubmitted(c, tz), gapOf(c) ?? ''];
}

/** The day the latest submission that still counts (not rejected) was made, in the plan's time zone. */
function lastSubmitted(c: LedgerCell, tz: string): string {
  const latest = c.submissions
    .filter((s) => s.status !== 'rejected')
    .map((s) => s.createdAt)
    .sort()
    .at(-1);
  return latest ? dateOfInstant(latest, tz) : '';
}

export function csvField(value: string): string {
  // A text cell starting with = + - @ would run as a formula in Excel: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
