import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_TYPE_ACTIONS,
  CERTIFICATE_TYPE_STATUSES,
  CERTIFICATE_TYPE_TRANSITIONS,
  EXAM_FORMS,
  NATIONAL_FEE_CAPS_FEN,
  certificateTypeAllowedActions,
  editableCertificateTypeFields,
  feeCapFen,
  validateExamForms,
} from './catalog';
import { ROLES } from './roles';

describe('fee caps (R1.2)', () => {
  it('R1.2: a single-form level is capped at that form’s national cap', () => {
    expect(feeCapFen([{ form: 'paper', share: 1 }])).toBe(20000);
    expect(feeCapFen([{ form: 'computer', share: 1 }])).toBe(30000);
    expect(feeCapFen([{ form: 'practical_general', share: 1 }])).toBe(50000);
    expect(feeCapFen([{ form: 'practical_special', share: 1 }])).toBe(70000);
  });

  it('R1.2: a mixed exam is capped at the score-share-weighted sum (40 % computer + 60 % special practical → 540 元)', () => {
    expect(
      feeCapFen([
        { form: 'computer', share: 0.4 },
        { form: 'practical_special', share: 0.6 },
      ]),
    ).toBe(54000);
  });

  it('R1.2: the cap rounds to whole fen and takes other cap tables', () => {
    expect(
      feeCapFen([
        { form: 'paper', share: 0.333 },
        { form: 'computer', share: 0.667 },
      ]),
    ).toBe(Math.round(0.333 * 20000 + 0.667 * 30000));
    expect(feeCapFen([{ form: 'paper', share: 1 }], { ...NATIONAL_FEE_CAPS_FEN, paper: 15000 })).toBe(15000);
  });

  it('R1.2: shares not summing to 1 are refused', () => {
    const errors = validateExamForms([
      { form: 'computer', share: 0.4 },
      { form: 'practical_special', share: 0.5 },
    ]);
    expect(errors.join()).toContain('之和须等于 1');
  });

  it('R1.2: valid forms pass; empty, duplicate, out-of-range and over-precise shares are refused', () => {
    expect(validateExamForms([{ form: 'paper', share: 1 }])).toEqual([]);
    expect(
      validateExamForms([
        { form: 'computer', share: 0.1 },
        { form: 'paper', share: 0.2 },
        { form: 'practical_general', share: 0.7 },
      ]),
    ).toEqual([]);
    expect(validateExamForms([])).toEqual(['至少需要一种考核方式']);
    expect(
      validateExamForms([
        { form: 'paper', share: 0.5 },
        { form: 'paper', share: 0.5 },
      ]).join(),
    ).toContain('重复');
    expect(validateExamForms([{ form: 'paper', share: 1.5 }]).join()).toContain('大于 0 且不超过 1');
    expect(
      validateExamForms([
        { form: 'paper', share: 0.0005 },
        { form: 'computer', share: 0.9995 },
      ]).join(),
    ).toContain('三位小数');
  });

  it('every exam form has a cap', () => {
    for (const f of EXAM_FORMS) expect(NATIONAL_FEE_CAPS_FEN[f]).toBeGreaterThan(0);
  });
});

describe('certificate-type workflow table (R1.1, R1.5)', () => {
  const expected: Record<string, string | undefined> = {
    'draft:publish': 'published',
    'published:suspend': 'suspended',
    'suspended:resume': 'published',
    'published:withdraw': 'withdrawn',
    'suspended:withdraw': 'withdrawn',
  };

  it('every status × action goes where the table says, and nowhere else', () => {
    for (const status of CERTIFICATE_TYPE_STATUSES)
      for (const action of CERTIFICATE_TYPE_ACTIONS) {
        const t = CERTIFICATE_TYPE_TRANSITIONS.find((x) => x.action === action && x.from.includes(status));
        expect(t?.to, `${status}:${action}`).toBe(expected[`${status}:${action}`]);
      }
  });

  it('only the national administrator moves a type through the workflow', () => {
    for (const role of ROLES)
      for (const status of CERTIFICATE_TYPE_STATUSES) {
        const transitions = certificateTypeAllowedActions(role, true, status).filter((a) =>
          (CERTIFICATE_TYPE_ACTIONS as readonly string[]).includes(a),
        );
        if (role !== 'national_admin') expect(transitions, `${role} ${status}`).toEqual([]);
      }
    expect(certificateTypeAllowedActions('national_admin', false, 'published')).toEqual(
      expect.arrayContaining(['suspend', 'withdraw', 'edit', 'editLevels']),
    );
  });

  it('an organization edits its own drafts fully, its published types’ profile only, never another’s or a withdrawn one', () => {
    expect(editableCertificateTypeFields('org_admin', true, 'draft')).toContain('levels');
    expect(editableCertificateTypeFields('org_admin', true, 'draft')).not.toContain('orgId');
    expect(editableCertificateTypeFields('org_admin', true, 'published')).toEqual([
      'description',
      'targetGroup',
      'awardRequirements',
      'standardDocuments',
    ]);
    expect(editableCertificateTypeFields('org_admin', false, 'draft')).toEqual([]);
    expect(editableCertificateTypeFields('national_admin', false, 'withdrawn')).toEqual([]);
    expect(editableCertificateTypeFields('school_admin', true, 'draft')).toEqual([]);
  });
});
