/**
 * The policy office's status board in the browser: opens on the calendar and year that include today,
 * draws offices × tasks (accepted/required per cell, and what awaits review), filters, drills down to the
 * submissions (files to download, links to open, the office's note), accepts or sends back with a reason
 * chosen in a dialog, shows each item's history (who did what, when), and exports CSV/JSON. Review results
 * stay on screen until they are dismissed. The session is an HttpOnly cookie this script never sees; it
 * sends the session's CSRF token with every change. Without a session it goes to the sign-in page.
 */

import { AUDIT_LABELS, type AuditEntry } from '../../core/access/audit.js';
import { localDateTime } from '../../core/civil-date.js';
import type { ReviewResult } from '../../core/engine/review.js';
import type { BoardState, BoardView, CalendarListEntry } from '../../core/engine/views.js';
import { REJECTION_REASONS, REVIEW_LABELS, STATE_LABELS, STATE_ORDER } from '../../core/labels.js';
import { ApiError, addMessage, api, byId, el, externalLink, fieldError, formatBytes, NetworkError, showMessage } from './dom.js';

type Cell = BoardView['cells'][number];
type Submission = Cell['submissions'][number];
type Task = BoardView['tasks'][number];
type Office = BoardView['offices'][number];

interface Me {
  email: string;
  name: string;
  role: 'admin' | 'reviewer' | 'viewer';
  calendars: string[];
  csrfToken: string | null;
}

const ROLE_LABELS: Record<Me['role'], string> = { admin: '管理员', reviewer: '审核人', viewer: '查看人' };

const page = {
  subtitle: byId('subtitle'),
  alert: byId('alert'),
  warnings: byId<HTMLUListElement>('warnings'),
  user: byId('user'),
  signOut: byId<HTMLButtonElement>('sign-out'),
  section: byId('board-section'),
  calendar: byId<HTMLSelectElement>('calendar'),
  year: byId<HTMLSelectElement>('year'),
  officeFilter: byId<HTMLSelectElement>('office-filter'),
  stateFilter: byId<HTMLSelectElement>('state-filter'),
  taskFilter: byId<HTMLInputElement>('task-filter'),
  totals: byId('totals'),
  matrix: byId<HTMLTableElement>('matrix'),
  detail: byId('detail'),
  results: byId('review-results'),
  detailBody: byId('detail-body'),
  dialog: byId<HTMLDialogElement>('reject-dialog'),
  rejectForm: byId<HTMLFormElement>('reject-form'),
  rejectWhat: byId('reject-what'),
  rejectReasons: byId('reject-reasons'),
  rejectReason: byId<HTMLTextAreaElement>('reject-reason'),
  rejectError: byId('reject-error'),
  rejectCancel: byId<HTMLButtonElement>('reject-cancel'),
};

let me: Me | null = null;
let calendars: CalendarListEntry[] = [];
let board: BoardView | null = null;
/** The cell whose detail is open: redrawn after a review. */
let shown: { task: string; office: string } | null = null;
/** The submission the rejection dialog is about. */
let rejecting: { cell: Cell; submission: Submission } | null = null;

function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  return api<T>(method, path, me?.csrfToken ? { 'x-csrf-token': me.csrfToken } : {}, body);
}

/** A failure: an ended session goes to the sign-in page; anything else is said where it happened. */
function failed(error: unknown, region: HTMLElement = page.alert): void {
  if (error instanceof ApiError && error.status === 401) {
    location.assign('/signin?expired=1');
    return;
  }
  if (error instanceof ApiError && error.status === 403) {
    const text = `无权进行此操作（${error.message}）。如需权限，请联系管理员。`;
    if (region === page.alert) showMessage(region, 'error', text, { closable: true });
    else addMessage(region, 'error', text);
    return;
  }
  const text = error instanceof NetworkError ? error.message : error instanceof ApiError ? `出错了（${error.status}）：${error.message}` : `出错了：${String(error)}`;
  if (region === page.alert) showMessage(region, 'error', text, { closable: true });
  else addMessage(region, 'error', text);
}

// ---- calendars, years, loading ----

async function start(): Promise<void> {
  try {
    me = await call<Me>('GET', '/api/me');
    calendars = await call<CalendarListEntry[]>('GET', '/api/admin/calendars');
  } catch (error) {
    return failed(error);
  }
  page.user.textContent = `${me.name}（${ROLE_LABELS[me.role]}）`;
  page.user.hidden = false;
  page.signOut.hidden = false;
  // Starting a digest is an admin's; the others do not see the button.
  byId('digest').hidden = me.role !== 'admin';
  page.calendar.replaceChildren(...calendars.map((c) => el('option', { value: c.id, text: c.title })));
  const params = new URLSearchParams(location.search);
  const choice = initialChoice(params.get('calendar'), params.get('year'));
  if (!choice) {
    showMessage(page.alert, 'info', '还没有可查看的日历数据：请先录入并同步日历。');
    return;
  }
  page.calendar.value = choice.calendar;
  fillYears(choice.year);
  page.section.hidden = false;
  await loadBoard();
}

/**
 * What the board opens on: the calendar and year in the address if given; else a calendar whose years
 * include today, preferring one with this year's plan; then the year that includes today (else the latest).
 */
function initialChoice(wantedCalendar: string | null, wantedYear: string | null): { calendar: string; year: number } | null {
  const live = calendars.filter((c) => !c.withdrawn);
  const thisYear = (c: CalendarListEntry) => Number(c.today.slice(0, 4));
  const calendar =
    calendars.find((c) => c.id === wantedCalendar) ??
    live.find((c) => c.years.includes(thisYear(c)) && c.planYears.includes(thisYear(c))) ??
    live.find((c) => c.years.includes(thisYear(c))) ??
    live[0] ??
    calendars[0];
  if (!calendar) return null;
  const asked = Number(wantedYear);
  const year = calendar.years.includes(asked)
    ? asked
    : calendar.years.includes(thisYear(calendar))
      ? thisYear(calendar)
      : (calendar.years.filter((y) => y <= thisYear(calendar)).pop() ?? calendar.years[0]);
  return year === undefined ? null : { calendar: calendar.id, year };
}

function fillYears(year: number | undefined): void {
  const calendar = calendars.find((c) => c.id === page.calendar.value);
  page.year.replaceChildren(...(calendar?.years ?? []).map((y) => el('option', { value: y, text: `${y} 年` })));
  if (year !== undefined) page.year.value = String(year);
}

async function loadBoard(): Promise<void> {
  if (!page.calendar.value || !page.year.value) return;
  const query = `calendar=${encodeURIComponent(page.calendar.value)}&year=${page.year.value}`;
  try {
    board = await call<BoardView>('GET', `/api/admin/board?${query}`);
  } catch (error) {
    return failed(error);
  }
  // The address names what is shown, so a reload (or a bookmark) opens it again.
  history.replaceState(null, '', `${location.pathname}?${query}`);
  page.subtitle.textContent = `${board.calendar.organisation}《${board.calendar.title}》 · ${board.year} 年 · 今天 ${board.today}`;
  const chosen = page.officeFilter.value;
  page.officeFilter.replaceChildren(el('option', { value: '', text: '全部' }), ...board.offices.map((o) => el('option', { value: o.id, text: o.name })));
  page.officeFilter.value = board.offices.some((o) => o.id === chosen) ? chosen : '';
  showMessage(page.alert, 'info', '', { scroll: false });
  page.warnings.replaceChildren(...board.warnings.map((w) => el('li', { text: `提示：${w}` })));
  page.warnings.hidden = board.warnings.length === 0;
  draw();
}

// ---- the matrix ----

function worst(cells: Cell[]): BoardState {
  return STATE_ORDER.find((s) => cells.some((c) => c.state === s)) ?? 'open';
}

function awaitingReview(cells: Cell[]): number {
  return cells.reduce((n, c) => n + c.submissions.filter((s) => s.status === 'received').length, 0);
}

function cellsOf(taskId: string, officeId: string): Cell[] {
  return board ? board.cells.filter((c) => c.task === taskId && c.office === officeId) : [];
}

function draw(): void {
  if (!board) return;
  const office = page.officeFilter.value;
  const state = page.stateFilter.value;
  const text = page.taskFilter.value.trim();
  const offices = board.offices.filter((o) => !office || o.id === office);
  const tasks = board.tasks.filter((t) => !text || t.title.includes(text));
  const head = el('thead', {}, [el('tr', {}, [el('th', { text: '事项' }), ...offices.map((o) => el('th', { text: o.name }))])]);
  const body = el('tbody');
  for (const task of tasks) {
    let any = false;
    const row = el('tr', {}, [el('th', { text: task.title })]);
    for (const o of offices) {
      const cells = cellsOf(task.id, o.id);
      if (cells.length === 0 || (state && !cells.some((c) => c.state === state))) {
        row.append(el('td', { class: 'cell empty' }));
        continue;
      }
      any = true;
      row.append(matrixCell(task, o, cells));
    }
    if (any) body.append(row);
  }
  page.matrix.replaceChildren(head, body);
  page.totals.textContent = STATE_ORDER.map((s) => `${STATE_LABELS[s]} ${board!.totals[s]}`).join(' · ');
}

/** "accepted/required" summed over the cell's periods (the count the ledger reports), then what awaits review. */
function matrixCell(task: Task, office: Office, cells: Cell[]): HTMLTableCellElement {
  const accepted = cells.reduce((n, c) => n + Math.min(c.accepted, c.required), 0);
  const required = cells.reduce((n, c) => n + c.required, 0);
  const pending = awaitingReview(cells);
  const state = worst(cells);
  const td = el(
    'td',
    {
      class: `cell ${state}`,
      'data-task': task.id,
      'data-office': office.id,
      tabindex: 0,
      role: 'button',
      title: `${STATE_LABELS[state]}：已通过 ${accepted} / 要求 ${required}${pending ? `，待审核 ${pending} 份` : ''}`,
    },
    [`${accepted}/${required}`, pending > 0 && el('span', { class: 'pending', text: ` · 待审核${pending}` })],
  );
  const open = () => {
    shown = { task: task.id, office: office.id };
    drawDetail(true);
  };
  td.addEventListener('click', open);
  td.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open();
    }
  });
  return td;
}

// ---- the detail of a cell ----

function drawDetail(scroll: boolean): void {
  if (!board || !shown) return;
  const task = board.tasks.find((t) => t.id === shown!.task);
  const office = board.offices.find((o) => o.id === shown!.office);
  if (!task || !office) {
    page.detail.hidden = true;
    return;
  }
  const parts: Node[] = [el('h2', { text: `${task.title} · ${office.name}` })];
  for (const c of cellsOf(task.id, office.id)) {
    parts.push(el('h3', {}, [`${c.period}（截止 ${c.due}） `, el('span', { class: `badge ${c.state}`, text: STATE_LABELS[c.state] }), ` 已报送 ${c.submitted}/${c.required}，已通过 ${c.accepted}`]));
    if (c.submissions.length === 0) {
      parts.push(el('p', { class: 'muted', text: '尚未报送材料。' }));
      continue;
    }
    const header = el(
      'tr',
      {},
      ['活动日期', '报送时间', '材料', '审核', '操作'].map((h) => el('th', { text: h })),
    );
    parts.push(
      el('table', {}, [
        el('thead', {}, [header]),
        el(
          'tbody',
          {},
          c.submissions.map((s) => submissionRow(c, s)),
        ),
      ]),
    );
  }
  const history = el('section', { id: 'history', 'aria-live': 'polite' }, [el('h3', { text: '办理记录' }), el('p', { class: 'muted', text: '正在读取……' })]);
  parts.push(history);
  page.detailBody.replaceChildren(...parts);
  page.detail.hidden = false;
  if (scroll) page.detail.scrollIntoView({ block: 'start' });
  void drawHistory(history, cellsOf(task.id, office.id));
}

/** Who did what to the cell's items, and when: from the audit trail, oldest first. */
async function drawHistory(region: HTMLElement, cells: Cell[]): Promise<void> {
  let entries: AuditEntry[];
  try {
    entries = (await Promise.all(cells.map((c) => call<AuditEntry[]>('GET', `/api/admin/history?occurrence=${encodeURIComponent(c.id)}`)))).flat();
  } catch (error) {
    region.replaceChildren(el('h3', { text: '办理记录' }));
    failed(error, region);
    return;
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  const zone = board?.calendar.timeZone ?? 'Asia/Shanghai';
  const rows = entries.map((e) =>
    el('tr', { 'data-action': e.action }, [
      el('td', { text: localDateTime(e.at, zone) }),
      el('td', { class: 'actor', text: e.actor.name }),
      el('td', { text: AUDIT_LABELS[e.action] }),
      el('td', { text: historyChange(e) }),
    ]),
  );
  region.replaceChildren(
    el('h3', { text: '办理记录' }),
    rows.length === 0
      ? el('p', { class: 'muted', text: '暂无审核或下载记录。' })
      : el('table', { class: 'history' }, [
          el('thead', {}, [
            el(
              'tr',
              {},
              ['时间', '办理人', '操作', '变更'].map((h) => el('th', { text: h })),
            ),
          ]),
          el('tbody', {}, rows),
        ]),
  );
}

/** Before → after for a decision; the file's name for a download. */
function historyChange(e: AuditEntry): string {
  if (e.action === 'evidence.download') return `文件：${(e.subject.split('/').pop() ?? e.subject).replace(/^\d+-/, '')}`;
  return [e.before && `${historyState(e.before)} → `, e.after && historyState(e.after)].filter(Boolean).join('') || e.subject;
}

/** A recorded state ("accepted", "rejected: 原因") in the board's words. */
function historyState(state: string): string {
  const [status, ...reason] = state.split(': ');
  const label = (REVIEW_LABELS as Record<string, string>)[status ?? ''] ?? status ?? '';
  return reason.length > 0 ? `${label}（${reason.join(': ')}）` : label;
}

function submissionRow(cell: Cell, s: Submission): HTMLTableRowElement {
  const evidence = el('td');
  for (const f of s.files) {
    const link = el('a', { href: '#', text: `${f.name}（${formatBytes(f.size)}）` });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      call<{ url: string }>('GET', `/api/admin/file?key=${encodeURIComponent(f.key)}`)
        .then((r) => window.open(r.url, '_blank', 'noopener'))
        .catch((error) => failed(error, page.results));
    });
    evidence.append(el('div', {}, [link, el('div', { class: 'muted small', text: `SHA-256 ${f.sha256.slice(0, 16)}…` })]));
  }
  for (const url of s.links ?? []) evidence.append(el('div', { class: 'evidence-link' }, ['链接：', externalLink(url)]));
  if (s.note) evidence.append(el('p', { class: 'submission-note', text: `说明：${s.note}` }));
  if (s.files.length === 0 && (s.links ?? []).length === 0) evidence.append(el('span', { class: 'muted', text: '（文件尚未到达）' }));

  const accept = el('button', { type: 'button', class: 'accept', text: '通过' });
  const reject = el('button', { type: 'button', class: 'secondary reject', text: '退回' });
  accept.disabled = s.status === 'accepted';
  reject.disabled = s.status === 'rejected';
  accept.addEventListener('click', () => void review(cell, s, 'accept'));
  reject.addEventListener('click', () => openRejectDialog(cell, s));
  return el('tr', { 'data-submission': s.submissionId }, [
    el('td', { text: s.effectiveDate }),
    el('td', { text: localDateTime(s.createdAt, board?.calendar.timeZone ?? 'Asia/Shanghai') }),
    evidence,
    el('td', { class: 'review-status', text: `${REVIEW_LABELS[s.status]}${s.reason ? `：${s.reason}` : ''}` }),
    el('td', {}, mayReview() ? [accept, ' ', reject] : [el('span', { class: 'muted', text: '仅可查看' })]),
  ]);
}

// ---- reviewing ----

/** An admin, or a reviewer of the calendar shown; a viewer only reads. */
function mayReview(): boolean {
  return me !== null && board !== null && (me.role === 'admin' || (me.role === 'reviewer' && me.calendars.includes(board.calendar.id)));
}

function what(cell: Cell, s: Submission): string {
  const office = board?.offices.find((o) => o.id === cell.office)?.name ?? cell.office;
  return `${cell.title} · ${office} · ${cell.period}（活动日期 ${s.effectiveDate}）`;
}

async function review(cell: Cell, s: Submission, decision: 'accept' | 'reject', reason?: string): Promise<void> {
  let result: ReviewResult;
  try {
    result = await call<ReviewResult>('POST', '/api/admin/review', { occurrenceId: cell.id, submissionId: s.submissionId, decision, ...(reason ? { reason } : {}) });
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) addMessage(page.results, 'error', `${what(cell, s)}：该材料刚被他人处理或已更新，已刷新，请核对后重试。`);
    else failed(error, page.results);
    await loadBoard();
    drawDetail(false);
    return;
  }
  await loadBoard();
  drawDetail(false);
  const office = board?.offices.find((o) => o.id === cell.office)?.name ?? '该处室';
  if (decision === 'accept') addMessage(page.results, 'success', `已通过：${what(cell, s)}。`);
  else if (result.notified) addMessage(page.results, 'info', `已退回：${what(cell, s)}，原因：${reason}。已发邮件通知${office}。`);
  else addMessage(page.results, 'warning', `已退回：${what(cell, s)}，原因：${reason}。未发送通知：${office}已不在计划中或没有登记邮箱，请另行告知。`);
}

for (const reason of REJECTION_REASONS) {
  const button = el('button', { type: 'button', text: reason });
  button.addEventListener('click', () => {
    page.rejectReason.value = reason;
    fieldError(page.rejectReason, page.rejectError, '');
    page.rejectReason.focus();
  });
  page.rejectReasons.append(button);
}

function openRejectDialog(cell: Cell, s: Submission): void {
  rejecting = { cell, submission: s };
  page.rejectWhat.textContent = what(cell, s);
  page.rejectReason.value = '';
  fieldError(page.rejectReason, page.rejectError, '');
  // Browsers before <dialog> (Firefox < 98) show it in place, without the backdrop.
  if (typeof page.dialog.showModal === 'function') page.dialog.showModal();
  else page.dialog.setAttribute('open', '');
  page.rejectReason.focus();
}

page.rejectForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const reason = page.rejectReason.value.trim();
  if (!reason) {
    fieldError(page.rejectReason, page.rejectError, '请填写退回原因（可点击上方常用原因），该处室将据此修改后重新报送。');
    return;
  }
  closeDialog();
  if (rejecting) void review(rejecting.cell, rejecting.submission, 'reject', reason);
  rejecting = null;
});
page.rejectCancel.addEventListener('click', () => {
  rejecting = null;
  closeDialog();
});

function closeDialog(): void {
  if (typeof page.dialog.close === 'function') page.dialog.close();
  else page.dialog.removeAttribute('open');
}

// ---- exports, digest, filters, login ----

function download(name: string, type: string, content: string): void {
  const a = el('a', { href: URL.createObjectURL(new Blob([content], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

function csvCell(value: unknown): string {
  const text = String(value ?? '');
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

byId('export-csv').addEventListener('click', () => {
  if (!board) return;
  const lines = [['处室', '事项', '周期', '开始', '截止', '状态', '已报送', '要求', '已通过', '待审核'].join(',')];
  for (const c of board.cells) lines.push([c.officeName, c.title, c.period, c.opens, c.due, STATE_LABELS[c.state], c.submitted, c.required, c.accepted, awaitingReview([c])].map(csvCell).join(','));
  download(`${board.calendar.id}-${board.year}.csv`, 'text/csv;charset=utf-8', `\ufeff${lines.join('\n')}`);
});
byId('export-json').addEventListener('click', () => {
  if (board) download(`${board.calendar.id}-${board.year}.json`, 'application/json', JSON.stringify(board, null, 2));
});
byId('digest').addEventListener('click', () => {
  if (!board) return;
  call<{ runId?: string }>('POST', '/api/admin/digest', { calendar: board.calendar.id })
    .then((r) => showMessage(page.alert, 'success', `周报已开始生成，稍后发送给政策法规处${r.runId ? `（运行编号 ${r.runId.slice(0, 8)}）` : ''}。`, { closable: true }))
    .catch((error) => failed(error));
});

page.signOut.addEventListener('click', () => {
  call('POST', '/api/signout')
    .catch(() => undefined)
    .finally(() => location.assign('/signin?signedOut=1'));
});
page.calendar.addEventListener('change', () => {
  const calendar = calendars.find((c) => c.id === page.calendar.value);
  fillYears(calendar ? (initialChoice(calendar.id, null)?.year ?? undefined) : undefined);
  shown = null;
  page.detail.hidden = true;
  void loadBoard();
});
page.year.addEventListener('change', () => {
  shown = null;
  page.detail.hidden = true;
  void loadBoard();
});
page.officeFilter.addEventListener('change', draw);
page.stateFilter.addEventListener('change', draw);
page.taskFilter.addEventListener('input', draw);

void start();
