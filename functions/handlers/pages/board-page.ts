/**
 * The policy office's status board: offices × tasks for a calendar and year, coloured by state, with
 * filters, drill-down to submissions (download, accept, reject) and CSV/JSON export. Every call carries
 * the admin credential; the page keeps it in sessionStorage only.
 */
import { pageHead } from './page-style.js';

export function boardPage(): string {
  return `${pageHead('法治工作进度看板')}
<body>
<header><h1>法治工作进度看板</h1><p id="subtitle" class="muted">政策法规处</p></header>
<main>
  <div id="alert" class="alert" hidden></div>
  <div id="warnings" class="alert warning" role="status" hidden></div>
  <form id="login" hidden>
    <label>管理口令 <input type="password" id="admin-token" autocomplete="current-password" required></label>
    <button type="submit">进入</button>
  </form>
  <section id="board-section" hidden>
    <div class="filters">
      <label>日历 <select id="calendar"></select></label>
      <label>年度 <select id="year"></select></label>
      <label>处室 <select id="office-filter"><option value="">全部</option></select></label>
      <label>状态 <select id="state-filter"><option value="">全部</option><option value="overdue">已逾期</option><option value="at-risk">进度落后</option><option value="open">待报送</option><option value="submitted">待审核</option><option value="done">已完成</option><option value="cancelled">已取消</option></select></label>
      <label>事项 <input type="text" id="task-filter" placeholder="关键词"></label>
      <button type="button" id="export-csv" class="secondary">导出 CSV</button>
      <button type="button" id="export-json" class="secondary">导出 JSON</button>
      <button type="button" id="digest" class="secondary">立即发送周报</button>
    </div>
    <p class="legend small"><span class="badge overdue">已逾期</span><span class="badge at-risk">进度落后</span><span class="badge open">待报送</span><span class="badge submitted">待审核</span><span class="badge done">已完成</span><span class="badge cancelled">已取消</span> <span id="totals" class="muted"></span></p>
    <div style="overflow-x:auto"><table id="matrix"></table></div>
    <section id="detail" hidden></section>
  </section>
</main>
<script>
(function () {
  var STATE = { open: '待报送', submitted: '待审核', done: '已完成', overdue: '已逾期', 'at-risk': '进度落后', cancelled: '已取消' };
  var ORDER = ['overdue', 'at-risk', 'open', 'submitted', 'done', 'cancelled'];
  var REVIEW = { received: '待审核', accepted: '已通过', rejected: '已退回' };
  var $ = function (id) { return document.getElementById(id); };
  var board = null;
  var adminToken = '';
  var fromHash = /admin=([^&]+)/.exec(location.hash);
  if (fromHash) { sessionStorage.setItem('fazhi-admin', decodeURIComponent(fromHash[1])); history.replaceState(null, '', location.pathname + location.search); }
  adminToken = sessionStorage.getItem('fazhi-admin') || '';

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === 'text') node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function alertBox(kind, message) { var b = $('alert'); b.className = 'alert ' + kind; b.textContent = message; b.hidden = !message; }
  function api(method, path, body) {
    return fetch(path, { method: method, headers: { 'content-type': 'application/json', authorization: 'Bearer ' + adminToken }, body: body ? JSON.stringify(body) : undefined })
      .then(function (r) { return r.json().then(function (d) { if (!r.ok) { var e = new Error(d.error || ('HTTP ' + r.status)); e.status = r.status; throw e; } return d; }); });
  }
  function failed(e) {
    if (e.status === 401) { sessionStorage.removeItem('fazhi-admin'); adminToken = ''; $('board-section').hidden = true; $('login').hidden = false; alertBox('error', '管理口令错误或已失效，请重新输入。'); return; }
    alertBox('error', '出错了：' + e.message);
  }

  function start() {
    if (!adminToken) { $('login').hidden = false; return; }
    api('GET', '/api/admin/calendars').then(function (calendars) {
      $('login').hidden = true;
      var select = $('calendar');
      select.innerHTML = '';
      calendars.forEach(function (c) { select.appendChild(el('option', { value: c.id, text: c.title })); });
      select.calendars = calendars;
      var params = new URLSearchParams(location.search);
      if (params.get('calendar')) select.value = params.get('calendar');
      fillYears(params.get('year'));
      $('board-section').hidden = false;
      return loadBoard();
    }).catch(failed);
  }
  function fillYears(wanted) {
    var calendar = $('calendar').calendars.filter(function (c) { return c.id === $('calendar').value; })[0];
    var years = $('year');
    years.innerHTML = '';
    (calendar ? calendar.years : []).forEach(function (y) { years.appendChild(el('option', { value: String(y), text: String(y) })); });
    if (wanted) years.value = wanted;
  }
  function loadBoard() {
    if (!$('calendar').value || !$('year').value) { alertBox('error', '还没有可查看的日历数据。'); return Promise.resolve(); }
    return api('GET', '/api/admin/board?calendar=' + encodeURIComponent($('calendar').value) + '&year=' + $('year').value).then(function (data) {
      board = data;
      $('subtitle').textContent = data.calendar.organisation + '《' + data.calendar.title + '》 · ' + data.year + ' 年 · 今天 ' + data.today;
      var officeFilter = $('office-filter');
      var chosen = officeFilter.value;
      officeFilter.innerHTML = '<option value="">全部</option>';
      data.offices.forEach(function (o) { officeFilter.appendChild(el('option', { value: o.id, text: o.name })); });
      officeFilter.value = chosen;
      alertBox('', '');
      $('warnings').textContent = (data.warnings || []).map(function (w) { return '提示：' + w; }).join('；');
      $('warnings').hidden = !(data.warnings || []).length;
      draw();
    }).catch(failed);
  }
  function worst(cells) {
    var states = cells.map(function (c) { return c.state; });
    return ORDER.filter(function (s) { return states.indexOf(s) >= 0; })[0];
  }
  function draw() {
    var office = $('office-filter').value, state = $('state-filter').value, text = $('task-filter').value.trim();
    var offices = board.offices.filter(function (o) { return !office || o.id === office; });
    var tasks = board.tasks.filter(function (t) { return !text || t.title.indexOf(text) >= 0; });
    var table = $('matrix');
    table.innerHTML = '';
    table.appendChild(el('thead', {}, [el('tr', {}, [el('th', { text: '事项' })].concat(offices.map(function (o) { return el('th', { text: o.name }); })))]));
    var body = el('tbody');
    tasks.forEach(function (task) {
      var row = el('tr', {}, [el('th', { text: task.title })]);
      var shown = false;
      offices.forEach(function (o) {
        var cells = board.cells.filter(function (c) { return c.task === task.id && c.office === o.id; });
        if (cells.length === 0 || (state && !cells.some(function (c) { return c.state === state; }))) { row.appendChild(el('td', { class: 'cell empty' })); return; }
        shown = true;
        // Accepted of required, summed over the cell's periods: the same count the ledger reports.
        var accepted = cells.reduce(function (n, c) { return n + Math.min(c.accepted, c.required); }, 0);
        var required = cells.reduce(function (n, c) { return n + c.required; }, 0);
        var td = el('td', { class: 'cell ' + worst(cells), 'data-task': task.id, 'data-office': o.id, title: STATE[worst(cells)] + '：已通过 ' + accepted + ' / 要求 ' + required, text: accepted + '/' + required });
        td.addEventListener('click', function () { detail(task, o, cells); });
        row.appendChild(td);
      });
      if (shown) body.appendChild(row);
    });
    table.appendChild(body);
    $('totals').textContent = ORDER.map(function (s) { return STATE[s] + ' ' + board.totals[s]; }).join(' · ');
  }
  function detail(task, office, cells) {
    var box = $('detail');
    box.innerHTML = '';
    box.appendChild(el('h2', { text: task.title + ' · ' + office.name }));
    cells.forEach(function (c) {
      box.appendChild(el('h3', {}, [c.period + '（截止 ' + c.due + '） ', el('span', { class: 'badge ' + c.state, text: STATE[c.state] }), ' 已报送 ' + c.submitted + '/' + c.required + '，已通过 ' + c.accepted]));
      if (c.submissions.length === 0) { box.appendChild(el('p', { class: 'muted', text: '尚未报送材料。' })); return; }
      var table = el('table', {}, [el('tr', {}, ['活动日期', '报送时间', '文件', '审核', '操作'].map(function (h) { return el('th', { text: h }); }))]);
      c.submissions.forEach(function (s) {
        var files = el('td');
        s.files.forEach(function (f) {
          var link = el('a', { href: '#', text: f.name + '（' + Math.ceil(f.size / 1024) + ' KB）' });
          link.addEventListener('click', function (e) { e.preventDefault(); api('GET', '/api/admin/file?key=' + encodeURIComponent(f.key)).then(function (r) { window.open(r.url, '_blank'); }).catch(failed); });
          files.appendChild(el('div', {}, [link, el('div', { class: 'muted small', text: 'SHA-256 ' + f.sha256.slice(0, 16) + '…' })]));
        });
        (s.links || []).forEach(function (url) {
          files.appendChild(el('div', {}, [el('a', { href: url, text: url, target: '_blank', rel: 'noopener noreferrer' })]));
        });
        var accept = el('button', { type: 'button', class: 'accept', text: '通过' });
        var reject = el('button', { type: 'button', class: 'secondary reject', text: '退回' });
        accept.disabled = s.status === 'accepted';
        reject.disabled = s.status === 'rejected';
        accept.addEventListener('click', function () { review(c, s, 'accept'); });
        reject.addEventListener('click', function () {
          var reason = prompt('退回原因（将通知该处室）：');
          if (reason) review(c, s, 'reject', reason);
        });
        table.appendChild(el('tr', { 'data-submission': s.submissionId }, [
          el('td', { text: s.effectiveDate }), el('td', { text: localTime(s.createdAt) }), files,
          el('td', { class: 'review-status', text: REVIEW[s.status] + (s.reason ? '：' + s.reason : '') }), el('td', {}, [accept, ' ', reject]),
        ]));
      });
      box.appendChild(table);
    });
    box.hidden = false;
    box.scrollIntoView();
  }
  // Stored times are UTC instants: show them on the calendar's clock (Asia/Shanghai), as YYYY-MM-DD HH:mm.
  function localTime(iso) {
    var parts = {};
    new Intl.DateTimeFormat('en-US', { timeZone: board.calendar.timeZone || 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso)).forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute;
  }
  function review(cell, submission, decision, reason) {
    api('POST', '/api/admin/review', { occurrenceId: cell.id, submissionId: submission.submissionId, decision: decision, reason: reason }).then(function (result) {
      alertBox('success', decision === 'accept' ? '已通过。' : result.notified ? '已退回，并已通知该处室。' : '已退回。该处室已不在计划中（或没有邮箱），未发送通知。');
      return loadBoard().then(function () {
        var task = board.tasks.filter(function (t) { return t.id === cell.task; })[0];
        var office = board.offices.filter(function (o) { return o.id === cell.office; })[0];
        detail(task, office, board.cells.filter(function (c) { return c.task === cell.task && c.office === cell.office; }));
      });
    }).catch(failed);
  }
  function download(name, type, content) {
    var a = el('a', { href: URL.createObjectURL(new Blob([content], { type: type })), download: name });
    document.body.appendChild(a); a.click(); a.remove();
  }
  function csvCell(v) { v = String(v == null ? '' : v); return /[",\\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
  $('export-csv').addEventListener('click', function () {
    var lines = [['处室', '事项', '周期', '开始', '截止', '状态', '已报送', '要求', '已通过'].join(',')];
    board.cells.forEach(function (c) { lines.push([c.officeName, c.title, c.period, c.opens, c.due, STATE[c.state], c.submitted, c.required, c.accepted].map(csvCell).join(',')); });
    download(board.calendar.id + '-' + board.year + '.csv', 'text/csv;charset=utf-8', '\\ufeff' + lines.join('\\n'));
  });
  $('export-json').addEventListener('click', function () { download(board.calendar.id + '-' + board.year + '.json', 'application/json', JSON.stringify(board, null, 2)); });
  $('digest').addEventListener('click', function () {
    api('POST', '/api/admin/digest', { calendar: board.calendar.id }).then(function () { alertBox('success', '周报已发送给政策法规处。'); }).catch(failed);
  });
  $('login').addEventListener('submit', function (e) { e.preventDefault(); adminToken = $('admin-token').value; sessionStorage.setItem('fazhi-admin', adminToken); start(); });
  $('calendar').addEventListener('change', function () { fillYears(); loadBoard(); });
  $('year').addEventListener('change', loadBoard);
  ['office-filter', 'state-filter'].forEach(function (id) { $(id).addEventListener('change', draw); });
  $('task-filter').addEventListener('input', draw);
  start();
})();
</script>
</body>
</html>`;
}
