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
};

featureStrings(zh, en);
