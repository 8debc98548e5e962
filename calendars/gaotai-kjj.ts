import { defineCalendar } from '../functions/core/calendar-schema.js';
import { SCI_TECH_WEEK, SCIENCE_POPULARISATION, THREE_TO_COUNTRYSIDE } from './cn-national.js';

/**
 * 高台县科技局 (Gaotai County, Zhangye, Gansu): the bureau's standing calendar, one across years.
 *
 * Source: 高台县科技局《2024年法治建设工作总结》 (see `document` below). The recurring duties the summary
 * reports as done during the year (学法计划, 法治讲座, 网上学法考试, 领导小组专题会议,
 * 执法事项清单公开, “三重一大”集体决策, the national observances run by 科普股) are here; the tasks of its
 * last part, "三、下一步打算", are the 2025 plan (gaotai-kjj-2025, layered on this calendar with planOf).
 * Where the summary gives a yearly count and no plan requires one, the task is a target (progress shown,
 * never reminded or overdue), and its description says so. The national duties (annual reports, 普法计划
 * and 普法责任清单, observances) come from cn-national.
 *
 * The summary calls the bureau only "县科技局"; the county is named in the local rules it applies
 * (《高台县科技计划项目管理办法(试行)》 etc.). It names no 股室: the offices below are the usual ones of a
 * county science-and-technology bureau and the 办公室 acts as policy office (no 政策法规股 in the text).
 */
export default defineCalendar({
  id: 'gaotai-kjj',
  title: '高台县科技局法治建设工作日历',
  organisation: { name: '高台县科技局', timeZone: 'Asia/Shanghai' },
  document: {
    title: '高台县科技局2024年法治建设工作总结',
    issuer: '高台县科技局',
  },
  years: { from: 2025 },
  extends: ['cn-national'],
  offices: [
    {
      id: 'office',
      name: '办公室',
      emails: ['bgs@gaotai-kjj.example'],
      headEmail: 'bgs-head@gaotai-kjj.example',
    },
    {
      id: 'projects',
      name: '科技项目股',
      emails: ['kjxmg@gaotai-kjj.example'],
      headEmail: 'kjxmg-head@gaotai-kjj.example',
    },
    {
      id: 'services',
      name: '科技服务股',
      emails: ['kjfwg@gaotai-kjj.example'],
      headEmail: 'kjfwg-head@gaotai-kjj.example',
    },
    {
      id: 'popularisation',
      name: '科普股',
      emails: ['kpg@gaotai-kjj.example'],
      headEmail: 'kpg-head@gaotai-kjj.example',
    },
  ],
  policyOffice: 'office',
  defaults: { reminders: [7, 1], graceDays: 0, shiftDue: 'none', prepareDays: 10 },
  tasks: [
    // ------------------------------------------------------------ 依法决策与领导小组（总结所述每年例行）
    {
      id: 'lawful-decision-making',
      title: '重大行政决策依法决策（“三重一大”集体决策、公平竞争审查）台账',
      description:
        '提高行政决策法治化水平：重大事项按重大行政决策法定程序和“三重一大”集体决策制度，经调查研究、公平竞争审查、' +
        '征求意见后由党组会议集体研究决定（2024年总结所述做法）。全年持续，年底前整理台账，到期日12月31日。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '计划未指明股室；党组会议纪要和决策程序材料由办公室统一保管整理。',
      evidence: [
        { kind: 'minutes', note: '党组会议集体研究重大事项的会议纪要' },
        { kind: 'document', note: '公平竞争审查、征求意见等决策程序材料' },
      ],
      reminders: [30, 7, 1],
      legalBasis: ['重大行政决策程序暂行条例'],
      source:
        '始终坚持民主集中制 ,不搞凭主观臆断 ,严格按照执行重大行政决策法定程序 ,执行“三重一大”集体决策制度 ,凡单位重大事项 ,始终坚持集体领导、民主集中、个别酝酿 ,在充分调查研究、公平竞争审查、广泛征求意见的基础上 ,通过党组会议集体研究讨论等多环节决定 ,力求决策科学正确 ,依纪依法,并自觉接受各方监督。',
    },
    {
      id: 'leading-group-meetings',
      title: '法治政府建设工作领导小组专题会议',
      description:
        '领导小组（局长任组长）专题研究法治建设工作。目标（target），不是要求：计划未规定次数，' +
        '4次是总结所载2024年全年召开的次数，因此只显示进度，不提醒、不判逾期；管理员可调整。' +
        '领导小组成员因人事变动需调整时应及时发文调整（非定期事项，未单列任务）。',
      schedule: { kind: 'target', per: 'year', count: 4 },
      owners: ['office'],
      assignment: '计划未指明股室；领导小组的会务和纪要由办公室承担。',
      evidence: [
        { kind: 'minutes', note: '每次会议纪要' },
        { kind: 'sign-in-sheet', note: '每次会议签到表' },
      ],
      reminders: [184, 92, 30, 7],
      source: '全年召开专题会议4次,研究我局法治建设工作,全力推动法治建设各项工作的落实,为法治政府建设提供了强有力的政治保障和组织保障。',
    },

    // ------------------------------------------------------------ 学法用法（总结所述每年例行）
    {
      id: 'leader-study-plan',
      title: '制定本局本年度领导干部学法计划',
      description:
        '2024年总结所述的年度做法：制定年度领导干部学法计划，将习近平法治思想、宪法、民法典和党内法规汇编纳入党组会、' +
        '中心组学习、主题党日和干部集体学习。总结未给日期；到期日3月31日是本日历选定的，管理员可调整。',
      schedule: { kind: 'deadline', opens: '01-01', due: '03-31' },
      owners: ['office'],
      assignment: '总结未指明股室；学法计划由办公室拟定、党组审定。',
      evidence: [{ kind: 'document', note: '年度领导干部学法计划' }],
      reminders: [30, 7, 1],
      source:
        '制定了《县科技局2024年度领导干部学法计划》,将习近平法治思想、依法治国重要理论、《中华人民共和国中华人民共和国宪法》《中华人民共和国民法典》等法律法规和《领导干部应知应会党内法规和国家法律汇编》纳入党组会、党组理论学习中心组学习、主题党日活动、干部集体学习的重要内容。',
    },
    {
      id: 'law-lectures',
      title: '法治讲座',
      description: '目标（target），不是要求：计划未规定次数，2次是总结所载2024年开展法治讲座的次数，因此只显示进度，不提醒、' + '不判逾期；管理员可调整。',
      schedule: { kind: 'target', per: 'year', count: 2 },
      owners: ['office'],
      assignment: '总结未指明股室；法治讲座由办公室邀请讲师并组织。',
      evidence: [
        { kind: 'sign-in-sheet', note: '每次签到表' },
        { kind: 'photo', count: 2, note: '每次讲座照片' },
        { kind: 'document', note: '讲座通知或课件' },
      ],
      reminders: [184, 92, 30, 7],
      source: '全年组织干部职工集中学法24次,开展法治讲座2次,全年党组理论学习中心组学法4次。',
    },
    {
      id: 'online-law-study-exam',
      title: '全体干部网上学法及年度学法考试',
      description: '组织全体干部参加网上学法并通过年度学法考试（2024年总结所述的年度做法）。' + '考试时间以县里当年通知为准；本日历无通知日期，按“年内”处理，到期日12月31日。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '总结未指明股室；网上学法和考试的组织、成绩汇总由办公室负责，各股室督促本股人员完成。',
      evidence: [
        { kind: 'screenshot', note: '网上学法完成情况统计截图' },
        { kind: 'document', note: '学法考试成绩汇总表' },
      ],
      reminders: [92, 30, 7],
      source: '组织全体干部开展网上学法,组织执法人员网上学习行政执法内容,并顺利通过学法考试。',
    },
    {
      id: 'enforcement-staff-training',
      title: '行政执法人员网上学习行政执法内容并通过考试',
      description: '持证行政执法人员参加行政执法网上学习和考试（2024年总结所述的年度做法）。' + '考试时间以当年通知为准；本日历无通知日期，按“年内”处理，到期日12月31日。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '总结未指明股室；执法人员和执法证件由办公室统一管理，执法人员培训考试记录由办公室汇总。',
      evidence: [
        { kind: 'screenshot', note: '执法人员网上学习完成情况截图' },
        { kind: 'document', note: '执法人员考试成绩或合格名单' },
      ],
      reminders: [92, 30, 7],
      source: '组织全体干部开展网上学法,组织执法人员网上学习行政执法内容,并顺利通过学法考试。',
    },

    // ------------------------------------------------------------ 执法公开
    {
      id: 'enforcement-list-publish',
      title: '梳理并向社会公开行政执法事项目录清单',
      description: '2024年总结所述的做法：梳理并公开行政执法事项目录清单（2024年6项，其中行政处罚6项）。' + '每年动态调整后公开；总结未给日期，按“年内”处理，到期日12月31日。',
      schedule: { kind: 'annual', opens: '01-01', due: '12-31' },
      owners: ['office'],
      assignment: '总结未指明股室；执法事项清单由办公室会同各业务股梳理并在政府网站公开。',
      evidence: [
        { kind: 'article-link', note: '行政执法事项目录清单公开页面链接' },
        { kind: 'screenshot', note: '公开页面截图' },
      ],
      reminders: [30, 7, 1],
      source: '经我局认真梳理,向社会公开行政执法事项目录清单6项,行政处罚6项,年内没有发生行政执法案件。',
    },

    // ---------------------------------------------------------- 国家节点：改由科普股牵头
    {
      id: 'sci-tech-week',
      title: '全国科技活动周：科普与科技法律法规宣传',
      description:
        '覆盖继承自cn-national的同名任务，只改牵头股室和证据：县科技局由科普股统一组织，' +
        '利用宣传展板等形式开展科技法律法规宣传。日期沿用 cn-national（科技部等部门每年通知，' +
        '2025年为5月24日至31日）。',
      schedule: SCI_TECH_WEEK,
      owners: ['popularisation'],
      assignment: '计划未指明股室；县级局科技活动周由科普股统一组织（不按每个股室分别开展），其他股室参与。',
      evidence: [
        { kind: 'photo', count: 3, note: '活动现场及宣传展板照片' },
        { kind: 'document', note: '活动方案、宣传材料或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['科技部等部门关于举办全国科技活动周的年度通知'],
      source:
        '充分利用科技活动周、全国科普日,“12・4”国家宪法日和“宪法宣传周”等重要时间节点,创新开展推进法治宣传工作,利用宣传展板等形式加强正面宣传引导,大力开展科技法律法规宣传培训,切实提高科技部门法律服务能力,不断增强群众法治意识,推动法治理念深入人心,营造法治建设良好氛围。',
    },
    {
      id: 'science-popularisation',
      title: '全国科普月（原全国科普日）：科普与科技法律法规宣传',
      description:
        '覆盖继承自cn-national的同名任务，只改牵头股室和证据。计划写“全国科普日”；' +
        '依据2024年修订的科学技术普及法，2025年起为全国科普月（9月1日至30日），日期沿用 cn-national。' +
        '县科技局由科普股统一组织，利用宣传展板等形式开展宣传。',
      schedule: SCIENCE_POPULARISATION,
      owners: ['popularisation'],
      assignment: '计划未指明股室；县级局科普日（科普月）活动由科普股统一组织（不按每个股室分别开展），其他股室参与。',
      evidence: [
        { kind: 'photo', count: 3, note: '活动现场及宣传展板照片' },
        { kind: 'document', note: '活动方案、宣传材料或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['《中华人民共和国科学技术普及法》（2024年12月25日修订）第七条'],
      source:
        '充分利用科技活动周、全国科普日,“12・4”国家宪法日和“宪法宣传周”等重要时间节点,创新开展推进法治宣传工作,利用宣传展板等形式加强正面宣传引导,大力开展科技法律法规宣传培训,切实提高科技部门法律服务能力,不断增强群众法治意识,推动法治理念深入人心,营造法治建设良好氛围。',
    },
    {
      id: 'three-to-countryside',
      title: '科技“三下乡”活动（含科技法律法规宣传）',
      description:
        '覆盖继承自cn-national的同名任务，只改牵头股室：2024年总结所述的年度做法，' +
        '在镇村结合“三下乡”开展科技科普和法律法规宣传。日期沿用 cn-national：以当年通知为准，' +
        '默认1月1日至2月28日只是估计，任务标记为待确认。',
      schedule: THREE_TO_COUNTRYSIDE,
      owners: ['popularisation'],
      assignment: '总结未指明股室；县级局科技“三下乡”由科普股牵头组织，科技服务股组织科技特派员参加。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案、宣传资料发放登记或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['中宣部等部门关于开展文化科技卫生“三下乡”活动的年度通知'],
      source:
        '结合“科技活动周”、全国科普日、“12.4”国家宪法日、科技“三下乡”等科技科普宣传活动,在社区、镇村、科技型企业、广场等场所,广泛宣传《中华人民共和国食品安全法》《中华人民共和国安全生产法》《中华人民共和国民法典》及科技政策法律30场次,向广大群众发放《中华人民共和国科学技术进步法》《中华人民共和国促进科技成果转化法》《甘肃省社会信用条例》《中国共产党统一战线工作条例》《甘肃省拥军优属条例》等法律法规彩册4000多份,科技政策汇编100多本,以浓厚的宣传氛围,提高广大群众的法律意识。',
      provisional: true,
    },
  ],
});
