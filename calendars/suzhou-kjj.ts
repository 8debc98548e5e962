import { defineCalendar } from '../functions/core/calendar-schema.js';

/**
 * 苏州市科学技术局的常设日历：一个局，跨年度只有这一份。
 *
 * - 处室在这里声明一次。它合并了各年度计划原先各自拟定的处室（计划本身都未列处室）：人事处室按2025年
 *   机构改革后的名称“组织人事处”；社会发展科技处原在两份计划中各有一个 id（social-dev、socialdev），合并为 social-dev。
 * - 任务是局每年都做的工作：《苏州市科技局2024年度法治政府建设情况报告》（苏州市科学技术局，2025-02-12）
 *   第一、二部分所述每年例行开展的工作，以及年度普法工作计划要求的年度普法工作总结（跨年：1月底前总结上一年度）。
 *   报告未写明日期的按全年处理（12-31 到期）；次数取自报告所载2024年实际次数的是目标（target），只显示进度。
 * - 国家宪法日、宪法宣传周、科技活动周、法治政府建设年度报告、政府信息公开年度报告、普法计划和普法责任清单等由
 *   cn-national 继承。
 * - 每年的计划以 planOf 叠加在本日历上：suzhou-kjj-2024（2024年普法工作计划）、suzhou-kjj-2025（2025年工作打算）。
 *   没有计划的年份（如2027年）只编排本日历和 cn-national 的任务。
 */
export default defineCalendar({
  id: 'suzhou-kjj',
  title: '苏州市科学技术局法治工作日历',
  organisation: { name: '苏州市科学技术局', timeZone: 'Asia/Shanghai' },
  document: {
    title: '苏州市科技局2024年度法治政府建设情况报告',
    issuer: '苏州市科学技术局',
    date: '2025-02-12',
  },
  years: { from: 2024 },
  extends: ['cn-national'],
  offices: [
    {
      id: 'policy',
      name: '政策法规处',
      emails: ['zcfgc@suzhou-kjj.example'],
      headEmail: 'zcfgc-head@suzhou-kjj.example',
      // An example robot (the office's 政务钉钉 group): its credentials are the secret "suzhou-kjj-policy-dingtalk", never this file.
      robots: [{ vendor: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send', secret: 'suzhou-kjj-policy-dingtalk' }],
    },
    {
      id: 'office',
      name: '办公室',
      emails: ['bgs@suzhou-kjj.example'],
      headEmail: 'bgs-head@suzhou-kjj.example',
      robots: [{ vendor: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', secret: 'suzhou-kjj-office-wecom' }],
    },
    { id: 'personnel', name: '组织人事处', emails: ['zzrsc@suzhou-kjj.example'], headEmail: 'zzrsc-head@suzhou-kjj.example' },
    { id: 'social-dev', name: '社会发展科技处', emails: ['shfzc@suzhou-kjj.example'], headEmail: 'shfzc-head@suzhou-kjj.example' },
    { id: 'planning', name: '发展计划处', emails: ['fzjhc@suzhou-kjj.example'], headEmail: 'fzjhc-head@suzhou-kjj.example' },
    { id: 'party', name: '机关党委', emails: ['jgdw@suzhou-kjj.example'], headEmail: 'jgdw-head@suzhou-kjj.example' },
    { id: 'affiliates', name: '直属单位', emails: ['zsdw@suzhou-kjj.example'], headEmail: 'zsdw-head@suzhou-kjj.example' },
    { id: 'talent', name: '科技人才处（外国专家服务处）', emails: ['kjrcc@suzhou-kjj.example'], headEmail: 'kjrcc-head@suzhou-kjj.example' },
    { id: 'hightech', name: '高新技术处', emails: ['gxjsc@suzhou-kjj.example'], headEmail: 'gxjsc-head@suzhou-kjj.example' },
  ],
  policyOffice: 'policy',
  defaults: { reminders: [7, 1], graceDays: 0, shiftDue: 'none', prepareDays: 10 },
  tasks: [
    // ── 年度工作计划（报告所述每年例行） ───────────────────────────────────────────
    {
      id: 'rule-of-law-work-plan',
      title: '制定年度法治政府建设工作计划',
      description: '报告所述每年例行工作（2024年制定了《苏州市科技局2024年度法治政府建设工作计划》）。' + '计划未给日期；年度计划应在年初制定，此处自行选定3月31日为截止日，管理员可调整。',
      schedule: { kind: 'annual', opens: '01-01', due: '03-31' },
      owners: 'policy',
      assignment: '计划未指明处室；法治政府建设年度计划由政策法规处起草，报党组审定。',
      evidence: [{ kind: 'document', note: '印发的年度法治政府建设工作计划' }],
      source: '制定并推动落实《苏州市科技局2024年度法治政府建设工作计划》和《苏州市科技局2024年行政执法监督工作计划》',
    },
    {
      id: 'enforcement-supervision-plan',
      title: '制定年度行政执法监督工作计划',
      description: '报告所述每年例行工作（2024年制定了《苏州市科技局2024年行政执法监督工作计划》）。' + '计划未给日期；此处自行选定3月31日为截止日，管理员可调整。',
      schedule: { kind: 'annual', opens: '01-01', due: '03-31' },
      owners: 'policy',
      assignment: '计划未指明处室；行政执法监督由政策法规处负责。',
      evidence: [{ kind: 'document', note: '印发的年度行政执法监督工作计划' }],
      source: '制定并推动落实《苏州市科技局2024年度法治政府建设工作计划》和《苏州市科技局2024年行政执法监督工作计划》',
    },

    // ── 节前安全生产专项检查（局主要负责人带队） ─────────────────────────────────
    {
      id: 'safety-inspection-spring-festival',
      title: '春节前科研院所安全生产专项检查',
      description:
        '报告所述每年结合重要时间节点由局主要负责人带队开展的检查。计划未给日期，窗口是本日历的选定：除夕前一天截止、' +
        '提前三周开放（2025年为1月6日至1月27日）。春节按农历每年不同，各年日期按农历正月初一推算，列至2035年；' +
        '未列出的年份按默认1月6日至1月27日计算并标记为待确认。截止日遇节假日提前到之前最后一个工作日。管理员可调整。' +
        '2024年、2025年不适用：2025年工作打算发布于2025年2月12日，当年春节（1月29日）已过，' +
        '见 suzhou-kjj-2025。',
      schedule: {
        kind: 'window',
        opens: '01-06',
        closes: '01-27',
        announced: true,
        years: {
          '2024': { opens: '2024-01-18', closes: '2024-02-08' },
          '2025': { opens: '2025-01-06', closes: '2025-01-27' },
          '2026': { opens: '2026-01-25', closes: '2026-02-15' },
          '2027': { opens: '2027-01-14', closes: '2027-02-04' },
          '2028': { opens: '2028-01-03', closes: '2028-01-24' },
          '2029': { opens: '2029-01-21', closes: '2029-02-11' },
          '2030': { opens: '2030-01-11', closes: '2030-02-01' },
          '2031': { opens: '2031-01-01', closes: '2031-01-21' },
          '2032': { opens: '2032-01-19', closes: '2032-02-09' },
          '2033': { opens: '2033-01-08', closes: '2033-01-29' },
          '2034': { opens: '2034-01-27', closes: '2034-02-17' },
          '2035': { opens: '2035-01-16', closes: '2035-02-06' },
        },
      },
      shiftDue: 'previous-working-day',
      owners: ['office'],
      assignment: '计划未指明处室；节前安全生产检查由办公室组织，局主要负责人带队。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'report', note: '检查记录或情况报告' },
      ],
      source: '结合春节、五一、中秋、国庆等重要时间节点,局主要负责人带队赴科研院所开展安全生产专项检查10多',
    },
    {
      id: 'safety-inspection-may-day',
      title: '五一前科研院所安全生产专项检查',
      description:
        '报告所述每年结合重要时间节点由局主要负责人带队开展的检查。计划未给日期；' +
        '此处自行选定节前窗口4月14日至4月30日（五一假期前），截止日遇节假日或周末提前到之前最后一个工作日，' +
        '管理员可调整。',
      schedule: { kind: 'window', opens: '04-14', closes: '04-30' },
      shiftDue: 'previous-working-day',
      owners: ['office'],
      assignment: '计划未指明处室；节前安全生产检查由办公室组织，局主要负责人带队。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'report', note: '检查记录或情况报告' },
      ],
      source: '结合春节、五一、中秋、国庆等重要时间节点,局主要负责人带队赴科研院所开展安全生产专项检查10多',
    },
    {
      id: 'safety-inspection-national-day',
      title: '中秋、国庆前科研院所安全生产专项检查',
      description:
        '报告所述每年结合重要时间节点由局主要负责人带队开展的检查。中秋、国庆合并检查一次，在两节中较早的一个之前完成：' +
        '窗口在较早节日的前一天截止、提前两周开放（2025年中秋10月6日在国庆假期内，窗口为9月15日至9月30日；' +
        '2026年中秋为9月25日，窗口为9月9日至9月24日）。中秋按农历八月十五推算，列至2035年；' +
        '未列出的年份按默认9月15日至9月30日计算并标记为待确认。截止日遇节假日提前到之前最后一个工作日。计划未给日期，' +
        '管理员可调整。',
      schedule: {
        kind: 'window',
        opens: '09-15',
        closes: '09-30',
        announced: true,
        years: {
          '2024': { opens: '2024-09-01', closes: '2024-09-16' },
          '2025': { opens: '2025-09-15', closes: '2025-09-30' },
          '2026': { opens: '2026-09-09', closes: '2026-09-24' },
          '2027': { opens: '2027-08-30', closes: '2027-09-14' },
          '2028': { opens: '2028-09-15', closes: '2028-09-30' },
          '2029': { opens: '2029-09-06', closes: '2029-09-21' },
          '2030': { opens: '2030-08-27', closes: '2030-09-11' },
          '2031': { opens: '2031-09-15', closes: '2031-09-30' },
          '2032': { opens: '2032-09-03', closes: '2032-09-18' },
          '2033': { opens: '2033-08-23', closes: '2033-09-07' },
          '2034': { opens: '2034-09-11', closes: '2034-09-26' },
          '2035': { opens: '2035-08-31', closes: '2035-09-15' },
        },
      },
      shiftDue: 'previous-working-day',
      owners: ['office'],
      assignment: '计划未指明处室；节前安全生产检查由办公室组织，局主要负责人带队。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'report', note: '检查记录或情况报告' },
      ],
      source: '结合春节、五一、中秋、国庆等重要时间节点,局主要负责人带队赴科研院所开展安全生产专项检查10多',
    },

    // ── 领导干部学法述法 ───────────────────────────────────────────────────────
    {
      id: 'leadership-law-education',
      title: '局党组理论学习中心组普法教育（集体学法）',
      description: '报告所述每年例行的领导干部学法。目标（target），不是要求：计划未规定次数，' + '4次是报告所载2024年的实际次数（普法教育4次），因此只显示进度，不提醒、不判逾期；管理员可调整。',
      schedule: { kind: 'target', per: 'year', count: 4 },
      owners: ['office'],
      assignment: '计划未指明处室；中心组集体学法由办公室组织，政策法规处确定学法内容。',
      evidence: [
        { kind: 'sign-in-sheet', count: 4, note: '每次1份' },
        { kind: 'photo', count: 4 },
      ],
      reminders: [30, 7, 1],
      source: '局党组理论学习中心组围绕“因地制宜发展新质生产力”等主题开展7次专题研讨,习近平法治思想学习4次,普法教育4次',
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
        '目标（target），不是要求：计划未规定次数，3次是2024年的实际次数，因此只显示进度，不提醒、不判逾期；' +
        '管理员可调整。',
      schedule: { kind: 'target', per: 'year', count: 3 },
      owners: 'policy',
      assignment: '计划未指明处室；法律法规学习培训由政策法规处组织。',
      evidence: [
        { kind: 'sign-in-sheet', count: 3, note: '每次1份' },
        { kind: 'photo', count: 3 },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['公平竞争审查条例', '苏州市科技创新促进条例'],
      source: '先后开展了《行政复议法》《公平竞争审查条例》《苏州市科技创新促进条例》等法律法规的学习培训以及“发展新质生产力的法治保障”专题宣讲会',
    },
    {
      id: 'rule-of-law-lecture',
      title: '法治专题宣讲会',
      description: '报告所述每年例行工作（2024年举办“发展新质生产力的法治保障”专题宣讲会）。计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；法治专题宣讲由政策法规处组织。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo', count: 2 }, { kind: 'article-link', note: '活动报道' }],
      reminders: [30, 7, 1],
      source: '先后开展了《行政复议法》《公平竞争审查条例》《苏州市科技创新促进条例》等法律法规的学习培训以及“发展新质生产力的法治保障”专题宣讲会',
    },
    {
      id: 'external-rule-of-law-training',
      title: '参加市有关部门组织的行政执法、普法集中培训',
      description: '报告所述每年例行工作；培训时间由市政法委、市依法治市办等确定，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；市依法治市办的培训通知由政策法规处对口接收并组织参训。',
      evidence: [
        { kind: 'sign-in-sheet', note: '或参训名单' },
        { kind: 'certificate', note: '结业证明（如有）' },
      ],
      reminders: [30, 7, 1],
      source: '及时参加市有关部门举办的党的二十届三中全会精神集中轮训班和市政法委、市依法治市办等组织的行政执法、普法讲座等集中培训活动。',
    },

    // ── 行政执法与权力事项 ─────────────────────────────────────────────────────
    {
      id: 'random-inspection-work-permit',
      title: '外国人来华工作许可事项“双随机、一公开”行政执法检查',
      description: '报告所述每年例行的事中事后监管检查；计划未给日期，按全年完成处理。抽查事项清单、企业名单、检查结果须公示，' + '并在省市场监督管理平台回填（报告要求检查率、回填率100%）。',
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
      description: '报告所述每年例行的联合检查；计划未给日期，按全年完成处理。检查结果须公示并在省市场监督管理平台回填。',
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
      source: '根据人力资源社会保障部关于印发《外国人来华工作许可内部管理服务办法》的通知(人社部发〔2024〕38号)要求,切实做好有关保密工作。',
    },

    // ── 合法性审查 ─────────────────────────────────────────────────────────────
    {
      id: 'contract-review',
      title: '政府合同合法性审查并报备司法局',
      description: '报告所述每年例行工作（2024年审查2件政府合同及30余件其他合同协议，发挥法律顾问作用）。按件办理，计划未给日期，年末汇总。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: 'policy',
      assignment: '计划未指明处室；合同合法性审查由政策法规处会同法律顾问办理。',
      evidence: [
        { kind: 'document', note: '合法性审查意见（含法律顾问意见）' },
        { kind: 'document', note: '报备司法局回执' },
      ],
      reminders: [30, 7, 1],
      source: '对《苏州大数据与人工智能研究工程中心合作共建协议》等2件政府合同进行合法性审查并及时报备司法局,报备率达100%。',
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
      owners: ['social-dev'],
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
      owners: ['social-dev'],
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
      owners: ['social-dev'],
      assignment: '计划未指明处室；科技类社会组织业务主管工作由社会发展科技处承担（按城市科技局通常分工推定）。',
      evidence: [{ kind: 'screenshot', note: '官网拟任负责人公示截图' }],
      reminders: [30, 7, 1],
      source: '督促指导6家社会组织及时换届换证,并对13个科技类社会组织换证换届更换法人等拟任社会组织负责人在官网进行了公示,接受社会监督。',
    },

    // ── 科技类校外培训机构 ─────────────────────────────────────────────────────
    {
      id: 'training-org-review',
      title: '督促指导科技类校外培训机构动态梳理与准入审核',
      description: '报告所述每年例行工作；计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['social-dev'],
      assignment: '计划未指明处室；科技类校外培训机构管理由社会发展科技处承担（按城市科技局通常分工推定）。',
      evidence: [{ kind: 'report', note: '科技类校外培训机构台账' }],
      reminders: [30, 7, 1],
      source: '督促指导各板块动态梳理科技类校外培训机构现状',
    },
    {
      id: 'training-org-prepaid-supervision',
      title: '科技类校外培训机构预收费资金监管',
      description: '报告所述每年例行工作，包括专项排查整治、常态走访和完善应急预案；计划未给日期，按全年完成处理。',
      schedule: { kind: 'annual', due: '12-31' },
      owners: ['social-dev'],
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
      description: '报告所述局主要负责人带队的安全检查。目标（target），不是要求：计划未规定次数，' + '4次是报告所载2024年的实际次数（4次以上），因此只显示进度，不提醒、不判逾期；管理员可调整。',
      schedule: { kind: 'target', per: 'year', count: 4 },
      owners: ['social-dev'],
      assignment: '计划未指明处室；科技类校外培训机构管理由社会发展科技处承担（按城市科技局通常分工推定），局主要负责人带队。',
      evidence: [
        { kind: 'photo', count: 4, note: '每次至少1张' },
        { kind: 'document', count: 4, note: '每次检查记录1份' },
      ],
      reminders: [30, 7, 1],
      source: '赴科技类校外培训机构开展安全检查4次以上',
    },

    // ── 年度普法工作总结（跨年：总结上一年度） ───────────────────────────────────
    {
      id: 'pufa-summary',
      title: '报送上一年度普法工作总结',
      description:
        '局年度普法工作计划要求“及时总结，做好考评”：普法工作已纳入法治建设考核和绩效考评，各单位11月底前报送台账材料，' +
        '政策法规处在年度结束后形成全年普法工作总结。总结的是上一年度，期间（period）为所总结的年度：' +
        '2025年的日历中是关于2024年的总结。计划未给日期，1月31日是本日历的假定：' +
        '全年工作结束后一个月内完成（与政府信息公开工作年度报告同一时限），以便写入3月1日前报送的法治政府建设情况报告；' +
        '市法宣办另有通知的，以通知为准。',
      schedule: { kind: 'deadline', opens: '01-01', due: '01-31', reportingYear: 'previous' },
      owners: 'policy',
      assignment: '计划要求各单位把普法材料报送市科技局政策法规处，由政策法规处汇总形成总结。',
      evidence: [{ kind: 'report', note: '年度普法工作总结' }],
      reminders: [14, 7, 1],
      legalBasis: ['苏法宣办〔2019〕23号'],
      source: '3.及时总结，做好考评。“谁执法谁普法”责任制落实及相关普法工作已纳入法治建设考核、绩效考评，请各单位高度重视，对照各自责任清单一一落实。',
      provisional: true,
    },
  ],
});
