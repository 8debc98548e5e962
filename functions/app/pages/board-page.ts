/**
 * The policy office's status board: offices × tasks for a calendar and year, coloured by state, with
 * filters, drill-down to submissions (download, open links, accept, reject with a reason) and CSV/JSON
 * export, and each item's history. The document is static; functions/web/client/board.ts fills and drives
 * it. Calls carry the session cookie (HttpOnly) and, for changes, the session's CSRF token.
 */
import { STATE_LABELS, STATE_ORDER } from '../../core/labels.js';
import { pageDocument } from './page-shell.js';

export function boardPage(nonce: string): string {
  const stateOptions = STATE_ORDER.map((s) => `<option value="${s}">${STATE_LABELS[s]}</option>`).join('');
  const badges = STATE_ORDER.map((s) => `<span class="badge ${s}">${STATE_LABELS[s]}</span>`).join('');
  return pageDocument(
    'board',
    '法治工作进度看板',
    nonce,
    `<body>
<header><h1>法治工作进度看板</h1><p id="subtitle" class="muted">政策法规处</p><p class="session"><span id="user" hidden></span> <button type="button" id="sign-out" class="link" hidden>退出登录</button></p></header>
<main>
  <div id="alert" aria-live="polite"></div>
  <ul id="warnings" class="alert warning" aria-label="提示" hidden></ul>
  <section id="board-section" hidden>
    <div class="filters">
      <label>日历 <select id="calendar"></select></label>
      <label>年度 <select id="year"></select></label>
      <label>处室 <select id="office-filter"><option value="">全部</option></select></label>
      <label>状态 <select id="state-filter"><option value="">全部</option>${stateOptions}</select></label>
      <label>事项 <input type="text" id="task-filter" placeholder="关键词"></label>
      <button type="button" id="export-csv" class="secondary">导出 CSV</button>
      <button type="button" id="export-json" class="secondary">导出 JSON</button>
      <button type="button" id="digest" class="secondary">立即发送周报</button>
    </div>
    <div class="legend" id="legend">
      <p>${badges} <span id="totals" class="muted"></span></p>
      <p class="muted">格中“已通过/应报送”：该处室该事项已审核通过的次数与计划要求的次数（按各期合计）；“待审核N”：已报送、尚待审核的材料份数。点击格子查看材料并审核。</p>
    </div>
    <div class="table-scroll"><table id="matrix"></table></div>
    <section id="detail" hidden>
      <div id="review-results" aria-live="polite"></div>
      <div id="detail-body"></div>
    </section>
  </section>
</main>
<dialog id="reject-dialog" aria-labelledby="reject-heading">
  <form id="reject-form" method="dialog" novalidate>
    <h2 id="reject-heading">退回材料</h2>
    <p id="reject-what" class="muted"></p>
    <fieldset class="reasons" id="reject-reasons"><legend>常用原因（点击填入）</legend></fieldset>
    <label for="reject-reason">退回原因（必填，将通过邮件告知该处室）</label>
    <textarea id="reject-reason" rows="3" maxlength="500" aria-required="true" aria-describedby="reject-error"></textarea>
    <p id="reject-error" class="field-error" hidden></p>
    <div class="actions"><button type="submit" id="reject-confirm">确认退回</button><button type="button" id="reject-cancel" class="secondary">取消</button></div>
  </form>
</dialog>
</body>`,
  );
}
