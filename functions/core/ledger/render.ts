/**
 * The year-end evidence ledger (台账) of a calendar: from a BoardView, the files the policy office
 * prints and archives. Pure: the CLI fetches the board and writes what this returns.
 */
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
  stats: { offices: number; occurrences: number; evidenceFiles: number; gaps: number };
}

/** Throws UnknownOfficeError when `office` is not an office of the calendar. */
export function renderLedger(board: BoardView, options: { office?: string; withEvidence?: boolean } = {}): Ledger {
  const ledgers = officeLedgers(board, options.office);
  const manifest = manifestOf(board, ledgers, options.office ?? null);
  const files: LedgerFile[] = [
    { path: 'index.html', content: indexPage(board, ledgers, options.withEvidence === true) },
    ...ledgers.map((l) => ({ path: l.path, content: officePage(board, l) })),
    { path: DATA_FILES.csv, content: ledgerCsv(board, ledgers) },
    { path: DATA_FILES.manifest, content: `${JSON.stringify(manifest, null, 2)}\n` },
    { path: DATA_FILES.sums, content: sha256sumLines(manifest) },
  ];
  return {
    files,
    manifest,
    stats: {
      offices: ledgers.length,
      occurrences: ledgers.reduce((n, l) => n + l.cells.length, 0),
      evidenceFiles: manifest.files.length,
      gaps: ledgers.reduce((n, l) => n + l.gaps.length, 0),
    },
  };
}
