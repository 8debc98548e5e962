import { defineCalendar } from '../functions/core/calendar-schema.js';

/**
 * 高台县科技局 2025 plan, layered on the standing calendar gaotai-kjj (its offices, recurring duties and
 * the national ones live there).
 *
 * Source: the last part, "三、下一步打算", of 高台县科技局《2024年法治建设工作总结》: every obligation there
 * is a task. The plan states no counts: the yearly figures below are last year's numbers from the same
 * summary, so they are targets (progress shown, never reminded or overdue), and each description says so.
 * The 普法责任清单 is cn-national's (one date, 03-31, for every bureau).
 */
export default defineCalendar({
  id: 'gaotai-kjj-2025',
  title: '高台县科技局2025年法治建设工作计划',
  organisation: { name: '高台县科技局', timeZone: 'Asia/Shanghai' },
  document: {
    title: '高台县科技局2024年法治建设工作总结（“三、下一步打算”为2025年工作安排）',
    issuer: '高台县科技局',
  },
  planOf: { calendar: 'gaotai-kjj', year: 2025 },
  tasks: [
    // ------------------------------------------------------------ 一、党的领导与依法行政
    {
      id: 'first-responsible-duty',
      title: '主要负责人履行推进法治建设第一责任人职责（年度履职情况）',
      description: '局主要负责人履行推进法治建设第一责任人职责，年内形成履职（述法）情况材料。' + '计划未给出时间，按“年内”处理，到期日12月31日。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明股室；第一责任人履职材料由办公室（承担法治建设日常工作）整理留档。',
      evidence: [{ kind: 'report', note: '第一责任人履职（述法）情况报告' }],
      reminders: [30, 7, 1],
      legalBasis: ['党政主要负责人履行推进法治建设第一责任人职责规定'],
      source: '以习近平法治思想为指导,全面贯彻落实县委、县政府要求,持续推进法治建设第一责任人履职尽责,不断提高行政决策法治化水平。',
    },
    {
      id: 'annual-legal-work-plan',
      title: '制定并印发本局2025年度法治建设工作计划',
      description: '计划只说“及时制定”，未给日期；到期日3月31日（一季度末）是本日历选定的，管理员可调整。',
      schedule: { kind: 'deadline', opens: '01-01', due: '03-31' },
      owners: ['office'],
      assignment: '计划未指明股室；县级局无政策法规股，法治建设年度计划由办公室起草。',
      evidence: [{ kind: 'document', note: '印发的年度法治建设工作计划' }],
      reminders: [30, 7, 1],
      source: '及时制定并实施本部门法治建设年度工作计划,确保法治建设各项工作顺利开展。',
    },

    // ------------------------------------------------------------ 二、学法用法
    {
      id: 'central-group-law-study',
      title: '党组理论学习中心组学法',
      description:
        '抓好领导干部学法用法（2025年计划）。目标（target），不是要求：计划未规定次数，' +
        '4次是总结所载2024年党组理论学习中心组学法的次数，因此只显示进度，不提醒、不判逾期；管理员可调整。' +
        '学习内容包括习近平法治思想及科学技术进步法、促进科技成果转化法等法律法规。',
      schedule: { kind: 'target', per: 'year', count: 4 },
      owners: ['office'],
      assignment: '计划未指明股室；中心组学习由办公室组织并记录。',
      evidence: [
        { kind: 'minutes', note: '每次学习记录' },
        { kind: 'sign-in-sheet', note: '每次签到表' },
        { kind: 'photo', count: 1 },
      ],
      reminders: [184, 92, 30, 7],
      source: '进一步强化干部队伍建设,深入持续抓好领导干部学法用法,不断提高依法执政能力。',
    },
    {
      id: 'staff-law-study',
      title: '干部职工集中学法',
      description:
        '2025年计划要求深入学习宣传习近平法治思想、宪法、民法典及科技创新、生态文明建设、高质量发展相关法律法规。' +
        '目标（target），不是要求：计划未规定次数，24次是总结所载2024年全年集中学法的次数（约每月2次），' +
        '因此只显示进度，不提醒、不判逾期；管理员可调整。',
      schedule: { kind: 'target', per: 'year', count: 24 },
      owners: ['office'],
      assignment: '计划未指明股室；全局干部职工集中学法由办公室组织，各股室人员参加。',
      evidence: [
        { kind: 'sign-in-sheet', note: '每次签到表' },
        { kind: 'photo', count: 1, note: '每次学习照片' },
      ],
      reminders: [184, 92, 30, 7],
      source: '深入学习宣传贯彻习近平法治思想、《中华人民共和国宪法》《中华人民共和国民法典》以及科技创新、生态文明建设、高质量发展等密切相关的法律法规,深入学习宣传党内法规,持续营造浓厚学法氛围。',
    },
    {
      id: 'party-regulations-study',
      title: '学习宣传党内法规（党组会、主题党日学习）',
      description: '深入学习宣传党内法规，结合党组会、主题党日活动学习《领导干部应知应会党内法规和国家法律汇编》等。' + '计划未给时间和次数，按“年内”处理，到期日12月31日。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明股室；党组会和主题党日由办公室（机关党支部日常工作）组织。',
      evidence: [
        { kind: 'minutes', note: '党组会或主题党日学习记录' },
        { kind: 'photo', count: 1 },
      ],
      reminders: [30, 7, 1],
      source: '深入学习宣传党内法规,持续营造浓厚学法氛围。',
    },

    // ------------------------------------------------------------ 三、普法宣传
    {
      id: 'law-publicity-events',
      title: '进社区、镇村、企业、广场开展科技法律法规普法宣传',
      description:
        '2025年计划要求创新开展法治宣传、利用宣传展板等加强正面宣传引导、增强群众法治意识。目标（target），' +
        '不是要求：计划未规定场次，30场是总结所载2024年结合科技活动周、科普日、国家宪法日、“三下乡”等在社区、镇村、' +
        '科技型企业、广场开展宣传的场次（另发放法律法规彩册4000多份、科技政策汇编100多本），因此只显示进度，不提醒、' +
        '不判逾期；管理员可调整。每场上传照片和宣传材料发放记录。',
      schedule: { kind: 'target', per: 'year', count: 30 },
      owners: ['popularisation'],
      assignment: '计划未指明股室；科普宣传活动由科普股牵头组织并汇总场次，其他股室按“谁执法谁普法”参与。',
      evidence: [
        { kind: 'photo', count: 2, note: '每场活动照片（含宣传展板）' },
        { kind: 'document', note: '每场宣传资料发放登记' },
      ],
      reminders: [184, 92, 30, 7],
      source:
        '充分利用科技活动周、全国科普日,“12・4”国家宪法日和“宪法宣传周”等重要时间节点,创新开展推进法治宣传工作,利用宣传展板等形式加强正面宣传引导,大力开展科技法律法规宣传培训,切实提高科技部门法律服务能力,不断增强群众法治意识,推动法治理念深入人心,营造法治建设良好氛围。',
    },
    {
      id: 'sci-tech-law-training',
      title: '科技法律法规宣传培训',
      description:
        '面向科技型企业、科技特派员等开展科技法律法规（科学技术进步法、促进科技成果转化法及县级科技计划、资金、特派员管理办法等）宣传培训，' +
        '提高科技部门法律服务能力。计划未给时间和次数，按“年内”至少1次处理，到期日12月31日。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['services'],
      assignment: '计划未指明股室；面向企业和科技特派员的服务培训由科技服务股组织。',
      evidence: [{ kind: 'sign-in-sheet' }, { kind: 'photo', count: 2 }, { kind: 'document', note: '培训通知或课件' }],
      reminders: [30, 7, 1],
      source: '大力开展科技法律法规宣传培训,切实提高科技部门法律服务能力,不断增强群众法治意识,推动法治理念深入人心,营造法治建设良好氛围。',
    },
  ],
});
