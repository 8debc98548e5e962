/**
 * The sign-in page in the browser. Without a link: asks for the address and has the link mailed (the
 * answer is the same whether or not the address has an account). Opened from the link: confirms, starts
 * the session (the server sets the HttpOnly cookie; this script never sees it) and goes to the board.
 */
import { ApiError, api, byId, fieldError, NetworkError, showMessage } from './dom.js';

const page = {
  alert: byId('alert'),
  requestForm: byId<HTMLFormElement>('request-form'),
  email: byId<HTMLInputElement>('email'),
  emailError: byId('email-error'),
  send: byId<HTMLButtonElement>('send-link'),
  confirmForm: byId<HTMLFormElement>('confirm-form'),
  confirmEmail: byId('confirm-email'),
  confirm: byId<HTMLButtonElement>('confirm'),
};

const params = new URLSearchParams(location.search);
const linkEmail = params.get('email');
const linkToken = params.get('token');

function describe(error: unknown): string {
  if (error instanceof NetworkError) return error.message;
  if (error instanceof ApiError && error.status === 429) return '登录请求过于频繁，请 15 分钟后再试。';
  if (error instanceof ApiError && error.status === 401) return '登录链接无效：可能已过期（15 分钟）、已使用过，或不是发给该邮箱的。请重新申请登录链接。';
  return error instanceof ApiError ? `出错了（${error.status}）：${error.message}` : `出错了：${String(error)}`;
}

if (linkEmail && linkToken) {
  page.confirmEmail.textContent = linkEmail;
  page.confirmForm.hidden = false;
  page.confirm.focus();
} else {
  page.requestForm.hidden = false;
  if (params.get('signedOut') === '1') showMessage(page.alert, 'info', '您已退出登录。');
  else if (params.get('expired') === '1') showMessage(page.alert, 'info', '请先登录：登录状态已失效或尚未登录。');
}

page.requestForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const email = page.email.value.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    fieldError(page.email, page.emailError, '请填写有效的工作邮箱，例如 zhangsan@kjj.example.gov.cn。');
    return;
  }
  fieldError(page.email, page.emailError, '');
  page.send.disabled = true;
  api<{ message: string }>('POST', '/api/signin', {}, { email })
    .then((r) => showMessage(page.alert, 'success', r.message))
    .catch((error) => showMessage(page.alert, 'error', describe(error)))
    .finally(() => {
      page.send.disabled = false;
    });
});

page.confirmForm.addEventListener('submit', (event) => {
  event.preventDefault();
  page.confirm.disabled = true;
  api<{ expiresAt: string }>('POST', '/api/session', {}, { email: linkEmail, token: linkToken })
    .then(() => location.replace('/board'))
    .catch((error) => {
      page.confirm.disabled = false;
      page.confirmForm.hidden = true;
      page.requestForm.hidden = false;
      page.email.value = linkEmail ?? '';
      history.replaceState(null, '', location.pathname);
      showMessage(page.alert, 'error', describe(error));
    });
});
