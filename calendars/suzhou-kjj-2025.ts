import { defineCalendar } from '../functions/core/calendar-schema.js';

/**
 * 苏州市科技局2025年的计划，叠加在常设日历 suzhou-kjj 上（处室、每年例行的工作和国家规定的事项都在那里）。
 *
 * 来源：《苏州市科技局2024年度法治政府建设情况报告》（2025-02-12发布）第四部分“2025年工作打算”。
 * 报告未写明日期的按全年处理（annual，12-31 到期）；计划未规定次数、沿用报告所载2024年实际次数的是目标（target），
 * 只显示进度，不提醒、不判逾期。普法责任清单改由 cn-national 统一（3月31日前）。
 */
export default defineCalendar({
  id: 'suzhou-kjj-2025',
  title: '苏州市科技局2025年法治政府建设工作打算',
  organisation: { name: '苏州市科学技术局', timeZone: 'Asia/Shanghai' },
  document: {
    title: '苏州市科技局2024年度法治政府建设情况报告',
    issuer: '苏州市科学技术局',
    date: '2025-02-12',
  },
  planOf: { calendar: 'suzhou-kjj', year: 2025 },
  // 本计划发布于2025年2月12日，当年春节（1月29日）已过：春节前的检查在2025年不属于本计划，从2026年起按常设日历执行。
  exclude: ['safety-inspection-spring-festival'],
  tasks: [
    // ── 一、学习贯彻习近平法治思想，落实第一责任人职责 ─────────────────────────────
    {
      id: 'leadership-rule-of-law-meeting',
      title: '党政主要负责人专题研究法治政府建设工作',
      description:
        '2025年工作打算要求落实党政主要负责人履行推进法治政府建设第一责任人职责。目标（target），不是要求：' +
        '计划未规定次数，4次是报告所载2024年的实际次数（党政主要负责人4次专题研究法治政府工作），因此只显示进度，' +
        '不提醒、不判逾期；管理员可调整。',
      schedule: { kind: 'target', per: 'year', count: 4 },
      owners: ['office'],
      assignment: '计划未指明处室；党组会、局长办公会由办公室组织记录，政策法规处准备议题材料。',
      evidence: [{ kind: 'minutes', count: 4, note: '每次专题研究的会议纪要各1份' }],
      reminders: [30, 7, 1],
      legalBasis: ['党政主要负责人履行推进法治建设第一责任人职责规定'],
      source: '落实党政主要负责人履行推进法治政府建设第一责任人职责,持续推进法治政府建设工作。',
    },
    {
      id: 'xi-rule-of-law-study',
      title: '局党组理论学习中心组学习习近平法治思想',
      description:
        '2025年工作打算第一项（同时持续学习党的二十届三中全会精神）。目标（target），不是要求：计划未规定次数，' +
        '4次是报告所载2024年的实际次数（中心组习近平法治思想学习4次），因此只显示进度，不提醒、不判逾期；管理员可调整。',
      schedule: { kind: 'target', per: 'year', count: 4 },
      owners: ['office'],
      assignment: '计划未指明处室；党组理论学习中心组学习由办公室组织，政策法规处提供学习材料。',
      evidence: [
        { kind: 'sign-in-sheet', count: 4, note: '每次1份' },
        { kind: 'minutes', count: 4, note: '每次学习记录1份' },
        { kind: 'photo', count: 4 },
      ],
      reminders: [30, 7, 1],
      source: '持续深化对习近平法治思想重要性的认识,掌握习近平法治思想丰富的精神内涵,做到入心入脑,深刻理解科技创新工作与法治政府工作的互促关系,稳步提升法治意识',
    },

    // ── 二、提升法治建设系统化水平 ─────────────────────────────────────────────
    {
      id: 'work-mechanism',
      title: '完善法治政府建设工作机制和行政执法制度',
      description: '2025年工作打算第二项。计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；法治政府建设工作机制由政策法规处（局法治政府建设工作领导小组办公室）牵头完善。',
      evidence: [{ kind: 'document', note: '新制定或修订的工作制度' }],
      reminders: [30, 7, 1],
      source: '进一步完善法治政府建设工作机制,深化行政执法工作制度化建设;',
    },
    {
      id: 'enforcement-three-systems',
      title: '落实行政执法“三项制度”（公示、全过程记录、案卷管理）',
      description: '2025年工作打算第二项。计划未给日期，按全年完成处理，年末检查执法案卷归档情况。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；行政执法监督由政策法规处负责，协调各执法处室。',
      evidence: [
        { kind: 'screenshot', note: '行政许可及执法信息公示截图' },
        { kind: 'document', note: '执法全过程记录及案卷目录' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['国办发〔2018〕118号'],
      source: '加强行政许可公示、行政执法全过程记录、行政执法案卷管理等单项工作的协调联动,夯实法体制机制基础。',
    },
    {
      id: 'enforce-and-educate',
      title: '落实“谁执法谁普法”：执法检查中向企业开展普法',
      description: '2025年工作打算第二项；报告所述做法为利用行政执法检查向企业宣传《科学技术进步法》《苏州市科技创新促进条例》等。' + '计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['talent', 'hightech'],
      assignment: '计划未指明处室；由承担行政执法检查的科技人才处、高新技术处在各自检查中开展普法。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '宣传材料或普法记录' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['关于实行国家机关“谁执法谁普法”普法责任制的意见', '中华人民共和国法治宣传教育法'],
      source: '严格落实“谁执法谁普法”责任制,把“谁执法谁普法”真正落到实处。',
    },
    {
      id: 'rule-of-law-platform',
      title: '科技领域法治化平台建设',
      description: '2025年工作打算第二项。计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；由政策法规处牵头。',
      evidence: [
        { kind: 'screenshot', note: '平台或专栏页面截图' },
        { kind: 'report', note: '建设情况说明' },
      ],
      reminders: [30, 7, 1],
      source: '积极做好科技领域法治化平台建设,方便群众办事,营造良好的法治化营商环境。',
    },

    // ── 三、强化行政规范性文件管理 ─────────────────────────────────────────────
    {
      id: 'normative-doc-review',
      title: '行政规范性文件合法性审查与报备',
      description: '2025年工作打算第三项：制定前研判、应纳尽纳，严格起草、征求意见、审查、报备程序，报备率、及时率、合法率100%。' + '按件办理，计划未给日期，年末汇总。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；合法性审查和报备由政策法规处负责。',
      evidence: [
        { kind: 'document', note: '合法性审查意见' },
        { kind: 'document', note: '报备回执' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['江苏省行政规范性文件管理规定', '苏州市行政规范性文件制定和监督管理规定'],
      source: '严格落实行政规范性文件起草、制定、征求意见、审查、报备等各项程序要求,确保规范性文件报备率、及时率、合法率达到100%。',
    },
    {
      id: 'fair-competition-review',
      title: '落实公平竞争审查制度',
      description: '2025年工作打算第三项。涉及经营主体经济活动的政策措施逐件审查，计划未给日期，年末汇总。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；公平竞争审查由政策法规处统筹，起草处室配合。',
      evidence: [{ kind: 'document', note: '公平竞争审查表或审查意见' }],
      reminders: [30, 7, 1],
      legalBasis: ['公平竞争审查条例'],
      source: '加强合法性审查和公平竞争审查等制度落实。',
    },

    // ── 四、提升行政权力监管能力 ───────────────────────────────────────────────
    {
      id: 'internet-supervision-list',
      title: '“互联网+监管”事项清单动态管理',
      description: '2025年工作打算第四项。计划未给日期，按全年完成处理（清单变动时及时更新）。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；监管事项清单由政策法规处统筹，各执法处室配合。',
      evidence: [{ kind: 'screenshot', note: '“互联网+监管”系统事项清单截图' }],
      reminders: [30, 7, 1],
      source: '全面落实“互联网+监管”事项清单动态管理要求',
    },
    {
      id: 'comprehensive-inspection',
      title: '推进科技领域“综合查一次”改革',
      description: '2025年工作打算第四项。计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；“综合查一次”改革由政策法规处对接市依法治市办并统筹各执法处室。',
      evidence: [
        { kind: 'document', note: '实施方案或联合检查计划' },
        { kind: 'report', note: '工作总结' },
      ],
      reminders: [30, 7, 1],
      source: '按照市依法治市办关于“综合查一次”有关要求,推进科技领域“综合查一次”改革工作。',
    },
  ],
});
