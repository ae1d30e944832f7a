/**
 * Labels of the audit log (R1.6, issue 21): every action the server writes and every object type, Chinese first.
 * One table for the web's audit page and the server's .xlsx export. `audit.labels.test.ts` (server) scans the server's
 * source for every action it writes and fails when one has no label here.
 */

export interface AuditLabel {
  zh: string;
  en: string;
}

/** Object types (`targetType`), also the groups of the action filter (the part of an action before its first dot). */
export const AUDIT_TARGET_LABELS: Record<string, AuditLabel> = {
  user: { zh: '账号', en: 'Account' },
  auth: { zh: '登录认证', en: 'Sign-in' },
  api_token: { zh: 'API 令牌', en: 'API token' },
  system: { zh: '系统', en: 'System' },
  notification: { zh: '通知', en: 'Notification' },
  school: { zh: '学校', en: 'School' },
  department: { zh: '二级学院', en: 'Department' },
  school_major: { zh: '学校专业', en: 'School major' },
  school_course: { zh: '学校课程', en: 'School course' },
  evaluation_org: { zh: '培训评价组织', en: 'Evaluation organization' },
  evaluation_org_contact: { zh: '组织联系人', en: 'Organization contact' },
  org: { zh: '培训评价组织', en: 'Evaluation organization' },
  certificate_batch: { zh: '证书批次', en: 'Certificate batch' },
  certificate_type: { zh: '职业技能等级证书', en: 'Certificate type' },
  filing_round: { zh: '备案批次', en: 'Filing round' },
  filing: { zh: '试点备案', en: 'Filing' },
  filing_change_request: { zh: '备案变更申请', en: 'Filing change request' },
  filing_annual_plan: { zh: '年度试点计划', en: 'Annual plan' },
  pilot_agreement: { zh: '试点合作协议', en: 'Pilot agreement' },
  fee_settlement: { zh: '费用结算', en: 'Fee settlement' },
  learner: { zh: '学习者', en: 'Learner' },
  exam_site: { zh: '考核站点', en: 'Exam site' },
  exam_session: { zh: '考核场次', en: 'Exam session' },
  exam_registration: { zh: '考核报名', en: 'Exam registration' },
  exam_results: { zh: '考核成绩', en: 'Exam results' },
  exam_invigilation: { zh: '监考安排', en: 'Invigilation' },
  certificate: { zh: '证书', en: 'Certificate' },
  credential: { zh: '电子证书', en: 'Credential' },
  credential_batch: { zh: '电子证书批次', en: 'Credential batch' },
  issuer_key: { zh: '签名密钥', en: 'Issuer key' },
  learning_account: { zh: '学习账户', en: 'Learning account' },
  learning_outcome: { zh: '学习成果', en: 'Learning outcome' },
  credit_outcome: { zh: '学习成果目录', en: 'Outcome catalog' },
  credit_bank_settings: { zh: '学分银行设置', en: 'Credit bank settings' },
  recognition_rule: { zh: '认定规则', en: 'Recognition rule' },
  conversion_application: { zh: '学分转换申请', en: 'Conversion application' },
  fund_budget: { zh: '专项资金预算', en: 'Fund budget' },
  fund_entry: { zh: '资金收支', en: 'Fund entry' },
  fund_evidence: { zh: '资金凭证', en: 'Fund evidence' },
  fund_allocation: { zh: '资金分配', en: 'Fund allocation' },
  file: { zh: '文件', en: 'File' },
  report_type: { zh: '报送类型', en: 'Report type' },
  report_duty: { zh: '报送任务', en: 'Reporting duty' },
  complaint: { zh: '投诉举报', en: 'Complaint' },
  inspection: { zh: '检查', en: 'Inspection' },
  inspection_draw: { zh: '随机抽查', en: 'Inspection draw' },
  inspector: { zh: '检查人员', en: 'Inspector' },
};

/** Every action the server writes (scanned by the test), as a short sentence predicate: 审核通过备案, 撤销证书… */
export const AUDIT_ACTION_LABELS: Record<string, AuditLabel> = {
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.login_failed': { zh: '登录失败', en: 'Failed sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.password_change': { zh: '修改密码', en: 'Changed password' },
  'user.create': { zh: '创建账号', en: 'Created account' },
  'user.enable': { zh: '启用账号', en: 'Enabled account' },
  'user.disable': { zh: '停用账号', en: 'Disabled account' },
  'user.password_reset': { zh: '重置密码', en: 'Reset password' },
  'api_token.create': { zh: '创建 API 令牌', en: 'Created API token' },
  'api_token.revoke': { zh: '撤销 API 令牌', en: 'Revoked API token' },
  'system.demo_seed': { zh: '初始化演示数据', en: 'Seeded demo data' },
  'notification.deadline_reminders': { zh: '发送截止提醒', en: 'Sent deadline reminders' },
  'notification.read': { zh: '阅读通知', en: 'Read notification' },
  'notification.read_all': { zh: '全部通知标为已读', en: 'Marked all notifications read' },

  'school.register': { zh: '登记学校', en: 'Registered school' },
  'school.approve': { zh: '审核通过学校', en: 'Approved school' },
  'school.update': { zh: '修改学校信息', en: 'Updated school' },
  'department.create': { zh: '新增二级学院', en: 'Created department' },
  'department.update': { zh: '修改二级学院', en: 'Updated department' },
  'department.delete': { zh: '删除二级学院', en: 'Deleted department' },
  'school_major.create': { zh: '新增学校专业', en: 'Created school major' },
  'school_major.update': { zh: '修改学校专业', en: 'Updated school major' },
  'school_major.delete': { zh: '删除学校专业', en: 'Deleted school major' },
  'school_major.figures': { zh: '填报专业在校生数', en: 'Entered major figures' },
  'school_major.import': { zh: '导入学校专业', en: 'Imported school majors' },
  'school_course.create': { zh: '新增学校课程', en: 'Created school course' },
  'school_course.update': { zh: '修改学校课程', en: 'Updated school course' },
  'school_course.delete': { zh: '删除学校课程', en: 'Deleted school course' },

  'evaluation_org.create': { zh: '新增培训评价组织', en: 'Created evaluation organization' },
  'evaluation_org.update': { zh: '修改培训评价组织', en: 'Updated evaluation organization' },
  'evaluation_org.contact_create': { zh: '新增组织联系人', en: 'Added organization contact' },
  'evaluation_org.contact_update': { zh: '修改组织联系人', en: 'Updated organization contact' },
  'evaluation_org.contact_delete': { zh: '删除组织联系人', en: 'Deleted organization contact' },
  'org.publicity_days': { zh: '设置成绩公示期', en: 'Set publicity period' },
  'issuer_key.rotate': { zh: '轮换签名密钥', en: 'Rotated issuer key' },

  'certificate_batch.create': { zh: '新增证书批次', en: 'Created certificate batch' },
  'certificate_type.create': { zh: '新建证书', en: 'Created certificate type' },
  'certificate_type.update': { zh: '修改证书信息', en: 'Updated certificate type' },
  'certificate_type.levels_replace': { zh: '设置证书等级与考核方式', en: 'Set levels and exam forms' },
  'certificate_type.standard_document_upload': { zh: '上传职业技能等级标准', en: 'Uploaded skill standard' },
  'certificate_type.publish': { zh: '发布证书', en: 'Published certificate type' },
  'certificate_type.suspend': { zh: '暂停证书', en: 'Suspended certificate type' },
  'certificate_type.resume': { zh: '恢复证书', en: 'Resumed certificate type' },
  'certificate_type.withdraw': { zh: '取消证书', en: 'Withdrew certificate type' },

  'filing_round.create': { zh: '新建备案批次', en: 'Created filing round' },
  'filing_round.update': { zh: '修改备案批次', en: 'Updated filing round' },
  'filing_round.open': { zh: '开放备案批次', en: 'Opened filing round' },
  'filing_round.close': { zh: '关闭备案批次', en: 'Closed filing round' },
  'filing_round.reopen': { zh: '重新开放备案批次', en: 'Reopened filing round' },
  'filing_round.publish': { zh: '公布备案结果', en: 'Published filing results' },
  'filing.create': { zh: '新建备案', en: 'Created filing' },
  'filing.section_save': { zh: '保存备案表', en: 'Saved filing section' },
  'filing.attachment_upload': { zh: '上传备案附件', en: 'Uploaded filing attachment' },
  'filing.submit': { zh: '提交备案', en: 'Submitted filing' },
  'filing.accept_for_review': { zh: '受理备案', en: 'Accepted filing for review' },
  'filing.municipal_approve': { zh: '初审通过备案', en: 'Passed filing in municipal review' },
  'filing.municipal_return': { zh: '初审退回备案', en: 'Returned filing in municipal review' },
  'filing.assign_experts': { zh: '指派评审专家', en: 'Assigned experts' },
  'filing.expert_score': { zh: '专家评分', en: 'Scored filing' },
  'filing.approve': { zh: '审核通过备案', en: 'Approved filing' },
  'filing.reject': { zh: '审核不通过备案', en: 'Rejected filing' },
  'filing.return': { zh: '退回备案', en: 'Returned filing' },
  'filing.publish': { zh: '公布备案结果', en: 'Published filing' },
  'filing.change_request': { zh: '申请备案变更', en: 'Requested filing change' },
  'filing.change_request_accept': { zh: '同意备案变更', en: 'Accepted filing change' },
  'filing.change_request_refuse': { zh: '不同意备案变更', en: 'Refused filing change' },
  'filing.annual_plan': { zh: '报送年度试点计划', en: 'Filed annual plan' },
  'filing.pass_rate_override': { zh: '调整通过率规则', en: 'Overrode pass-rate rule' },
  'filing.cancel_pilot': { zh: '取消试点', en: 'Cancelled pilot' },
  'pilot_agreement.create': { zh: '签订试点合作协议', en: 'Created pilot agreement' },
  'fee_settlement.settle': { zh: '结算考核费用', en: 'Settled fees' },

  'learner.create': { zh: '新增学习者', en: 'Created learner' },
  'learner.import': { zh: '导入学习者', en: 'Imported learners' },
  'learner.activation_code': { zh: '生成激活码', en: 'Issued activation code' },
  'learner.activate': { zh: '激活学习者账号', en: 'Activated learner account' },
  'learner.register': { zh: '社会学习者注册', en: 'Learner registered' },

  'exam_site.apply': { zh: '申请考核站点', en: 'Applied for exam site' },
  'exam_site.approve': { zh: '批准考核站点', en: 'Approved exam site' },
  'exam_site.refuse': { zh: '不批准考核站点', en: 'Refused exam site' },
  'exam_site.share': { zh: '开放共享考核站点', en: 'Opened exam site for sharing' },
  'exam_site.unshare': { zh: '取消共享考核站点', en: 'Stopped sharing exam site' },
  'exam_session.create': { zh: '新建考核场次', en: 'Created exam session' },
  'exam_session.open_registration': { zh: '开放报名', en: 'Opened registration' },
  'exam_session.close_registration': { zh: '截止报名', en: 'Closed registration' },
  'exam_session.mark_examined': { zh: '确认考核已举行', en: 'Marked session examined' },
  'exam_session.enter_scores': { zh: '确认成绩已录入', en: 'Marked scores entered' },
  'exam_session.publish_scores': { zh: '公布成绩', en: 'Published scores' },
  'exam_session.close': { zh: '关闭考核场次', en: 'Closed exam session' },
  'exam_registration.propose': { zh: '提出考核报名', en: 'Proposed candidates' },
  'exam_registration.consent': { zh: '本人确认报名', en: 'Consented to registration' },
  'exam_registration.paper_consent': { zh: '登记纸质确认书', en: 'Recorded paper consent' },
  'exam_registration.decline': { zh: '本人拒绝报名', en: 'Declined registration' },
  'exam_registration.withdraw': { zh: '撤回报名', en: 'Withdrew registration' },
  'exam_results.import': { zh: '导入考核成绩', en: 'Imported results' },
  'exam_results.correct': { zh: '更正考核成绩', en: 'Corrected results' },
  'exam_results.import_queued': { zh: '提交成绩导入任务', en: 'Queued results import' },
  'exam_results.template_download': { zh: '下载成绩模板', en: 'Downloaded results template' },
  'exam_invigilation.assign': { zh: '安排监考', en: 'Assigned invigilator' },
  'exam_invigilation.remove': { zh: '取消监考安排', en: 'Removed invigilator' },

  'certificate.issue': { zh: '颁发证书', en: 'Issued certificates' },
  'certificate.revoke': { zh: '撤销证书', en: 'Revoked certificate' },
  'certificate.pdf_job.create': { zh: '生成证书 PDF', en: 'Started certificate PDFs' },
  'certificate.pdf_job.succeed': { zh: '证书 PDF 生成完成', en: 'Certificate PDFs ready' },
  'certificate.share_link.create': { zh: '创建证书分享链接', en: 'Created share link' },
  'certificate.share_link.revoke': { zh: '撤销证书分享链接', en: 'Revoked share link' },
  'certificate.wallet_copy': { zh: '下载钱包兼容版电子证书', en: 'Downloaded wallet copy' },
  'credential.resign': { zh: '重新签发旧格式电子证书', en: 'Re-signed legacy credentials' },

  'learning_account.open': { zh: '开设学习账户', en: 'Opened learning accounts' },
  'learning_account.import': { zh: '导入学习账户', en: 'Imported learning accounts' },
  'learning_account.transcript': { zh: '生成成绩单', en: 'Produced transcript' },
  'learning_account.export': { zh: '导出学习账户', en: 'Exported learning account' },
  'learning_outcome.deposit': { zh: '存入学习成果', en: 'Deposited learning outcome' },
  'learning_outcome.evidence_upload': { zh: '上传学习成果证明', en: 'Uploaded outcome evidence' },
  'learning_outcome.reverse': { zh: '冲正学习成果', en: 'Reversed learning outcome' },
  'learning_outcome.import': { zh: '导入学习成果', en: 'Imported learning outcomes' },
  'credit_outcome.update': { zh: '调整学习成果目录', en: 'Updated outcome catalog' },
  'credit_bank_settings.save': { zh: '保存学分银行设置', en: 'Saved credit bank settings' },
  'recognition_rule.create': { zh: '新建认定规则', en: 'Created recognition rule' },
  'recognition_rule.update': { zh: '修改认定规则', en: 'Updated recognition rule' },
  'recognition_rule.publish': { zh: '发布认定规则', en: 'Published recognition rule' },
  'recognition_rule.withdraw': { zh: '停用认定规则', en: 'Withdrew recognition rule' },
  'conversion_application.submit': { zh: '提交学分转换申请', en: 'Submitted conversion application' },
  'conversion_application.approve': { zh: '批准学分转换申请', en: 'Approved conversion application' },
  'conversion_application.refuse': { zh: '不批准学分转换申请', en: 'Refused conversion application' },
  'conversion_application.withdraw': { zh: '撤回学分转换申请', en: 'Withdrew conversion application' },

  'fund_budget.create': { zh: '编制专项资金预算', en: 'Created fund budget' },
  'fund_budget.update_lines': { zh: '修改预算明细', en: 'Updated budget lines' },
  'fund_budget.leader_approve': { zh: '试点负责人审核预算', en: 'Leader approved budget' },
  'fund_budget.department_approve': { zh: '二级学院审核预算', en: 'Department approved budget' },
  'fund_budget.academic_approve': { zh: '教务处审核预算', en: 'Academic affairs approved budget' },
  'fund_budget.return': { zh: '退回预算', en: 'Returned budget' },
  'fund_entry.spend': { zh: '登记资金支出', en: 'Recorded spending' },
  'fund_entry.income': { zh: '登记资金收入', en: 'Recorded income' },
  'fund_entry.reverse': { zh: '冲正资金记录', en: 'Reversed fund entry' },
  'fund_entry.refuse_prohibited': { zh: '拒绝禁止类支出', en: 'Refused prohibited spending' },
  'fund_entry.refuse_student_fee': { zh: '拒绝向学生收费', en: 'Refused student fee' },
  'fund_evidence.upload': { zh: '上传资金凭证', en: 'Uploaded fund evidence' },
  'fund_allocation.create': { zh: '测算资金分配', en: 'Created fund allocation' },
  'fund_allocation.adjust': { zh: '调整资金分配', en: 'Adjusted fund allocation' },
  'fund_allocation.publish': { zh: '公布资金分配', en: 'Published fund allocation' },

  'report_type.create': { zh: '新建报送类型', en: 'Created report type' },
  'report_duty.tick': { zh: '生成报送任务与提醒', en: 'Generated reporting duties' },
  'report_duty.submit': { zh: '报送材料', en: 'Submitted report' },
  'report_duty.accept': { zh: '通过报送材料', en: 'Accepted report' },
  'report_duty.return': { zh: '退回报送材料', en: 'Returned report' },
  'complaint.file': { zh: '提交投诉举报', en: 'Filed complaint' },
  'complaint.accept': { zh: '受理投诉', en: 'Accepted complaint' },
  'complaint.transfer': { zh: '转办投诉', en: 'Transferred complaint' },
  'complaint.reply': { zh: '答复投诉', en: 'Replied to complaint' },
  'complaint.close': { zh: '办结投诉', en: 'Closed complaint' },
  'complaint.escalate': { zh: '超期上报投诉', en: 'Escalated overdue complaint' },
  'inspector.create': { zh: '新增检查人员', en: 'Added inspector' },
  'inspection_draw.create': { zh: '随机抽取检查对象', en: 'Drew inspection subjects' },
  'inspection_draw.publish': { zh: '公开抽查结果', en: 'Published inspection draw' },
  'inspection.create': { zh: '新建检查', en: 'Created inspection' },
  'inspection.finding': { zh: '记录检查发现', en: 'Recorded finding' },
  'inspection.evidence': { zh: '上传检查材料', en: 'Uploaded inspection evidence' },
  'inspection.order_rectification': { zh: '下达整改通知', en: 'Ordered rectification' },
  'inspection.rectification_report': { zh: '报告整改情况', en: 'Reported rectification' },
  'inspection.rectification_accept': { zh: '整改验收通过', en: 'Accepted rectification' },
  'inspection.rectification_reorder': { zh: '要求重新整改', en: 'Ordered rectification again' },
  'inspection.close': { zh: '结束检查', en: 'Closed inspection' },
};

type Lang = 'zh' | 'en';
const langKey = (lang: string): Lang => (lang.startsWith('en') ? 'en' : 'zh');

/** The label of an action in a language (`zh-CN` / `en-US` / `zh` / `en`); an unknown action reads as itself. */
export function auditActionLabel(action: string, lang = 'zh'): string {
  return AUDIT_ACTION_LABELS[action]?.[langKey(lang)] ?? action;
}

/** The label of an object type (or action group); an unknown type reads as itself. */
export function auditTargetLabel(targetType: string, lang = 'zh'): string {
  return AUDIT_TARGET_LABELS[targetType]?.[langKey(lang)] ?? targetType;
}

/** The group of an action: the object type it acts on, the part before its first dot. */
export const auditActionGroup = (action: string): string => action.split('.')[0] ?? action;

/** The actions grouped by object type, in the table's order: the options of the audit page's action filter. */
export function auditActionGroups(lang = 'zh'): { group: string; label: string; actions: { action: string; label: string }[] }[] {
  const groups = new Map<string, { action: string; label: string }[]>();
  for (const action of Object.keys(AUDIT_ACTION_LABELS)) {
    const g = auditActionGroup(action);
    groups.set(g, [...(groups.get(g) ?? []), { action, label: auditActionLabel(action, lang) }]);
  }
  return [...groups].map(([group, actions]) => ({ group, label: auditTargetLabel(group, lang), actions }));
}
