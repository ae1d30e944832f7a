import { featureStrings } from '../../lib/i18n';

/** Strings of the organizations' consultation desk (教职成司函〔2019〕36号 三.5). */
const zh = {
  consult: {
    title: '咨询服务',
    intro: '向培训评价组织咨询其证书及标准、培训考核条件建设等问题（教职成司函〔2019〕36号 三.5）；组织答复后可公开为常见问题。',
    ask: '我要咨询',
    org: '培训评价组织',
    question: '问题',
    answer: '答复',
    asker: '提问方',
    askedAt: '提问时间',
    answeredAt: '答复时间',
    published: '已公开',
    unanswered: '待答复',
    reply: '答复',
    publishNow: '同时公开为常见问题',
    publish: '公开',
    unpublish: '撤回公开',
    faqTitle: '常见问题',
    faqIntro: '培训评价组织公开答复的常见问题（无需登录）。',
    search: '搜索问题或答复',
    sent: '已提交，组织答复后会通知您',
  },
};
const en: typeof zh = {
  consult: {
    title: 'Consultation desk',
    intro: 'Ask an evaluation organization about its certificates (教职成司函〔2019〕36号 三.5); answers may be published as FAQ.',
    ask: 'Ask a question',
    org: 'Organization',
    question: 'Question',
    answer: 'Answer',
    asker: 'Asked by',
    askedAt: 'Asked',
    answeredAt: 'Answered',
    published: 'Published',
    unanswered: 'Waiting',
    reply: 'Answer',
    publishNow: 'Also publish as FAQ',
    publish: 'Publish',
    unpublish: 'Withdraw',
    faqTitle: 'FAQ',
    faqIntro: 'Answers the evaluation organizations have published (no account needed).',
    search: 'Search',
    sent: 'Sent; you will be notified of the answer',
  },
};
featureStrings(zh, en);
