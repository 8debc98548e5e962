import { defineCalendar } from '../functions/core/calendar-schema.js';

/**
 * 张店区科技局 2025 plan, layered on the standing calendar zhangdian-kjj (offices, recurring duties and
 * national duties live there). Source: part 四 ("2025年推进法治政府建设主要计划安排") of the bureau's 2024
 * 法治政府建设情况报告. The plan gives no dates: every task is annual (due 12-31). It states no counts
 * either: 2 次习近平法治思想集中学习 is the report's figure for 2024, a target; the special inspections
 * the plan requires are a quota of at least one.
 */
export default defineCalendar({
  id: 'zhangdian-kjj-2025',
  title: '张店区科技局2025年推进法治政府建设计划',
  organisation: { name: '张店区科技局', timeZone: 'Asia/Shanghai' },
  document: {
    title: '张店区科技局2024年度法治政府建设情况报告',
    issuer: '张店区科技局',
  },
  planOf: { calendar: 'zhangdian-kjj', year: 2025 },
  tasks: [
    // ── 四（一）普法宣传 ──
    {
      id: 'policy-lecture-pufa',
      title: '结合科技政策宣讲开展依法行政、法治建设宣传教育',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['enterprise'],
      assignment: '计划未指明处室；科技政策宣讲面向企业，由企业创新科承担。',
      evidence: [{ kind: 'photo', count: 2 }, { kind: 'sign-in-sheet' }],
      reminders: [30, 7, 1],
      source: '充分结合局科技政策宣讲工作开展依法行政、法治建设宣传教育。',
    },
    {
      id: 'online-law-publicity',
      title: '政务网站、“张店科技”微信公众号宣传科技法律法规',
      description: '计划未给次数；此处按全年一次报送排期，上传已发布的文章链接。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明处室；政务网站和“张店科技”公众号由办公室运维。',
      evidence: [{ kind: 'article-link', count: 2 }, { kind: 'screenshot' }],
      reminders: [30, 7, 1],
      source: '利用政务网站、“张店科技”微信公众号等工具，加大对国家、省、市有关科技法律法规宣传力度，进一步提升区内科技企业和服务对象对科技政策法规的知晓率。',
    },

    // ── 四（二）执法人员法治思维和依法行政能力 ──
    {
      id: 'xi-thought-study',
      title: '习近平法治思想集中学习',
      description:
        '目标（target），不是要求：2025年计划要求组织全局机关干部认真学习习近平法治思想，未给次数；' +
        '2次是报告所载2024年的集中学习次数（领学理论、观看视频、交流心得体会），因此只显示进度，不提醒、不判逾期。',
      schedule: { kind: 'target', per: 'year', count: 2 },
      owners: ['office'],
      assignment: '计划未指明处室；全局集中学习由办公室组织。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo', count: 2 }, { kind: 'minutes' }],
      source: '加强执法人员的法治培训和学习，组织全局机关干部认真学习习近平法治思想，不断提高全局干部法律素质，提高执法工作人员专业水平。',
    },
    {
      id: 'enforcement-supervision',
      title: '加强对执法人员的监督',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明处室；执法监督由法治建设工作领导小组办公室（局办公室）负责。',
      evidence: [{ kind: 'document', note: '执法监督记录' }],
      reminders: [30, 7, 1],
      source: '同时加强对执法人员的监督力度，确保法治政府建设工作在全区科技工作领域取得实效。',
    },

    // ── 四（三）行政执法责任制 ──
    {
      id: 'enforcement-responsibility',
      title: '完善行政执法责任制，责任落实到每一层级、每一个人',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明处室；执法责任制文件由政策法规职能所在的办公室起草。',
      evidence: [{ kind: 'document', note: '行政执法责任分解文件' }],
      reminders: [30, 7, 1],
      source: '进一步完善行政执法责任制，将执法责任落实到具体每一层级、每一个人。',
    },
    {
      id: 'enforcement-evaluation',
      title: '行政执法评议考核',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明处室；评议考核由办公室组织。',
      evidence: [{ kind: 'report', note: '评议考核结果' }],
      reminders: [30, 7, 1],
      source: '抓好行政执法评议考核，创新行政执法层级监督方式。',
    },
    {
      id: 'enforcement-hierarchy-supervision',
      title: '创新行政执法层级监督方式',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明处室；层级监督由办公室负责。',
      evidence: [{ kind: 'document', note: '层级监督制度或工作记录' }],
      reminders: [30, 7, 1],
      source: '抓好行政执法评议考核，创新行政执法层级监督方式。',
    },
    {
      id: 'enforcement-procedures',
      title: '完善行政执法案件办案规程、过错责任等制度',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明处室；执法制度由政策法规职能所在的办公室起草。',
      evidence: [{ kind: 'document', note: '办案规程、过错责任制度文本' }],
      reminders: [30, 7, 1],
      source: '进一步完善行政执法案件的办案规程、过错责任等制度，定期或不定期地组织开展行政执法专项检查活动。',
    },
    {
      id: 'enforcement-special-inspection',
      title: '行政执法专项检查',
      description: '要求（quota）：计划写明“定期或不定期地组织开展行政执法专项检查活动”，未给次数和日期；' + '开展专项检查是计划的要求，全年不少于1次是其最低限度，未完成会提醒并判逾期。',
      schedule: { kind: 'quota', per: 'year', min: 1 },
      owners: ['office'],
      assignment: '计划未指明处室；专项检查由办公室组织。',
      evidence: [{ kind: 'report', note: '检查情况报告' }, { kind: 'photo' }],
      reminders: [30, 7, 1],
      source: '进一步完善行政执法案件的办案规程、过错责任等制度，定期或不定期地组织开展行政执法专项检查活动。',
    },

    // ── 四（四）政务信息公开 ──
    {
      id: 'info-disclosure-scope',
      title: '明确政府信息公开范围和内容',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明处室；政务公开由办公室负责。',
      evidence: [{ kind: 'document', note: '政府信息公开目录或清单' }],
      reminders: [30, 7, 1],
      legalBasis: ['中华人民共和国政府信息公开条例'],
      source: '进一步明确政府信息公开范围和内容，推进决策、执行、管理、服务、结果及重点领域信息公开。',
    },
    {
      id: 'five-disclosure',
      title: '推进决策、执行、管理、服务、结果及重点领域信息公开',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明处室；政务公开由办公室负责。',
      evidence: [{ kind: 'screenshot', count: 2, note: '公开栏目截图' }],
      reminders: [30, 7, 1],
      legalBasis: ['中华人民共和国政府信息公开条例'],
      source: '进一步明确政府信息公开范围和内容，推进决策、执行、管理、服务、结果及重点领域信息公开。',
    },
    {
      id: 'disclosure-channels',
      title: '创新公开载体，发挥微信公众号作用做好科技政策宣传',
      description: '拓宽公开渠道和便民服务通道，多种形式宣传科技政策；计划未给次数和日期。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明处室；公众号和公开渠道由办公室运维。',
      evidence: [{ kind: 'article-link', count: 2 }],
      reminders: [30, 7, 1],
      source: '充分发挥微信公众号自媒体作用，拓宽便民服务通道，多种形式做好科技政策宣传。',
    },
    {
      id: 'project-fund-disclosure',
      title: '科技项目申报、管理和经费拨付公开',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['projects'],
      assignment: '计划未指明处室；科技项目申报、管理和经费拨付由项目管理科负责。',
      evidence: [{ kind: 'screenshot', count: 2, note: '项目申报通知、立项及经费拨付公示截图' }],
      reminders: [30, 7, 1],
      source: '同时积极推进科技项目申报、管理和经费拨付公开，更好保障人民群众的知情权、参与权、表达权和监督权，让广大企业、群众做我区科技创新工作的监督人。',
    },
  ],
});
