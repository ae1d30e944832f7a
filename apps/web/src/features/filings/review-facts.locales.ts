import { featureStrings } from '../../lib/i18n';

/** Strings of the reviewers' facts of a filing (R2.3). */
const zh = {
  reviewFacts: {
    title: '审核参考：专业资格条件与试点历史',
    source: '依据：{{source}}',
    major: '专业',
    year: '数据年度',
    enrolment: '近 3 年在校生',
    dual: '“双师型”教师（≥ 50%）',
    experts: '行业企业专家（≥ 20%）',
    result: '结论',
    pass: '达标',
    fail: '不达标',
    noFigures: '无数据',
    historyTitle: '本校该证书以往试点',
    noHistory: '本校此前未试点该证书',
    round: '备案批次',
    status: '状态',
    decision: '结果',
    passRate: '通过率',
    candidates: '{{passed}}/{{candidates}} 人',
    flags: '预警标记',
    cancelled: '已撤销试点',
    cleared: '已解除',
    approved: '同意',
    rejected: '不同意',
  },
};

const en: typeof zh = {
  reviewFacts: {
    title: 'Review facts: major eligibility and pilot history',
    source: 'Source: {{source}}',
    major: 'Major',
    year: 'Figures of',
    enrolment: 'Students, last 3 years',
    dual: 'Dual-qualified teachers (≥ 50%)',
    experts: 'Industry experts (≥ 20%)',
    result: 'Result',
    pass: 'Pass',
    fail: 'Fail',
    noFigures: 'No figures',
    historyTitle: 'Earlier pilots of this certificate at this school',
    noHistory: 'No earlier pilot of this certificate',
    round: 'Round',
    status: 'Status',
    decision: 'Decision',
    passRate: 'Pass rate',
    candidates: '{{passed}}/{{candidates}}',
    flags: 'Flags',
    cancelled: 'Pilot cancelled',
    cleared: 'cleared',
    approved: 'Approved',
    rejected: 'Rejected',
  },
};

featureStrings(zh, en);
