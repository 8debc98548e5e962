/**
 * The audit trail: one append-only entry per state-changing request (review, a run started by hand,
 * account and token changes, link rotation) and per evidence download by a reviewer. Entries are never
 * updated or deleted (the stack denies it to every function; see infra/fazhi-stack.ts).
 */

export const AUDIT_ACTIONS = [
  'review.accept',
  'review.reject',
  'run.sweep',
  'run.digest',
  'account.add',
  'account.role',
  'account.revoke',
  'token.create',
  'token.revoke',
  'links.rotate',
  'evidence.download',
  'session.start',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  /** The account's address, or the operator's name for the command line with cloud credentials. */
  email: string;
  name: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: AuditActor;
  action: AuditAction;
  /** The item acted on (an occurrence), when there is one: its history lists the entry. */
  occurrenceId: string | null;
  calendar: string | null;
  /** The occurrence's year (the ledger exports a calendar's year). */
  year: number | null;
  /** What was acted on, in words: a submission, an account, an office, an evidence file. */
  subject: string;
  before: string | null;
  after: string | null;
  /** Where the request came from: the source IP, or "cli". */
  source: string;
}

/** Chinese names of the actions, for the history and the ledger. */
export const AUDIT_LABELS: Record<AuditAction, string> = {
  'review.accept': '审核通过',
  'review.reject': '退回',
  'run.sweep': '手动巡检',
  'run.digest': '手动发送周报',
  'account.add': '新增账户',
  'account.role': '变更角色',
  'account.revoke': '停用账户',
  'token.create': '创建 API 令牌',
  'token.revoke': '吊销 API 令牌',
  'links.rotate': '更换上传链接',
  'evidence.download': '下载佐证材料',
  'session.start': '登录',
};

const CSV_HEADER = ['时间', '操作人', '邮箱', '操作', '日历', '年度', '事项', '对象', '变更前', '变更后', '来源'];

function csvCell(value: unknown): string {
  const text = String(value ?? '');
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The audit log as CSV (UTF-8 with BOM for Excel), oldest first. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = [...entries]
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
    .map((e) => [e.at, e.actor.name, e.actor.email, AUDIT_LABELS[e.action], e.calendar, e.year, e.occurrenceId, e.subject, e.before, e.after, e.source].map(csvCell).join(','));
  return `\ufeff${[CSV_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
