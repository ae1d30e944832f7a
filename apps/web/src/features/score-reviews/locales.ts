import { featureStrings } from '../../lib/i18n';

/** Strings of the score reviews page (成绩复核, issue 17 item 4). */
const zh = {
  scoreReviews: {
    title: '成绩复核',
    intro:
      '考生在成绩公示期内可申请成绩复核。培训评价组织答复：维持原成绩，或更正成绩——更正与成绩导入适用同样的校验并记入审计日志，证书随之发放或撤销；本场考核有未答复的复核申请时暂不能发证。',
    status: '状态',
    candidate: '考生',
    school: '院校',
    session: '考核',
    original: '原成绩',
    reason: '申请理由',
    answer: '答复',
    newScore: '更正后成绩',
    certificate: '证书',
    requestedAt: '申请时间',
    actions: '操作',
    decide: '答复',
    upheld: '维持原成绩',
    corrected: '更正成绩',
    outcome: '复核结论',
    score: '更正后总成绩',
    passed: '考核结果',
    answerRequired: '请填写答复',
    scoreRequired: '请填写更正后的总成绩',
    effect: { none: '不变', issued: '已发证', revoked: '已撤销' },
    all: '全部',
    done: '已答复',
  },
};
const en: typeof zh = {
  scoreReviews: {
    title: 'Score reviews',
    intro:
      'During the publicity period a candidate may ask for a score review. The organization answers: upheld, or corrected — a correction passes the checks of a results import and is audited, and the certificate follows (issued or revoked); certificates of a session wait until its open reviews are answered.',
    status: 'Status',
    candidate: 'Candidate',
    school: 'School',
    session: 'Exam',
    original: 'Original score',
    reason: 'Reason',
    answer: 'Answer',
    newScore: 'Corrected score',
    certificate: 'Certificate',
    requestedAt: 'Asked at',
    actions: 'Actions',
    decide: 'Answer',
    upheld: 'Uphold',
    corrected: 'Correct',
    outcome: 'Outcome',
    score: 'Corrected total score',
    passed: 'Result',
    answerRequired: 'Give an answer',
    scoreRequired: 'Give the corrected score',
    effect: { none: 'Unchanged', issued: 'Issued', revoked: 'Revoked' },
    all: 'All',
    done: 'Answered',
  },
};

featureStrings(zh, en);
