import { featureStrings } from '../../lib/i18n';

/** Strings of the candidate's score review (成绩复核, issue 17 item 4); the rest of 我的考核 is in locales/. */
const zh = {
  myExams: {
    review: {
      column: '成绩复核',
      ask: '申请复核',
      title: '申请成绩复核',
      hint: '成绩公示期内可申请复核一次（有待答复的申请时不能再申请）。培训评价组织复核后答复：维持原成绩或更正成绩；更正后证书随之发放或撤销。',
      reason: '申请理由',
      reasonRequired: '请填写申请理由',
      sent: '已提交复核申请',
      open: '复核中',
      upheld: '维持原成绩',
      corrected: '已更正为 {{score}}',
    },
  },
};
const en: typeof zh = {
  myExams: {
    review: {
      column: 'Score review',
      ask: 'Ask for a review',
      title: 'Ask for a score review',
      hint: 'During the publicity period you may ask for a review (one open request at a time). The organization answers: upheld, or corrected — and the certificate follows.',
      reason: 'Reason',
      reasonRequired: 'Give a reason',
      sent: 'Review requested',
      open: 'Under review',
      upheld: 'Upheld',
      corrected: 'Corrected to {{score}}',
    },
  },
};

featureStrings(zh, en);
