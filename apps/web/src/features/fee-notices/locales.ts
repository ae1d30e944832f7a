import { featureStrings } from '../../lib/i18n';

/** Strings of the organizations' fee notices (issue 17 item 6). */
const zh = {
  feeNotices: {
    title: '收费公告',
    intro:
      '按证书等级公布考核收费标准：院校试点收费（由学校支付，试点协议约定的费用不得高于此标准）与社会考生收费（社会考生报名时按此缴费），以及执行日期。两项收费均不得高于该等级的国家收费上限；各省设有更低上限的，以较低者为准。公告公开可查，发布后不能修改，如需调整请发布新的公告。',
    publish: '发布收费公告',
    certificate: '证书',
    level: '等级',
    schoolFee: '院校试点收费',
    socialFee: '社会考生收费',
    cap: '国家收费上限',
    effectiveOn: '执行日期',
    note: '说明',
    state: '状态',
    publishedAt: '发布时间',
    notStated: '未列明',
    chooseLevel: '请选择证书等级',
    needOneFee: '请至少填写一项收费标准',
    publishOk: '收费公告已发布',
    allStates: '全部状态',
    none: '暂无收费公告',
  },
};

const en: typeof zh = {
  feeNotices: {
    title: 'Fee notices',
    intro:
      'Publish the exam fee per certificate level: the fee for pilot schools (paid by the school; agreements may not exceed it) and the fee for social candidates (paid when they apply), with the date it takes effect. Neither may exceed the level’s national cap; where a province sets a lower cap, the lower one applies. Notices are public and cannot be edited: publish a new one to change a fee.',
    publish: 'Publish a fee notice',
    certificate: 'Certificate',
    level: 'Level',
    schoolFee: 'Pilot schools',
    socialFee: 'Social candidates',
    cap: 'National cap',
    effectiveOn: 'Effective on',
    note: 'Note',
    state: 'State',
    publishedAt: 'Published at',
    notStated: 'Not stated',
    chooseLevel: 'Choose a certificate level',
    needOneFee: 'Give at least one fee',
    publishOk: 'Fee notice published',
    allStates: 'All states',
    none: 'No fee notices',
  },
};

featureStrings(zh, en);
