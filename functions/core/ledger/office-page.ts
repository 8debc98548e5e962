/** One office's printable page: summary, gaps (缺口), then every occurrence with its evidence. */
import type { SubmissionRecord } from '../engine/records.js';
import type { BoardState, BoardView } from '../engine/views.js';
import { describeEvidence, REVIEW_LABELS, STATE_LABELS, STATE_ORDER } from '../labels.js';
import { formatInstant, formatSize } from './format.js';
import type { LedgerCell } from './gaps.js';
import { boardHeader, h, ledgerTitle, page, table } from './html.js';
import type { OfficeLedger } from './model.js';

export function officePage(board: BoardView, ledger: OfficeLedger): string {
  const tz = board.calendar.timeZone;
  const header = boardHeader(board, [`<p>处室：<strong>${h(ledger.office.name)}</strong>（${h(ledger.office.id)}）</p>`]);
  const body = [
    '<p class="noprint small"><a href="../index.html">← 返回目录</a></p>',
    summary(ledger),
    gaps(ledger),
    `<section class="details"><h2>事项明细</h2>${ledger.tasks.length === 0 ? '<p class="muted">本年度没有分配给本处室的事项。</p>' : ''}`,
    ...ledger.tasks.map((t) => `<h3>${h(t.title)}</h3>${legalBasis(t.cells[0])}${t.cells.map((c) => occurrence(c, tz)).join('')}`),
    '</section>',
  ];
  return page(`${ledgerTitle(board)} · ${ledger.office.name}`, header, body.join('\n'));
}

export function stateBadge(state: BoardState): string {
  return `<span class="state ${h(state)}">${h(STATE_LABELS[state])}</span>`;
}

function summary(ledger: OfficeLedger): string {
  const rows = STATE_ORDER.filter((s) => ledger.counts[s] > 0).map((s) => [stateBadge(s), `<span class="num">${ledger.counts[s]}</span>`]);
  rows.push(['<strong>合计</strong>', `<strong>${ledger.cells.length}</strong>`]);
  return `<section><h2>概况</h2>${table(['状态', '事项数'], rows, '')}<p>证据文件 ${ledger.files} 个；缺口 ${ledger.gaps.length} 项。</p></section>`;
}

function gaps(ledger: OfficeLedger): string {
  const rows = ledger.gaps.map(({ cell, missing }) => [h(cell.title), h(cell.period), h(cell.due), stateBadge(cell.state), `<strong>${h(missing)}</strong>`]);
  return `<section class="gaps"><h2>缺口（未完成事项）</h2>${table(['事项', '周期', '截止', '状态', '缺口'], rows, '无缺口：全部事项已完成或已取消。')}</section>`;
}

function legalBasis(cell: LedgerCell | undefined): string {
  return cell && cell.legalBasis.length > 0 ? `<p class="small muted">依据：${h(cell.legalBasis.join('；'))}</p>` : '';
}

function occurrence(cell: LedgerCell, tz: string): string {
  const provisional = cell.provisional ? '（暂定）' : '';
  const facts = table(
    ['周期', '开始', '截止', '状态', '已报送/要求', '已通过'],
    [[h(cell.period), h(cell.opens) + provisional, h(cell.due) + provisional, stateBadge(cell.state), `${cell.submitted}/${cell.required}`, String(cell.accepted)]],
    '',
  );
  const evidence = cell.evidence.length > 0 ? `<p class="small">应交材料：${h(describeEvidence(cell.evidence))}</p>` : '';
  const submissions = [...cell.submissions].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.createdAt.localeCompare(b.createdAt));
  const sent = submissions.length === 0 ? '<p class="muted small">尚无报送材料。</p>' : submissions.map((s) => submission(s, tz)).join('');
  return `<div class="occurrence">${facts}${evidence}${sent}</div>`;
}

function submission(s: SubmissionRecord, tz: string): string {
  const review =
    s.status === 'received' ? '待审核' : `${REVIEW_LABELS[s.status]}（审核人：${s.reviewedBy ?? '—'}，${formatInstant(s.reviewedAt, tz) || '时间不详'}）${s.reason ? `，理由：${s.reason}` : ''}`;
  const files = table(
    ['文件名', '大小', 'SHA-256', '上传时间'],
    s.files.map((f) => [h(f.name), `<span title="${f.size} 字节">${h(formatSize(f.size))}</span>`, `<span class="hash">${h(f.sha256)}</span>`, h(formatInstant(f.uploadedAt, tz))]),
    '（文件尚未到达）',
  );
  return [
    '<div class="submission">',
    `<p>活动日期：<strong>${h(s.effectiveDate)}</strong>　报送时间：${h(formatInstant(s.createdAt, tz))}　审核：<span class="review ${h(s.status)}">${h(review)}</span></p>`,
    s.note ? `<p class="small">说明：${h(s.note)}</p>` : '',
    s.files.length > 0 || !(s.links ?? []).length ? files : '',
    ...((s.links ?? []).length > 0 ? [`<p class="small">链接：${(s.links ?? []).map((l) => `<a href="${h(l)}">${h(l)}</a>`).join('　')}</p>`] : []),
    `<p class="small muted">报送编号：${h(s.submissionId)}</p>`,
    '</div>',
  ].join('');
}
