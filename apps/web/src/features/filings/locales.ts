import { featureStrings } from '../../lib/i18n';

/** Strings of the filing wizard (step list, step marks, missing-fields summary). */
const zh = {
  filingWizard: {
    missingN: '缺 {{n}} 处',
    complete: '已填写完整',
    incompleteTitle: '尚未填写完整（{{n}} 处）',
    incompleteHint: '点击字段名可跳到该处填写；保存后由服务器按同一规则核对。',
    completeTitle: '备案表与论证报告各栏已填写完整',
    row: '第 {{n}} 行',
    stepList: '填写步骤',
  },
  filingPolicy: {
    pledgeFallback: '本人承诺：所填报的备案材料及上传的附件真实、准确、完整，并对材料的真实性负责。',
    plannedFee: '{{level}}拟收取考核费用',
    plannedFeeCap: '提交时按该等级收费上限检查：{{label}}',
    pledgeTitle: '真实性承诺',
    pledgedBy: '{{name}} 于 {{at}} 承诺',
    notPledged: '未记录承诺',
    plannedFees: '拟收取考核费用',
  },
  roundPolicy: {
    schoolOnly: '本省与国家文件未规定；仅在学校自身文件规定时对该校适用',
  },
};

const en: typeof zh = {
  filingWizard: {
    missingN: '{{n}} missing',
    complete: 'Complete',
    incompleteTitle: 'Not complete yet ({{n}} missing)',
    incompleteHint: 'Click a field to go and fill it in; the server checks the same rule after saving.',
    completeTitle: 'Every part of the filing form and the feasibility report is filled in',
    row: 'row {{n}}',
    stepList: 'Steps',
  },
  filingPolicy: {
    pledgeFallback: 'I pledge that the filing and its attachments are true, accurate and complete, and I answer for their truth.',
    plannedFee: 'Planned exam fee, {{level}}',
    plannedFeeCap: 'Checked against the level’s cap at submission: {{label}}',
    pledgeTitle: 'Authenticity pledge',
    pledgedBy: 'Pledged by {{name}} at {{at}}',
    notPledged: 'No pledge recorded',
    plannedFees: 'Planned exam fees',
  },
  roundPolicy: {
    schoolOnly: 'Not in the province’s or the nation’s documents; applies only to a school whose own documents give it',
  },
};

featureStrings(zh, en);
