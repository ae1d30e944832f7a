/**
 * The one registry of error codes: HTTP status and people-readable messages.
 * The server answers `{ error: { code, message, details, requestId } }` with the zh-CN message;
 * the web app shows the message of the user's locale for the code.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的信息有误，请检查后重试',
    en: 'Some of the information is invalid; please check and try again',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please log in again' },
  API_TOKEN_INVALID: { status: 401, zh: 'API 令牌无效或已撤销', en: 'The API token is invalid or revoked' },
  CSRF_INVALID: { status: 403, zh: '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and try again' },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  ACCOUNT_DISABLED: { status: 403, zh: '该账号已停用，请联系管理员', en: 'This account is disabled; contact your administrator' },
  NOT_FOUND: { status: 404, zh: '未找到相关记录', en: 'Not found' },
  CONFLICT: { status: 409, zh: '操作与当前状态冲突，请刷新后重试', en: 'This conflicts with the current state; reload and try again' },
  USERNAME_TAKEN: { status: 409, zh: '该用户名已被使用', en: 'This username is already taken' },
  PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_WEAK: {
    status: 400,
    zh: '密码至少 8 位，须包含大写字母、小写字母、数字、符号中的至少三类，且不能是常见密码',
    en: 'The password needs at least 8 characters, three of upper-case, lower-case, digits and symbols, and must not be a common one',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  AUTH_LOCKED: {
    status: 429,
    zh: '登录失败次数过多，账号已锁定 15 分钟，请稍后再试',
    en: 'Too many failed logins; the account is locked for 15 minutes',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  OVERLOADED: { status: 503, zh: '系统繁忙，请稍后再试', en: 'The system is busy; please try again later' },
  // Schools, departments, majors (R2)
  SCHOOL_TYPE_NOT_ELIGIBLE: {
    status: 400,
    zh: '技工学校不在 1+X 证书制度试点院校范围内（教职成司函〔2019〕36号 二：中等职业学校不含技工学校）',
    en: 'Technical schools are not eligible for the 1+X pilot',
  },
  SCHOOL_ALREADY_REGISTERED: {
    status: 409,
    zh: '该院校已注册（一所院校只能注册一次，统一社会信用代码或校名已存在）',
    en: 'This school is already registered (one registration per school)',
  },
  SCHOOL_ALREADY_APPROVED: { status: 409, zh: '该院校注册已审核通过', en: 'This school registration is already approved' },
  SCHOOL_NOT_PENDING: { status: 409, zh: '该院校注册不在待审核状态', en: 'This school registration is not awaiting approval' },
  SCHOOL_REGISTRATION_NOT_RETURNED: {
    status: 409,
    zh: '该注册申请未被退回，不能修改后重新提交',
    en: 'This registration was not returned; it cannot be resubmitted',
  },
  SCHOOL_NOT_APPROVED: {
    status: 409,
    zh: '本校注册尚未经省级教育行政部门审核通过，暂不能申报试点（002 四.3）',
    en: 'The school registration is not approved by the province yet; it cannot file',
  },
  DEPARTMENT_NAME_TAKEN: { status: 409, zh: '本校已有同名的二级学院', en: 'The school already has a department of this name' },
  DEPARTMENT_IN_USE: {
    status: 409,
    zh: '该二级学院下仍有专业或账号，不能删除',
    en: 'The department still has majors or accounts and cannot be deleted',
  },
  SCHOOL_MAJOR_EXISTS: { status: 409, zh: '本校已登记该专业代码', en: 'The school already has a major with this code' },
  IMPORT_INVALID: {
    status: 422,
    zh: '导入文件有错误，未写入任何数据，请按错误清单修改后重新导入',
    en: 'The file has errors; nothing was written. Fix the listed rows and import again',
  },
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取上传的文件，请使用平台提供的 .xlsx 模板',
    en: 'The uploaded file cannot be read; use the .xlsx template',
  },
  SPREADSHEET_TOO_LARGE: {
    status: 413,
    zh: '文件超过平台的解析上限（文件大小、解压后大小、压缩比或行数），未写入任何数据，请分多个文件导入',
    en: 'The file exceeds the parsing limits (size, inflated size, compression ratio or rows); nothing was written',
  },
  IMPORT_BUSY: {
    status: 503,
    zh: '当前导入任务较多，请稍后再试',
    en: 'Too many imports are running; please try again shortly',
  },
  EXPORT_BUSY: {
    status: 503,
    zh: '当前导出任务较多，请稍后再试',
    en: 'Too many exports are running; please try again shortly',
  },
  // ---- Catalog (R1) and files ----
  CERTIFICATE_TYPE_NOT_SELECTABLE: {
    status: 409,
    zh: '该证书不在已发布的证书目录中（已暂停或已取消的证书不能选用）',
    en: 'This certificate is not in the published catalog (suspended or withdrawn certificates cannot be chosen)',
  },
  CERTIFICATE_TYPE_CODE_TAKEN: { status: 409, zh: '该证书代码或名称已存在', en: 'This certificate code or name already exists' },
  CERTIFICATE_TYPE_LOCKED: { status: 409, zh: '已取消的证书不能修改', en: 'A withdrawn certificate cannot be changed' },
  CERTIFICATE_TYPE_INCOMPLETE: {
    status: 409,
    zh: '证书尚未设置等级及考核方式，不能发布',
    en: 'The certificate has no levels with exam forms yet and cannot be published',
  },
  EXAM_FORMS_INVALID: { status: 400, zh: '考核方式及成绩占比有误', en: 'The exam forms or their score shares are invalid' },
  COMMENT_REQUIRED: { status: 400, zh: '此操作须填写说明', en: 'This action needs a comment' },
  EVALUATION_ORG_TAKEN: { status: 409, zh: '该培训评价组织的代码或名称已存在', en: 'This organization code or name already exists' },
  CERTIFICATE_BATCH_TAKEN: { status: 409, zh: '该批次的代码、名称或序号已存在', en: 'This batch code, name or ordinal already exists' },
  STANDARD_DOCUMENT_VERSION_TAKEN: {
    status: 409,
    zh: '该版本的标准文件已上传',
    en: 'A standard document with this version already exists',
  },
  FILE_REQUIRED: { status: 400, zh: '请选择要上传的文件', en: 'Please choose a file to upload' },
  FILE_NOT_PDF: {
    status: 400,
    zh: '文件不是有效的 PDF（仅接受 PDF 格式，按文件内容检查）',
    en: 'The file is not a valid PDF (checked by its content)',
  },
  // ---- Filing of pilot projects (R3) ----
  ROUND_CLOSED: {
    status: 409,
    zh: '本轮备案已截止或未开放，不能再提交',
    en: 'This filing round is closed or not open; submissions are refused',
  },
  FILING_EXISTS: {
    status: 409,
    zh: '本校在本轮备案中已申报该证书（每校每轮每个证书一份备案）',
    en: 'The school already has a filing for this certificate in this round',
  },
  FILING_LOCKED: {
    status: 409,
    zh: '备案已提交或已审核，内容不能修改（审核通过后如确需调整，须提交书面变更申请）',
    en: 'The filing is submitted or decided and cannot be edited; after approval, changes need a written change request',
  },
  FILING_RULES_FAILED: {
    status: 422,
    zh: '备案未通过提交前检查，请按检查结果修改后再提交',
    en: 'The filing fails the submission rules; fix the listed problems and submit again',
  },
  FILING_WARNING_REASON_REQUIRED: {
    status: 422,
    zh: '备案有“原则上”类提示未满足，请逐条说明理由后再提交',
    en: 'Some “in principle” rules are not met; give a reason for each to submit',
  },
  FILING_WARNING_DECISION_REQUIRED: {
    status: 400,
    zh: '请对学校说明理由的每条提示作出同意或不同意的决定并填写理由',
    en: 'Decide on each warning the school gave a reason for, with a reason',
  },
  FILING_WARNING_REFUSED: {
    status: 409,
    zh: '有提示的理由未被认可，不能审核通过（可退回修改或不予通过）',
    en: 'A warning reason was refused; the filing cannot be approved',
  },
  FILING_EXPERT_INVALID: { status: 400, zh: '所选专家不是本省的评审专家', en: 'The chosen expert is not an expert of this province' },
  FILING_SCORES_INCOMPLETE: {
    status: 400,
    zh: '请按本轮评审指标逐项评分（0–100 分）',
    en: 'Score every review criterion of the round (0–100)',
  },
  FILING_ROUND_LOCKED: { status: 409, zh: '本轮备案结果已公布，不能修改', en: 'The round’s results are published; it cannot be changed' },
  // ---- After approval (R3.7–R3.9) ----
  CHANGE_REQUEST_NOT_ALLOWED: {
    status: 409,
    zh: '只有审核通过并已公布的备案才能提交变更申请',
    en: 'Only an approved and published filing takes change requests',
  },
  CHANGE_REQUEST_PENDING: {
    status: 409,
    zh: '该备案已有待省级审核的变更申请，请等待处理结果后再提交',
    en: 'The filing already has a pending change request',
  },
  CHANGE_REQUEST_DECIDED: { status: 409, zh: '该变更申请已处理', en: 'This change request is already decided' },
  ANNUAL_PLAN_NOT_ALLOWED: {
    status: 409,
    zh: '只有在之前年度审核通过的试点才能填报本年度计划',
    en: 'Only a pilot approved in an earlier year files this year’s plan',
  },
  ANNUAL_PLAN_NOTHING_TO_CARRY: {
    status: 409,
    zh: '上一年度没有可沿用的计划，请填报本年度计划',
    en: 'There is no plan of the previous year to carry forward',
  },
  PILOT_ENDED: { status: 409, zh: '该证书试点已终止，不能再填报年度计划', en: 'This pilot has ended' },
  PASS_RATE_NOT_RESTRICTED: {
    status: 409,
    zh: '该备案不受通过率限制，无需特批',
    en: 'The filing is not restricted by the pass rate',
  },
  PASS_RATE_ALREADY_OVERRIDDEN: { status: 409, zh: '已对该校该证书本年度申报予以特批', en: 'Already overridden' },
  // ---- Learners, agreements, fees (issue 5; R4.1–R4.4) ----
  ID_NUMBER_INVALID: { status: 400, zh: '证件号码有误，请核对', en: 'The ID number is invalid' },
  ID_NUMBER_TAKEN: {
    status: 409,
    zh: '该证件号码已登记为学习者（同一证件只能登记一次）',
    en: 'A learner with this ID number already exists',
  },
  ACTIVATION_INVALID: {
    status: 400,
    zh: '激活码无效或已过期，请向所在学校索取新的激活码',
    en: 'The activation code is invalid or expired; ask your school for a new one',
  },
  LEARNER_ALREADY_ACTIVATED: { status: 409, zh: '该学习者账号已激活', en: 'This learner account is already activated' },
  FILING_NOT_APPROVED: {
    status: 409,
    zh: '只有备案通过的试点项目才能登记试点合作协议',
    en: 'Only an approved pilot can record a cooperation agreement',
  },
  AGREEMENT_EXISTS: { status: 409, zh: '该试点项目已登记试点合作协议', en: 'This pilot already has a cooperation agreement' },
  AGREEMENT_REQUIRED: {
    status: 409,
    zh: '尚未登记与培训评价组织的试点合作协议，不能报名考核（签署试点合作协议前，不得开展试点）',
    en: 'No cooperation agreement with the organization is recorded; students cannot be registered for exams',
  },
  FEE_ABOVE_CAP: {
    status: 422,
    zh: '考核费用超过该等级的收费上限',
    en: "The exam fee exceeds the level's cap",
  },
  FEE_LEVEL_INVALID: {
    status: 400,
    zh: '考核费用须按备案的证书等级逐级填写，且每个等级只填一次',
    en: 'Give one fee for each level of the filing',
  },
  SETTLEMENT_NOT_READY: {
    status: 409,
    zh: '考核尚未完成，暂不能结算考核费用',
    en: 'The exam has not taken place yet; fees cannot be settled',
  },
  SETTLEMENT_ALREADY_SETTLED: { status: 409, zh: '该笔考核费用已结算', en: 'These fees are already settled' },
  // ---- Exam sites, sessions, voluntary registration, invigilation (issue 5; R5.1–R5.4) ----
  REGISTRATION_CLOSED: {
    status: 409,
    zh: '不在本场考核的报名时间内，不能报名、确认或撤回',
    en: 'Registration for this exam session is not open',
  },
  SESSION_FULL: { status: 409, zh: '本场考核报名人数已满', en: 'This exam session is full' },
  EXAM_SITE_IN_USE: {
    status: 409,
    zh: '该考核站点仍有未结束的考核场次，待场次结束后才能撤销',
    en: 'A session at this exam site is not closed yet; the site can be closed after it',
  },
  EXAM_SITE_NOT_APPROVED: {
    status: 409,
    zh: '该考核站点尚未获培训评价组织批准，或不是该证书的考核站点',
    en: 'The exam site is not approved for this certificate',
  },
  LEARNER_NOT_ELIGIBLE: {
    status: 422,
    zh: '所选学习者不是本校该证书试点项目的试点学生，不能报名',
    en: "The learner is not a pilot student of this school's pilot of the certificate",
  },
  // ---- Results import, score publication (issue 5; R5.5, R5.6) ----
  RESULTS_NOT_ACCEPTED: {
    status: 409,
    zh: '本场考核当前状态不能导入成绩：须为“已考核”或“成绩登记”状态（成绩公示后不能再导入或更正）',
    en: 'Results can be imported only when the session is examined or its scores are being entered',
  },
  RESULTS_EXIST: {
    status: 409,
    zh: '文件中有考生在本场考核已有成绩；修改成绩须以“成绩更正”方式导入并填写更正说明',
    en: 'Some candidates already have results; changing them needs a correction import with a note',
  },
  MISSING_SCORES_UNCONFIRMED: {
    status: 409,
    zh: '本场考核有考生尚无成绩：请核对尚无成绩的人数并确认后再公示',
    en: 'Some candidates have no score yet: confirm their number before publishing',
  },
  SCORES_NOT_PUBLISHABLE: {
    status: 409,
    zh: '本场考核尚未登记成绩或成绩已公示，不能公示成绩',
    en: 'Scores can be published only after they are entered, and only once',
  },
  // Values the database refused (issue 20 item 5): the one error handler maps PostgreSQL's SQLSTATE to these.
  DUPLICATE_RECORD: {
    status: 409,
    zh: '已存在相同的记录（名称或编号重复），请修改后重试',
    en: 'A record with the same name or number already exists',
  },
  REFERENCE_CONFLICT: {
    status: 409,
    zh: '所引用的记录不存在，或该记录仍被其他数据引用',
    en: 'A referenced record does not exist, or the record is still referenced',
  },
  VALUE_NOT_ALLOWED: { status: 400, zh: '提交的值不符合规则（超出允许的范围），请检查后重试', en: 'A value is outside what is allowed' },
  DATE_INVALID: { status: 400, zh: '日期或时间不存在或超出范围，请检查年月日', en: 'A date or time does not exist or is out of range' },
  NUMBER_OUT_OF_RANGE: { status: 400, zh: '数值超出允许的范围或精度', en: 'A number is out of range or too precise' },
  VALUE_MALFORMED: { status: 400, zh: '提交的值格式不正确', en: 'A value is malformed' },
  TEXT_TOO_LONG: { status: 400, zh: '提交的文字过长', en: 'A text is too long' },
  TEXT_INVALID_CHARACTERS: {
    status: 400,
    zh: '文字含有无法保存的字符（如空字符或无效编码）',
    en: 'A text contains characters that cannot be stored (NUL or invalid encoding)',
  },
  FILING_ROUND_NAME_TAKEN: {
    status: 409,
    zh: '本省已有同名的备案轮次，请换一个名称',
    en: 'The province already has a filing round of this name',
  },
  // ---- Exams for everyone (issue 17 items 2, 4, 5) ----
  AGREEMENT_NOT_IN_FORCE: {
    status: 409,
    zh: '试点合作协议未生效、已暂停或已终止，不能报名考核或安排考核',
    en: 'The cooperation agreement is not in force (draft, suspended or terminated)',
  },
  AGREEMENT_TRANSITION_INVALID: {
    status: 409,
    zh: '试点合作协议当前状态不能执行该操作',
    en: 'The agreement cannot take this step in its current state',
  },
  AGREEMENT_REASON_REQUIRED: {
    status: 400,
    zh: '暂停或终止试点合作须填写原因',
    en: 'Suspending or terminating an agreement needs a reason',
  },
  SCORE_REVIEW_CLOSED: {
    status: 409,
    zh: '只能在成绩公示期内申请成绩复核',
    en: 'A score review can be asked for only during the publicity period of the scores',
  },
  SCORE_REVIEW_NO_RESULT: { status: 409, zh: '该报名尚无已公示的成绩，不能申请复核', en: 'This registration has no published score' },
  SCORE_REVIEW_EXISTS: { status: 409, zh: '该成绩已有待处理的复核申请', en: 'This score already has an open review' },
  SCORE_REVIEW_DECIDED: { status: 409, zh: '该复核申请已答复', en: 'This review is already answered' },
  SCORE_REVIEWS_OPEN: {
    status: 409,
    zh: '本场考核还有未答复的成绩复核申请，答复后才能发证',
    en: 'Certificates wait until the open score reviews of the session are answered',
  },
  SCORE_INVALID: {
    status: 422,
    zh: '更正后的成绩未通过校验（与成绩导入同样的规则）',
    en: 'The corrected score fails the checks of a results import',
  },
  SCALE_EXCEEDED: {
    status: 409,
    zh: '报名人数将超过省级教育行政部门核定的试点规模',
    en: 'Registrations would exceed the scale the province approved for this pilot',
  },
  SCALE_REASON_REQUIRED: { status: 400, zh: '调整已核定的试点规模须填写原因', en: 'Changing an approved scale needs a reason' },
  INTERNAL: { status: 500, zh: '系统繁忙，请稍后再试', en: 'Something went wrong; please try again later' },
  // Certificates (R6)
  CERTIFICATE_NOT_FOUND: {
    status: 404,
    zh: '未查询到该证书：请核对证书编号和持证人姓名',
    en: 'No such certificate: check the number and the holder’s name',
  },
  SESSION_NOT_READY: {
    status: 409,
    zh: '该场次成绩尚未公示或公示期未满，暂不能发证',
    en: 'Scores are not published yet, or the publicity period has not passed',
  },
  CERTIFICATE_ALREADY_REVOKED: { status: 409, zh: '该证书已撤销', en: 'This certificate is already revoked' },
  SHARE_LINK_NOT_FOUND: {
    status: 404,
    zh: '分享链接不存在、已过期或已被持证人撤销',
    en: 'The share link does not exist, has expired or was revoked by the holder',
  },
  CREDENTIAL_INVALID: { status: 400, zh: '无法识别的电子证书文件', en: 'This is not a credential file we can read' },
  CERTIFICATE_PDF_EMPTY: { status: 409, zh: '该场次尚未发放证书，无可打印的证书', en: 'This session has no certificates to print yet' },
  CERTIFICATE_PDF_NOT_READY: {
    status: 409,
    zh: '批量打印文件尚未生成完毕（或生成失败），请稍后再试',
    en: 'The batch PDF is not ready yet (or its job failed); try again later',
  },
  EXPORT_NOT_READY: {
    status: 409,
    zh: '导出文件尚未生成完毕（或生成失败），请稍后再试',
    en: 'The export file is not ready yet (or its job failed); try again later',
  },
  // Pilot acceptance (issue 18 item 5)
  PILOT_NOT_APPROVED: {
    status: 409,
    zh: '只有已批准的试点才有任务书与结题验收',
    en: 'Only an approved pilot has a task book and a final acceptance',
  },
  TASK_BOOK_NOT_EDITABLE: {
    status: 409,
    zh: '已申请验收或已验收通过的任务书不能修改',
    en: 'A task book under acceptance or accepted cannot be changed',
  },
  TASK_BOOK_MISSING: { status: 409, zh: '请先填写试点任务书（目标与里程碑）', en: 'Fill in the task book first' },
  PILOT_ACCEPTANCE_TRANSITION: {
    status: 409,
    zh: '当前验收状态下不能执行该操作，请刷新后重试',
    en: 'This acceptance step is not possible in the current state; reload and try again',
  },
  ACCEPTANCE_COMMENT_REQUIRED: {
    status: 400,
    zh: '验收不通过，或存在未完成目标仍予通过时，须填写验收意见',
    en: 'A comment is required to refuse, or to accept despite shortfalls',
  },
  // Learners' own outcomes and the account hand-off (issue 18 items 6, 8)
  OUTCOME_APPLICATION_NOT_OPEN: {
    status: 409,
    zh: '该申请已处理或已撤回，不能再次处理',
    en: 'The application was already decided or withdrawn',
  },
  OUTCOME_APPLICATION_NO_SCHOOL: {
    status: 409,
    zh: '只有在院校登记的学习者才能申请存入学习成果（由所在院校审核）',
    en: 'Only a learner enrolled at a school can apply (the school reviews it)',
  },
  OUTCOME_EVIDENCE_INVALID: {
    status: 400,
    zh: '证明材料不存在或不是您本人上传的 PDF',
    en: 'The evidence does not exist or is not a PDF you uploaded',
  },
  LEARNING_ACCOUNT_FORMAT_INVALID: {
    status: 400,
    zh: '文件不是可识别的学习账户交换格式（onex-learning-account/1），请检查文件',
    en: 'The file is not a learning account in a known format (onex-learning-account/1)',
  },
  LEARNING_ACCOUNT_HOLDER_MISMATCH: {
    status: 400,
    zh: '证件号码或姓名与文件中的持有人不一致，请核对',
    en: "The ID number or name does not match the file's holder",
  },
  // Credit bank (R7)
  LEARNING_ACCOUNT_NOT_FOUND: {
    status: 404,
    zh: '尚未开设学习账户：学习者登记或取得证书后自动开设，也可由学校开设',
    en: 'No learning account yet: it opens when the learner is enrolled or receives a certificate, or a school opens it',
  },
  COURSE_CODE_TAKEN: { status: 409, zh: '本校已有该课程代码', en: 'The school already has a course with this code' },
  COURSE_IN_USE: {
    status: 409,
    zh: '该课程已用于认定规则、免修或存入记录，不能删除',
    en: 'The course is used by rules, exemptions or deposits and cannot be deleted',
  },
  RULE_CODE_TAKEN: { status: 409, zh: '本校已有该编号的认定规则', en: 'The school already has a rule with this code' },
  RULE_NOT_EDITABLE: {
    status: 409,
    zh: '已发布或已停用的认定规则不能修改；如需调整，请停用后发布新规则',
    en: 'A published or withdrawn rule cannot be changed; withdraw it and publish a new one',
  },
  RULE_INVALID: {
    status: 400,
    zh: '认定规则有误：课程须属于本校该专业（或全校公共课），学习成果须在学习成果目录中',
    en: "The rule is invalid: courses must belong to the school's major (or every major) and outcomes to the catalog",
  },
  OUTCOME_NOT_REVERSIBLE: {
    status: 409,
    zh: '该记录不能冲正：只能冲正本校存入且尚未冲正、未用于学分转换的记录',
    en: "Only the school's own deposits that are neither reversed nor used by a conversion can be reversed",
  },
  CONVERSION_NOT_AVAILABLE: {
    status: 409,
    zh: '只有在试点院校就读（已登记专业）的学习者才能在本校申请学分转换',
    en: 'Only a learner enrolled in a major of the school can apply for a conversion there',
  },
  CONVERSION_NOTHING_ALLOWED: {
    status: 409,
    zh: '按本校已发布的认定规则，当前没有可以转换的学习成果（原因见各项说明）',
    en: "Under the school's published rules nothing can be converted now (see each explanation)",
  },
  CONVERSION_PENDING: {
    status: 409,
    zh: '已有一份待审核的学分转换申请，请等待审核结果或先撤回',
    en: 'An application is already waiting for a decision; wait for it or withdraw it first',
  },
  COMPLAINT_SUBJECT_UNKNOWN: {
    status: 400,
    zh: '未找到所投诉的院校、培训评价组织或证书，请重新选择',
    en: 'The school, organization or certificate complained about was not found',
  },
  COMPLAINT_TRANSFER_TARGET: {
    status: 400,
    zh: '转办对象不正确：请选择另一个存在的管理部门',
    en: 'Choose another existing administration to transfer to',
  },
  COMPLAINT_ATTACHMENT_TYPE: {
    status: 400,
    zh: '附件须为 PDF、PNG 或 JPEG 文件（按文件内容检查）',
    en: 'Attachments must be PDF, PNG or JPEG files (checked by their content)',
  },
  COMPLAINT_ATTACHMENTS_CLOSED: {
    status: 409,
    zh: '不能再为该投诉添加附件：每件投诉最多 3 个附件，且须在提交后 1 小时内上传',
    en: 'No more attachments: at most 3 per complaint, uploaded within an hour of filing',
  },
  COMPLAINT_VERDICT_REQUIRED: {
    status: 400,
    zh: '办结投诉时请选择核查结论：成立、部分成立或不成立',
    en: 'Closing a complaint needs a verdict: upheld, partly upheld or not upheld',
  },
  PILOT_CANCELLED: {
    status: 409,
    zh: '该试点已被取消，不能再报名或填报年度计划',
    en: 'This pilot has been cancelled; it can no longer register candidates or file its plan',
  },
  // ---- Special funds (issue 15; R4.5–R4.6) ----
  FUND_PILOT_NOT_APPROVED: {
    status: 409,
    zh: '只有已批准且未终止的试点项目才能安排专项经费（教职成〔2019〕6号 四（四）：凡未纳入 1+X 证书制度试点范围的培训、评价、认证等，不享受试点有关经费支持）',
    en: 'Only an approved pilot that has not ended can hold special funds',
  },
  FUND_BUDGET_EXISTS: { status: 409, zh: '该试点项目本年度已有专项经费预算', en: 'This pilot already has a budget for the year' },
  FUND_BUDGET_NOT_EDITABLE: {
    status: 409,
    zh: '预算已进入审批，不能修改；退回后可修改',
    en: 'The budget is under approval and cannot be changed',
  },
  FUND_BUDGET_NOT_APPROVED: {
    status: 409,
    zh: '预算尚未经二级学院、教务部审核和校领导审批，不能记账',
    en: 'The budget has not been approved through the chain yet',
  },
  FUND_TRANSITION_INVALID: {
    status: 409,
    zh: '预算当前状态不能执行此审批操作',
    en: 'This approval step is not possible in the current state',
  },
  FUND_PROHIBITED_USE: { status: 422, zh: '专项资金不得用于该用途', en: 'Special funds may not be used for this' },
  FUND_LINE_OVERSPENT: {
    status: 409,
    zh: '支出超过该类别的预算余额：须先提出预算调整，报二级学院（部）及教务部审核、主管校领导审批后方可支出',
    en: "The spending exceeds the category's remaining budget",
  },
  FUND_STUDENT_TRAINING_FEE: {
    status: 422,
    zh: '不得向试点专业学生收取培训费，不能记录此项收入',
    en: 'Training fees may not be charged to pilot students',
  },
  FUND_ENTRY_ALREADY_REVERSED: {
    status: 409,
    zh: '该笔记录已被冲正或本身是冲正记录',
    en: 'This entry is already reversed or is a reversal',
  },
  FUND_SETTLEMENT_MISMATCH: { status: 400, zh: '关联的考核费用结算不属于本校', en: "The fee settlement is not this school's" },
  FUND_ADJUSTMENT_OPEN: {
    status: 409,
    zh: '该预算已有一项未完成审批的预算调整',
    en: 'This budget already has an adjustment under approval',
  },
  FUND_ADJUSTMENT_BELOW_SPENT: {
    status: 409,
    zh: '调整后的预算明细不能低于该类别已支出的金额',
    en: 'An adjusted line cannot be below what was already spent on it',
  },
  FUND_ADJUSTMENT_UNCHANGED: { status: 400, zh: '预算调整与现行预算明细相同', en: 'The adjustment does not change any line' },
  FUND_ADJUSTMENT_NOT_EDITABLE: {
    status: 409,
    zh: '预算调整已进入审批，不能修改；退回后可修改',
    en: 'The adjustment is under approval and cannot be changed',
  },
  FILE_NOT_EVIDENCE: {
    status: 400,
    zh: '凭证须为 PDF、PNG 或 JPEG 文件（按文件内容检查，不看文件名）',
    en: 'Evidence must be a PDF, PNG or JPEG file (checked by its content)',
  },
  // ---- Policies with a jurisdiction (issue 18) ----
  POLICY_RULE_INVALID: {
    status: 400,
    zh: '规则参数有误：收费上限须为四类考核形式（纸笔、机考、一般实操、特殊实操）各自的上限（分，非负整数），且只能由省级或国家级文件规定',
    en: 'Invalid rule: fee caps need all four exam forms (fen, non-negative integers) and come from a provincial or national document only',
  },
  POLICY_RULE_RELAXES: {
    status: 400,
    zh: '学校文件只能增加本校的规则，不能把国家或本省规定必须满足的规则改为提醒，也不能改变其参数',
    en: 'A school document adds rules; it cannot turn a blocking national or provincial rule into a warning or change its parameters',
  },
  FILING_PLEDGE_REQUIRED: {
    status: 422,
    zh: '提交备案前须勾选真实性承诺：申报单位对所填报材料的真实性负责',
    en: 'Tick the authenticity pledge before submitting: the school answers for the truth of the materials',
  },
  FUND_EVIDENCE_INVALID: { status: 400, zh: '凭证文件不存在或不属于本校', en: "The evidence file does not exist or is not this school's" },
  // issue 17 item 1: social learners' channel
  SOCIAL_CHANNEL_ONLY: {
    status: 403,
    zh: '社会考生通道仅供社会学习者使用；试点学生由学校提出报名，考核费用由学校支付',
    en: 'The social candidates’ channel is for social learners; pilot students are proposed by their school, which pays',
  },
  SOCIAL_FEE_NOT_PUBLISHED: {
    status: 409,
    zh: '培训评价组织尚未公布该证书等级面向社会考生的考核费用',
    en: 'The organization has not published its fee for social candidates of this level',
  },
  SOCIAL_DOCUMENTS_MISSING: {
    status: 409,
    zh: '请先上传培训评价组织要求的全部报名材料',
    en: 'Upload every document the organization asks for first',
  },
  SOCIAL_APPLICATION_EXISTS: { status: 409, zh: '您已申请过本场考核', en: 'You have already applied for this session' },
  SOCIAL_DOCUMENT_INVALID: {
    status: 400,
    zh: '报名材料须为 PDF、PNG 或 JPEG 文件（按文件内容检查），且不超过 5 MB',
    en: 'A document must be a PDF, PNG or JPEG file (checked by its content) of at most 5 MB',
  },
  // ---- Typical cases, training, consultation desk (issue 14; R9.2–R9.3) ----
  FILE_NOT_WORD_DOCUMENT: {
    status: 400,
    zh: '文件不是有效的 Word 文档（仅接受 .docx 或 .doc，按文件内容检查）',
    en: 'The file is not a Word document (.docx or .doc, checked by its content)',
  },
  FILE_NOT_PICTURE: {
    status: 400,
    zh: '图片须为 PNG 或 JPEG 文件（按文件内容检查，不看文件名）',
    en: 'A picture must be a PNG or JPEG file (checked by its content)',
  },
  CASE_COLLECTION_CLOSED: {
    status: 409,
    zh: '已过报送截止日期，不能再报送或修改案例（征集通知三（三）：于规定日期前报送）',
    en: 'The deadline of the collection has passed',
  },
  CASE_TOO_LONG: {
    status: 400,
    zh: '案例超过 3000 字（征集通知附件3 一：3000 字以内；标题与三部分合计，汉字和标点每个计 1 字，英文单词或数字每个计 1 字，空格不计）',
    en: 'The case is longer than 3,000 characters (附件3 一)',
  },
  CASE_SECTIONS_MISSING: {
    status: 400,
    zh: '案例须包括实施背景（或导语）、工作举措、特色成效三部分（征集通知附件3 三）',
    en: 'The case needs its three sections: background, measures, outcomes (附件3 三)',
  },
  CASE_IMAGE_COUNT: {
    status: 400,
    zh: '每个案例须有 2-4 张图（征集通知附件3 四：案例应图文并茂，每个案例 2-4 张图）',
    en: 'A case needs 2 to 4 pictures (附件3 四)',
  },
  CASE_FILES_MISSING: {
    status: 400,
    zh: '须上传盖章 PDF 扫描件和 Word 电子版（征集通知三（三）：盖章 pdf 扫描件和 word 电子版）',
    en: 'Both the stamped PDF scan and the Word file are required (三（三）)',
  },
  CASE_CATEGORY_NOT_OFFERED: {
    status: 400,
    zh: '该征集未设此案例类别（征集通知附件3 二）',
    en: 'This collection does not offer that category',
  },
  CASE_NOT_EDITABLE: { status: 409, zh: '案例已报送，不能修改', en: 'The case has been submitted and cannot be changed' },
  CASE_NOT_REVIEWABLE: {
    status: 409,
    zh: '只能评审已报送的案例，且征集尚未发布',
    en: 'Only submitted cases of an unpublished collection can be reviewed',
  },
  CASE_SCORES_INVALID: {
    status: 400,
    zh: '评分须覆盖征集的全部评分项，且每项不超过该项满分',
    en: 'Scores must cover every criterion of the collection, each within its maximum',
  },
  CASE_NOT_SCORED: { status: 409, zh: '案例须先评分，再决定是否入选', en: 'Score the case before selecting it' },
  CASE_COLLECTION_PUBLISHED: { status: 409, zh: '征集已发布，不能再修改', en: 'The collection has been published' },
  CASE_NONE_SELECTED: { status: 409, zh: '尚无入选案例，不能发布', en: 'No case has been selected yet' },
  TRAINING_PILOT_NOT_APPROVED: {
    status: 409,
    zh: '只有已批准且未终止的试点项目才能制定培训计划、登记培训',
    en: 'Only an approved pilot can have training plans and records',
  },
  TRAINING_PLAN_TRANSITION_INVALID: {
    status: 409,
    zh: '培训计划当前状态不允许此操作（培训计划须经二级学院（部）和教务部审核）',
    en: 'The plan cannot take this step in its current state',
  },
  TRAINING_PLAN_COMMENT_REQUIRED: { status: 400, zh: '退回须填写意见', en: 'A return needs a comment' },
  TRAINING_PLAN_NOT_EDITABLE: { status: 409, zh: '培训计划已进入审核，不能修改；退回后可修改', en: 'The plan is under approval' },
  TRAINING_PLAN_MISMATCH: { status: 400, zh: '培训计划不属于该试点项目', en: 'The plan does not belong to this pilot' },
  CONSULTATION_ALREADY_ANSWERED: { status: 409, zh: '该问题已答复', en: 'This question has already been answered' },
  CONSULTATION_NOT_ANSWERED: { status: 409, zh: '未答复的问题不能公开', en: 'An unanswered question cannot be published' },
  // ---- Notices and 公示 (R9.1, R9.4) ----
  FILE_NOT_NOTICE_ATTACHMENT: {
    status: 400,
    zh: '附件须为 PDF、Word、Excel 或图片（PNG、JPEG）文件（按文件内容检查，不看文件名）',
    en: 'Attachments must be PDF, Word, Excel or image (PNG, JPEG) files (checked by their content)',
  },
  NOTICE_ATTACHMENT_INVALID: {
    status: 400,
    zh: '附件不存在或不是本账号上传的',
    en: 'An attachment does not exist or was not uploaded by this account',
  },
  NOTICE_CATEGORY_NOT_ALLOWED: {
    status: 403,
    zh: '培训评价组织只能发布本组织证书的标准解读和收费公告（教职成司函〔2019〕36号 三.5）',
    en: 'Organizations publish only standard interpretations and fee notices of their own certificates',
  },
  NOTICE_AUDIENCE_REQUIRED: { status: 400, zh: '非公开通知须选择接收对象（角色）', en: 'A non-public notice needs an audience (roles)' },
  NOTICE_NOT_FORWARDABLE: {
    status: 409,
    zh: '只有省级通知可由省级转发至各地市、再由地市转发至院校',
    en: 'Only a provincial notice is forwarded, by the province to its cities and by a city to its schools',
  },
  PUBLICITY_SUBJECT_NOT_ELIGIBLE: {
    status: 409,
    zh: '该事项不能公示：备案须已审核通过，证书名单须已颁发证书，典型案例须已入选',
    en: 'This cannot be put on display: a filing must be approved, a session must have issued certificates, a case must be selected',
  },
  PUBLICITY_ALREADY_EXISTS: { status: 409, zh: '该事项已在公示（或已公示过）', en: 'This is already on public display' },
  PUBLICITY_NOT_OPEN: { status: 409, zh: '不在公示期内，不能提出异议', en: 'Objections are taken only during the publicity period' },
  // ---- Fee policy per province and fee notices (issue 17 item 6, R1.2) ----
  FEE_CAP_ABOVE_NATIONAL: {
    status: 422,
    zh: '省级收费上限只能等于或低于国家规定的收费上限',
    en: 'A provincial fee cap may only be at or below the national cap',
  },
  FEE_ABOVE_NOTICE: {
    status: 422,
    zh: '考核费用超过培训评价组织公布的收费标准（收费公告）',
    en: "The exam fee exceeds the organization's published fee notice",
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details: Record<string, unknown>; requestId: string };
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}
