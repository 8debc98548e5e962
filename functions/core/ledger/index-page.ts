/** The ledger's table of contents: one row per office page with its counts, and the data files. */
import type { BoardView } from '../engine/views.js';
import { STATE_LABELS, STATE_ORDER } from '../labels.js';
import { boardHeader, h, ledgerTitle, page, table } from './html.js';
import { emptyCounts, type OfficeLedger } from './model.js';

export const DATA_FILES = { csv: 'ledger.csv', audit: 'audit.csv', manifest: 'manifest.json', sums: 'manifest.sha256' } as const;

/** `withEvidence`: the evidence files were downloaded into the folder (else the page says how to get them). */
export function indexPage(board: BoardView, ledgers: OfficeLedger[], withEvidence = false): string {
  const total = { counts: emptyCounts(), cells: 0, gaps: 0, files: 0 };
  const rows = ledgers.map((l) => {
    for (const s of STATE_ORDER) total.counts[s] += l.counts[s];
    total.cells += l.cells.length;
    total.gaps += l.gaps.length;
    total.files += l.files;
    return [
      `<a href="${h(l.path)}">${h(l.office.name)}</a>`,
      ...numbers(
        l.cells.length,
        STATE_ORDER.map((s) => l.counts[s]),
        l.gaps.length,
        l.files,
      ),
    ];
  });
  if (ledgers.length > 1)
    rows.push([
      '<strong>合计</strong>',
      ...numbers(
        total.cells,
        STATE_ORDER.map((s) => total.counts[s]),
        total.gaps,
        total.files,
      ),
    ]);
  const headers = ['处室', '事项', ...STATE_ORDER.map((s) => STATE_LABELS[s]), '缺口', '证据文件'];
  const body = [
    `<section><h2>各处室汇总</h2>${table(headers, rows, '没有处室。')}</section>`,
    '<section><h2>数据文件</h2><ul>',
    `<li><a href="${DATA_FILES.csv}">${DATA_FILES.csv}</a>：每个事项一行（可用 Excel 打开）</li>`,
    `<li><a href="${DATA_FILES.audit}">${DATA_FILES.audit}</a>：审计日志：每一次审核、下载、账户与链接变更（谁、何时、做了什么、变更前后、来源），其 SHA-256 列在 ${DATA_FILES.sums} 中</li>`,
    `<li><a href="${DATA_FILES.manifest}">${DATA_FILES.manifest}</a>：全部证据文件清单（含 S3 路径与 SHA-256）</li>`,
    `<li><a href="${DATA_FILES.sums}">${DATA_FILES.sums}</a>：可用 <code>sha256sum -c</code> 核对下载的证据文件</li>`,
    '</ul>',
    withEvidence
      ? `<p>证据文件已下载到本文件夹的 <code>evidence/</code> 下（与清单中的路径一致），下载时已逐一核对 SHA-256。在本文件夹运行 <code>sha256sum -c ${DATA_FILES.sums}</code> 可随时再次校验。</p>`
      : `<p>证据文件未随台账下载。运行 <code>fazhi ledger --with-evidence</code>（其余参数同上）即可把全部证据下载到本文件夹并逐一核对，之后在本文件夹运行 <code>sha256sum -c ${DATA_FILES.sums}</code> 校验。</p>`,
    '</section>',
  ];
  return page(`${ledgerTitle(board)} · 目录`, boardHeader(board), body.join('\n'));
}

function numbers(cells: number, states: number[], gaps: number, files: number): string[] {
  return [cells, ...states, gaps, files].map((n) => `<span class="num">${n}</span>`);
}
