import type { FilingDetailDto } from '@onex/shared';
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Form, InputNumber, Select, Space, Table, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabel } from '../../../lib/catalog';
import { useSchoolMajors } from '../../../lib/schools';
import { useLang } from '../../../lib/i18n';

export type PlanRow = FilingDetailDto['sections']['plan']['rows'][number];

/**
 * 一、申报计划: one row per major (figures prefilled from the school's major figures of the filing's year), under
 * `plan.rows` of `form`. Used by the filing form and by change requests.
 */
export function PlanFields({
  form,
  filing,
  levels,
  fallbackRows,
}: {
  form: FormInstance;
  filing: Pick<FilingDetailDto, 'certificateTypeName' | 'schoolId' | 'year'>;
  levels: readonly string[];
  /** The rows before the form has reported any (its initial rows). */
  fallbackRows: readonly PlanRow[];
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const majors = useSchoolMajors(filing.schoolId, filing.year);
  const planRows = (Form.useWatch(['plan', 'rows'], { form, preserve: true }) as PlanRow[] | undefined) ?? [...fallbackRows];

  const majorOptions = (majors.data ?? [])
    .filter((m) => !planRows.some((r) => r.schoolMajorId === m.id))
    .map((m) => ({ value: m.id, label: `${m.name}（${m.majorCode}）` }));

  const addMajor = (id: string) => {
    const m = majors.data?.find((x) => x.id === id);
    if (!m) return;
    const y = m.years.find((yy) => yy.year === filing.year);
    const row: PlanRow = {
      schoolMajorId: m.id,
      majorCode: m.majorCode,
      majorName: m.name,
      enrolledStudents: y?.enrolledStudents ?? 0,
      fullTimeTeachers: y?.fullTimeTeachers ?? 0,
      plannedTrainees: 0,
    };
    form.setFieldValue(['plan', 'rows'], [...planRows, row]);
  };

  const planTotal = planRows.reduce((s, r) => s + (r.plannedTrainees ?? 0), 0);

  return (
    <Card size="small" title={t('filings.planTitle')} extra={<Typography.Text type="secondary">{t('filings.planNote')}</Typography.Text>}>
      <Table<PlanRow & { index: number }>
        rowKey="schoolMajorId"
        size="small"
        pagination={false}
        dataSource={planRows.map((r, index) => ({ ...r, index }))}
        data-testid="plan-table"
        columns={[
          { title: t('filings.certificate'), key: 'cert', render: () => filing.certificateTypeName },
          { title: t('filings.levels'), key: 'levels', render: () => levels.map((l) => levelLabel(l, lang)).join('、') },
          { title: t('filings.majorName'), key: 'major', render: (_, r) => `${r.majorName}（${r.majorCode}）` },
          ...(['enrolledStudents', 'fullTimeTeachers', 'plannedTrainees'] as const).map((k) => ({
            title: t(k === 'enrolledStudents' ? 'filings.enrolled' : k === 'fullTimeTeachers' ? 'filings.teachers' : 'filings.trainees'),
            key: k,
            width: 140,
            render: (_: unknown, r: PlanRow & { index: number }) => (
              <Form.Item name={['plan', 'rows', r.index, k]} style={{ margin: 0 }}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`plan-${k}-${r.index}`} />
              </Form.Item>
            ),
          })),
          {
            title: t('common.actions'),
            key: 'remove',
            width: 70,
            render: (_, r) => (
              <Button
                type="text"
                danger
                disabled={planRows.length <= 1}
                icon={<DeleteOutlined />}
                aria-label={t('filings.remove')}
                onClick={() =>
                  form.setFieldValue(
                    ['plan', 'rows'],
                    planRows.filter((_, i) => i !== r.index),
                  )
                }
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Select
          style={{ width: 300 }}
          placeholder={t('filings.addMajor')}
          value={null}
          options={majorOptions}
          onChange={(v: string) => addMajor(v)}
        />
        <Typography.Text type="secondary">{t('filings.traineesTotal', { n: planTotal })}</Typography.Text>
      </Space>
    </Card>
  );
}
