/**
 * 公示期 set with a session's 成绩公示 (issue 21 item 2): the days chosen when its scores were published (by default
 * the organization's setting at that moment), so a later change of the setting does not move an announced period.
 * NULL for sessions published before: they keep following the organization's setting.
 */
export const sql = /* sql */ `
ALTER TABLE exam_sessions ADD COLUMN publicity_days integer CHECK (publicity_days BETWEEN 0 AND 60);
`;
