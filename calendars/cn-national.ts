import { defineCalendar } from '../functions/core/calendar-schema.js';

/**
 * National base calendar: statutory observances, yearly national publicity campaigns, the statutory
 * annual reports (法治政府建设, 政府信息公开) and the yearly 普法 plan and responsibility list every bureau
 * issues. Abstract: it has no offices of its own and is only compiled as part of a bureau's calendar
 * (`extends: ['cn-national']`), so owners are only 'all' (every office of that bureau) or 'policy' (its
 * policy office).
 *
 * Facts and sources: each task names the law or notice it rests on (`legalBasis`) and quotes the rule
 * it comes from (`source`). A date that no rule fixes is an assumption: the task says so in
 * `description` and is `provisional`.
 *
 * Reports on a year are due in the next one (`reportingYear: 'previous'`): compiling 2027 gives the
 * reports on 2026, period "2026", due in 2027.
 *
 * Windows and fixed-date observances get a "prepare" notice `defaults.prepareDays` (10) working days
 * before they open; the three schedules below are exported for bureaus that take an observance over
 * with their own owners (the dates stay the national ones).
 */

/** 全国科技活动周: announced each year by 科技部 et al. */
export const SCI_TECH_WEEK = {
  kind: 'window',
  opens: '05-20',
  closes: '05-31',
  announced: true,
  years: {
    '2022': { opens: '2022-05-21', closes: '2022-05-28' },
    '2023': { opens: '2023-05-20', closes: '2023-05-31' },
    '2024': { opens: '2024-05-25', closes: '2024-06-01' },
    '2025': { opens: '2025-05-24', closes: '2025-05-31' },
  },
} as const;

/** 全国科普月 (all of September from 2025); 全国科普日 in mid-September until 2024. */
export const SCIENCE_POPULARISATION = {
  kind: 'window',
  opens: '09-01',
  closes: '09-30',
  years: {
    '2022': { opens: '2022-09-15', closes: '2022-09-21' },
    '2023': { opens: '2023-09-17', closes: '2023-09-23' },
    '2024': { opens: '2024-09-15', closes: '2024-09-25' },
  },
} as const;

/** 文化科技卫生“三下乡”: around New Year and Spring Festival; no year confirmed, the default is an estimate. */
export const THREE_TO_COUNTRYSIDE = { kind: 'window', opens: '01-01', closes: '02-28', announced: true } as const;

export default defineCalendar({
  id: 'cn-national',
  title: '全国法定纪念日、宣传活动与法定年度报告、普法计划时限',
  abstract: true,
  organisation: { name: '全国（国家规定）', timeZone: 'Asia/Shanghai' },
  document: {
    title: '国家法定纪念日、宣传活动、法定年度报告与普法责任制时限',
    issuer: '全国人大常委会、国务院及有关部门',
  },
  defaults: { reminders: [7, 1], graceDays: 0, shiftDue: 'none', prepareDays: 10 },
  tasks: [
    // ---------------------------------------------------------------- 宪法
    {
      id: 'constitution-day',
      title: '国家宪法日（12月4日）宪法宣传教育活动',
      description: '每年12月4日为国家宪法日，开展宪法宣传教育活动，按国旗法规定升挂国旗。',
      schedule: { kind: 'fixed', date: '12-04' },
      owners: 'policy',
      assignment: '国家宪法日当天的活动由政策法规处（县级为办公室）统筹组织，各处室参加；各处室的宣传工作见“宪法宣传周”。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['全国人民代表大会常务委员会关于设立国家宪法日的决定（2014年11月1日）', '《中华人民共和国国旗法》第七条'],
      source: '全国人民代表大会常务委员会关于设立国家宪法日的决定：将12月4日设立为国家宪法日。国家通过多种形式开展宪法宣传教育活动。',
    },
    {
      id: 'constitution-week',
      title: '宪法宣传周活动',
      description:
        '宪法宣传周的日期以中宣部、司法部、全国普法办当年的通知为准；未录入当年通知时按默认12月1日至7日计算，并标记为待确认。' +
        '2024年通知要求12月20日前报送活动总结，如当年通知有报送要求，应另行录入。',
      schedule: {
        kind: 'window',
        opens: '12-01',
        closes: '12-07',
        announced: true,
        years: {
          '2019': { opens: '2019-12-01', closes: '2019-12-07' },
          '2021': { opens: '2021-11-29', closes: '2021-12-05' },
          '2022': { opens: '2022-12-04', closes: '2022-12-10' },
          '2023': { opens: '2023-12-01', closes: '2023-12-07' },
          '2024': { opens: '2024-12-01', closes: '2024-12-07' },
          '2025': { opens: '2025-12-01', closes: '2025-12-07' },
        },
      },
      owners: 'all',
      assignment: '宪法宣传周要求各处室、直属单位结合业务开展宪法宣传，每个处室各自开展并留存台账。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案、宣传材料或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['中宣部、司法部、全国普法办关于开展“宪法宣传周”活动的年度通知'],
      source: '中央宣传部、司法部、全国普法办关于开展“宪法宣传周”活动的通知（每年印发）',
    },

    // ---------------------------------------------------------------- 科技
    {
      id: 'sci-tech-workers-day',
      title: '全国科技工作者日（5月30日）活动',
      description: '每年5月30日为全国科技工作者日（2017年起设立，2021年修订的科学技术进步法写入法律）。',
      schedule: { kind: 'fixed', date: '05-30' },
      owners: 'policy',
      assignment: '全国科技工作者日的活动由政策法规处统筹组织（或会同人事、科协有关部门），不要求每个处室单独开展。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['《中华人民共和国科学技术进步法》（2021年修订）第十八条', '国务院关于同意设立“全国科技工作者日”的批复（国函〔2016〕194号）'],
      source: '《中华人民共和国科学技术进步法》第十八条：每年5月30日为全国科技工作者日。',
    },
    {
      id: 'sci-tech-week',
      title: '全国科技活动周',
      description:
        '科技活动周的日期由科技部等部门每年通知。2001年确定的“每年5月第三周”规则已与近年实际不符' +
        '（2022年5月21日至28日、2023年5月20日至31日、2024年5月25日至6月1日、2025年5月24日至31日），' +
        '因此默认的5月20日至31日只是估计：未录入当年通知前按默认日期计算并标记为待确认，收到通知后应录入当年日期。',
      schedule: SCI_TECH_WEEK,
      owners: 'all',
      assignment: '科技活动周期间各处室、直属单位结合业务开展科普和科技法律法规宣传，每个处室各自留存台账。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案、宣传材料或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['科技部等部门关于举办全国科技活动周的年度通知'],
      source: '科技部、中央宣传部、中国科协等关于举办全国科技活动周的通知（每年印发）',
    },
    {
      id: 'science-popularisation',
      title: '全国科普月（原全国科普日）活动',
      description: '2025年起，依据2024年12月25日修订的科学技术普及法，每年9月为全国科普月（9月1日至30日）。' + '2024年及以前为9月中旬的全国科普日活动，已知年份按当年日期计算。',
      schedule: SCIENCE_POPULARISATION,
      owners: 'all',
      assignment: '全国科普月期间各处室、直属单位结合业务开展科普活动，每个处室各自留存台账。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案、宣传材料或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['《中华人民共和国科学技术普及法》（2024年12月25日修订）第七条'],
      source: '《中华人民共和国科学技术普及法》（2024年修订）第七条：每年9月为全国科普月。',
    },
    {
      id: 'three-to-countryside',
      title: '科技“三下乡”活动',
      description: '文化科技卫生“三下乡”集中示范活动通常在元旦、春节前后开展，日期每年不同，以当年通知为准。' + '默认1月1日至2月28日只是估计，尚无已确认年份，整项任务标记为待确认。',
      schedule: THREE_TO_COUNTRYSIDE,
      owners: 'policy',
      assignment: '“三下乡”活动由政策法规处（或承担科普工作的处室）统筹组织，相关处室和直属单位参加。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['中宣部等部门关于开展文化科技卫生“三下乡”活动的年度通知'],
      source: '关于开展文化科技卫生“三下乡”集中示范活动的通知（每年印发）',
      provisional: true,
    },

    // ---------------------------------------------------------------- 普法宣传月
    {
      id: 'civil-code-month',
      title: '民法典宣传月活动',
      description: '自2021年起每年5月为民法典宣传月，具体安排以当年通知为准。',
      schedule: { kind: 'window', opens: '05-01', closes: '05-31' },
      owners: 'policy',
      assignment: '民法典宣传月由政策法规处统筹组织局内宣传活动。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案、宣传材料或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['中宣部、司法部、全国普法办关于开展“美好生活·民法典相伴”主题宣传的年度通知'],
      source: '关于开展民法典宣传月活动的通知（每年印发）',
    },
    {
      id: 'safety-month',
      title: '安全生产月活动',
      description: '自2002年起每年6月为全国“安全生产月”，6月16日为全国安全宣传咨询日（“安全宣传咨询日”活动可安排在当天）。',
      schedule: { kind: 'window', opens: '06-01', closes: '06-30' },
      owners: 'all',
      assignment: '安全生产月要求各处室、直属单位（含实验室、科研机构）各自开展安全宣传和隐患排查，并留存台账。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案或总结' },
      ],
      reminders: [7, 1],
      legalBasis: ['国务院安委会办公室、应急管理部关于开展全国“安全生产月”活动的年度通知'],
      source: '国务院安委会办公室关于开展全国“安全生产月”活动的通知（每年印发）',
    },

    // ---------------------------------------------------------------- 国家安全与国防教育
    {
      id: 'national-security-education-day',
      title: '全民国家安全教育日（4月15日）宣传教育活动',
      description: '每年4月15日为全民国家安全教育日，开展国家安全宣传教育活动（含《国家安全法》等法律宣传）。',
      schedule: { kind: 'fixed', date: '04-15' },
      owners: 'policy',
      assignment: '全民国家安全教育日的活动由政策法规处（县级为办公室）统筹组织，各处室参加，不要求每个处室单独开展。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案、宣传材料或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['《中华人民共和国国家安全法》第十四条'],
      source: '《中华人民共和国国家安全法》第十四条：每年4月15日为全民国家安全教育日。',
    },
    {
      id: 'national-defence-education-day',
      title: '全民国防教育日（9月第三个星期六）宣传教育活动',
      description:
        '全民国防教育日为每年9月的第三个星期六（2025年9月20日、2026年9月19日），是星期六，活动通常安排在当天或之前的工作日，' +
        '因此本事项自当天前6天（当周星期日）开放，当周内开展的活动均可报送。国防教育法中规定国防教育日的条文序号尚未核实。',
      schedule: { kind: 'rrule', rule: 'FREQ=YEARLY;BYMONTH=9;BYDAY=3SA', leadDays: 6 },
      owners: 'policy',
      assignment: '全民国防教育日的宣传活动由政策法规处（县级为办公室）统筹组织，各处室参加，不要求每个处室单独开展。',
      evidence: [
        { kind: 'photo', count: 2 },
        { kind: 'document', note: '活动方案、宣传材料或新闻稿' },
      ],
      reminders: [7, 1],
      legalBasis: ['《中华人民共和国国防教育法》（条文序号待核实）', '全国人民代表大会常务委员会关于设立全民国防教育日的决定（2001年8月31日）'],
      source: '《中华人民共和国国防教育法》：每年9月的第三个星期六为全民国防教育日。',
    },

    // ---------------------------------------------------------------- 普法计划与普法责任清单
    {
      id: 'pufa-plan',
      title: '制定印发本年度普法工作计划',
      description:
        '每个局每年制定普法工作计划（或普法工作要点），各处室按计划和普法责任清单落实。没有法律或全国性文件规定印发日期，' +
        '本日历统一假定为当年3月31日前（一季度末），理由：计划和清单是当年普法工作的起点，应在年初印发；' +
        '各局在3月1日前报送上一年度法治政府建设情况报告、提出当年打算，一季度末即可据此印发；' +
        '各地法宣办另有通知的，以通知为准（在本局日历中以同一 id 覆盖本任务）。' +
        '期间（period）为计划所属的年度。各局计划中的同类要求，如《苏州市科技局2024年普法工作计划》：' +
        '“要根据工作实际，严格按照年度工作计划和‘谁执法谁普法’责任清单狠抓落实。”',
      schedule: { kind: 'deadline', opens: '01-01', due: '03-31' },
      owners: 'policy',
      assignment: '年度普法工作计划由政策法规处（县级为办公室）起草，报党组（局务会）审定后印发。',
      evidence: [{ kind: 'document', note: '印发的年度普法工作计划' }],
      reminders: [30, 7, 1],
      legalBasis: ['中共中央办公厅、国务院办公厅《关于实行国家机关“谁执法谁普法”普法责任制的意见》（2017年5月）', '《中华人民共和国法治宣传教育法》（2025年9月12日通过，2025年11月1日起施行）'],
      source:
        '中共中央办公厅、国务院办公厅《关于实行国家机关“谁执法谁普法”普法责任制的意见》（2017年5月）：国家机关实行“谁执法谁普法”普法责任制，把普法纳入本单位工作总体布局；各局据此每年制定普法工作计划（概述，非原文）。',
      provisional: true,
    },
    {
      id: 'pufa-responsibility-list',
      title: '制定本年度“谁执法谁普法”普法责任清单',
      description:
        '落实“谁执法谁普法”普法责任制，制定（或更新）本局年度普法责任清单，明确普法内容、责任处室和责任人。' +
        '没有法律或全国性文件规定日期，本日历统一假定为当年3月31日前，理由同“制定印发本年度普法工作计划”（与计划同时制定）；' +
        '所有局用同一日期。各地法宣办另有通知的，以通知为准。' +
        '各局计划中的要求，如《苏州市科技局2024年普法工作计划》：“制定‘谁执法谁普法’责任清单并监督落实，明确普法工作责任人和责任处室”。',
      schedule: { kind: 'deadline', opens: '01-01', due: '03-31' },
      owners: 'policy',
      assignment: '普法责任清单由政策法规处（县级为办公室）汇总各执法处室意见后起草。',
      evidence: [{ kind: 'document', note: '印发的年度普法责任清单' }],
      reminders: [30, 7, 1],
      legalBasis: ['中共中央办公厅、国务院办公厅《关于实行国家机关“谁执法谁普法”普法责任制的意见》（2017年5月）', '《中华人民共和国法治宣传教育法》（2025年9月12日通过，2025年11月1日起施行）'],
      source: '中共中央办公厅、国务院办公厅《关于实行国家机关“谁执法谁普法”普法责任制的意见》（2017年5月）：国家机关实行“谁执法谁普法”普法责任制，以普法责任清单明确普法内容和责任（概述，非原文）。',
      provisional: true,
    },

    // ---------------------------------------------------------------- 上一年度的法定报告（跨年）
    {
      id: 'gov-info-disclosure-report',
      title: '提交并公布上一年度政府信息公开工作年度报告',
      description:
        '县级以上人民政府部门每年1月31日前向本级政府信息公开工作主管部门提交上一年度政府信息公开工作年度报告并向社会公布。' +
        '报告的是上一年度，期间（period）为所报告的年度：编制2027年的日历得到关于2026年的报告，2027年1月31日到期。法律不顺延此期限。',
      schedule: { kind: 'deadline', opens: '01-01', due: '01-31', reportingYear: 'previous' },
      owners: 'policy',
      assignment: '政府信息公开工作年度报告由负责政务公开的处室编制；本日历交政策法规处（县级为办公室）牵头，各处室提供公开和依申请公开数据。',
      evidence: [
        { kind: 'report', note: '政府信息公开工作年度报告' },
        { kind: 'article-link', note: '门户网站公开页面链接' },
      ],
      reminders: [14, 7, 1],
      legalBasis: ['《中华人民共和国政府信息公开条例》（2019年修订）第四十九条、第五十条'],
      source: '《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。',
    },
    {
      id: 'rule-of-law-report',
      title: '报送上一年度法治政府建设情况报告',
      description:
        '每年3月1日前向本级党委和政府、上一级政府有关部门报告上一年度法治政府建设情况（到期日02-29即2月最后一天）。' +
        '报告的是上一年度，期间（period）为所报告的年度：编制2027年的日历得到关于2026年的报告，2027年2月28日到期。' +
        '依据法治政府建设与责任落实督察工作规定，具体条文序号尚未核实。法律不顺延此期限，遇节假日应提前报送，提醒会落在之前的工作日。',
      schedule: { kind: 'deadline', opens: '01-01', due: '02-29', reportingYear: 'previous' },
      owners: 'policy',
      assignment: '法治政府建设年度报告由政策法规处（县级为办公室）起草并报送，各处室提供材料。',
      evidence: [{ kind: 'report', note: '法治政府建设年度报告（报送稿）' }],
      reminders: [14, 7, 1],
      legalBasis: ['法治政府建设与责任落实督察工作规定（厅字〔2019〕28号）（条文序号待核实）'],
      source: '法治政府建设与责任落实督察工作规定（厅字〔2019〕28号）：县级以上政府部门每年3月1日前报告上一年度法治政府建设情况。',
    },
    {
      id: 'rule-of-law-report-publish',
      title: '向社会公开上一年度法治政府建设情况报告',
      description: '每年4月1日之前，法治政府建设年度报告（涉及党和国家秘密的除外）应通过报刊、网站等向社会公开，接受人民群众监督。' + '期间（period）为所报告的年度。',
      schedule: { kind: 'deadline', opens: '01-01', due: '03-31', reportingYear: 'previous' },
      owners: 'policy',
      assignment: '年度报告由政策法规处（县级为办公室）在门户网站等渠道公开。',
      evidence: [
        { kind: 'article-link', note: '门户网站公开页面链接' },
        { kind: 'screenshot', note: '公开页面截图' },
      ],
      reminders: [14, 7, 1],
      legalBasis: ['法治政府建设与责任落实督察工作规定（厅字〔2019〕28号）第二十四条'],
      source:
        '法治政府建设与责任落实督察工作规定第二十四条：每年4月1日之前，地方各级政府和县级以上政府部门的法治政府建设年度报告，除涉及党和国家秘密的，应当通过报刊、网站等新闻媒体向社会公开，接受人民群众监督。',
    },
  ],
});
