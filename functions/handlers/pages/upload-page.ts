/**
 * The office's upload page, opened from the link in a reminder e-mail. Plain HTML and script, no build
 * step: it lists the office's items, and uploads files straight to S3 through presigned PUTs with a
 * progress bar per file.
 */
import { pageHead } from './page-style.js';

export function uploadPage(): string {
  return `${pageHead('报送佐证材料 · 法治工作日历')}
<body>
<header><h1 id="title">报送佐证材料</h1><p id="subtitle" class="muted">正在读取……</p></header>
<main>
  <div id="alert" class="alert" hidden></div>
  <section id="items-section" hidden>
    <h2>本处室事项</h2>
    <table id="items"><thead><tr><th>事项</th><th>周期</th><th>截止日期</th><th>状态</th><th>需报送材料</th><th>已报送</th><th></th></tr></thead><tbody></tbody></table>
  </section>
  <section id="form-section" hidden>
    <h2>上传材料：<span id="form-title"></span></h2>
    <form id="upload-form">
      <label>活动日期 <input type="date" id="effective-date" required></label>
      <label>说明（可选） <input type="text" id="note" maxlength="500" placeholder="例如：3月12日集体学法"></label>
      <label>文件（可多选：照片、视频、PDF、Word、Excel） <input type="file" id="files" multiple required></label>
      <p class="muted" id="limits"></p>
      <div class="actions"><button type="submit" id="submit">上传</button> <button type="button" id="cancel" class="secondary">取消</button></div>
    </form>
    <div id="progress"></div>
  </section>
</main>
<script>
(function () {
  var token = new URLSearchParams(location.search).get('token') || '';
  var view = null;
  var current = null;
  var STATE = { open: '待报送', submitted: '已报送待审核', done: '已完成', overdue: '已逾期', 'at-risk': '进度落后', cancelled: '已取消' };
  var EVIDENCE = { photo: '照片', video: '视频', 'sign-in-sheet': '签到表', minutes: '会议记录', 'article-link': '文章链接', screenshot: '截图', document: '文件材料', report: '报告', certificate: '证书' };
  var REVIEW = { received: '待审核', accepted: '已通过', rejected: '已退回' };
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === 'text') node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function alertBox(kind, message) {
    var box = $('alert');
    box.className = 'alert ' + kind;
    box.textContent = message;
    box.hidden = !message;
  }
  function api(method, path, body) {
    return fetch(path, { method: method, headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: body ? JSON.stringify(body) : undefined })
      .then(function (r) { return r.json().then(function (data) { if (!r.ok) { var e = new Error(data.error || ('HTTP ' + r.status)); e.status = r.status; e.field = data.field || ''; throw e; } return data; }); });
  }
  function linkError(error) {
    if (error.status === 401 && /expired/.test(error.message)) return '上传链接已过期，请使用最新一封提醒邮件中的链接。';
    if (error.status === 401) return '上传链接无效，请使用提醒邮件中的完整链接。';
    if (error.status === 403) return '此链接不属于该处室，无法操作。';
    // The API explains refusals in English for developers; offices get them in Chinese by field.
    if (error.status === 400) {
      if (/contentType$/.test(error.field)) return '不支持的文件类型。请上传照片、视频、PDF、Word 或 Excel 文件。';
      if (/size$/.test(error.field)) return '文件过大或为空，单个文件不超过 ' + Math.round(view.limits.maxBytes / 1048576) + ' MB。';
      if (error.field === 'effectiveDate') return '活动日期无效：不能晚于今天。';
      if (error.field === 'occurrenceId') return '该事项已取消，无需再报送材料。';
      if (error.field === 'files') return '请选择文件（每次最多 ' + view.limits.maxFiles + ' 个）。';
    }
    if (error.status === 404) return '找不到该事项，可能已从计划中删除。';
    return '出错了：' + error.message;
  }

  function load() {
    if (!token) { $('subtitle').textContent = ''; alertBox('error', '缺少上传链接参数，请从提醒邮件中的链接打开本页。'); return Promise.resolve(); }
    return api('GET', '/api/office?token=' + encodeURIComponent(token)).then(render).catch(function (e) { $('subtitle').textContent = ''; alertBox('error', linkError(e)); });
  }

  function render(data) {
    view = data;
    $('title').textContent = data.office.name + ' · 报送佐证材料';
    $('subtitle').textContent = data.calendar.organisation + '《' + data.calendar.title + '》 · 今天 ' + data.today;
    $('limits').textContent = '单个文件不超过 ' + Math.round(data.limits.maxBytes / 1048576) + ' MB，每次最多 ' + data.limits.maxFiles + ' 个文件。';
    var tbody = $('items').querySelector('tbody');
    tbody.innerHTML = '';
    data.items.forEach(function (item) {
      var evidence = item.evidence.map(function (e) { return (EVIDENCE[e.kind] || e.kind) + '×' + e.count; }).join('、') || '活动材料';
      var sent = el('div', {}, [item.submitted + '/' + item.required]);
      item.submissions.forEach(function (s) {
        var line = s.effectiveDate + ' ' + s.files.map(function (f) { return f.name; }).join('、') + '（' + REVIEW[s.status] + (s.reason ? '：' + s.reason : '') + '）';
        sent.appendChild(el('div', { class: 'muted small', text: line }));
      });
      var button = el('button', { type: 'button', 'data-id': item.id, text: '上传材料' });
      button.disabled = item.state === 'cancelled';
      button.addEventListener('click', function () { openForm(item); });
      var row = el('tr', { id: 'item-' + item.id, class: 'state-' + item.state }, [
        el('td', { text: item.title }), el('td', { text: item.period }), el('td', { text: item.due }),
        el('td', {}, [el('span', { class: 'badge ' + item.state, text: STATE[item.state] || item.state })]),
        el('td', { text: evidence }), el('td', {}, [sent]), el('td', {}, [button]),
      ]);
      tbody.appendChild(row);
    });
    $('items-section').hidden = false;
    var wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && !current) {
      var match = data.items.filter(function (i) { return i.id === wanted; })[0];
      if (match) openForm(match);
    }
  }

  function openForm(item) {
    current = item;
    $('form-title').textContent = item.title + '（' + item.period + '，截止 ' + item.due + '）';
    $('effective-date').value = view.today;
    $('effective-date').max = view.today;
    $('progress').innerHTML = '';
    $('form-section').hidden = false;
    $('form-section').scrollIntoView();
  }

  function check(files) {
    if (files.length === 0) return '请选择至少一个文件。';
    if (files.length > view.limits.maxFiles) return '每次最多上传 ' + view.limits.maxFiles + ' 个文件。';
    for (var i = 0; i < files.length; i++) {
      var f = files[i];
      if (view.limits.contentTypes.indexOf(f.type) < 0) return '不支持的文件类型：' + f.name + '（' + (f.type || '未知类型') + '）。请上传照片、视频、PDF、Word 或 Excel 文件。';
      if (f.size > view.limits.maxBytes) return '文件过大：' + f.name + '（' + (f.size / 1048576).toFixed(1) + ' MB），单个文件不超过 ' + Math.round(view.limits.maxBytes / 1048576) + ' MB。';
      if (f.size === 0) return '文件为空：' + f.name;
    }
    return '';
  }

  function put(target, file, bar) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('PUT', target.url);
      Object.keys(target.headers).forEach(function (h) { xhr.setRequestHeader(h, target.headers[h]); });
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.value = e.loaded / e.total; } };
      xhr.onload = function () { if (xhr.status >= 200 && xhr.status < 300) { bar.value = 1; resolve(); } else reject(new Error(file.name + '：存储服务返回 ' + xhr.status)); };
      xhr.onerror = function () { reject(new Error(file.name + '：网络错误，上传未完成')); };
      xhr.send(file);
    });
  }

  $('upload-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call($('files').files);
    var problem = check(files);
    if (problem) { alertBox('error', problem); return; }
    alertBox('', '');
    $('submit').disabled = true;
    var list = $('progress');
    list.innerHTML = '';
    var bars = files.map(function (f) {
      var bar = el('progress', { max: '1', value: '0', 'aria-label': f.name });
      list.appendChild(el('div', { class: 'file-progress' }, [el('span', { text: f.name }), bar]));
      return bar;
    });
    var item = current;
    var submissionId = '';
    api('POST', '/api/uploads', {
      occurrenceId: item.id,
      effectiveDate: $('effective-date').value,
      note: $('note').value || undefined,
      files: files.map(function (f) { return { name: f.name, contentType: f.type, size: f.size }; }),
    }).then(function (grant) {
      submissionId = grant.submissionId;
      return Promise.all(grant.uploads.map(function (u, i) { return put(u, files[i], bars[i]); }));
    }).then(function () {
      alertBox('success', '上传成功：' + files.length + ' 个文件已报送，' + (view.office.name) + '可在下表查看。');
      return waitForRecord(item.id, submissionId, files.length, 20);
    }).catch(function (e) {
      alertBox('error', e.status ? linkError(e) : e.message);
    }).then(function () {
      $('submit').disabled = false;
      $('upload-form').reset();
      // reset() empties the date (its value was set by script): offer today again for the next upload.
      $('effective-date').value = view.today;
    });
  });

  // Each file is recorded by its own storage event a moment after it lands: poll until all of them show.
  function waitForRecord(id, submissionId, fileCount, tries) {
    return api('GET', '/api/office?token=' + encodeURIComponent(token)).then(function (data) {
      var item = data.items.filter(function (i) { return i.id === id; })[0];
      var recorded = item ? item.submissions.filter(function (s) { return s.submissionId === submissionId; })[0] : null;
      if ((recorded && recorded.files.length >= fileCount) || tries <= 0) { if (current && item && current.id === item.id) current = item; render(data); return; }
      return new Promise(function (r) { setTimeout(r, 500); }).then(function () { return waitForRecord(id, submissionId, fileCount, tries - 1); });
    });
  }

  $('cancel').addEventListener('click', function () { $('form-section').hidden = true; current = null; });
  load();
})();
</script>
</body>
</html>`;
}
