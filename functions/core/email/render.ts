/** Small helpers shared by the e-mail templates: escaping and the common frame. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escaped text with every http(s) URL in it made a link (mail clients do not all do it themselves). */
export function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"'，。；）]+/g, (url) => `<a href="${url}">${url}</a>`);
}

export interface Section {
  heading: string;
  /** How the section is marked: an urgent one stands out. */
  tone?: 'urgent' | 'warning';
  /** A line under the table, e.g. "另有12项，详见看板 …". */
  note?: string;
  /** Column headers and rows of plain text; a cell may carry a link. */
  headers: string[];
  rows: ({ text: string; href?: string } | string)[][];
  empty: string;
}

export function renderHtml(title: string, intro: string[], sections: Section[], footer: string[]): string {
  const cell = (c: Section['rows'][number][number]) => {
    const value = typeof c === 'string' ? { text: c } : c;
    const body = (value.href ? escapeHtml(value.text) : linkify(value.text)).replace(/\n/g, '<br>');
    return `<td style="border:1px solid #ccc;padding:4px 8px;vertical-align:top">${value.href ? `<a href="${escapeHtml(value.href)}">${body}</a>` : body}</td>`;
  };
  const table = (s: Section) =>
    s.rows.length === 0
      ? `<p>${escapeHtml(s.empty)}</p>`
      : `<table style="border-collapse:collapse;font-size:14px"><thead><tr>${s.headers
          .map((h) => `<th style="border:1px solid #ccc;padding:4px 8px;background:#f3f3f3;text-align:left">${escapeHtml(h)}</th>`)
          .join('')}</tr></thead><tbody>${s.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>',
    escapeHtml(title),
    '</title></head><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(title)}</h2>`,
    ...intro.map((p) => `<p>${linkify(p)}</p>`),
    ...sections.map((s) => `<h3${TONES[s.tone ?? 'plain']}>${escapeHtml(s.heading)}</h3>${table(s)}${s.note ? `<p>${linkify(s.note)}</p>` : ''}`),
    ...footer.map((p) => `<p style="color:#666;font-size:12px">${linkify(p)}</p>`),
    '</body></html>',
  ].join('');
}

const TONES = {
  plain: '',
  urgent: ' style="color:#b71c1c;border-left:4px solid #b71c1c;padding-left:6px"',
  warning: ' style="color:#8a5a00;border-left:4px solid #f0a500;padding-left:6px"',
} as const;

export function renderText(title: string, intro: string[], sections: Section[], footer: string[]): string {
  const lines = [title, '', ...intro, ''];
  for (const s of sections) {
    lines.push(`【${s.heading}】`);
    if (s.rows.length === 0) lines.push(s.empty);
    s.rows.forEach((row, index) => {
      lines.push(`${index + 1}. ${row.map((c, i) => `${s.headers[i]}：${typeof c === 'string' ? c : c.href ? `${c.text} ${c.href}` : c.text}`).join('\n   ')}`);
    });
    if (s.note) lines.push(s.note);
    lines.push('');
  }
  return [...lines, ...footer].join('\n');
}
