import { featureStrings } from '../../lib/i18n';

/** Strings of the review of a school's self-registration (R2.1, 002 四.3; 002 三.1). */
const zh = {
  schoolRegReview: {
    title: '注册申报信息（院校自主申报）',
    leadingBody: '试点工作推进机构',
    leadingBodyHead: '牵头负责人',
    responsibleDepartment: '统筹管理责任部门',
    responsiblePerson: '责任部门负责人',
    applicant: '院校管理员账号',
    applicantNote: '（审核通过后启用）',
    proof: '证明材料',
    download: '下载查看',
    returnReason: '退回原因',
    returnedAt: '退回时间',
    return: '退回',
    returnTitle: '退回“{{name}}”的注册申报',
    reason: '退回原因',
    reasonRequired: '请填写退回原因（至少 2 个字）',
    returnedOk: '已退回，申报院校将看到退回原因',
  },
};

const en: typeof zh = {
  schoolRegReview: {
    title: 'Registration (submitted by the school)',
    leadingBody: 'Pilot leading body',
    leadingBodyHead: 'Head of the leading body',
    responsibleDepartment: 'Responsible department',
    responsiblePerson: 'Head of the responsible department',
    applicant: 'School administrator account',
    applicantNote: '(enabled on approval)',
    proof: 'Proof',
    download: 'Download',
    returnReason: 'Reason for return',
    returnedAt: 'Returned at',
    return: 'Return',
    returnTitle: 'Return the registration of “{{name}}”',
    reason: 'Reason',
    reasonRequired: 'Give the reason (at least 2 characters)',
    returnedOk: 'Returned; the school sees the reason',
  },
};

featureStrings(zh, en);
