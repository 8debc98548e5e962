/** The evidence ledger (台账) renderer on a hand-built board, and where the CLI finds the admin token. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveApiToken } from '../../functions/cli/admin-api.js';
import type { AuditEntry } from '../../functions/core/access/audit.js';
import type { OccurrenceRecord, SubmissionRecord } from '../../functions/core/engine/records.js';
import type { BoardState, BoardView } from '../../functions/core/engine/views.js';
import { csvField } from '../../functions/core/ledger/csv.js';
import { type Manifest, sha256sumLines } from '../../functions/core/ledger/manifest.js';
import { UnknownOfficeError } from '../../functions/core/ledger/model.js';
import { type Ledger, renderLedger } from '../../functions/core/ledger/render.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const CONTENT = { sheet: '%PDF-1.4 sign-in sheet', photo: 'jpeg photo bytes', blurry: 'blurry photo', minutes: 'PK minutes' };
const XSS = '<script>alert("x")</script> & 普法';

type Cell = BoardView['cells'][number];

function cell(task: string, title: string, office: string, officeName: string, state: BoardState, progress: Partial<OccurrenceRecord>, submissions: SubmissionRecord[] = []): Cell {
  return {
    id: `cal/${task}/${office}/2025`,
    calendar: 'cal',
    year: 2025,
    task,
    title,
    kind: 'deadline',
    office,
    officeName,
    period: '2025',
    opens: '2025-03-01',
    due: '2025-03-14',
    quota: null,
    required: 1,
    reminders: [],
    prepareOn: null,
    graceDays: 0,
    overdueAfter: '2025-03-14',
    evidence: [{ kind: 'photo', count: 2 }],
    legalBasis: ['中华人民共和国法治宣传教育法'],
    source: '',
    provisional: false,
    planHash: 'h',
    status: state === 'at-risk' ? 'open' : state,
    submitted: 0,
    accepted: 0,
    remindedThrough: '2025-12-31',
    overdueOn: null,
    escalatedOn: null,
    atRiskOn: null,
    nextActionAt: null,
    lastError: null,
    errorCount: 0,
    version: 1,
    updatedAt: '2025-12-31T00:00:00.000Z',
    ...progress,
    state,
    submissions,
  };
}

function submission(
  c: Pick<Cell, 'id' | 'office' | 'task' | 'title'>,
  id: string,
  status: SubmissionRecord['status'],
  files: [string, string][],
  extra: Partial<SubmissionRecord> = {},
): SubmissionRecord {
  return {
    occurrenceId: c.id,
    submissionId: id,
    recordedAt: '2025-06-01T00:00:00.000Z',
    calendar: 'cal',
    year: 2025,
    office: c.office,
    task: c.task,
    title: c.title,
    effectiveDate: '2025-03-10',
    note: null,
    createdAt: '2025-03-10T06:00:00.000Z',
    files: files.map(([name, content], i) => ({
      key: `evidence/cal/2025/${c.office}/${c.task}/2025/${id}/${i + 1}-${name.replace(/[^\p{L}\p{N}.]/gu, '_')}`,
      name,
      contentType: 'image/jpeg',
      size: Buffer.byteLength(content),
      sha256: sha256(content),
      uploadedAt: '2025-03-10T06:00:05.000Z',
      // The first file as recorded in AWS (the storage event's version); the others as the emulator records them.
      ...(i === 0 ? { versionId: `ver-${id}-1` } : {}),
    })),
    status,
    reason: null,
    reviewedBy: status === 'received' ? null : '张三',
    reviewedAt: status === 'received' ? null : '2025-03-12T02:30:00.000Z',
    ...extra,
  };
}

function board(): BoardView {
  const ids = (task: string, office: string, title: string) => ({ id: `cal/${task}/${office}/2025`, office, task, title });
  const reportScience = ids('report', 'science', '报送法治宣传材料');
  const reportOffice = ids('report', 'office', '报送法治宣传材料');
  const studyScience = ids('study', 'science', '集体学法');
  const cells: Cell[] = [
    cell('report', '报送法治宣传材料', 'science', '社会发展科技处', 'done', { submitted: 1, accepted: 1 }, [
      submission(reportScience, 's1', 'accepted', [
        ['学法签到表.pdf', CONTENT.sheet],
        ['现场<照片>.jpg', CONTENT.photo],
      ]),
    ]),
    cell('report', '报送法治宣传材料', 'office', '办公室', 'overdue', {}, [submission(reportOffice, 's2', 'rejected', [['模糊.jpg', CONTENT.blurry]], { reason: '照片不清晰' })]),
    cell('study', '集体学法', 'science', '社会发展科技处', 'submitted', { kind: 'quota', quota: 2, required: 2, submitted: 2, accepted: 1, due: '2025-12-31', opens: '2025-01-01' }, [
      submission(studyScience, 's3', 'accepted', [['纪要.docx', CONTENT.minutes]], { effectiveDate: '2025-04-01', createdAt: '2025-04-01T01:00:00.000Z' }),
      submission(studyScience, 's4', 'received', [], { effectiveDate: '2025-11-20', createdAt: '2025-11-20T01:00:00.000Z' }),
    ]),
    cell('xss', XSS, 'office', '办公室', 'open', { due: '2025-12-31' }),
    cell('study', '集体学法', 'office', '办公室', 'cancelled', { kind: 'quota', quota: 2, required: 2, due: '2025-12-31' }),
  ];
  return {
    calendar: {
      id: 'cal',
      title: '测试局2025年普法工作计划',
      organisation: '测试市科学技术局',
      timeZone: 'Asia/Shanghai',
      policyOffice: 'policy',
      offices: [
        { id: 'policy', name: '政策法规处', emails: ['p@x.example'] },
        { id: 'science', name: '社会发展科技处', emails: ['s@x.example'] },
        { id: 'office', name: '办公室', emails: ['o@x.example'] },
      ] as BoardView['calendar']['offices'],
      years: [2025],
      lastDigestAt: null,
    },
    year: 2025,
    today: '2025-12-31',
    warnings: [],
    offices: [
      { id: 'policy', name: '政策法规处' },
      { id: 'science', name: '社会发展科技处' },
      { id: 'office', name: '办公室' },
    ],
    tasks: [
      { id: 'report', title: '报送法治宣传材料' },
      { id: 'study', title: '集体学法' },
      { id: 'xss', title: XSS },
    ],
    cells,
    totals: { done: 1, submitted: 1, open: 1, 'at-risk': 0, overdue: 1, cancelled: 1 },
  };
}

const file = (ledger: Ledger, path: string) => {
  const found = ledger.files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} in ${ledger.files.map((f) => f.path).join(', ')}`);
  return found.content;
};
const gapsOf = (html: string) => /<section class="gaps">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
const csvRows = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe('ledger renderer', () => {
  const ledger = renderLedger(board());

  it('writes an index, one page per office and the data files', () => {
    expect(ledger.files.map((f) => f.path)).toEqual([
      'index.html',
      'offices/policy.html',
      'offices/science.html',
      'offices/office.html',
      'ledger.csv',
      'audit.csv',
      'manifest.json',
      'manifest.sha256',
    ]);
    expect(ledger.stats).toEqual({ offices: 3, occurrences: 5, evidenceFiles: 4, gaps: 3, auditEntries: 0 });
    const index = file(ledger, 'index.html');
    for (const path of ['offices/policy.html', 'offices/science.html', 'offices/office.html', 'ledger.csv', 'audit.csv', 'manifest.json', 'manifest.sha256']) expect(index).toContain(`href="${path}"`);
    expect(index).toContain('测试市科学技术局');
    expect(index).toContain('生成日期：2025-12-31');
  });

  it('prints each office page with header, summary, occurrences and their evidence', () => {
    const science = file(ledger, 'offices/science.html');
    expect(science).toContain('@page{size:A4');
    expect(science).toContain('break-before:page');
    expect(science).toContain('测试局2025年普法工作计划');
    expect(science).toContain('处室：<strong>社会发展科技处</strong>');
    expect(science).toContain('生成日期：2025-12-31');
    expect(science).toMatch(/<h2>概况<\/h2>.*已完成.*1.*待审核.*1/s);
    expect(science).toContain('学法签到表.pdf');
    expect(science).toContain(sha256(CONTENT.sheet));
    expect(science).toContain('现场&lt;照片&gt;.jpg');
    // Times read in the plan's zone: 02:30Z is 10:30 in Shanghai.
    expect(science).toContain('已通过（审核人：张三，2025-03-12 10:30）');
    expect(science).toContain('上传时间');
    expect(science).toContain('2025-03-10 14:00');
    expect(science).toContain('应交材料：照片×2');
    const office = file(ledger, 'offices/office.html');
    expect(office).toContain('已退回（审核人：张三，2025-03-12 10:30），理由：照片不清晰');
    expect(file(ledger, 'offices/policy.html')).toContain('本年度没有分配给本处室的事项');
  });

  it('lists every unfinished occurrence in the gaps section with what is missing', () => {
    const science = gapsOf(file(ledger, 'offices/science.html'));
    expect(science).toContain('集体学法');
    expect(science).toContain('待审核1次');
    expect(science).not.toContain('报送法治宣传材料');
    const office = gapsOf(file(ledger, 'offices/office.html'));
    expect(office).toContain('还差1次，已退回1次');
    expect(office).toContain('已逾期');
    expect(office).toContain('&lt;script&gt;');
    // The cancelled quota is not owed.
    expect(office).not.toContain('集体学法');
    expect(gapsOf(file(ledger, 'offices/policy.html'))).toContain('无缺口');
  });

  it('writes a CSV with a BOM, the promised columns and one row per occurrence', () => {
    const csv = file(ledger, 'ledger.csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = csvRows(csv);
    expect(rows[0]).toBe('处室,事项,周期,开始,截止,状态,已报送,要求,已通过,最近报送日期,缺口');
    expect(rows).toHaveLength(1 + 5);
    expect(rows).toContain('社会发展科技处,报送法治宣传材料,2025,2025-03-01,2025-03-14,已完成,1,1,1,2025-03-10,');
    expect(rows).toContain('社会发展科技处,集体学法,2025,2025-01-01,2025-12-31,待审核,2,2,1,2025-11-20,待审核1次');
    expect(rows).toContain('办公室,报送法治宣传材料,2025,2025-03-01,2025-03-14,已逾期,0,1,0,,还差1次，已退回1次');
    expect(rows).toContain('办公室,"<script>alert(""x"")</script> & 普法",2025,2025-03-01,2025-12-31,待报送,0,1,0,,还差1次');
    expect(rows).toContain('办公室,集体学法,2025,2025-03-01,2025-12-31,已取消,0,2,0,,');
  });

  it('keeps formulas out of spreadsheet cells', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('2025-03-14')).toBe('2025-03-14');
  });

  it('lists every evidence file in the manifest with its SHA-256, also in sha256sum format', () => {
    const manifest = JSON.parse(file(ledger, 'manifest.json')) as Manifest;
    expect(manifest).toMatchObject({ calendar: 'cal', year: 2025, generatedOn: '2025-12-31', office: null });
    expect(manifest.files.map((f) => [f.office, f.task, f.submissionId, f.name, f.reviewStatus])).toEqual([
      ['science', 'report', 's1', '学法签到表.pdf', 'accepted'],
      ['science', 'report', 's1', '现场<照片>.jpg', 'accepted'],
      ['science', 'study', 's3', '纪要.docx', 'accepted'],
      ['office', 'report', 's2', '模糊.jpg', 'rejected'],
    ]);
    expect(manifest.files[0]).toMatchObject({
      period: '2025',
      effectiveDate: '2025-03-10',
      size: Buffer.byteLength(CONTENT.sheet),
      sha256: sha256(CONTENT.sheet),
      key: expect.stringMatching(/^evidence\/cal\/2025\/science\/report\/2025\/s1\//),
    });
    // The version the SHA-256 is of, where one was recorded.
    expect(manifest.files[0]!.versionId).toBe('ver-s1-1');
    expect(manifest.files[1]).not.toHaveProperty('versionId');
    const lines = file(ledger, 'manifest.sha256').split('\n').filter(Boolean);
    // Every evidence file, then the audit log the ledger writes beside them.
    expect(lines).toEqual([...manifest.files.map((f) => `${f.sha256}  ${f.key}`), `${sha256(file(ledger, 'audit.csv'))}  audit.csv`]);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^[0-9a-f]{64} {2}evidence\/\S+$/);
    expect(lines[3]!.startsWith(sha256(CONTENT.blurry))).toBe(true);
  });

  it('escapes GNU-style a key sha256sum could not read literally', () => {
    const entry = { sha256: 'a'.repeat(64), key: 'evidence/a\\b\nc' } as Manifest['files'][number];
    expect(sha256sumLines({ files: [entry] } as Manifest)).toBe(`\\${'a'.repeat(64)}  evidence/a\\\\b\\nc\n`);
  });

  it('escapes every text from the board in the HTML', () => {
    for (const f of ledger.files.filter((x) => x.path.endsWith('.html'))) {
      expect(f.content, f.path).not.toContain('<script>');
      expect(f.content, f.path).not.toContain('<照片>');
    }
    expect(file(ledger, 'offices/office.html')).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 普法');
  });

  it('renders only the chosen office with --office and names the known ones for an unknown one', () => {
    const only = renderLedger(board(), { office: 'science' });
    expect(only.files.map((f) => f.path)).toEqual(['index.html', 'offices/science.html', 'ledger.csv', 'audit.csv', 'manifest.json', 'manifest.sha256']);
    expect(file(only, 'index.html')).not.toContain('offices/office.html');
    expect(
      csvRows(file(only, 'ledger.csv'))
        .slice(1)
        .every((r) => r.startsWith('社会发展科技处,')),
    ).toBe(true);
    expect(csvRows(file(only, 'ledger.csv'))).toHaveLength(1 + 2);
    const manifest = JSON.parse(file(only, 'manifest.json')) as Manifest;
    expect(manifest.office).toBe('science');
    expect(manifest.files.every((f) => f.office === 'science')).toBe(true);
    expect(() => renderLedger(board(), { office: 'legal' })).toThrow(UnknownOfficeError);
    expect(() => renderLedger(board(), { office: 'legal' })).toThrow('unknown office "legal" (offices: policy, science, office)');
  });

  it("writes the audit log as CSV (an office's ledger keeps its items' entries and the general ones) and sums it in manifest.sha256", () => {
    const b = board();
    const science = b.cells.find((c) => c.office === 'science')!;
    const office = b.cells.find((c) => c.office === 'office')!;
    const entry = (id: string, occurrenceId: string | null, action: AuditEntry['action']): AuditEntry => ({
      id,
      at: `2025-03-12T02:3${id}:00.000Z`,
      actor: { email: 'zhang@x.example', name: '张三' },
      action,
      occurrenceId,
      calendar: 'cal',
      year: occurrenceId ? 2025 : null,
      subject: `submission ${id}`,
      before: 'received',
      after: action === 'review.reject' ? 'rejected: 照片不清晰, 重拍' : 'accepted',
      source: '10.0.0.1',
    });
    const audit = [entry('1', science.id, 'review.accept'), entry('2', office.id, 'review.reject'), entry('3', null, 'links.rotate')];
    const all = renderLedger(b, { audit });
    const csv = file(all, 'audit.csv');
    expect(csv.startsWith('\ufeff时间,操作人,邮箱,操作,日历,年度,事项,对象,变更前,变更后,来源\r\n')).toBe(true);
    expect(csv).toContain(`2025-03-12T02:31:00.000Z,张三,zhang@x.example,审核通过,cal,2025,${science.id},submission 1,received,accepted,10.0.0.1`);
    expect(csv).toContain('"rejected: 照片不清晰, 重拍"');
    expect(all.stats.auditEntries).toBe(3);
    expect(file(all, 'manifest.sha256').split('\n')).toContain(`${sha256(csv)}  audit.csv`);
    const only = renderLedger(b, { office: 'science', audit });
    expect(only.stats.auditEntries).toBe(2);
    expect(file(only, 'audit.csv')).not.toContain(office.id);
  });

  it('never names a path outside the ledger, whatever the office id', () => {
    const b = board();
    b.offices.push({ id: '../../etc', name: 'x' });
    expect(renderLedger(b).files.map((f) => f.path)).toContain('offices/______etc.html');
  });
});

describe('API token for the ledger command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-secrets-'));
  mkdirSync(join(dir, '.fazhi'));
  writeFileSync(join(dir, '.fazhi', 'secrets.json'), JSON.stringify({ tokenSecret: 's', apiToken: 'from-file' }));

  it('prefers --api-token, then FAZHI_API_TOKEN, then .fazhi/secrets.json', () => {
    expect(resolveApiToken('given', { FAZHI_API_TOKEN: 'env' }, dir)).toEqual({ token: 'given', source: '--api-token' });
    expect(resolveApiToken(undefined, { FAZHI_API_TOKEN: 'env' }, dir)).toEqual({ token: 'env', source: 'FAZHI_API_TOKEN' });
    expect(resolveApiToken(undefined, {}, dir)).toEqual({ token: 'from-file', source: join('.fazhi', 'secrets.json') });
  });

  it('says where a token can come from when there is none', () => {
    expect(() => resolveApiToken(undefined, {}, mkdtempSync(join(tmpdir(), 'fazhi-none-')))).toThrow(/pass --api-token, set FAZHI_API_TOKEN/);
  });

  it('says what replaced the shared admin token to whoever still sets it', () => {
    expect(() => resolveApiToken(undefined, { FAZHI_ADMIN_TOKEN: 'old' }, mkdtempSync(join(tmpdir(), 'fazhi-none-')))).toThrow(
      /shared admin token is gone: create an API token for your account with `fazhi accounts token/,
    );
  });
});
