/**
 * The office's upload page, opened from the link in a reminder e-mail: the office's items, and a form that
 * hands in files (straight to the bucket through presigned PUTs, a progress bar each) and/or article
 * links. The document is static; functions/web/client/upload.ts fills and drives it.
 */
import { pageDocument } from './page-shell.js';

export function uploadPage(nonce: string): string {
  return pageDocument(
    'upload',
    '报送佐证材料 · 法治工作日历',
    nonce,
    `<body>
<header><h1 id="title">报送佐证材料</h1><p id="subtitle" class="muted">正在读取……</p><p id="link-expiry" class="muted small" hidden></p></header>
<main>
  <div id="alert" aria-live="polite"></div>
  <section id="items-section" hidden>
    <h2>本处室事项</h2>
    <div class="table-scroll"><table id="items"><thead><tr><th>事项</th><th>周期</th><th>截止日期</th><th>状态</th><th>需报送材料</th><th>已报送</th><th></th></tr></thead><tbody></tbody></table></div>
  </section>
  <section id="subscribe" aria-labelledby="subscribe-heading" hidden>
    <h2 id="subscribe-heading">订阅本处室日历</h2>
    <p class="muted small">将下面的地址添加到 Outlook、手机日历等应用的“订阅日历”中，即可在日历中看到本处室各事项的截止日期。该地址只能查看日历，长期有效；本处室上传链接被更换时一并失效。</p>
    <input type="text" id="subscribe-url" readonly aria-label="日历订阅地址">
  </section>
  <section id="form-section" aria-labelledby="form-heading" hidden>
    <h2 id="form-heading">报送材料：<span id="form-title"></span></h2>
    <form id="upload-form" novalidate>
      <div class="field">
        <label for="effective-date">活动日期</label>
        <input type="text" id="effective-date" class="date" inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" maxlength="10" placeholder="YYYY-MM-DD" autocomplete="off" aria-required="true" aria-describedby="effective-date-hint effective-date-error">
        <span id="effective-date-hint" class="hint">格式：年-月-日（YYYY-MM-DD），例如 2025-04-18；不早于事项开始日期，不晚于今天。</span>
        <p id="effective-date-error" class="field-error" hidden></p>
      </div>
      <div class="field">
        <label for="note">说明（可选）</label>
        <input type="text" id="note" maxlength="500" placeholder="例如：3月12日集体学法" aria-describedby="note-error">
        <p id="note-error" class="field-error" hidden></p>
      </div>
      <div class="field">
        <label for="files">文件（可多选：照片、视频、PDF、Word、Excel）</label>
        <input type="file" id="files" multiple aria-describedby="files-chosen limits files-error">
        <span id="files-chosen" class="hint" aria-live="polite"></span>
        <span id="limits" class="hint"></span>
        <p id="files-error" class="field-error" hidden></p>
      </div>
      <div class="field" role="group" aria-labelledby="links-label">
        <span id="links-label">文章链接（可选，可填多个；只报送链接时无需选择文件）</span>
        <div id="links"></div>
        <button type="button" id="add-link" class="link">＋ 再添加一个链接</button>
        <p id="links-error" class="field-error" hidden></p>
      </div>
      <div class="actions"><button type="submit" id="submit">提交</button><button type="button" id="cancel" class="secondary">取消</button></div>
      <div id="form-message" aria-live="polite"></div>
    </form>
    <div id="progress"></div>
  </section>
</main>
</body>`,
  );
}
