/**
 * Local mode's inbox (`GET /dev/inbox`): every mail the SES emulator took and every message the robot
 * receiver accepted, newest first, side by side in one list. Server-rendered and script-free: the policy
 * allows the pages' stylesheet and nothing else.
 */

import { htmlDocument } from '../app/pages/page-shell.js';
import { escapeHtml } from '../core/email/render.js';

export interface InboxEntry {
  /** ISO instant. */
  at: string;
  channel: 'mail' | 'dingtalk' | 'wecom';
  /** Addresses, or the robot's secret name. */
  to: string;
  subject: string;
  body: string;
}

const CHANNEL_NAMES: Record<InboxEntry['channel'], string> = { mail: '邮件', dingtalk: '钉钉机器人', wecom: '企业微信机器人' };

export const INBOX_POLICY = "default-src 'none'; style-src 'self'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export function inboxPage(entries: readonly InboxEntry[], note: string | undefined): string {
  const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  const mails = sorted.filter((e) => e.channel === 'mail').length;
  const summary = `共 ${sorted.length} 条（邮件 ${mails}，机器人 ${sorted.length - mails}），最新在前。`;
  const noteLine = note ? `<p class="hint">${escapeHtml(note)}</p>` : '';
  const rows = sorted.map(row).join('\n');
  return htmlDocument(
    '本地收件箱（邮件与群机器人）',
    '',
    `<body>
<main>
<h1>本地收件箱：邮件与群机器人消息</h1>
${noteLine}
<p class="muted">${summary}</p>
<div class="table-scroll"><table><thead><tr><th>时间（UTC）</th><th>渠道</th><th>发给</th><th>内容</th></tr></thead><tbody>
${rows}
</tbody></table></div>
</main>
</body>`,
  );
}

function row(entry: InboxEntry): string {
  const when = escapeHtml(entry.at.replace('T', ' ').slice(0, 19));
  const badge = entry.channel === 'mail' ? 'open' : 'submitted';
  return `<tr><td>${when}</td><td><span class="badge ${badge}">${CHANNEL_NAMES[entry.channel]}</span></td><td>${escapeHtml(entry.to)}</td><td><strong>${escapeHtml(entry.subject)}</strong><pre class="small">${escapeHtml(entry.body)}</pre></td></tr>`;
}
