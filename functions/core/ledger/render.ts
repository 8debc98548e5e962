/**
 * The year-end evidence ledger (台账) of a calendar: from a BoardView, the files the policy office
 * prints and archives. Pure: the CLI fetches the board and writes what this returns.
 */
import { createHash } from 'node:crypto';
import { type AuditEntry, auditCsv } from '../access/audit.js';
import type { BoardView } from '../engine/views.js';
import { ledgerCsv } from './csv.js';
import { DATA_FILES, indexPage } from './index-page.js';
import { type Manifest, manifestOf, sha256sumLines } from './manifest.js';
import { officeLedgers } from './model.js';
import { officePage } from './office-page.js';

export interface LedgerFile {
  /** Relative to the output folder, "/"-separated. */
  path: string;
  content: string;
}

export interface Ledger {
  files: LedgerFile[];
  /** Every evidence file, with the SHA-256 recorded when it was uploaded. */
  manifest: Manifest;
  /** What was written, for the CLI's report. */
  stats: { offices: number; occurrences: number; evidenceFiles: number; gaps: number; auditEntries: number };
}

/**
 * Throws UnknownOfficeError when `office` is not an office of the calendar. `audit` is the year's audit
 * log (the items' entries and, for an admin, the general ones): written as audit.csv, whose SHA-256 joins
 * the evidence files' in manifest.sha256, so `sha256sum -c` proves the log unchanged too.
 */
export function renderLedger(board: BoardView, options: { office?: string; withEvidence?: boolean; audit?: readonly AuditEntry[] } = {}): Ledger {
  const ledgers = officeLedgers(board, options.office);
  const manifest = manifestOf(board, ledgers, options.office ?? null);
  const items = new Set(ledgers.flatMap((l) => l.cells.map((c) => c.id)));
  // An office's ledger keeps its own items' entries and the general ones.
  const entries = (options.audit ?? []).filter((e) => e.occurrenceId === null || items.has(e.occurrenceId));
  const audit = auditCsv(entries);
  const auditSum = `${createHash('sha256').update(audit, 'utf8').digest('hex')}  ${DATA_FILES.audit}\n`;
  const files: LedgerFile[] = [
    { path: 'index.html', content: indexPage(board, ledgers, options.withEvidence === true) },
    ...ledgers.map((l) => ({ path: l.path, content: officePage(board, l) })),
    { path: DATA_FILES.csv, content: ledgerCsv(board, ledgers) },
    { path: DATA_FILES.audit, content: audit },
    { path: DATA_FILES.manifest, content: `${JSON.stringify(manifest, null, 2)}\n` },
    { path: DATA_FILES.sums, content: sha256sumLines(manifest) + auditSum },
  ];
  return {
    files,
    manifest,
    stats: {
      offices: ledgers.length,
      occurrences: ledgers.reduce((n, l) => n + l.cells.length, 0),
      evidenceFiles: manifest.files.length,
      gaps: ledgers.reduce((n, l) => n + l.gaps.length, 0),
      auditEntries: entries.length,
    },
  };
}
