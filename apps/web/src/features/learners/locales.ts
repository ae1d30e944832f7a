import { featureStrings } from '../../lib/i18n';

/** Strings of the social learner's registration beyond the shared `exams.*` (issue 17 item 1: phone and consent). */
const zh = {
  socialRegister: {
    phone: '手机号码',
    phoneInvalid: '请填写 11 位手机号码',
    consent:
      '我已阅读并同意：平台为报名考核、发放证书和学分银行记录而处理我的姓名、证件号码、手机号码及上传的报名材料（加密保存，仅本人和所报考的培训评价组织可见）',
    consentRequired: '请阅读并同意个人信息处理说明',
    next: '注册后请登录，在“社会考生报名”中选择证书、等级和考核场次。',
  },
};
const en: typeof zh = {
  socialRegister: {
    phone: 'Mobile phone',
    phoneInvalid: 'Enter an 11-digit mobile number',
    consent:
      'I agree that the platform processes my name, ID number, phone and uploaded documents to register me for exams, issue certificates and keep my credit-bank record (stored encrypted, visible only to me and the organization I apply to)',
    consentRequired: 'Please read and accept the personal information notice',
    next: 'After registering, sign in and choose a certificate, level and session under “Social candidate exams”.',
  },
};
featureStrings(zh, en);
