import { featureStrings } from '../../lib/i18n';

/** Strings of a department's exam pages (考生遴选, 监考安排; issue 17 item 3). */
const zh = {
  deptExams: {
    selectionTitle: '考生遴选',
    selectionIntro:
      '二级学院组织遴选本院试点学生参加考核（考核费用由学校承担）。遴选只是推荐：须经学生本人在账号中同意，或上传本人签字的纸质同意书后，方为报名；不得强制或代为报名。',
    session: '考核场次',
    sessionPlaceholder: '选择报名中的考核场次',
    noOpenSessions: '本院试点的证书暂无报名中的考核场次',
    sessionOption: '{{name}} · {{level}} · {{date}} · {{site}}',
    window: '报名时间',
    seats: '名额',
    seatsLine: '已报名 {{taken}} / 容量 {{capacity}}',
    ourCounts: '本院报名情况',
    ourRegistrations: '本院学生报名名单',
    select: '遴选考生',
    selectTitle: '遴选本院学生',
    selectOk: '推荐 {{n}} 名',
    selectedOk: '已推荐 {{n}} 名学生，待本人确认；跳过 {{skipped}} 名',
    searchStudent: '姓名 / 班级',
    alreadyProposed: '已在名单中',
    noRegistrations: '尚未遴选本院学生',
    invigilationTitle: '监考安排',
    invigilationIntro: '在本校考核站点举行、本院试点证书的考核场次，由二级学院安排监考、巡考人员，并登记监考费（按相关管理办法执行）。',
    hostedSessions: '本校站点的考核场次',
    arrange: '安排监考',
    arranging: '{{name}} · {{date}}',
    noHostedSessions: '本校站点暂无本院试点证书的考核场次',
    chooseSession: '请在上表中选择一个考核场次',
    closedSession: '该场次已结束，不能再安排监考',
  },
};

const en: typeof zh = {
  deptExams: {
    selectionTitle: 'Candidate selection',
    selectionIntro:
      'The department selects its pilot students for exams (the school pays the fees). Selecting only proposes: a student is registered once they consent in their own account, or the department uploads their signed paper consent; nobody may be forced or registered on their behalf.',
    session: 'Exam session',
    sessionPlaceholder: 'Choose a session open for registration',
    noOpenSessions: "No session of the department's pilot certificates is open for registration",
    sessionOption: '{{name}} · {{level}} · {{date}} · {{site}}',
    window: 'Registration window',
    seats: 'Seats',
    seatsLine: '{{taken}} registered / capacity {{capacity}}',
    ourCounts: "The department's registrations",
    ourRegistrations: "The department's candidates",
    select: 'Select students',
    selectTitle: "Select the department's students",
    selectOk: 'Propose {{n}}',
    selectedOk: '{{n}} students proposed, awaiting their consent; {{skipped}} skipped',
    searchStudent: 'Name / class',
    alreadyProposed: 'Already listed',
    noRegistrations: 'No student of the department selected yet',
    invigilationTitle: 'Invigilation',
    invigilationIntro:
      "For sessions at the school's sites of the department's pilot certificates, the department assigns invigilators and patrols and records their fees.",
    hostedSessions: "Sessions at the school's sites",
    arrange: 'Arrange',
    arranging: '{{name}} · {{date}}',
    noHostedSessions: "No session of the department's pilot certificates at the school's sites",
    chooseSession: 'Choose a session in the table above',
    closedSession: 'The session is closed; invigilation can no longer be arranged',
  },
};

featureStrings(zh, en);
