/**
 * What both pages use in the browser: typed element lookup and building, the JSON API and its errors, and
 * messages that are seen and heard — shown next to what they are about, scrolled into view, and announced
 * through a live region that is in the page from the start (screen readers announce changes to it).
 * No framework: the pages are a table, a form and a dialog. Nothing here writes HTML as text.
 */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no element #${id}`);
  return node as T;
}

export type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

/** An element with attributes (`text` sets its text; `false`, null and undefined are left out) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** A refusal of the API: its status, its message (English, for developers) and the field it names. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly field: string,
  ) {
    super(message);
  }
}

/** The browser could not reach the server at all. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/**
 * Calls the API; JSON both ways. `headers` carry the credential: the office's link token (Authorization),
 * or, for the board's session cookie (sent by the browser, never read here), the session's CSRF token.
 */
export async function api<T>(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new NetworkError('网络连接失败，请检查网络后重试。');
  }
  const data = (await response.json().catch(() => null)) as (T & { error?: string; field?: string }) | null;
  if (!response.ok) throw new ApiError(data?.error ?? `HTTP ${response.status}`, response.status, data?.field ?? '');
  return data as T;
}

export type MessageKind = 'error' | 'success' | 'warning' | 'info';

/**
 * Shows one message in `region` (a live region present from page load), replacing what was there, and
 * scrolls it into view; an empty text clears it. Errors are announced at once, the rest politely.
 * `closable` adds a 关闭 button: the message then stays until it is dismissed or replaced.
 */
export function showMessage(region: HTMLElement, kind: MessageKind, text: string, options: { closable?: boolean; scroll?: boolean } = {}): HTMLElement | null {
  region.setAttribute('aria-live', kind === 'error' ? 'assertive' : 'polite');
  region.replaceChildren();
  if (!text) return null;
  const box = messageBox(kind, text, options.closable ?? false);
  region.append(box);
  if (options.scroll !== false) bringIntoView(box);
  return box;
}

/** Adds a message on top of those in `region` (each with its own 关闭 button): results that stay until dismissed. */
export function addMessage(region: HTMLElement, kind: MessageKind, text: string): HTMLElement {
  region.setAttribute('aria-live', kind === 'error' ? 'assertive' : 'polite');
  const box = messageBox(kind, text, true);
  region.prepend(box);
  bringIntoView(box);
  return box;
}

function messageBox(kind: MessageKind, text: string, closable: boolean): HTMLElement {
  const box = el('div', { class: `alert ${kind}`, ...(kind === 'error' ? { role: 'alert' } : {}) }, [el('span', { class: 'text', text })]);
  if (closable) {
    const close = el('button', { type: 'button', class: 'close', 'aria-label': '关闭此提示', text: '关闭' });
    close.addEventListener('click', () => box.remove());
    box.append(close);
  }
  return box;
}

/** Scrolls as little as needed for the element to be fully in view (nothing when it already is). */
export function bringIntoView(element: Element): void {
  element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/**
 * Marks a control invalid with its message right beside it (`aria-describedby` ties them together), moves
 * the focus there and brings the message into view; an empty text clears both.
 */
export function fieldError(control: HTMLElement, message: HTMLElement, text: string): void {
  message.textContent = text;
  message.hidden = !text;
  if (text) {
    control.setAttribute('aria-invalid', 'true');
    control.focus({ preventScroll: true });
    message.scrollIntoView({ block: 'center', inline: 'nearest' });
  } else {
    control.removeAttribute('aria-invalid');
  }
}

/** Sizes as offices read them: 12 KB, 3.4 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A clickable link to evidence on the web (opened in a new tab, telling the site nothing about this page). */
export function externalLink(url: string): HTMLAnchorElement {
  return el('a', { href: url, text: url, target: '_blank', rel: 'noopener noreferrer' });
}
