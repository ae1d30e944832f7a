import { featureStrings } from '../../lib/i18n';

/** Strings of the budget-line editor, budget adjustments and refusals (issue 15); the rest of funds is in locales/. */
const zh = {
  funds: {
    action: { submit: '提交审批' },
    budgetStatus: { submitted: '已提交（待二级学院审核）' },
    editor: {
      editLines: '修改预算明细',
      adjust: '预算调整',
      editAdjustment: '修改预算调整',
      save: '保存',
      clauseOf: '依据：{{clause}}',
      atLeastOne: '至少填写一个类别的预算金额',
      current: '现行 {{budget}}，已支出 {{spent}}',
      reason: '调整理由',
      reasonRequired: '请填写调整理由（至少 2 个字）',
      adjustIntro:
        '支出超出预算明细须先提出预算调整（调剂或追加），同样报二级学院（部）及教务部审核、主管校领导审批（学校经费管理制度）；审批通过后新明细生效。调整后的明细不能低于已支出金额。',
      editIntro: '预算在草稿或退回时可修改；提交审批后不能再修改，退回后可修改再提交。',
      chain: '审批流程',
      chainSteps: '提交 → 二级学院（部）审核 → 教务部审核 → 主管校领导审批（学校经费管理制度）',
      lines: '预算明细',
      adjustments: '预算调整',
      adjustmentStatus: '调整状态',
      total: '合计',
      evidence: '上传凭证（PDF、PNG、JPEG）',
      refusedClause: '依据：{{clause}}',
    },
  },
};

const en: typeof zh = {
  funds: {
    action: { submit: 'Submit' },
    budgetStatus: { submitted: 'Submitted (department to review)' },
    editor: {
      editLines: 'Edit budget lines',
      adjust: 'Budget adjustment',
      editAdjustment: 'Edit adjustment',
      save: 'Save',
      clauseOf: 'Per: {{clause}}',
      atLeastOne: 'Enter an amount for at least one category',
      current: 'Now {{budget}}, spent {{spent}}',
      reason: 'Reason',
      reasonRequired: 'Give a reason (at least 2 characters)',
      adjustIntro:
        'Spending beyond a line needs a budget adjustment first (reallocate or raise), approved through the same chain (department, academic affairs, school leader; 001 Art. 13); the new lines hold once approved. A line cannot go below what was spent.',
      editIntro: 'A budget can be edited while draft or returned; once submitted it is under approval until returned.',
      chain: 'Approval chain',
      chainSteps: 'Submit → Department → Academic affairs → School leader (001 Art. 13)',
      lines: 'Budget lines',
      adjustments: 'Budget adjustments',
      adjustmentStatus: 'Adjustment status',
      total: 'Total',
      evidence: 'Upload evidence (PDF, PNG, JPEG)',
      refusedClause: 'Per: {{clause}}',
    },
  },
};

featureStrings(zh, en);
