/** The shared look of the pages: readable Chinese text, state colours used on the board and the badges. */
export const PAGE_STYLE = `
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#8b1a1a;color:#fff;padding:12px 24px}header h1{margin:0;font-size:22px}header .muted{color:#f3d9d9}
main{padding:16px 24px;max-width:1400px}
h2{font-size:18px;margin:20px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.muted{color:#666}.small{font-size:12px}
.alert{padding:10px 14px;margin:12px 0;border-radius:4px;border:1px solid}
.alert.error{background:#fdecea;border-color:#f5c2c0;color:#8a1c14}
.alert.success{background:#e8f5e9;border-color:#b7dfb9;color:#1b5e20}
.alert.warning{background:#fff8e1;border-color:#ffe08a;color:#7a5200}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff}
.done{background:#2e7d32}.submitted{background:#1565c0}.open{background:#757575}.at-risk{background:#ef6c00}.overdue{background:#c62828}.cancelled{background:#bdbdbd}
td.cell{cursor:pointer;text-align:center;color:#fff;font-weight:bold}
td.cell.empty{background:#fff;cursor:default}
form label{display:block;margin:8px 0}
input[type=text],input[type=date],input[type=password],select{padding:4px 6px;font-size:14px}
button{background:#8b1a1a;color:#fff;border:0;padding:6px 14px;border-radius:4px;cursor:pointer;font-size:14px}
button.secondary{background:#777}button:disabled{background:#bbb;cursor:default}
.file-progress{display:flex;gap:12px;align-items:center;margin:4px 0}.file-progress progress{width:280px}
.filters{display:flex;gap:16px;flex-wrap:wrap;align-items:center;margin:8px 0}
.legend span{margin-right:8px}
#detail{margin-top:16px}
`;

/** The document start both pages share: language, viewport, no favicon request, the style. */
export function pageHead(title: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${PAGE_STYLE}</style>
</head>`;
}
