import { featureStrings } from '../../lib/i18n';

/** Strings of the 政策文件与规则 page (issue 18 #0). */
const zh = {
  policies: {
    title: '政策文件与规则',
    intro:
      '规则、提示文字和默认值只在其来源文件的适用范围内生效，并引用该文件：国家文件适用于全国，省级文件适用于本省学校，学校文件只适用于本校。' +
      '收费上限默认为“试点期间成本上限（据 001 第十七条）”，省级文件可规定本省上限替代。',
    number: '文号',
    docTitle: '标题',
    issuer: '发文单位',
    level: '适用范围',
    rules: '规则',
    builtIn: '内置',
    add: '添加文件',
    addRule: '添加规则',
    kind: '规则',
    clause: '条款',
    severity: '性质',
    block: '阻止提交',
    warn: '提醒（原则上）',
    params: '参数（JSON，如 {"minCandidates": 20}）',
    paramsInvalid: '参数须为 JSON 对象',
    caps: '四类考核形式上限（元）',
    created: '已添加',
    inForce: '本校适用的备案规则',
    feeCaps: '收费上限',
    source: '依据',
    schoolDoc: '本校文件',
    provinceDoc: '本省文件',
    provinceCapsTitle: '本省收费上限',
    provinceCapsIntro:
      '省级教育行政部门可在国家收费上限以内制定本省的考核收费上限（在本省文件中添加“收费上限”规则）；试点协议费用和社会考生收费均按国家与本省上限中较低者检查。高于国家上限的设置会被拒绝。',
    examForm: '考核形式',
    nationalCap: '国家上限',
    provinceCap: '本省适用上限',
    capsBasis: '依据',
    capsHint: '每项不得高于国家上限：{{caps}}',
  },
};

const en: typeof zh = {
  policies: {
    title: 'Policies and rules',
    intro:
      'A rule, a text or a default applies only inside the jurisdiction of its document and cites it: national documents everywhere, ' +
      'provincial ones to the schools of the province, a school’s to itself. The fee caps default to the pilot cost caps (001 art. 17) until a province sets its own.',
    number: 'Number',
    docTitle: 'Title',
    issuer: 'Issuer',
    level: 'Jurisdiction',
    rules: 'Rules',
    builtIn: 'Built in',
    add: 'Add document',
    addRule: 'Add rule',
    kind: 'Rule',
    clause: 'Clause',
    severity: 'Severity',
    block: 'Blocks',
    warn: 'Warning',
    params: 'Parameters (JSON, e.g. {"minCandidates": 20})',
    paramsInvalid: 'Parameters must be a JSON object',
    caps: 'Caps of the four exam forms (yuan)',
    created: 'Added',
    inForce: 'Filing rules in force for the school',
    feeCaps: 'Fee caps',
    source: 'Basis',
    schoolDoc: 'School document',
    provinceDoc: 'Provincial document',
    provinceCapsTitle: 'Fee caps of the province',
    provinceCapsIntro:
      'A province may set its own exam fee caps within the national caps (add a “fee caps” rule to one of its documents); agreements and fees for social candidates are checked against the lower of the national and the provincial cap. A cap above the national one is refused.',
    examForm: 'Exam form',
    nationalCap: 'National cap',
    provinceCap: 'Cap in force',
    capsBasis: 'Basis',
    capsHint: 'Each at most the national cap: {{caps}}',
  },
};

featureStrings(zh, en);
