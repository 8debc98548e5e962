/** The frame shared by the ledger's pages: escaped title, header lines and the print style. */
import { escapeHtml } from '../email/render.js';
import type { BoardView } from '../engine/views.js';
import { LEDGER_STYLE } from './style.js';

/** Escapes text for HTML; every string from the board goes through it. */
export const h = (text: string | number): string => escapeHtml(String(text));

export function ledgerTitle(board: BoardView): string {
  return `${board.year}年度法治工作台账`;
}

export function page(title: string, header: string[], body: string): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title><style>${LEDGER_STYLE}</style></head><body>`,
    `<header>${header.join('')}</header>`,
    body,
    '</body></html>',
    '',
  ].join('\n');
}

/** The lines every page starts with: organisation, calendar, year and the generation date. */
export function boardHeader(board: BoardView, extra: string[] = []): string[] {
  return [
    `<h1>${h(board.calendar.organisation)} ${h(ledgerTitle(board))}</h1>`,
    `<p>计划：${h(board.calendar.title)}（${h(board.calendar.id)}）</p>`,
    ...extra,
    `<p class="muted small">生成日期：${h(board.today)}</p>`,
  ];
}

/** `rows` hold HTML: callers escape their text with `h`. */
export function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${h(empty)}</p>`;
  return `<table><thead><tr>${headers.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
