import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { MAX_OFF_CAMPUS_BASES, teacherCountProblems, type MajorFigures, type SchoolMajorDto } from '@onex/shared';
import { Alert, App, Button, Col, Divider, Drawer, Form, Input, InputNumber, Row, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/useErrorText';
import { usePutMajorYear } from '../api';
import { fieldPath } from '../school-form';

const EMPTY: MajorFigures = {
  enrolledStudents: 0,
  fullTimeTeachers: 0,
  partTimeTeachers: 0,
  seniorTitleTeachers: 0,
  dualQualifiedTeachers: 0,
  industryExpertTeachers: 0,
  nationalInnovationTeam: false,
  trainingRooms: [],
  offCampusBases: [],
  lastYearUsage: 0,
};

function figuresOf(major: SchoolMajorDto, year: number): MajorFigures {
  const y = major.years.find((x) => x.year === year) ?? [...major.years].sort((a, b) => b.year - a.year)[0];
  if (!y) return EMPTY;
  const { year: _y, updatedAt: _u, ...f } = y;
  return f;
}

/** Edit one year's figures of a major (000 附件1 三), with the cross-field teacher rules checked as you type. */
export function FiguresDrawer({ major, year, onClose }: { major: SchoolMajorDto | null; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<MajorFigures>();
  const put = usePutMajorYear();
  const [editYear, setEditYear] = useState(year);

  const crossRule = (field: 'seniorTitleTeachers' | 'dualQualifiedTeachers' | 'industryExpertTeachers') => ({
    validator: () => {
      const v = form.getFieldsValue(true) as MajorFigures;
      const p = teacherCountProblems({
        fullTimeTeachers: v.fullTimeTeachers ?? 0,
        partTimeTeachers: v.partTimeTeachers ?? 0,
        seniorTitleTeachers: v.seniorTitleTeachers ?? 0,
        dualQualifiedTeachers: v.dualQualifiedTeachers ?? 0,
        industryExpertTeachers: v.industryExpertTeachers ?? 0,
      }).find((x) => x.field === field);
      return p ? Promise.reject(new Error(p.message)) : Promise.resolve();
    },
  });
  const teacherDeps = ['fullTimeTeachers', 'partTimeTeachers'];

  return (
    <Drawer
      open={Boolean(major)}
      title={major ? t('schools.figuresTitle', { name: major.name, year: editYear }) : ''}
      size={720}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={put.isPending} onClick={() => form.submit()} data-testid="figures-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {put.isError && <Alert type="error" showIcon title={errorText(put.error)} style={{ marginBottom: 16 }} data-testid="figures-error" />}
      <Form<MajorFigures>
        form={form}
        layout="vertical"
        initialValues={major ? figuresOf(major, year) : EMPTY}
        onFinish={(v) => {
          if (!major) return;
          const body: MajorFigures = {
            ...v,
            trainingRooms: (v.trainingRooms ?? []).map((r) => ({ ...r, name: r.name.trim() })),
            offCampusBases: (v.offCampusBases ?? []).map((b) => ({ name: b.name.trim() })),
          };
          put.mutate(
            { id: major.id, year: editYear, body },
            {
              onSuccess: () => {
                void message.success(t('schools.figuresSaved'));
                onClose();
              },
              onError: (err) => {
                if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && Array.isArray(err.details.fields)) {
                  form.setFields(
                    (err.details.fields as { path: string; message: string }[]).map((f) => ({
                      name: fieldPath(f.path) as never,
                      errors: [f.message],
                    })),
                  );
                }
              },
            },
          );
        }}
      >
        <Space style={{ marginBottom: 16 }}>
          <span>{t('schools.year')}</span>
          <InputNumber min={2000} max={2100} value={editYear} onChange={(v) => v && setEditYear(v)} data-testid="figures-year" />
        </Space>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="enrolledStudents"
              label={t('schools.fig.enrolledStudents')}
              rules={[{ required: true, type: 'integer', min: 0, message: t('schools.countRule') }]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="fig-enrolledStudents" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="fullTimeTeachers"
              label={t('schools.fig.fullTimeTeachers')}
              rules={[{ required: true, type: 'integer', min: 0, message: t('schools.countRule') }]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="fig-fullTimeTeachers" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="partTimeTeachers"
              label={t('schools.fig.partTimeTeachers')}
              rules={[{ required: true, type: 'integer', min: 0, message: t('schools.countRule') }]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="seniorTitleTeachers"
              label={t('schools.fig.seniorTitleTeachersFull')}
              dependencies={teacherDeps}
              rules={[{ required: true, type: 'integer', min: 0, message: t('schools.countRule') }, crossRule('seniorTitleTeachers')]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="dualQualifiedTeachers"
              label={t('schools.fig.dualQualifiedTeachersFull')}
              dependencies={teacherDeps}
              rules={[{ required: true, type: 'integer', min: 0, message: t('schools.countRule') }, crossRule('dualQualifiedTeachers')]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="fig-dualQualifiedTeachers" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="industryExpertTeachers"
              label={t('schools.fig.industryExpertTeachersFull')}
              dependencies={teacherDeps}
              rules={[{ required: true, type: 'integer', min: 0, message: t('schools.countRule') }, crossRule('industryExpertTeachers')]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="lastYearUsage"
              label={t('schools.fig.lastYearUsageFull')}
              rules={[{ required: true, type: 'integer', min: 0, message: t('schools.countRule') }]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="nationalInnovationTeam" label={t('schools.fig.nationalInnovationTeam')} valuePropName="checked">
              <Switch checkedChildren={t('schools.yes')} unCheckedChildren={t('schools.no')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('schools.fig.trainingRooms')}</Divider>
        <Form.List name="trainingRooms">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }} wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('schools.roomNameRequired') }]}>
                    <Input placeholder={t('schools.roomName')} style={{ width: 240 }} maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'areaM2']} rules={[{ required: true, type: 'number', min: 0, message: t('schools.areaRule') }]}>
                    <InputNumber min={0} placeholder={t('schools.area')} suffix="m²" style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'workstations']}
                    rules={[{ required: true, type: 'integer', min: 0, message: t('schools.countRule') }]}
                  >
                    <InputNumber min={0} precision={0} placeholder={t('schools.workstations')} style={{ width: 130 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('orgs.delete')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', areaM2: null, workstations: null })}>
                {t('schools.addRoom')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">{t('schools.fig.offCampusBases')}</Divider>
        <Form.List
          name="offCampusBases"
          rules={[
            {
              validator: (_, v: unknown[] | undefined) =>
                (v?.length ?? 0) > MAX_OFF_CAMPUS_BASES
                  ? Promise.reject(new Error(t('schools.basesMax', { n: MAX_OFF_CAMPUS_BASES })))
                  : Promise.resolve(),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('schools.baseNameRequired') }]}>
                    <Input placeholder={t('schools.baseName')} style={{ width: 420 }} maxLength={100} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('orgs.delete')} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_OFF_CAMPUS_BASES}
                onClick={() => add({ name: '' })}
              >
                {t('schools.addBase')}
              </Button>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {t('schools.basesMax', { n: MAX_OFF_CAMPUS_BASES })}
              </Typography.Text>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
