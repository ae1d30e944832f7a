import { featureStrings } from '../../lib/i18n';

/** Strings of the organization's own exam sites and the public register 考核站点名录 (issue 17 item 8). */
const zh = {
  siteRegister: {
    title: '考核站点名录',
    intro:
      '各培训评价组织已批准设立的考核站点：院校申请并经培训评价组织批准的站点，以及培训评价组织自建的站点。标记“开放共享”的站点可供其他院校考生就近参加考核。',
    province: '省份',
    city: '地市',
    organization: '培训评价组织',
    certificate: '证书',
    levels: '等级',
    capacity: '容量（人）',
    name: '站点名称',
    address: '地址',
    host: '承办',
    ownSite: '组织自建',
    openShared: '开放共享',
    sharedOnly: '仅开放共享',
    notShared: '未开放共享',
    search: '站点名称 / 地址',
    allLevels: '全部等级',
    registerOwn: '登记自有考核站点',
    registerOwnIntro: '培训评价组织可直接登记自有考核站点（本组织证书），登记即生效并记入审计日志。',
    registeredOk: '考核站点已登记',
    edit: '修改',
    editTitle: '修改考核站点',
    editedOk: '考核站点已修改',
    levelsRequired: '请至少选择一个等级',
    cityRequired: '请选择站点所在地市',
    provinceRequired: '请选择省份',
    registeredBy: '登记方式',
    markSharedNow: '登记后即标记开放共享',
    everyLevel: '证书全部等级',
  },
};

const en: typeof zh = {
  siteRegister: {
    title: 'Exam site register',
    intro:
      'Exam sites approved by every evaluation organization: sites applied for by schools and approved by the organization, and the organizations’ own sites. Open-shared sites take candidates of other schools too.',
    province: 'Province',
    city: 'City',
    organization: 'Organization',
    certificate: 'Certificate',
    levels: 'Levels',
    capacity: 'Capacity',
    name: 'Site',
    address: 'Address',
    host: 'Host',
    ownSite: 'Organization’s own',
    openShared: 'Open-shared',
    sharedOnly: 'Open-shared only',
    notShared: 'Not shared',
    search: 'Site name / address',
    allLevels: 'All levels',
    registerOwn: 'Register own exam site',
    registerOwnIntro: 'An organization registers sites of its own for its certificates directly; in force at once and audited.',
    registeredOk: 'Exam site registered',
    edit: 'Edit',
    editTitle: 'Edit exam site',
    editedOk: 'Exam site updated',
    levelsRequired: 'Choose at least one level',
    cityRequired: 'Choose the city of the site',
    provinceRequired: 'Choose a province',
    registeredBy: 'Registered by',
    markSharedNow: 'Mark open-shared at once',
    everyLevel: 'Every level of the certificate',
  },
};

featureStrings(zh, en);
