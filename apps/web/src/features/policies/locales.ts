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
  },
};

featureStrings(zh, en);
