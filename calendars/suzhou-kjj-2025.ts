import { defineCalendar } from '../functions/core/calendar-schema.js';

/**
 * 苏州市科技局2025年法治政府建设工作日历。
 *
 * 来源：《苏州市科技局2024年度法治政府建设情况报告》（2025-02-12发布）第四部分“2025年工作打算”，
 * 以及报告第一、二部分所述每年例行开展的工作（领导班子学法述法、干部学法、双随机检查、
 * 合法性审查、社会组织与校外培训机构监管等）。
 * 报告未写明日期和次数的，按“全年”处理（annual，12-31 到期）；次数沿用报告所载2024年实际次数的，
 * 均在 description 中注明，管理员可调整。
 * 国家宪法日、宪法宣传周、法治政府建设年度报告报送与公开等由 cn-national 继承，未重定义。
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
  years: { from: 2025, to: 2025 },
  extends: ['cn-national'],
  offices: [
    {
      id: 'policy',
      name: '政策法规处',
      emails: ['zcfgc@suzhou-kjj.example'],
      headEmail: 'zcfgc-head@suzhou-kjj.example',
    },
    {
      id: 'office',
      name: '办公室',
      emails: ['bgs@suzhou-kjj.example'],
      headEmail: 'bgs-head@suzhou-kjj.example',
    },
    {
      id: 'personnel',
      name: '组织人事处',
      emails: ['zzrsc@suzhou-kjj.example'],
      headEmail: 'zzrsc-head@suzhou-kjj.example',
    },
    {
      id: 'talent',
      name: '科技人才处（外国专家服务处）',
      emails: ['kjrcc@suzhou-kjj.example'],
      headEmail: 'kjrcc-head@suzhou-kjj.example',
    },
    {
      id: 'hightech',
      name: '高新技术处',
      emails: ['gxjsc@suzhou-kjj.example'],
      headEmail: 'gxjsc-head@suzhou-kjj.example',
    },
    {
      id: 'socialdev',
      name: '社会发展科技处',
      emails: ['shfzc@suzhou-kjj.example'],
      headEmail: 'shfzc-head@suzhou-kjj.example',
    },
  ],
  policyOffice: 'policy',
  defaults: { reminders: [7, 1], graceDays: 0, shiftDue: 'none' },
  tasks: [
    // ── 一、主要负责人履行第一责任人职责 ──────────────────────────────────────────
    {
      id: 'leadership-rule-of-law-meeting',
      title: '党政主要负责人专题研究法治政府建设工作',
      description:
        '2025年工作打算要求落实党政主要负责人履行推进法治政府建设第一责任人职责。计划未规定次数，' +
        '此处沿用2024年实际次数（党政主要负责人4次专题研究法治政府工作）作为年度下限，管理员可调整。',
      schedule: { kind: 'quota', per: 'year', min: 4 },
      owners: ['office'],
      assignment: '计划未指明处室；党组会、局长办公会由办公室组织记录，政策法规处准备议题材料。',
      evidence: [{ kind: 'minutes', count: 4, note: '每次专题研究的会议纪要各1份' }],
      reminders: [30, 7, 1],
      legalBasis: ['党政主要负责人履行推进法治建设第一责任人职责规定'],
      source: '落实党政主要负责人履行推进法治政府建设第一责任人职责,持续推进法治政府建设工作。',
    },
    {
      id: 'rule-of-law-work-plan',
      title: '制定年度法治政府建设工作计划',
      description:
        '报告所述每年例行工作（2024年制定了《苏州市科技局2024年度法治政府建设工作计划》）。' +
        '计划未给日期；年度计划应在年初制定，此处自行选定3月31日为截止日，管理员可调整。',
      schedule: { kind: 'annual', opens: '01-01', due: '03-31' },
      owners: 'policy',
      assignment: '计划未指明处室；法治政府建设年度计划由政策法规处起草，报党组审定。',
      evidence: [{ kind: 'document', note: '印发的年度法治政府建设工作计划' }],
      source:
        '制定并推动落实《苏州市科技局2024年度法治政府建设工作计划》和《苏州市科技局2024年行政执法监督工作计划》',
    },
    {
      id: 'enforcement-supervision-plan',
      title: '制定年度行政执法监督工作计划',
      description:
        '报告所述每年例行工作（2024年制定了《苏州市科技局2024年行政执法监督工作计划》）。' +
        '计划未给日期；此处自行选定3月31日为截止日，管理员可调整。',
      schedule: { kind: 'annual', opens: '01-01', due: '03-31' },
      owners: 'policy',
      assignment: '计划未指明处室；行政执法监督由政策法规处负责。',
      evidence: [{ kind: 'document', note: '印发的年度行政执法监督工作计划' }],
      source:
        '制定并推动落实《苏州市科技局2024年度法治政府建设工作计划》和《苏州市科技局2024年行政执法监督工作计划》',
    },
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
      id: 'safety-inspection-spring-festival',
      title: '春节前科研院所安全生产专项检查',
      description:
        '报告所述每年结合重要时间节点由局主要负责人带队开展的检查。计划未给日期；2025年除夕为1月28日，' +
        '此处自行选定节前窗口1月6日至1月27日，管理员可调整。',
      schedule: { kind: 'window', opens: '01-06', closes: '01-27' },
      owners: ['office'],
      assignment: '计划未指明处室；节前安全生产检查由办公室组织，局主要负责人带队。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'report', note: '检查记录或情况报告' },
      ],
      source:
        '结合春节、五一、中秋、国庆等重要时间节点,局主要负责人带队赴科研院所开展安全生产专项检查10多',
    },
    {
      id: 'safety-inspection-may-day',
      title: '五一前科研院所安全生产专项检查',
      description:
        '报告所述每年结合重要时间节点由局主要负责人带队开展的检查。计划未给日期；此处自行选定节前窗口' +
        '4月14日至4月30日，管理员可调整。',
      schedule: { kind: 'window', opens: '04-14', closes: '04-30' },
      owners: ['office'],
      assignment: '计划未指明处室；节前安全生产检查由办公室组织，局主要负责人带队。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'report', note: '检查记录或情况报告' },
      ],
      source:
        '结合春节、五一、中秋、国庆等重要时间节点,局主要负责人带队赴科研院所开展安全生产专项检查10多',
    },
    {
      id: 'safety-inspection-national-day',
      title: '中秋、国庆前科研院所安全生产专项检查',
      description:
        '报告所述每年结合重要时间节点由局主要负责人带队开展的检查。2025年中秋（10月6日）在国庆假期内，' +
        '两节合并检查；计划未给日期，此处自行选定节前窗口9月15日至9月30日，管理员可调整。',
      schedule: { kind: 'window', opens: '09-15', closes: '09-30' },
      owners: ['office'],
      assignment: '计划未指明处室；节前安全生产检查由办公室组织，局主要负责人带队。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'report', note: '检查记录或情况报告' },
      ],
      source:
        '结合春节、五一、中秋、国庆等重要时间节点,局主要负责人带队赴科研院所开展安全生产专项检查10多',
    },

    // ── 领导干部学法述法 ───────────────────────────────────────────────────────
    {
      id: 'xi-rule-of-law-study',
      title: '局党组理论学习中心组学习习近平法治思想',
      description:
        '2025年工作打算第一项（同时持续学习党的二十届三中全会精神）。计划未规定次数，此处沿用2024年实际次数' +
        '（中心组习近平法治思想学习4次）作为年度下限，管理员可调整。',
      schedule: { kind: 'quota', per: 'year', min: 4 },
      owners: ['office'],
      assignment: '计划未指明处室；党组理论学习中心组学习由办公室组织，政策法规处提供学习材料。',
      evidence: [
        { kind: 'sign-in-sheet', count: 4, note: '每次1份' },
        { kind: 'minutes', count: 4, note: '每次学习记录1份' },
        { kind: 'photo', count: 4 },
      ],
      reminders: [30, 7, 1],
      source:
        '持续深化对习近平法治思想重要性的认识,掌握习近平法治思想丰富的精神内涵,做到入心入脑,深刻理解科技创新工作与法治政府工作的互促关系,稳步提升法治意识',
    },
    {
      id: 'leadership-law-education',
      title: '局党组理论学习中心组普法教育（集体学法）',
      description:
        '报告所述每年例行的领导干部学法。计划未规定次数，此处沿用2024年实际次数（普法教育4次）作为年度下限，管理员可调整。',
      schedule: { kind: 'quota', per: 'year', min: 4 },
      owners: ['office'],
      assignment: '计划未指明处室；中心组集体学法由办公室组织，政策法规处确定学法内容。',
      evidence: [
        { kind: 'sign-in-sheet', count: 4, note: '每次1份' },
        { kind: 'photo', count: 4 },
      ],
      reminders: [30, 7, 1],
      source:
        '局党组理论学习中心组围绕“因地制宜发展新质生产力”等主题开展7次专题研讨,习近平法治思想学习4次,普法教育4次',
    },
    {
      id: 'leader-shufa',
      title: '主要负责人述法、领导班子述职述廉',
      description: '报告所述每年例行工作；计划未给日期，按全年完成处理（通常结合年度述职进行）。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；述法报告由政策法规处起草，报主要负责人审定。',
      evidence: [
        { kind: 'report', note: '主要负责人述法报告' },
        { kind: 'minutes', note: '述职述廉会议记录' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['党政主要负责人履行推进法治建设第一责任人职责规定', '中华人民共和国法治宣传教育法'],
      source: '同时严格落实主要负责人述法、领导班子述职述廉制度,报告年度法治政府建设等情况',
    },

    // ── 干部职工法治教育培训 ───────────────────────────────────────────────────
    {
      id: 'online-learning-rule-of-law',
      title: '干部在线学习中心习近平法治思想课时达50%',
      description: '报告所述每年例行要求；计划未给日期，按全年完成处理，年末截取学时统计。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['personnel'],
      assignment: '计划未指明处室；干部在线学习由组织人事处督促和统计。',
      evidence: [{ kind: 'screenshot', note: '苏州市干部在线学习中心学时统计截图' }],
      reminders: [60, 14, 3],
      source: '督促局机关干部职工在“苏州市干部在线学习中心”必须有50%的课时学习习近平法治思想等方面内容',
    },
    {
      id: 'staff-law-training',
      title: '局机关及直属单位干部职工法律法规学习培训',
      description:
        '报告所述每年例行工作（2024年开展了《行政复议法》《公平竞争审查条例》《苏州市科技创新促进条例》学习培训）。' +
        '计划未规定次数，此处沿用2024年实际次数3次作为年度下限，管理员可调整。',
      schedule: { kind: 'quota', per: 'year', min: 3 },
      owners: 'policy',
      assignment: '计划未指明处室；法律法规学习培训由政策法规处组织。',
      evidence: [
        { kind: 'sign-in-sheet', count: 3, note: '每次1份' },
        { kind: 'photo', count: 3 },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['公平竞争审查条例', '苏州市科技创新促进条例'],
      source:
        '先后开展了《行政复议法》《公平竞争审查条例》《苏州市科技创新促进条例》等法律法规的学习培训以及“发展新质生产力的法治保障”专题宣讲会',
    },
    {
      id: 'rule-of-law-lecture',
      title: '法治专题宣讲会',
      description:
        '报告所述每年例行工作（2024年举办“发展新质生产力的法治保障”专题宣讲会）。计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；法治专题宣讲由政策法规处组织。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo', count: 2 }, { kind: 'article-link', note: '活动报道' }],
      reminders: [30, 7, 1],
      source:
        '先后开展了《行政复议法》《公平竞争审查条例》《苏州市科技创新促进条例》等法律法规的学习培训以及“发展新质生产力的法治保障”专题宣讲会',
    },
    {
      id: 'external-rule-of-law-training',
      title: '参加市有关部门组织的行政执法、普法集中培训',
      description: '报告所述每年例行工作；培训时间由市政法委、市依法治市办等确定，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；市依法治市办的培训通知由政策法规处对口接收并组织参训。',
      evidence: [{ kind: 'sign-in-sheet', note: '或参训名单' }, { kind: 'certificate', note: '结业证明（如有）' }],
      reminders: [30, 7, 1],
      source:
        '及时参加市有关部门举办的党的二十届三中全会精神集中轮训班和市政法委、市依法治市办等组织的行政执法、普法讲座等集中培训活动。',
    },

    // ── 行政执法 ───────────────────────────────────────────────────────────────
    {
      id: 'random-inspection-work-permit',
      title: '外国人来华工作许可事项“双随机、一公开”行政执法检查',
      description:
        '报告所述每年例行的事中事后监管检查；计划未给日期，按全年完成处理。抽查事项清单、企业名单、检查结果须公示，' +
        '并在省市场监督管理平台回填（报告要求检查率、回填率100%）。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['talent'],
      assignment: '计划未指明处室；外国人来华工作许可由科技人才处（外国专家服务处）实施，由其负责检查。',
      evidence: [
        { kind: 'screenshot', note: '抽查事项清单、企业名单及检查结果公示截图' },
        { kind: 'document', note: '现场检查记录' },
        { kind: 'screenshot', note: '省市场监督管理平台回填截图' },
      ],
      reminders: [60, 14, 3],
      source: '对吴江区2024年度外国人来华工作许可事项开展了“双随机、一公开”行政执法检查',
    },
    {
      id: 'random-inspection-sme',
      title: '联合市场监管局开展入库科技型中小企业“双随机、一公开”检查',
      description:
        '报告所述每年例行的联合检查；计划未给日期，按全年完成处理。检查结果须公示并在省市场监督管理平台回填。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['hightech'],
      assignment: '计划未指明处室；科技型中小企业评价入库由高新技术处负责（按城市科技局通常分工推定），由其参加联合检查。',
      evidence: [
        { kind: 'screenshot', note: '检查结果公示截图' },
        { kind: 'document', note: '现场检查记录' },
        { kind: 'screenshot', note: '省市场监督管理平台回填截图' },
      ],
      reminders: [60, 14, 3],
      source: '联合市场监管局开展了入库科技型中小企业“双随机、一公开”行政执法检查',
    },
    {
      id: 'comprehensive-inspection',
      title: '推进科技领域“综合查一次”改革',
      description: '2025年工作打算第四项。计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；“综合查一次”改革由政策法规处对接市依法治市办并统筹各执法处室。',
      evidence: [{ kind: 'document', note: '实施方案或联合检查计划' }, { kind: 'report', note: '工作总结' }],
      reminders: [30, 7, 1],
      source: '按照市依法治市办关于“综合查一次”有关要求,推进科技领域“综合查一次”改革工作。',
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
      description:
        '2025年工作打算第二项；报告所述做法为利用行政执法检查向企业宣传《科学技术进步法》《苏州市科技创新促进条例》等。' +
        '计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['talent', 'hightech'],
      assignment: '计划未指明处室；由承担行政执法检查的科技人才处、高新技术处在各自检查中开展普法。',
      evidence: [{ kind: 'photo', count: 2 }, { kind: 'document', note: '宣传材料或普法记录' }],
      reminders: [30, 7, 1],
      legalBasis: ['关于实行国家机关“谁执法谁普法”普法责任制的意见', '中华人民共和国法治宣传教育法'],
      source: '严格落实“谁执法谁普法”责任制,把“谁执法谁普法”真正落到实处。',
    },
    {
      id: 'responsibility-list',
      title: '制定年度“谁执法谁普法”普法责任清单',
      description:
        '落实“谁执法谁普法”责任制的年度普法责任清单。计划未给日期；清单应在年初明确，此处自行选定3月31日为截止日，管理员可调整。',
      schedule: { kind: 'annual', opens: '01-01', due: '03-31' },
      owners: 'policy',
      assignment: '计划未指明处室；普法责任清单由政策法规处汇总各执法处室意见后起草。',
      evidence: [{ kind: 'document', note: '印发的普法责任清单' }],
      legalBasis: ['关于实行国家机关“谁执法谁普法”普法责任制的意见'],
      source: '严格落实“谁执法谁普法”责任制,把“谁执法谁普法”真正落到实处。',
    },
    {
      id: 'rule-of-law-platform',
      title: '科技领域法治化平台建设',
      description: '2025年工作打算第二项。计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；由政策法规处牵头。',
      evidence: [{ kind: 'screenshot', note: '平台或专栏页面截图' }, { kind: 'report', note: '建设情况说明' }],
      reminders: [30, 7, 1],
      source: '积极做好科技领域法治化平台建设,方便群众办事,营造良好的法治化营商环境。',
    },
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
      id: 'power-list-review',
      title: '梳理校对行政权力事项清单',
      description: '报告所述每年例行工作；时间以市委编办、市数据局通知为准，计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；行政权力事项清单由政策法规处对接市委编办、市数据局梳理校对。',
      evidence: [{ kind: 'document', note: '校对后的行政权力事项清单' }],
      reminders: [30, 7, 1],
      source: '根据市委编办、市数据局有关要求,及时梳理校对行政权力事项清单。',
    },
    {
      id: 'work-permit-confidentiality',
      title: '外国人来华工作许可保密工作',
      description: '报告所述每年例行工作；计划未给日期，按全年完成处理（年内开展一次保密自查）。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['talent'],
      assignment: '计划未指明处室；外国人来华工作许可由科技人才处（外国专家服务处）办理，由其负责保密工作。',
      evidence: [{ kind: 'report', note: '保密自查情况' }],
      reminders: [30, 7, 1],
      legalBasis: ['人社部发〔2024〕38号'],
      source:
        '根据人力资源社会保障部关于印发《外国人来华工作许可内部管理服务办法》的通知(人社部发〔2024〕38号)要求,切实做好有关保密工作。',
    },

    // ── 行政规范性文件与合法性审查 ─────────────────────────────────────────────
    {
      id: 'normative-doc-review',
      title: '行政规范性文件合法性审查与报备',
      description:
        '2025年工作打算第三项：制定前研判、应纳尽纳，严格起草、征求意见、审查、报备程序，报备率、及时率、合法率100%。' +
        '按件办理，计划未给日期，年末汇总。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；合法性审查和报备由政策法规处负责。',
      evidence: [
        { kind: 'document', note: '合法性审查意见' },
        { kind: 'document', note: '报备回执' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['江苏省行政规范性文件管理规定', '苏州市行政规范性文件制定和监督管理规定'],
      source:
        '严格落实行政规范性文件起草、制定、征求意见、审查、报备等各项程序要求,确保规范性文件报备率、及时率、合法率达到100%。',
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
    {
      id: 'contract-review',
      title: '政府合同合法性审查并报备司法局',
      description:
        '报告所述每年例行工作（2024年审查2件政府合同及30余件其他合同协议，发挥法律顾问作用）。按件办理，计划未给日期，年末汇总。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；合同合法性审查由政策法规处会同法律顾问办理。',
      evidence: [
        { kind: 'document', note: '合法性审查意见（含法律顾问意见）' },
        { kind: 'document', note: '报备司法局回执' },
      ],
      reminders: [30, 7, 1],
      source:
        '对《苏州大数据与人工智能研究工程中心合作共建协议》等2件政府合同进行合法性审查并及时报备司法局,报备率达100%。',
    },
    {
      id: 'petition-disclosure-oversight',
      title: '监督指导处理信访和依申请公开投诉',
      description: '报告所述每年例行工作；按件办理，计划未给日期，年末汇总。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '报告未指明处室；该项列在合法性审查工作之下，内容为“监督指导有关处室”，故由政策法规处负责。',
      evidence: [{ kind: 'report', note: '信访及依申请公开办理情况汇总' }],
      reminders: [30, 7, 1],
      legalBasis: ['中华人民共和国政府信息公开条例', '信访工作条例'],
      source: '监督指导有关处室及时处理信访和依申请公开信息等投诉问题。',
    },

    // ── 科技类社会组织 ───────────────────────────────────────────────────────
    {
      id: 'social-org-training',
      title: '科技类社会组织业务专题培训',
      description: '报告所述每年例行工作（2024年邀请市民政局专家培训30多家科技类社会组织负责人）。计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['socialdev'],
      assignment: '计划未指明处室；科技类社会组织业务主管工作由社会发展科技处承担（按城市科技局通常分工推定）。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo', count: 2 }],
      reminders: [30, 7, 1],
      source: '组织开展科技类社会组织业务专题培训。',
    },
    {
      id: 'social-org-annual-inspection',
      title: '督促指导科技类社会组织年检',
      description: '报告所述每年例行工作；时间以市民政局年度检查通知为准，计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['socialdev'],
      assignment: '计划未指明处室；科技类社会组织业务主管工作由社会发展科技处承担（按城市科技局通常分工推定）。',
      evidence: [{ kind: 'report', note: '年检情况汇总' }],
      reminders: [60, 14, 3],
      source: '认真做好科技类社会组织年检工作。',
    },
    {
      id: 'social-org-leader-disclosure',
      title: '督促科技类社会组织换届换证并公示拟任负责人',
      description: '报告所述每年例行工作；逐件办理，计划未给日期，年末汇总。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['socialdev'],
      assignment: '计划未指明处室；科技类社会组织业务主管工作由社会发展科技处承担（按城市科技局通常分工推定）。',
      evidence: [{ kind: 'screenshot', note: '官网拟任负责人公示截图' }],
      reminders: [30, 7, 1],
      source:
        '督促指导6家社会组织及时换届换证,并对13个科技类社会组织换证换届更换法人等拟任社会组织负责人在官网进行了公示,接受社会监督。',
    },

    // ── 科技类校外培训机构 ─────────────────────────────────────────────────────
    {
      id: 'training-org-review',
      title: '督促指导科技类校外培训机构动态梳理与准入审核',
      description: '报告所述每年例行工作；计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['socialdev'],
      assignment: '计划未指明处室；科技类校外培训机构管理由社会发展科技处承担（按城市科技局通常分工推定）。',
      evidence: [{ kind: 'report', note: '科技类校外培训机构台账' }],
      reminders: [30, 7, 1],
      source: '督促指导各板块动态梳理科技类校外培训机构现状',
    },
    {
      id: 'training-org-prepaid-supervision',
      title: '科技类校外培训机构预收费资金监管',
      description:
        '报告所述每年例行工作，包括专项排查整治、常态走访和完善应急预案；计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['socialdev'],
      assignment: '计划未指明处室；科技类校外培训机构管理由社会发展科技处承担（按城市科技局通常分工推定）。',
      evidence: [
        { kind: 'screenshot', note: '资金监管平台纳管情况截图' },
        { kind: 'document', note: '应急预案或走访记录' },
      ],
      reminders: [30, 7, 1],
      source: '积极做好科技类校外培训机构预收费资金监管工作',
    },
    {
      id: 'training-org-safety-inspection',
      title: '科技类校外培训机构安全检查',
      description:
        '报告所述局主要负责人带队的安全检查。计划未规定次数，此处沿用2024年实际次数（4次以上）作为年度下限，管理员可调整。',
      schedule: { kind: 'quota', per: 'year', min: 4 },
      owners: ['socialdev'],
      assignment: '计划未指明处室；科技类校外培训机构管理由社会发展科技处承担（按城市科技局通常分工推定），局主要负责人带队。',
      evidence: [
        { kind: 'photo', count: 4, note: '每次至少1张' },
        { kind: 'document', count: 4, note: '每次检查记录1份' },
      ],
      reminders: [30, 7, 1],
      source: '赴科技类校外培训机构开展安全检查4次以上',
    },
  ],
});
