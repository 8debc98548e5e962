import { defineCalendar } from '../functions/core/calendar-schema.js';

// 张家港市科学技术局的常设日历：一个局，跨年度只有这一份。
// 来源：张家港市科学技术局《2022 年度法治政府建设情况报告》（张科发〔2023〕5号）第一部分所述每年例行开展的法治工作。
// 该报告第三部分“2023 年法治工作计划”是 zhangjiagang-kjj-2023，以 planOf 叠加在本日历上；
// 国家规定的事项（年度报告、普法计划和普法责任清单、纪念日和宣传活动）由 cn-national 继承。
// 报告未列出科室设置：除办公室外，各科室名称为按县级市科技局通常设置拟定，供管理员按实际调整。

const D = 'zhangjiagang-kjj.example';

export default defineCalendar({
  id: 'zhangjiagang-kjj',
  title: '张家港市科学技术局法治工作日历',
  organisation: { name: '张家港市科学技术局', timeZone: 'Asia/Shanghai' },
  document: {
    title: '张家港市科学技术局 2022 年度法治政府建设情况报告',
    issuer: '张家港市科学技术局',
    // 落款印作“2022年2月17日”，但文号为张科发〔2023〕5号且报告总结的是2022年全年工作，实为2023年2月17日。
    date: '2023-02-17',
  },
  years: { from: 2023 },
  extends: ['cn-national'],
  offices: [
    { id: 'office', name: '办公室', emails: [`bgs@${D}`], headEmail: `bgs-head@${D}` },
    { id: 'hightech', name: '高新技术科', emails: [`gxjsk@${D}`], headEmail: `gxjsk-head@${D}` },
    { id: 'platform', name: '创新载体科', emails: [`cxztk@${D}`], headEmail: `cxztk-head@${D}` },
    { id: 'talent', name: '人才与国际合作科', emails: [`rcgjhzk@${D}`], headEmail: `rcgjhzk-head@${D}` },
    { id: 'service', name: '科技服务科', emails: [`kjfwk@${D}`], headEmail: `kjfwk-head@${D}` },
  ],
  // 报告未设政策法规科；县级科技局的法治、普法与政务公开工作由办公室统筹。
  policyOffice: 'office',
  defaults: { reminders: [7, 1], graceDays: 0, shiftDue: 'none', prepareDays: 10 },
  tasks: [
    // ── 一、组织领导（报告所述每年例行工作） ──────────────────────────────
    {
      id: 'work-points',
      title: '制定印发本局年度法治政府建设工作要点',
      description:
        '每年制定印发本局年度法治政府建设工作要点（报告所述2022年为《张家港市科学技术局 2022 年度法治政府建设工作要' +
        '点》，2023年为2023年度工作要点）。报告未给出印发时限；按工作要点须在年初部署的惯例，自定3月31日前完成。',
      schedule: { kind: 'annual', opens: '01-01', due: '03-31' },
      owners: ['office'],
      assignment: '报告写明由党政主要负责人牵头制定；起草印发由统筹法治工作的办公室承办。',
      evidence: [{ kind: 'document', note: '印发的年度工作要点' }],
      reminders: [30, 7, 1],
      legalBasis: ['《党政主要负责人履行推进法治建设第一责任人职责规定》', '《2022 年张家港市法治政府建设工作要点》'],
      source: '党政主要负责人按照《党政主要负责人履行推进法治建设第一责任人职责规定》要求，将法治建设工作纳入全局重点工作，牵头制定印发《张家港市科学技术局 2022 年度法治政府建设工作要点》。',
    },
    {
      id: 'party-group-rule-of-law-meeting',
      title: '党组召开法治建设专题会议',
      description:
        '报告称“定期召开”，2022年专题研究法治政府建设工作1次。目标（target），不是要求：报告和计划都未规定次数，' +
        '1次是2022年的实际次数，因此只显示进度，不提醒、不判逾期；如有上级规定每年至少召开的次数，' +
        '应改为要求（quota）。',
      schedule: { kind: 'target', per: 'year', count: 1 },
      owners: ['office'],
      assignment: '计划未指明科室；党组会议由办公室组织并记录。',
      evidence: [{ kind: 'minutes' }, { kind: 'sign-in-sheet' }, { kind: 'photo', count: 2 }],
      reminders: [30, 7, 1],
      legalBasis: ['《党政主要负责人履行推进法治建设第一责任人职责规定》'],
      source: '市科技局党组不断提高政治站位，定期召开法治建设专题会议，将法治建设工作纳入党组班子成员述职重要内容，不断强化法治思想认识。',
    },
    {
      id: 'leaders-report-on-law',
      title: '党组班子成员述职中报告法治建设情况（述法）',
      description: '法治建设是党组班子成员年度述职的重要内容；报告未给出述职时间，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；班子成员述职材料由办公室汇总。',
      evidence: [{ kind: 'document', note: '班子成员述职（述法）材料' }, { kind: 'minutes' }],
      reminders: [30, 7, 1],
      legalBasis: ['《党政主要负责人履行推进法治建设第一责任人职责规定》'],
      source: '市科技局党组不断提高政治站位，定期召开法治建设专题会议，将法治建设工作纳入党组班子成员述职重要内容，不断强化法治思想认识。',
    },

    // ── 依法决策与依法行政（报告所述每年例行工作） ──────────────────────────────
    {
      id: 'major-decision-procedure',
      title: '重大行政决策履行法定程序（公众参与、专家论证、风险评估、合法性审查、集体讨论）',
      description:
        '报告所述每年例行工作：依据《张家港市重大行政决策程序规定》《张家港市行政规范性文件后评估办法》，在人事调整、' +
        '政策制定等重大行政决策中履行公众参与、专家论证、决策咨询、风险评估、合法性审查、集体讨论等程序。按件办理；' +
        '报告未给日期，按年底前整理全年决策程序台账设置（12月31日）。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明科室；决策程序材料和党组集体讨论的纪要由统筹法治工作的办公室汇总。',
      evidence: [
        { kind: 'document', note: '公众参与、专家论证、风险评估、合法性审查等决策程序材料' },
        { kind: 'minutes', note: '集体讨论决定的会议纪要' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['《重大行政决策程序暂行条例》', '《张家港市重大行政决策程序规定》', '《张家港市行政规范性文件后评估办法》'],
      source:
        '一是落实科学民主行政决策制度。根据《张家港市行政规范性文件后评估办法》《张家港市重大行政决策程序规定》等文件要求，严格履行公众参与、专家论证、决策咨询、风险评估、合法性审查、集体讨论等决策程序。在人事调整、政策制定等工作中严格落实重大行政决策程序。',
    },
    {
      id: 'enforcement-training',
      title: '行政执法人员法律知识培训',
      description: '报告称现有行政执法人员均按要求完成法律知识培训，属每年例行工作；计划未给出时间，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；行政执法人员培训由办公室组织并留存台账。',
      evidence: [{ kind: 'certificate', note: '培训合格证明' }, { kind: 'sign-in-sheet' }],
      reminders: [30, 7, 1],
      source: '现有行政执法人员2人，均按要求完成法律知识培训并通过统一执法考试。',
    },
    {
      id: 'power-list',
      title: '动态调整部门权责清单',
      description: '报告所述例行工作（2022年新增外国人来华工作许可事项）；计划未给出时间，按年内至少核对调整1次设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；权责清单由办公室统筹，涉及事项的业务科室配合。',
      evidence: [{ kind: 'document', note: '调整后的权责清单' }],
      reminders: [30, 7, 1],
      source: '动态调整部门权责清单，新增外国人来华工作许可（受苏州市科技局部分委托实施）事项。',
    },
    {
      id: 'business-environment-tasks',
      title: '分解落实优化营商环境重点工作',
      description: '按市《优化营商环境重点工作》进行任务分解，明确分管领导和责任科室，按进度推进；计划未给出时间，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；任务分解由办公室牵头，各责任科室按分解表落实。',
      evidence: [
        { kind: 'document', note: '任务分解表' },
        { kind: 'report', note: '推进情况' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['《张家港市优化营商环境重点工作》'],
      source: '根据全省优化营商环境大会会议精神和《张家港市优化营商环境重点工作》要求，进行任务分解，明确分管领导和责任科室，按进度推进工作落实。',
    },

    // ── 普法责任制（报告所述每年例行工作；普法责任清单由 cn-national 提供） ──────────────────────────────
    {
      id: 'enforcement-lecture',
      title: '市执法宣讲团成员宣讲《科学技术进步法》',
      description: '本局推荐的市执法宣讲团成员年内至少宣讲1次《中华人民共和国科学技术进步法》；宣讲时间由市宣讲团安排，计划未给出。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未写明宣讲团成员所在科室；由办公室作为普法清单牵头科室跟踪并收集材料。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '宣讲课件或通知' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['《中华人民共和国科学技术进步法》'],
      source: '推荐一名科技工作者成为张家港市执法宣讲团成员，主要宣讲《中华人民共和国科学技术进步法》。',
    },
    {
      id: 'innovation-week-publicity',
      title: '创新周法治宣传活动',
      description: '报告列举的特殊时间节点中，全国科技工作者日、安全生产月、民法典宣传月、国家宪法日由 cn-national 继承；“创新周”为本地活动，日期每年另行公布，计划未给出，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['service'],
      assignment: '计划未指明科室；创新周面向企业和科技工作者，由科技服务科承办。',
      evidence: [{ kind: 'photo', count: 2 }, { kind: 'article-link' }],
      reminders: [30, 7, 1],
      source: '利用“全国科技工作者日”、安全生产月、创新周、民法典宣传月、“12·4”国家宪法日等特殊时间节点，开展“周末讲堂”、“科技进步法”网络在线答题等活动，不断强化科技工作者法治理论素养。',
    },
    {
      id: 'sci-tech-law-quiz',
      title: '“科技进步法”网络在线答题活动',
      description: '报告所述例行普法活动；计划未给出时间，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；线上答题由统筹普法的办公室组织。',
      evidence: [
        { kind: 'screenshot', count: 2 },
        { kind: 'report', note: '参与人数与答题情况' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['《中华人民共和国科学技术进步法》'],
      source: '利用“全国科技工作者日”、安全生产月、创新周、民法典宣传月、“12·4”国家宪法日等特殊时间节点，开展“周末讲堂”、“科技进步法”网络在线答题等活动，不断强化科技工作者法治理论素养。',
    },
    {
      id: 'constitution-live-lecture',
      title: '组织全局人员收听宪法直播课',
      description: '报告未给出时间；宪法直播课通常在宪法宣传周前后举办，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；全局学习活动由办公室组织。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo', count: 2 }],
      reminders: [30, 7, 1],
      source: '组织全局人员收听宪法直播课，并积极参加第五届江苏省“百万党员学宪法学党章考法律活动”。',
    },
    {
      id: 'party-members-law-contest',
      title: '参加江苏省“百万党员学宪法学党章考法律活动”',
      description: '全省每年举办一届（2022年为第五届）；活动时间由省里公布，计划未给出，按年内完成设置。各科室组织本科室党员参加。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: 'all',
      assignment: '活动面向全体党员，各科室分别组织本科室党员参加并提交截图，办公室汇总。',
      evidence: [{ kind: 'screenshot', note: '参学或答题成绩截图' }],
      reminders: [30, 7, 1],
      source: '组织全局人员收听宪法直播课，并积极参加第五届江苏省“百万党员学宪法学党章考法律活动”。',
    },

    // ── 政务公开与回应关切（报告所述每年例行工作） ──────────────────────────────
    {
      id: 'gov-info-disclosure',
      title: '政府网站信息公开（通知公告、部门动态、政策文件、工作计划）',
      description: '报告所述每年例行工作（2022年发布105条）；计划未规定数量，按年底提交全年公开信息台账设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；政务公开由办公室负责。',
      evidence: [{ kind: 'report', note: '全年信息公开台账' }, { kind: 'screenshot' }],
      reminders: [30, 7, 1],
      source: '通过张家港市人民政府网发布通知公告、部门动态、政策文件、工作计划等信息 105 条，发布新闻发布会 3 个，政策图解 1 个。',
    },
    {
      id: 'hotline',
      title: '局班子及科室负责人参加政风行风热线',
      description: '报告所述每年例行工作（2022年参加1次）；上线时间由市里安排，计划未给出，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；热线上线的联络与问题办理台账由办公室负责。',
      evidence: [{ kind: 'photo' }, { kind: 'report', note: '群众问题及答复情况' }],
      reminders: [30, 7, 1],
      source: '局班子及科室负责人参加政风行风热线 1 次，接受张家港电视台专访 3 次，积极回应市民群众解答科技问题 13 条，专题解答社会关注的科技创新政策。',
    },
    {
      id: 'policy-brochures',
      title: '编印发放科技政策汇编',
      description: '报告所述例行工作（2022年结合“创新速递”发放《张家港市科技创新速览》等近2000册）；计划未给出时间，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['service'],
      assignment: '计划未指明科室；政策汇编结合“创新速递”活动发放，由科技服务科承办。',
      evidence: [
        { kind: 'document', note: '汇编成品' },
        { kind: 'photo', count: 2 },
      ],
      reminders: [30, 7, 1],
      source: '主动宣传最新科技政策，结合“创新速递”活动，制作并发放《张家港市科技创新速览》《创新驱动发展（张家港）指数研究报告 2021》近 2000 册。',
    },
  ],
});
