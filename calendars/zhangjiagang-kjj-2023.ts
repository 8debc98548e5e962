import { defineCalendar } from '../functions/core/calendar-schema.js';

// 张家港市科学技术局2023年的计划，叠加在常设日历 zhangjiagang-kjj 上（科室、每年例行的工作和国家规定的事项在那里）。
// 来源：张家港市科学技术局《2022 年度法治政府建设情况报告》（张科发〔2023〕5号）第三部分“2023 年法治工作计划”。
// 计划未规定次数的数字是目标（target），只显示进度；规则写明的次数是要求（quota）。

export default defineCalendar({
  id: 'zhangjiagang-kjj-2023',
  title: '张家港市科学技术局2023年法治工作计划',
  organisation: { name: '张家港市科学技术局', timeZone: 'Asia/Shanghai' },
  document: {
    title: '张家港市科学技术局 2022 年度法治政府建设情况报告',
    issuer: '张家港市科学技术局',
    date: '2023-02-17',
  },
  planOf: { calendar: 'zhangjiagang-kjj', year: 2023 },
  tasks: [
    // ── 一、加强法治教育培训 ──────────────────────────────
    {
      id: 'central-group-law-study',
      title: '党组理论中心组学法',
      description:
        '计划要求继续健全落实党组理论中心组学法制度，未规定次数。要求（quota）：' +
        '全年不少于2次取自考核细则“集体学法每年不少于2次”的底线（规则写明的要求，不是上年次数；' +
        '2022年实际专题学习4次），未完成会提醒并判逾期；管理员可上调。',
      schedule: { kind: 'quota', per: 'year', min: 2 },
      owners: ['office'],
      assignment: '计划未指明科室；党组理论中心组学习由办公室组织。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo', count: 2 }, { kind: 'minutes' }],
      source: '坚持领导干部带头学法、模范守法，继续健全落实党组理论中心组学法、国家工作人员年度学法考法等制度',
    },
    {
      id: 'staff-law-exam',
      title: '国家工作人员年度学法考法',
      description: '每个科室组织本科室人员完成2023年度学法考法并上传成绩；考试时间由上级统一安排，计划未给出，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: 'all',
      assignment: '学法考法面向全局人员，各科室分别组织本科室人员参加并提交成绩，办公室汇总。',
      evidence: [
        { kind: 'screenshot', note: '学法考法成绩截图' },
        { kind: 'report', note: '本科室参考人员及成绩汇总' },
      ],
      reminders: [30, 7, 1],
      source: '做好新进人员执法资格考试，抓实 2023 年度局内学法考法工作。',
    },
    {
      id: 'law-training',
      title: '全局法治教育培训（如“周末讲堂”）',
      description: '计划要求丰富学法内容、载体和形式，未规定次数与时间，按全年至少组织1次全局法治培训设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；全局性法治培训由办公室组织。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo', count: 2 }, { kind: 'document', note: '培训通知或课件' }],
      reminders: [30, 7, 1],
      source: '通过丰富内容、载体和形式等，提高局内人员对法治建设的认识，进一步提升全局科技工作者学法用法能力的培养。',
    },

    // ── 二、建设法治人才队伍 ──────────────────────────────
    {
      id: 'law-enforcement-exam',
      title: '新进人员行政执法资格考试',
      description: '新进行政执法人员参加全省统一执法资格考试并申领执法证；考试日期由司法行政部门安排，计划未给出，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；执法人员资格管理由办公室负责。',
      evidence: [{ kind: 'certificate', note: '考试合格证明或行政执法证' }],
      reminders: [30, 7, 1],
      source: '做好新进人员执法资格考试，抓实 2023 年度局内学法考法工作。',
    },
    {
      id: 'legal-adviser',
      title: '发挥法律顾问作用：聘请法律顾问并开展合同合法性审查',
      description: '2022年聘请法律顾问1名，审查合同90余份。2023年续聘法律顾问并建立合同审查台账；计划未给出时间，按年内完成设置。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明科室；法律顾问聘请与合同审查台账由办公室管理。',
      evidence: [
        { kind: 'document', note: '法律顾问聘用合同' },
        { kind: 'report', note: '合同合法性审查台账' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['《张家港市重大行政决策程序规定》'],
      source: '进一步挖掘法律专业人员在科技工作中的积极作用，努力提升运用法治思维推动科技发展的能力。',
    },

    // ── 三、创新法治宣传形式 ──────────────────────────────
    {
      id: 'online-law-publicity',
      title: '通过政府网站、公众号发布法治宣传内容',
      description:
        '计划要求充分运用政府官方网站、公众号等媒介扩大法治宣传覆盖面，未规定篇数。目标（target），不是要求：' +
        '全年4篇是本日历按每季度1篇的节奏自定的数字，因此只显示进度，不提醒、不判逾期；管理员可调整。',
      schedule: { kind: 'target', per: 'year', count: 4 },
      owners: ['office'],
      assignment: '计划未指明科室；政府网站栏目与“张家港科技”微信公众号由办公室管理。',
      evidence: [{ kind: 'article-link' }, { kind: 'screenshot' }],
      reminders: [30, 7, 1],
      source: '充分运用政府官方网站、公众号等媒介，利用新媒体新技术的优势，有效扩大法治宣传覆盖面。',
    },
    {
      id: 'innovation-express',
      title: '开展“创新速递”进企业宣讲科技政策和法律法规',
      description:
        '计划要求持续打造“创新速递”品牌，未规定场次。目标（target），不是要求：' +
        '10次取自报告所载2022年“10 余次”的水平，因此只显示进度，不提醒、不判逾期；管理员可调整。' +
        '2022年由局主要领导带队赴企业宣讲。',
      schedule: { kind: 'target', per: 'year', count: 10 },
      owners: ['service'],
      assignment: '计划未指明科室；面向企业的政策宣讲由科技服务科组织，局领导带队。',
      evidence: [{ kind: 'photo', count: 2 }, { kind: 'sign-in-sheet' }, { kind: 'article-link' }],
      reminders: [30, 7, 1],
      source: '持续打造“创新速递”品牌效应，通过音频、动画、典型案例等方式，全方位向企业科普科技政策及法律法规。',
    },
    {
      id: 'policy-explainers',
      title: '制作音频、动画、典型案例等科技政策及法律法规解读产品',
      description: '计划未规定数量与时间，按年内至少制作发布1件解读产品设置（2022年发布政策图解1个）。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['service'],
      assignment: '计划未指明科室；与“创新速递”配套的解读产品由科技服务科制作，办公室负责发布。',
      evidence: [{ kind: 'article-link' }, { kind: 'video', note: '音频或动画作品（如有）' }],
      reminders: [30, 7, 1],
      source: '持续打造“创新速递”品牌效应，通过音频、动画、典型案例等方式，全方位向企业科普科技政策及法律法规。',
    },
  ],
});
