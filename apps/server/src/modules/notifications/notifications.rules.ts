import { FILING_STATUS_LABELS, type FilingAction, type FilingStatus, type NotificationKind } from '@onex/shared';

export type AudienceKind = 'school' | 'city' | 'province' | 'experts';

export interface FilingNoticeInput {
  action: FilingAction;
  from: FilingStatus;
  to: FilingStatus;
  needsMunicipalReview: boolean;
  decision: 'approved' | 'rejected' | null;
  schoolName: string;
  certificateName: string;
  comment: string | null;
}

export interface Notice {
  audience: AudienceKind;
  kind: NotificationKind;
  title: string;
  body: string;
}

/** Decisions stay hidden from the school until the province publishes them (000 §二), so approve/reject tell it nothing. */
const HIDDEN_FROM_SCHOOL: readonly FilingAction[] = ['approve', 'reject', 'assign_experts', 'expert_score'];

/**
 * Who hears of a workflow step of a filing (R3.11), pure: the school's administrators of every state change it may
 * see and of the published result; the city of a 中职 filing waiting for it; the province of a filing waiting for
 * its acceptance or review; the experts assigned.
 */
export function filingNotices(i: FilingNoticeInput): Notice[] {
  const project = `${i.schoolName}“${i.certificateName}”备案`;
  const notices: Notice[] = [];
  if (i.action === 'publish') {
    const result = i.decision === 'approved' ? '审核通过' : '未通过审核';
    notices.push({ audience: 'school', kind: 'filing_published', title: `${project}结果已公布：${result}`, body: i.comment ?? '' });
  } else if (i.from !== i.to && !HIDDEN_FROM_SCHOOL.includes(i.action)) {
    notices.push({
      audience: 'school',
      kind: 'filing_status',
      title: `${project}状态变更为“${FILING_STATUS_LABELS[i.to].zh}”`,
      body: i.comment ?? '',
    });
  }
  if (i.to === 'submitted' && i.from !== 'submitted') {
    notices.push(
      i.needsMunicipalReview
        ? { audience: 'city', kind: 'filing_awaits_municipal', title: `${project}已提交，待地市初审`, body: '' }
        : { audience: 'province', kind: 'filing_awaits_province', title: `${project}已提交，待省级受理`, body: '' },
    );
  }
  if (i.to === 'provincial_review' && i.from !== 'provincial_review')
    notices.push({ audience: 'province', kind: 'filing_awaits_province', title: `${project}进入省级评审`, body: i.comment ?? '' });
  if (i.action === 'assign_experts')
    notices.push({ audience: 'experts', kind: 'filing_expert_assigned', title: `请评审${project}`, body: i.comment ?? '' });
  return notices;
}

/** The reminder of a round's school deadline (within 3 days). */
export function deadlineNotice(roundName: string, deadline: Date): { title: string; body: string } {
  const shown = deadline.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return {
    title: `“${roundName}”将于 ${shown} 截止学校提交`,
    body: '请在截止时间前完成备案表、论证报告及附件并提交。',
  };
}

export const DEADLINE_NOTICE_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
