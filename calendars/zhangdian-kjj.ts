import { defineCalendar } from '../functions/core/calendar-schema.js';

/**
 * 张店区科技局: the bureau's standing calendar, one across years. Its tasks are the duties the bureau's
 * 2024 法治政府建设情况报告 describes as carried out every year (parts 一 and 二: study plan, leadership study,
 * 学法考法, 三重一大, legality review, enforcement training, publicity, the standardised 权责清单…). The
 * report's part 四 ("2025年推进法治政府建设主要计划安排") is the 2025 plan, zhangdian-kjj-2025, layered on
 * this calendar with planOf; the national duties come from cn-national.
 *
 * The report names only 局办公室 (the 法治建设工作领导小组办公室 sits there), so 办公室 is the policy
 * office; the other offices are the usual sections of a district S&T bureau and their names are assumed.
 * The report gives no dates at all: every task is annual (due 12-31) or a yearly figure. The yearly
 * figures (5 次党内法规学习, 4 次节点宣传, 100 余次上门普法) are what the report gives for 2024: targets
 * (progress shown, never reminded or overdue), not requirements.
 */
export default defineCalendar({
  id: 'zhangdian-kjj',
  title: '张店区科技局法治政府建设工作日历',
  organisation: { name: '张店区科技局', timeZone: 'Asia/Shanghai' },
  document: {
    title: '张店区科技局2024年度法治政府建设情况报告',
    issuer: '张店区科技局',
  },
  years: { from: 2025 },
  extends: ['cn-national'],
  offices: [
    {
      id: 'office',
      name: '办公室',
      emails: ['bgs@zhangdian-kjj.example'],
      headEmail: 'bgs-head@zhangdian-kjj.example',
    },
    {
      id: 'party',
      name: '机关党支部',
      emails: ['dzb@zhangdian-kjj.example'],
      headEmail: 'dzb-head@zhangdian-kjj.example',
    },
    {
      id: 'enterprise',
      name: '企业创新科',
      emails: ['qycxk@zhangdian-kjj.example'],
      headEmail: 'qycxk-head@zhangdian-kjj.example',
    },
    {
      id: 'projects',
      name: '项目管理科',
      emails: ['xmglk@zhangdian-kjj.example'],
      headEmail: 'xmglk-head@zhangdian-kjj.example',
    },
    {
      id: 'popularisation',
      name: '科普与成果转化科',
      emails: ['kpcgk@zhangdian-kjj.example'],
      headEmail: 'kpcgk-head@zhangdian-kjj.example',
    },
  ],
  policyOffice: 'office',
  defaults: { reminders: [7, 1], graceDays: 0, shiftDue: 'none', prepareDays: 10 },
  tasks: [
    // ── 一、第一责任人职责：学法、部署、学法考法、依法决策（报告所述每年例行工作；普法责任清单由 cn-national 提供） ──
    {
      id: 'study-plan',
      title: '制定本年度学法计划',
      description: '报告未给日期；学习计划宜在年初制定，此处按全年一次（12月31日前）排期。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明处室；法治建设工作领导小组办公室设在局办公室，学法计划由办公室起草。',
      evidence: [{ kind: 'document', note: '年度学法计划' }],
      reminders: [30, 7, 1],
      source: '制定本年度学习计划，组织全局工作人员开展2次习近平法治思想集中学习，通过领学理论、观看视频、交流心得体会等方式，认真学习领会习近平法治思想。',
    },
    {
      id: 'leadership-law-study',
      title: '局领导带头学习科技法律法规',
      description: '学习《科学技术进步法》《促进科技成果转化法》《山东省促进科技成果转化条例》等；报告未给日期和次数。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明处室；领导班子学法由办公室组织并留存台账。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo' }, { kind: 'minutes' }],
      reminders: [30, 7, 1],
      legalBasis: ['中华人民共和国科学技术进步法', '中华人民共和国促进科技成果转化法', '山东省促进科技成果转化条例'],
      source: '结合区科技局业务职能，带头学习《中华人民共和国科学技术进步法》《中华人民共和国促进科技成果转化法》《山东省促进科技成果转化条例》等法律法规。',
    },
    {
      id: 'party-regulation-study',
      title: '主题党日党内法规学习',
      description:
        '目标（target），不是要求：报告所述2024年利用主题党日等活动组织了5次党内法规学习（党章、' +
        '党内政治生活若干准则、支部工作条例、党员教育管理工作条例、纪律处分条例等）；5次是上年次数，不是计划的要求，' +
        '因此只显示进度，不提醒、不判逾期。',
      schedule: { kind: 'target', per: 'year', count: 5 },
      owners: ['party'],
      assignment: '报告未指明处室；主题党日由机关党支部组织。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo' }, { kind: 'minutes' }],
      source:
        '利用主题党日等活动，组织5次各类党内法规的学习，先后学习《党章》、《新形势下党内政治生活的若干准则》、《中国共产党支部工作条例（试行）》、《中国共产党党员教育管理工作条例》、《中国共产党纪律处分条例》等内容，不断增强全局人员依法依规办事的意识和能力。',
    },
    {
      id: 'rule-of-law-work-meeting',
      title: '主要负责人主持召开法治建设工作会议',
      description: '明确局本年度法治建设的重点任务；报告未给日期，宜在年初召开，此处按全年一次排期。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明处室；会议由局主要负责人主持，办公室（领导小组办公室）筹备并留存纪要。',
      evidence: [{ kind: 'minutes' }, { kind: 'sign-in-sheet' }, { kind: 'photo' }],
      reminders: [30, 7, 1],
      source: '一是把好法治建设工作的总方向，主持召开区科技局法治建设工作会议，明确局本年度法治建设的重点任务。',
    },
    {
      id: 'leading-group-adjust',
      title: '健全调整法治建设工作领导小组',
      description: '根据人员变动及时调整领导小组成员并印发文件；报告未给日期，按全年一次复核排期。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '领导小组办公室设在局办公室（报告原文），由办公室负责。',
      evidence: [{ kind: 'document', note: '领导小组调整文件' }],
      reminders: [30, 7, 1],
      source:
        '为加强依法行政的组织领导，我局不断健全完善法治建设工作领导小组，由局长担任组长，作为法治建设第一责任人，党组成员、副局长任副组长，各科室负责人为成员，根据人员情况及时调整，领导小组办公室设在局办公室。',
    },
    {
      id: 'staff-law-exam',
      title: '国家工作人员学法考法',
      description: '全局工作人员在规定时间内完成学习与答题，参与率、通过率100%；考试时间由上级每年另行通知，报告未给，此处按全年排期，每个科室上传本科室人员完成情况。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: 'all',
      assignment: '考法面向全体工作人员，每个科室各自确认本科室人员完成；办公室汇总参与率。',
      evidence: [{ kind: 'screenshot', note: '学习与答题完成情况' }, { kind: 'certificate' }],
      reminders: [30, 7, 1],
      source: '组织全局工作人员参加本年度国家工作人员学法考法活动，在规定时间内完成学习与答题，全局考法参与率100%，通过率100%。',
    },
    {
      id: 'major-decision-collective',
      title: '“三重一大”事项集体决策台账',
      description: '局工作例会、局长办公会按议事规则和决策程序集体决策，全年留存会议纪要台账。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明处室；局务会议由办公室组织并保管纪要。',
      evidence: [{ kind: 'minutes', note: '局长办公会/例会纪要' }],
      reminders: [30, 7, 1],
      source:
        '严格局工作例会、局长办公会等议事规则和决策程序，严格执行“三重一大”集体决策制度，全局范围内的“三重一大”事项，始终坚持集体领导、民主集中、会议决定的原则，做到广泛讨论、集体决策、依纪依法。',
    },
    {
      id: 'legality-review',
      title: '对外合同、协议合法性审查台账',
      description: '拟定对外合同、协议时征求公职律师、法律顾问、区司法局及相关部门单位意见；按件办理，全年汇总台账。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明处室；合法性审查由政策法规职能所在的办公室统筹。',
      evidence: [{ kind: 'document', note: '合法性审查意见及台账' }],
      reminders: [30, 7, 1],
      source: '在对外合同、协议的拟定过程中认真履行征求公职律师、法律顾问、区司法局及相关部门单位意见等程序，做到程序依规、内容合法。',
    },

    // ── 二、执法队伍建设、干部学法与依法行政 ──
    {
      id: 'staff-law-study',
      title: '干部职工学习宪法及科技、行政执法相关法律法规',
      description: '学习宪法和国家基本法律，及《科技进步法》《促进科技成果转化法》《行政许可法》《行政处罚法》《行政诉讼法》《山东省行政执法监督条例》等；报告未给次数。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明处室；全局干部职工学法由办公室组织。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo' }],
      reminders: [30, 7, 1],
      legalBasis: ['中华人民共和国宪法', '中华人民共和国行政许可法', '中华人民共和国行政处罚法', '中华人民共和国行政诉讼法', '山东省行政执法监督条例'],
      source:
        '进一步加强对干部职工的法律、法规和政治理论学习，把学法、用法与依法行政结合起来，学习宣传宪法和国家基本法律，学习《科技进步法》、《促进科技成果转化法》、《技术合同法》、《行政许可法》、《行政处罚法》、《行政诉讼法》和《山东省行政执法监督条例》等与工作密切相关的法律法规知识。',
    },
    {
      id: 'enforcement-district-training',
      title: '行政执法人员参加全区行政执法人员业务能力培训',
      description: '2024年局2名行政执法人员参训；培训时间由区里另行通知，报告未给，此处按全年排期。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明执法人员所在处室；执法人员管理由办公室统筹。',
      evidence: [{ kind: 'certificate', count: 2, note: '每名执法人员一份' }, { kind: 'photo' }],
      reminders: [30, 7, 1],
      source: '组织局2名行政执法人员参加全区行政执法人员业务能力培训，完成“山东省行政执法人员培训学习云平台”的公共法律知识学习，并结合科技局业务职能完成相关业务知识及能力的培训学习。',
    },
    {
      id: 'enforcement-cloud-learning',
      title: '完成“山东省行政执法人员培训学习云平台”公共法律知识学习',
      description: '每名行政执法人员完成云平台公共法律知识学习及本局业务知识培训；报告未给日期。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明执法人员所在处室；执法人员管理由办公室统筹。',
      evidence: [{ kind: 'screenshot', count: 2, note: '每名执法人员的学时完成截图' }],
      reminders: [30, 7, 1],
      source: '组织局2名行政执法人员参加全区行政执法人员业务能力培训，完成“山东省行政执法人员培训学习云平台”的公共法律知识学习，并结合科技局业务职能完成相关业务知识及能力的培训学习。',
    },
    {
      id: 'enforcement-certificates',
      title: '执法证件管理，持证上岗、亮证执法',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明处室；执法证件由办公室统一管理。',
      evidence: [{ kind: 'document', note: '执法证件管理台账' }],
      reminders: [30, 7, 1],
      source: '继续加强对执法证件的管理和使用，坚持持证上岗和亮证执法。',
    },
    {
      id: 'power-list-standardisation',
      title: '权责清单事项标准化梳理（更新标准化手册）',
      description:
        '报告所述依法行政工作：开展全局政府服务事项标准化梳理，对局权责清单内的所有事项逐项梳理，形成标准化手册。' +
        '权责清单随法律法规和职能调整而变动，本日历按每年复核一次、更新手册设置；报告未给日期，' +
        '按全年一次（12月31日前）排期。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '报告未指明处室；权责清单由政策法规职能所在的办公室统筹，各科室梳理本科室事项。',
      evidence: [{ kind: 'document', note: '权责清单事项标准化手册（更新版）' }],
      reminders: [30, 7, 1],
      source: '开展全局政府服务事项标准化梳理工作，对局权责清单内的所有事项进行认真梳理，形成更加规范的标准化手册，为工作依法依规开展提供规范指导。',
    },

    // ── 二、重要节点与上门普法 ──
    {
      id: 'key-date-publicity',
      title: '科技政策宣传季、科技活动周、科普日等节点集中法律宣传',
      description:
        '目标（target），不是要求：报告所述2024年借助“科技政策宣传季”“科技活动周”“科技政策科普日”集中开展法律' +
        '宣传教育活动4次；4次是上年次数，不是计划的要求，因此只显示进度，不提醒、不判逾期。科技活动周、' +
        '科普月本身由 cn-national 日历提供。',
      schedule: { kind: 'target', per: 'year', count: 4 },
      owners: ['popularisation'],
      assignment: '报告未指明处室；科技活动周、科普日活动由科普与成果转化科承办。',
      evidence: [{ kind: 'photo', count: 2 }, { kind: 'article-link' }],
      source: '借助“科技政策宣传季”“科技活动周”“科技政策科普日”等活动集中开展法律宣传教育活动4次，赴企业“一对一”上门普及科技政策及法律知识100余次。',
    },
    {
      id: 'enterprise-visits',
      title: '赴企业“一对一”上门普及科技政策及法律知识',
      description: '目标（target），不是要求：报告所述2024年上门100余次；100次是上年次数，不是计划的要求，' + '因此只显示进度，不提醒、不判逾期。上传走访台账和现场照片。',
      schedule: { kind: 'target', per: 'year', count: 100 },
      owners: ['enterprise'],
      assignment: '报告未指明处室；企业走访服务由企业创新科承担。',
      evidence: [
        { kind: 'document', note: '走访台账' },
        { kind: 'photo', count: 5 },
      ],
      reminders: [30, 7, 1],
      source: '借助“科技政策宣传季”“科技活动周”“科技政策科普日”等活动集中开展法律宣传教育活动4次，赴企业“一对一”上门普及科技政策及法律知识100余次。',
    },
  ],
});
