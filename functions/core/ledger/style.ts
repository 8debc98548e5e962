/** Print-first look of the ledger: A4 pages, no colour needed to read states, blocks kept whole. */
export const LEDGER_STYLE = `
@page{size:A4;margin:15mm 12mm}
body{font-family:"Noto Serif CJK SC","Songti SC","SimSun","Noto Sans CJK SC","Microsoft YaHei",serif;font-size:10.5pt;color:#000;margin:0 auto;max-width:190mm;line-height:1.45}
header{border-bottom:2px solid #8b1a1a;margin-bottom:8pt;padding-bottom:6pt}
header h1{font-size:16pt;margin:0 0 4pt}
header p{margin:2pt 0}
h2{font-size:13pt;margin:14pt 0 6pt;border-left:4pt solid #8b1a1a;padding-left:6pt;break-after:avoid}
h3{font-size:11.5pt;margin:12pt 0 4pt;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:4pt 0}
th,td{border:0.5pt solid #888;padding:2pt 4pt;text-align:left;vertical-align:top}
th{background:#f0f0f0;font-weight:bold}
tr{break-inside:avoid}
td .num{display:block;text-align:right}
.muted{color:#555}.small{font-size:9pt}
.hash{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:7.5pt;word-break:break-all}
.state{font-weight:bold}.state.overdue{color:#b00}.state.at-risk{color:#c60}.state.submitted{color:#15c}.state.done{color:#270}.state.cancelled{color:#777}
.gaps{border:1.5pt solid #b00;padding:4pt 8pt;margin:10pt 0}
.gaps h2{color:#b00;border-left-color:#b00}
.occurrence{border:0.5pt solid #bbb;padding:4pt 6pt;margin:6pt 0;break-inside:avoid}
.submission{margin:4pt 0 4pt 8pt;padding-left:6pt;border-left:2pt solid #ccc}
.details{break-before:page}
a{color:inherit}
@media screen{body{padding:12px}}
@media print{a{text-decoration:none}.noprint{display:none}}
`;
