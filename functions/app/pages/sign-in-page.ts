/**
 * The sign-in page: asks for an e-mail address and has a single-use link mailed to it; opened from that
 * link (its address and token in the query), it asks to confirm, then starts the session. Confirming by a
 * button, not on opening: a mail scanner that fetches the link does not use it up.
 * functions/web/client/sign-in.ts drives it.
 */
import { pageDocument } from './page-shell.js';

export function signInPage(nonce: string): string {
  return pageDocument(
    'signin',
    '登录 · 法治工作进度看板',
    nonce,
    `<body>
<header><h1>法治工作进度看板</h1><p class="muted">政策法规处 · 登录</p></header>
<main>
  <div id="alert" aria-live="polite"></div>
  <form id="request-form" class="narrow" novalidate hidden>
    <div class="field">
      <label for="email">工作邮箱</label>
      <input type="email" id="email" autocomplete="email" maxlength="254" aria-required="true" aria-describedby="email-hint email-error">
      <span id="email-hint" class="hint">我们将向该邮箱发送登录链接，15 分钟内有效，只能使用一次。</span>
      <p id="email-error" class="field-error" hidden></p>
    </div>
    <div class="actions"><button type="submit" id="send-link">发送登录链接</button></div>
    <p class="muted small">尚未开通账户或需要调整权限的，请联系政策法规处的系统管理员。</p>
  </form>
  <form id="confirm-form" class="narrow" novalidate hidden>
    <p>以 <strong id="confirm-email"></strong> 登录法治工作进度看板。</p>
    <div class="actions"><button type="submit" id="confirm">确认登录</button></div>
  </form>
</main>
</body>`,
  );
}
