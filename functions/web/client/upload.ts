/**
 * The office's upload page in the browser. The link's token (from the reminder mail) is the credential of
 * every call. The page lists the office's items; the form hands in files (each hashed here with SHA-256,
 * which the presigned PUT then carries, so the bucket refuses bytes that changed on the way) and/or
 * article links. Every message appears beside the control or the button it is about, is announced, and is
 * scrolled into view.
 */
import { isCivilDate, localDateTime } from '../../core/civil-date.js';
import type { UploadGrant } from '../../core/engine/uploads.js';
import type { OfficeView } from '../../core/engine/views.js';
import { EVIDENCE_LABELS, REVIEW_LABELS, STATE_LABELS } from '../../core/labels.js';
import { ApiError, api, bringIntoView, byId, el, externalLink, fieldError, NetworkError, showMessage } from './dom.js';

type Item = OfficeView['items'][number];
type Submission = Item['submissions'][number];

/** The most links one submission takes (the API's MAX_LINKS). */
const MAX_LINKS = 10;
const MB = 1024 * 1024;

const token = new URLSearchParams(location.search).get('token') ?? '';
let view: OfficeView | null = null;
let current: Item | null = null;

const page = {
  title: byId('title'),
  subtitle: byId('subtitle'),
  expiry: byId('link-expiry'),
  subscribe: byId<HTMLInputElement>('subscribe-url'),
  subscribeSection: byId('subscribe'),
  alert: byId('alert'),
  itemsSection: byId('items-section'),
  items: byId<HTMLTableElement>('items'),
  formSection: byId('form-section'),
  formTitle: byId('form-title'),
  form: byId<HTMLFormElement>('upload-form'),
  date: byId<HTMLInputElement>('effective-date'),
  dateError: byId('effective-date-error'),
  note: byId<HTMLInputElement>('note'),
  noteError: byId('note-error'),
  files: byId<HTMLInputElement>('files'),
  filesChosen: byId('files-chosen'),
  filesError: byId('files-error'),
  limits: byId('limits'),
  links: byId('links'),
  addLink: byId<HTMLButtonElement>('add-link'),
  linksError: byId('links-error'),
  submit: byId<HTMLButtonElement>('submit'),
  cancel: byId<HTMLButtonElement>('cancel'),
  message: byId('form-message'),
  progress: byId('progress'),
};

// ---- loading and the items table ----

async function load(): Promise<void> {
  if (!token) {
    page.subtitle.textContent = '';
    showMessage(page.alert, 'error', '缺少上传链接参数，请从提醒邮件中的链接打开本页。');
    return;
  }
  try {
    render(await officeView());
  } catch (error) {
    page.subtitle.textContent = '';
    showMessage(page.alert, 'error', describe(error));
  }
}

function officeView(): Promise<OfficeView> {
  return api<OfficeView>('GET', `/api/office?token=${encodeURIComponent(token)}`, { authorization: `Bearer ${token}` });
}

function render(data: OfficeView): void {
  view = data;
  page.title.textContent = `${data.office.name} · 报送佐证材料`;
  page.subtitle.textContent = `${data.calendar.organisation}《${data.calendar.title}》 · 今天 ${data.today}`;
  const expires = localDateTime(data.linkExpiresAt, data.calendar.timeZone);
  page.expiry.textContent = `本链接有效期至 ${expires}，过期后请使用最新一封提醒邮件中的链接。`;
  page.expiry.hidden = false;
  // A read-only, long-lived address of the office (rotating the office's links revokes it too).
  if (data.calendarUrl) {
    page.subscribe.value = data.calendarUrl;
    page.subscribeSection.hidden = false;
  }
  page.limits.textContent = `单个文件不超过 ${Math.round(data.limits.maxBytes / MB)} MB，每次最多 ${data.limits.maxFiles} 个文件。`;
  const body = page.items.tBodies[0]!;
  body.replaceChildren(...data.items.map(itemRow));
  page.itemsSection.hidden = false;
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && !current) {
    const match = data.items.find((i) => i.id === wanted);
    if (match) openForm(match);
  }
}

function itemRow(item: Item): HTMLTableRowElement {
  const evidence = item.evidence.map((e) => `${EVIDENCE_LABELS[e.kind] ?? e.kind}×${e.count}`).join('、') || '活动材料';
  const sent = el('div', {}, [`${item.submitted}/${item.required}`, ...item.submissions.map(submissionLine)]);
  const button = el('button', { type: 'button', 'data-id': item.id, text: '报送材料' });
  button.disabled = item.state === 'cancelled';
  button.addEventListener('click', () => openForm(item));
  return el('tr', { id: `item-${item.id}`, class: `state-${item.state}` }, [
    el('td', { text: item.title }),
    el('td', { text: item.period }),
    el('td', { text: item.due }),
    el('td', {}, [el('span', { class: `badge ${item.state}`, text: STATE_LABELS[item.state] })]),
    el('td', { text: evidence }),
    el('td', {}, [sent]),
    el('td', {}, [button]),
  ]);
}

/** "2025-04-18 照片.png、https://…（已退回：原因）": what was handed in, links clickable. */
function submissionLine(s: Submission): HTMLElement {
  const parts: (Node | string)[] = [`${s.effectiveDate} `];
  const names: (Node | string)[] = [...s.files.map((f) => f.name), ...(s.links ?? []).map(externalLink)];
  for (const [index, name] of names.entries()) parts.push(...(index > 0 ? ['、', name] : [name]));
  parts.push(`（${REVIEW_LABELS[s.status]}${s.reason ? `：${s.reason}` : ''}）`);
  return el('div', { class: 'muted small sent-line' }, parts);
}

// ---- the form ----

function openForm(item: Item): void {
  current = item;
  page.formTitle.textContent = `${item.title}（${item.period}，截止 ${item.due}）`;
  resetForm();
  showMessage(page.message, 'info', '');
  page.progress.replaceChildren();
  page.formSection.hidden = false;
  page.formSection.scrollIntoView({ block: 'start' });
  page.date.focus({ preventScroll: true });
}

function resetForm(): void {
  page.form.reset();
  page.date.value = view?.today ?? '';
  page.links.replaceChildren();
  addLinkInput();
  showChosen();
  for (const field of FIELDS) showFieldError(field, '');
}

type Field = 'date' | 'note' | 'files' | 'links';
/** In page order. */
const FIELDS: readonly Field[] = ['date', 'note', 'files', 'links'];

function linkInputs(): HTMLInputElement[] {
  return [...page.links.querySelectorAll<HTMLInputElement>('input')];
}

/** A field's message beside it; `linkIndex` picks the link input concerned (the first by default). */
function showFieldError(field: Field, text: string, linkIndex = 0): void {
  if (field === 'date') return fieldError(page.date, page.dateError, text);
  if (field === 'note') return fieldError(page.note, page.noteError, text);
  if (field === 'files') return fieldError(page.files, page.filesError, text);
  const inputs = linkInputs();
  for (const input of inputs) input.removeAttribute('aria-invalid');
  fieldError(inputs[linkIndex] ?? inputs[0] ?? page.addLink, page.linksError, text);
}

function addLinkInput(): HTMLInputElement {
  const index = linkInputs().length + 1;
  const input = el('input', { type: 'url', class: 'link-input', inputmode: 'url', placeholder: 'https://', 'aria-label': `文章链接 ${index}`, 'aria-describedby': 'links-error', autocomplete: 'off' });
  page.links.append(el('div', { class: 'link-row' }, [input]));
  page.addLink.hidden = index >= MAX_LINKS;
  return input;
}

page.addLink.addEventListener('click', () => addLinkInput().focus());

// The browser's own file button speaks its own language (English in many builds): say what was chosen.
function showChosen(): void {
  const files = [...(page.files.files ?? [])];
  page.filesChosen.textContent = files.length > 0 ? `已选择 ${files.length} 个文件：${files.map((f) => f.name).join('、')}` : '';
}
page.files.addEventListener('change', showChosen);

interface Checked {
  effectiveDate: string;
  note: string;
  files: File[];
  links: string[];
}

/** The form's values, or null with every problem shown beside its control (the first focused and in view). */
function check(item: Item, today: string): Checked | null {
  const limits = view!.limits;
  const effectiveDate = page.date.value.trim();
  const files = [...(page.files.files ?? [])];
  const inputs = linkInputs().map((input) => input.value.trim());
  const links = inputs.filter((v) => v !== '');
  const problems = new Map<Field, string>();

  if (!isCivilDate(effectiveDate)) problems.set('date', '活动日期应写作 YYYY-MM-DD（年-月-日），例如 2025-04-18。');
  else if (effectiveDate > today) problems.set('date', `活动日期不能晚于今天（${today}）。`);
  else if (effectiveDate < item.opens) problems.set('date', `活动日期不能早于该事项的开始日期（${item.opens}）：之前的活动不能作为本期材料。`);
  const fileProblem = checkFiles(files, limits);
  if (fileProblem) problems.set('files', fileProblem);
  const badLink = inputs.findIndex((link) => link !== '' && !isWebAddress(link));
  if (badLink >= 0) problems.set('links', `第 ${badLink + 1} 个链接不是有效网址：请填写以 http:// 或 https:// 开头的完整地址。`);
  if (files.length === 0 && links.length === 0 && !problems.has('files')) problems.set('files', '请选择要上传的文件，或填写文章链接。');

  // Set from the last to the first, so the first problem ends up focused and in view.
  for (const field of [...FIELDS].reverse()) showFieldError(field, problems.get(field) ?? '', field === 'links' ? Math.max(0, badLink) : 0);
  if (problems.size > 0) return null;
  return { effectiveDate, note: page.note.value.trim(), files, links };
}

function checkFiles(files: File[], limits: OfficeView['limits']): string {
  if (files.length > limits.maxFiles) return `每次最多上传 ${limits.maxFiles} 个文件（选择了 ${files.length} 个）。`;
  for (const f of files) {
    if (!limits.contentTypes.includes(f.type)) return `不支持的文件类型：${f.name}（${f.type || '未知类型'}）。请上传照片、视频、PDF、Word 或 Excel 文件。`;
    if (f.size > limits.maxBytes) return `文件过大：${f.name}（${(f.size / MB).toFixed(1)} MB），单个文件不超过 ${Math.round(limits.maxBytes / MB)} MB。`;
    if (f.size === 0) return `文件为空：${f.name}`;
  }
  return '';
}

function isWebAddress(link: string): boolean {
  if (/\s/.test(link)) return false;
  try {
    const url = new URL(link);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The file's SHA-256 (hex), or undefined where the browser has no SubtleCrypto (a page not served over https). */
async function sha256Of(file: File): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

page.form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});

async function submit(): Promise<void> {
  const item = current;
  if (!item || !view) return;
  const values = check(item, view.today);
  if (!values) return;
  showMessage(page.message, 'info', '');
  page.submit.disabled = true;
  page.progress.replaceChildren();
  const bars = values.files.map((f) => {
    const bar = el('progress', { max: 1, value: 0, 'aria-label': f.name });
    page.progress.append(el('div', { class: 'file-progress' }, [el('span', { text: f.name }), bar]));
    return bar;
  });
  try {
    if (values.files.length > 0) showMessage(page.message, 'info', '正在计算文件校验值（SHA-256）……');
    const hashes = await Promise.all(values.files.map(sha256Of));
    const grant = await api<UploadGrant>(
      'POST',
      '/api/uploads',
      { authorization: `Bearer ${token}` },
      {
        occurrenceId: item.id,
        effectiveDate: values.effectiveDate,
        ...(values.note ? { note: values.note } : {}),
        files: values.files.map((f, i) => ({ name: f.name, contentType: f.type, size: f.size, ...(hashes[i] ? { sha256: hashes[i] } : {}) })),
        ...(values.links.length > 0 ? { links: values.links } : {}),
      },
    );
    if (values.files.length > 0) showMessage(page.message, 'info', `正在上传 ${values.files.length} 个文件……`);
    await Promise.all(grant.uploads.map((target, i) => put(target, values.files[i]!, bars[i]!)));
    const done = showMessage(page.message, 'success', successText(values.files.length, values.links.length));
    await waitForRecord(item.id, grant.submissionId, values.files.length, 20);
    resetForm();
    // The table above grew by the new line and pushed the form down: bring the answer back into view.
    if (done) bringIntoView(done);
  } catch (error) {
    showRefusal(error);
  } finally {
    page.submit.disabled = false;
  }
}

function successText(files: number, links: number): string {
  const what = [files > 0 ? `${files} 个文件` : '', links > 0 ? `${links} 个链接` : ''].filter(Boolean).join('和');
  return `报送成功：${what}已报送，等待政策法规处审核；可在上方“本处室事项”表中查看。`;
}

/** One presigned PUT with its signed headers, progress on its bar. */
function put(target: UploadGrant['uploads'][number], file: File, bar: HTMLProgressElement): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', target.url);
    for (const [name, value] of Object.entries(target.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = e.loaded / e.total;
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        bar.value = 1;
        resolve();
      } else reject(new Error(`${file.name}：存储服务拒绝了上传（${xhr.status}），请重新提交。`));
    });
    xhr.addEventListener('error', () => reject(new Error(`${file.name}：网络错误，上传未完成，请重新提交。`)));
    xhr.send(file);
  });
}

/** Each file is recorded by its own storage event a moment after it lands: poll until all of them show. */
async function waitForRecord(id: string, submissionId: string, fileCount: number, tries: number): Promise<void> {
  for (let left = tries; ; left -= 1) {
    const data = await officeView();
    const item = data.items.find((i) => i.id === id);
    const recorded = item?.submissions.find((s) => s.submissionId === submissionId);
    if ((recorded && recorded.files.length >= fileCount) || left <= 0) {
      if (item && current?.id === item.id) current = item;
      render(data);
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A refusal shown where it belongs: at the field the API names, else under the buttons. */
function showRefusal(error: unknown): void {
  if (error instanceof ApiError && error.status === 400) {
    const field = error.field;
    if (field === 'effectiveDate') return showFieldError('date', `活动日期无效：应在事项开始日期与今天（${view?.today ?? ''}）之间。`);
    if (field === 'note') return showFieldError('note', '说明中含有不能保存的控制字符，请删除后重试。');
    if (field.startsWith('links')) {
      const index = Number(field.split('.')[1] ?? 0);
      return showFieldError('links', `第 ${index + 1} 个链接未被接受：请填写以 http:// 或 https:// 开头、不含空格的完整网址。`, index);
    }
    if (/contentType$/.test(field)) return showFieldError('files', '不支持的文件类型。请上传照片、视频、PDF、Word 或 Excel 文件。');
    if (/size$/.test(field)) return showFieldError('files', `文件过大或为空，单个文件不超过 ${Math.round((view?.limits.maxBytes ?? 0) / MB)} MB。`);
    if (field === 'files' || field.startsWith('files.')) return showFieldError('files', `请检查所选文件（每次最多 ${view?.limits.maxFiles ?? 10} 个）。`);
  }
  showMessage(page.message, 'error', describe(error));
}

/** What a failure means for the office, in Chinese (the API explains itself in English, for developers). */
function describe(error: unknown): string {
  if (error instanceof NetworkError) return error.message;
  if (error instanceof ApiError) {
    if (error.status === 401 && /expired/.test(error.message)) return '上传链接已过期，请使用最新一封提醒邮件中的链接。';
    if (error.status === 401) return '上传链接无效，请使用提醒邮件中的完整链接。';
    if (error.status === 403) return '此链接不属于该处室，无法操作。';
    if (error.status === 404) return '找不到该事项，可能已从计划中删除。';
    if (error.status === 400 && error.field === 'occurrenceId') return '该事项已取消，无需再报送材料。';
    if (error.status === 413) return '提交的内容过多，请分几次报送。';
    return `出错了（${error.status}）：${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

page.cancel.addEventListener('click', () => {
  page.formSection.hidden = true;
  current = null;
});

void load();
