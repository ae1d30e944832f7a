import { AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, CERTIFICATE_LEVEL_LABELS, ROLE_LABELS } from '@onex/shared';

/**
 * Headers and cell values of .xlsx exports (http/xlsx-export.ts): Chinese headers for the field names the lists use,
 * money in yuan, dates as dates; every value a plain value (a string starting with "=" stays text: exceljs writes
 * strings as strings, never as formulas).
 */

const HEADERS: Record<string, string> = {
  id: '编号',
  code: '代码',
  name: '名称',
  number: '证书编号',
  title: '标题',
  status: '状态',
  level: '等级',
  levels: '等级',
  year: '年度',
  batch: '批次',
  type: '类型',
  role: '角色',
  username: '用户名',
  displayName: '姓名',
  holderName: '持证人',
  holderIdMasked: '证件号码（脱敏）',
  idNumber: '证件号码',
  idNumberMasked: '证件号码（脱敏）',
  idType: '证件类型',
  schoolName: '学校',
  school: '学校',
  departmentName: '二级学院',
  majorName: '专业',
  certificateTypeName: '证书',
  certificateTypeId: '证书编号',
  organizationName: '培训评价组织',
  'organization.name': '培训评价组织',
  'organization.id': '培训评价组织编号',
  provinceCode: '省份代码',
  provinceName: '省份',
  cityCode: '地市代码',
  cityName: '地市',
  examDate: '考核日期',
  examSiteName: '考核站点',
  // Social candidates' applications (issue 17 item 1)
  'learner.name': '考生',
  'learner.idNumberMasked': '证件号码（脱敏）',
  'learner.phoneMasked': '手机（脱敏）',
  'session.certificateTypeName': '证书',
  'session.level': '等级',
  'session.examDate': '考核日期',
  'session.examSiteName': '考核站点',
  fee: '考核费用',
  cap: '收费上限',
  // Fee notices (issue 17 item 6)
  'certificateType.name': '证书',
  'certificateType.code': '证书代码',
  'certificateType.id': '证书编号',
  schoolFee: '院校试点收费',
  socialFee: '社会考生收费',
  effectiveOn: '执行日期',
  note: '说明',
  paid: '已缴费用',
  paidAt: '缴费时间',
  paymentRef: '缴费流水号',
  candidateCount: '考生人数',
  issuedOn: '发证日期',
  revokedOn: '撤销日期',
  revocationReason: '撤销原因',
  verificationCode: '验证码',
  verificationUrl: '验证地址',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  submittedAt: '提交时间',
  decidedAt: '决定时间',
  at: '时间',
  action: '操作',
  actorUsername: '操作人',
  actorRole: '操作人角色',
  targetType: '对象类型',
  targetId: '对象编号',
  summary: '摘要',
  creditCode: '统一社会信用代码',
  schoolType: '学校类型',
  credits: '学分',
  totalCredits: '总学分',
  recordedOn: '记录日期',
  source: '来源',
  comment: '意见',
  reason: '原因',
  passed: '合格人数',
  examined: '参考人数',
  passRate: '通过率',
  capacity: '容量',
  address: '地址',
  phone: '电话',
  email: '电子邮箱',
  contactName: '联系人',
  // Pass-rate restrictions (R3.9)
  filingId: '备案编号',
  certificateName: '证书',
  filingStatus: '备案状态',
  threshold: '通过率阈值',
  'previousYear.year': '上一年度',
  'previousYear.candidates': '上一年度参考人数',
  'previousYear.passed': '上一年度合格人数',
  'previousYear.rate': '上一年度通过率',
  'previousYear.belowThreshold': '低于阈值',
  overridden: '已特批',
  overrideReason: '特批理由',
  overriddenAt: '特批时间',
  overriddenBy: '特批人',
  canOverride: '可特批',
  // Supervision (issue 13): complaints and reporting duties.
  trackingCode: '查询码',
  category: '类别',
  subjectType: '投诉对象类型',
  subjectId: '投诉对象编号',
  subjectName: '投诉对象',
  filedAt: '投诉时间',
  deadline: '办理期限',
  overdue: '是否逾期',
  escalations: '逾期上报次数',
  verdict: '核查结论',
  reportTypeId: '报送类型编号',
  reportTypeName: '报送类型',
  periodStart: '报送周期开始',
  periodEnd: '报送周期结束',
  dueDate: '截止日期',
  late: '逾期报送',
  missed: '缺报',
  answers: '填报内容',
  opinion: '审核意见',
  // Supervision: random draws (R8.4) and published inspection results (R8.2)
  drawnAt: '抽取时间',
  seed: '随机种子',
  algorithm: '算法',
  'pool.kind': '抽查对象类型',
  'pool.size': '候选对象数',
  'pool.candidateIds': '候选对象编号',
  selected: '抽中对象',
  inspectors: '检查人员',
  inspectorPoolIds: '检查人员库编号（回避后）',
  excludedInspectors: '回避的检查人员',
  'filters.provinceCode': '抽取条件：省份代码',
  'filters.schoolType': '抽取条件：学校类型',
  'filters.certificateTypeId': '抽取条件：证书编号',
  result: '结果',
  publishedAt: '公开时间',
  plannedOn: '计划日期',
  // Notices and 公示 (issue 14)
  publisherName: '发布单位',
  read: '已读',
  forwarded: '已转发',
  startsOn: '公示开始日期',
  endsOn: '公示结束日期',
  days: '公示天数',
  objections: '异议数',
  orgId: '培训评价组织编号',
  isPublic: '公开',
  // Issue 17 items 4 and 8: the approved scales, the register of exam sites
  'hostSchool.name': '承办院校',
  registeredBy: '登记方式',
  openShared: '开放共享',
  approvedScale: '核定规模',
  registrations: '报名人数',
  remaining: '剩余名额',
  filingYear: '备案年度',
  mayChange: '可调整',
  'department.name': '二级学院',
  'department.id': '二级学院编号',
  'school.name': '学校',
  'school.id': '学校编号',
};

export function exportHeader(key: string): string {
  if (HEADERS[key]) return HEADERS[key];
  if (key.endsWith('Fen')) return `${HEADERS[key.slice(0, -3)] ?? key.slice(0, -3)}（元）`;
  return key;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function exportValue(key: string, v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (key.endsWith('Fen') && typeof v === 'number') return v / 100;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(exportValue(key, x)))).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string') {
    if ((key === 'level' || key === 'levels' || key.endsWith('.level')) && v in CERTIFICATE_LEVEL_LABELS)
      return CERTIFICATE_LEVEL_LABELS[v as keyof typeof CERTIFICATE_LEVEL_LABELS].zh;
    if ((key === 'role' || key === 'actorRole') && v in ROLE_LABELS) return ROLE_LABELS[v as keyof typeof ROLE_LABELS].zh;
    // The audit log's actions and object types read as on the audit page (packages/shared/src/audit-labels.ts).
    if (key === 'action' && AUDIT_ACTION_LABELS[v]) return AUDIT_ACTION_LABELS[v].zh;
    if (key === 'targetType' && AUDIT_TARGET_LABELS[v]) return AUDIT_TARGET_LABELS[v].zh;
    // Excel has no time zones: the cell holds the time as read in China (UTC+8, no daylight saving).
    if (ISO_TIME.test(v) && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v) + CHINA_OFFSET_MS);
    if (ISO_DATE.test(v)) return v;
  }
  return v as string | number | boolean;
}

/**
 * The style of a cell. One shared object per kind: exceljs remembers a style by object identity, and a fresh style
 * object per cell (its default) tripled the time of a 100,000-row export (issue 16 benchmark).
 */
const STYLES = {
  plain: {},
  dateTime: { numFmt: 'yyyy-mm-dd hh:mm:ss' },
  money: { numFmt: '#,##0.00' },
} as const;

export function exportStyle(key: string, value: unknown): (typeof STYLES)[keyof typeof STYLES] {
  if (value instanceof Date) return STYLES.dateTime;
  if (key.endsWith('Fen') && typeof value === 'number') return STYLES.money;
  return STYLES.plain;
}
