/** Small helpers shared by the e-mail templates: escaping and the common frame. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Section {
  heading: string;
  /** Column headers and rows of plain text; a cell may carry a link. */
  headers: string[];
  rows: ({ text: string; href?: string } | string)[][];
  empty: string;
}

export function renderHtml(title: string, intro: string[], sections: Section[], footer: string[]): string {
  const cell = (c: Section['rows'][number][number]) => {
    const value = typeof c === 'string' ? { text: c } : c;
    const body = escapeHtml(value.text).replace(/\n/g, '<br>');
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
    ...intro.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...sections.map((s) => `<h3>${escapeHtml(s.heading)}</h3>${table(s)}`),
    ...footer.map((p) => `<p style="color:#666;font-size:12px">${escapeHtml(p)}</p>`),
    '</body></html>',
  ].join('');
}

export function renderText(title: string, intro: string[], sections: Section[], footer: string[]): string {
  const lines = [title, '', ...intro, ''];
  for (const s of sections) {
    lines.push(`【${s.heading}】`);
    if (s.rows.length === 0) lines.push(s.empty);
    s.rows.forEach((row, index) => {
      lines.push(`${index + 1}. ${row.map((c, i) => `${s.headers[i]}：${typeof c === 'string' ? c : c.href ? `${c.text} ${c.href}` : c.text}`).join('\n   ')}`);
    });
    lines.push('');
  }
  return [...lines, ...footer].join('\n');
}
