import { featureStrings } from '../../lib/i18n';

/** Strings of the agreements' life (issue 17 item 5: 生效, 暂停, 恢复, 终止 with a reason). */
const zh = {
  agreementLife: {
    confirm: '确认对该协议执行“{{action}}”？',
    confirmResume: '恢复合作后，该试点可继续报名考核。确认恢复？',
    confirmActivate: '协议生效后，该试点方可报名考核、安排考核场次。确认生效？',
    reasonTitle: '{{action}}：{{name}}',
    reasonLabel: '原因（必填，将记入协议记录）',
    reasonRequired: '请填写原因',
    suspendHint: '暂停期间，该试点不能新增考核报名，已有报名和结算保留。',
    terminateHint: '终止后不可恢复，也不能再登记新的协议；已有报名、成绩和结算保留。',
    done: '已{{action}}',
    history: '记录',
    historyTitle: '协议状态记录：{{name}}',
    currentStatus: '当前状态',
    statusReason: '原因',
    changedAt: '变更时间',
    noEvents: '自登记起未变更状态',
    eventLine: '{{from}} → {{to}}',
    recorded: '登记协议',
  },
};

const en: typeof zh = {
  agreementLife: {
    confirm: 'Apply “{{action}}” to this agreement?',
    confirmResume: 'Once resumed, the pilot can register candidates again. Resume?',
    confirmActivate: 'Once in force, the pilot can register candidates and sessions can be scheduled. Put it in force?',
    reasonTitle: '{{action}}: {{name}}',
    reasonLabel: 'Reason (required, kept in the agreement’s history)',
    reasonRequired: 'Enter the reason',
    suspendHint: 'While suspended the pilot cannot register new candidates; registrations and settlements stay.',
    terminateHint: 'A terminated agreement cannot be resumed nor replaced; registrations, results and settlements stay.',
    done: '{{action}}: done',
    history: 'History',
    historyTitle: 'History of the agreement: {{name}}',
    currentStatus: 'Status',
    statusReason: 'Reason',
    changedAt: 'Changed at',
    noEvents: 'No change since it was recorded',
    eventLine: '{{from}} → {{to}}',
    recorded: 'Recorded',
  },
};

featureStrings(zh, en);
