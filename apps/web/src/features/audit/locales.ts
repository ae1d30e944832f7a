import { featureStrings } from '../../lib/i18n';

/** Strings of the audit page beyond the shared labels of actions and object types (@onex/shared audit-labels). */
const zh = {
  auditPage: {
    actionSelect: '按操作筛选',
    allOfGroup: '全部{{group}}操作',
    openObject: '查看{{target}}',
    items: '{{count}} 项',
    pair: '{{key}}：{{value}}',
    joiner: '；',
    keys: {
      comment: '意见',
      reason: '原因',
      from: '原状态',
      to: '新状态',
      name: '名称',
      title: '标题',
      status: '状态',
      username: '用户名',
      role: '角色',
      schoolName: '学校',
      certificateName: '证书',
      section: '栏目',
      count: '数量',
      written: '写入',
      updated: '更新',
      year: '年度',
    },
  },
};

const en: typeof zh = {
  auditPage: {
    actionSelect: 'Filter by action',
    allOfGroup: 'All {{group}} actions',
    openObject: 'Open {{target}}',
    items: '{{count}} items',
    pair: '{{key}}: {{value}}',
    joiner: '; ',
    keys: {
      comment: 'Comment',
      reason: 'Reason',
      from: 'From',
      to: 'To',
      name: 'Name',
      title: 'Title',
      status: 'Status',
      username: 'Username',
      role: 'Role',
      schoolName: 'School',
      certificateName: 'Certificate',
      section: 'Section',
      count: 'Count',
      written: 'Written',
      updated: 'Updated',
      year: 'Year',
    },
  },
};

featureStrings(zh, en);
