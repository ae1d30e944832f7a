import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

/** Form fields of the filing sections, with the exact labels of 000 附件1 / 附件2. Names are section-prefixed. */

/** A date field stored as `YYYY-MM-DD`. */
export function DateField({ name, label }: { name: (string | number)[]; label: string }) {
  return (
    <Form.Item
      name={name}
      label={label}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
      normalize={(v: Dayjs | null) => (v ? v.format('YYYY-MM-DD') : undefined)}
    >
      <DatePicker style={{ width: '100%' }} />
    </Form.Item>
  );
}

export function LeaderFields() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('filings.leaderTitle')}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['leader', 'name']} label={t('filings.name')}>
            <Input maxLength={50} data-testid="leader-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['leader', 'title']} label={t('filings.title')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['leader', 'post']} label={t('filings.post')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['leader', 'yearsOfWork']} label={t('filings.yearsOfWork')}>
            <InputNumber min={0} max={70} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['leader', 'achievements']} label={t('filings.achievements')}>
        <Input.TextArea rows={4} maxLength={3000} showCount />
      </Form.Item>
    </Card>
  );
}

export function TeamFields() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('filings.teamTitle')}>
      <Form.List name={['team', 'members']}>
        {(fields, { add, remove }) => (
          <>
            <Row gutter={8} style={{ fontWeight: 600, marginBottom: 8 }}>
              <Col span={4}>{t('filings.name')}</Col>
              <Col span={4}>{t('filings.title')}</Col>
              <Col span={4}>{t('filings.post')}</Col>
              <Col span={3}>{t('filings.yearsOfWork')}</Col>
              <Col span={8}>{t('filings.role')}</Col>
            </Row>
            {fields.map((f) => (
              <Row gutter={8} key={f.key}>
                <Col span={4}>
                  <Form.Item name={[f.name, 'name']}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[f.name, 'title']}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[f.name, 'post']}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name={[f.name, 'yearsOfWork']}>
                    <InputNumber min={0} max={70} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[f.name, 'role']}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col span={1}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('filings.remove')} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-member">
              {t('filings.addMember')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

export function OverviewFields() {
  const { t } = useTranslation();
  const num = (name: string, label: string, max = 1_000_000, precision = 0) => (
    <Col xs={24} md={12}>
      <Form.Item name={['overview', 'teachers', name]} label={label}>
        <InputNumber min={0} max={max} precision={precision} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('filings.buildAchievements')}>
        <Form.Item name={['overview', 'achievements']}>
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>
      </Card>
      <Card size="small" title={t('filings.teachersTitle')}>
        <Row gutter={16}>
          {num('fullTime', t('filings.fullTime'))}
          {num('partTime', t('filings.partTime'))}
          {num('seniorTitle', t('filings.seniorTitle'))}
          {num('dualQualifiedRatio', t('filings.dualRatio'), 100, 1)}
          {num('industryExpertRatio', t('filings.industryRatio'), 100, 1)}
          <Col xs={24} md={12}>
            <Form.Item name={['overview', 'teachers', 'nationalInnovationTeam']} label={t('filings.innovationTeam')}>
              <Radio.Group
                options={[
                  { value: true, label: t('filings.yes') },
                  { value: false, label: t('filings.no') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('filings.facilitiesTitle')}>
        <Typography.Text strong>{t('filings.trainingRooms')}</Typography.Text>
        <Form.List name={['overview', 'facilities', 'trainingRooms']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} style={{ marginTop: 8 }}>
                  <Col span={11}>
                    <Form.Item name={[f.name, 'name']}>
                      <Input placeholder={t('filings.roomName')} maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'areaM2']}>
                      <InputNumber placeholder={t('filings.area')} min={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'workstations']}>
                      <InputNumber placeholder={t('filings.workstations')} min={0} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('filings.remove')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 8, marginBottom: 16 }}>
                {t('filings.addRoom')}
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Typography.Text strong>{t('filings.offCampus')}</Typography.Text>
        </div>
        <Form.List name={['overview', 'facilities', 'offCampusBases']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} style={{ marginTop: 8 }}>
                  <Col span={23}>
                    <Form.Item name={[f.name, 'name']}>
                      <Input placeholder={t('filings.baseName')} maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('filings.remove')} />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= 3}
                onClick={() => add({})}
                style={{ marginTop: 8, marginBottom: 16 }}
              >
                {t('filings.addBase')}
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['overview', 'facilities', 'lastYearUsage']} label={t('filings.lastYearUsage')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['overview', 'facilities', 'notes']} label={t('filings.facilitiesNotes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Card>
    </Space>
  );
}

export function CourseFields({ majors }: { majors: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('filings.coursesTitle')}
      extra={<Typography.Text type="secondary">{t('filings.coursesHint')}</Typography.Text>}
    >
      <Form.List name={['courseSupport', 'courses']}>
        {(fields, { add, remove }) => (
          <>
            <Row gutter={8} style={{ fontWeight: 600, marginBottom: 8 }}>
              <Col span={7}>{t('filings.courseName')}</Col>
              <Col span={6}>{t('filings.courseMajor')}</Col>
              <Col span={3}>{t('filings.credits')}</Col>
              <Col span={3}>{t('filings.hours')}</Col>
              <Col span={4}>{t('filings.note')}</Col>
            </Row>
            {fields.map((f) => (
              <Row gutter={8} key={f.key}>
                <Col span={7}>
                  <Form.Item name={[f.name, 'name']}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'schoolMajorId']}>
                    <Select allowClear options={majors} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name={[f.name, 'credits']}>
                    <InputNumber min={0} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name={[f.name, 'hours']}>
                    <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[f.name, 'note']}>
                    <Input maxLength={500} />
                  </Form.Item>
                </Col>
                <Col span={1}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('filings.remove')} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-course">
              {t('filings.addCourse')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

export function FeasibilityFields({ projectName }: { projectName: string }) {
  const { t } = useTranslation();
  const text = (name: string, label: string, max = 100) => (
    <Col xs={24} md={12}>
      <Form.Item name={['feasibility', name]} label={label}>
        <Input maxLength={max} />
      </Form.Item>
    </Col>
  );
  return (
    <Card size="small" title={t('filings.reportTitle')}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t('filings.projectName')}>
            <Input value={projectName} disabled />
          </Form.Item>
        </Col>
        {text('leaderName', t('filings.reportLeader'), 50)}
        {text('fundingSource', t('filings.fundingSource'), 200)}
        {text('responsibleDepartment', t('filings.responsibleDept'))}
        <Col xs={24} md={12}>
          <DateField name={['feasibility', 'date']} label={t('filings.reportDate')} />
        </Col>
        {text('place', t('filings.reportPlace'))}
      </Row>
      <Typography.Text strong>{t('filings.reportMajors')}</Typography.Text>
      <Form.List name={['feasibility', 'majors']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Row gutter={8} key={f.key} style={{ marginTop: 8 }} align="middle">
                <Col span={3}>{t('filings.majorN', { n: ['一', '二', '三'][i] ?? i + 1 })}:</Col>
                <Col span={14}>
                  <Form.Item name={[f.name, 'name']}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'headcount']}>
                    <InputNumber placeholder={t('filings.headcount')} min={0} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={1}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('filings.remove')} />
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= 3}
              onClick={() => add({})}
              style={{ marginTop: 8, marginBottom: 16 }}
            >
              {t('filings.addMajor')}
            </Button>
          </>
        )}
      </Form.List>
      <div>
        <Typography.Text strong>{t('filings.expertsTitle')}</Typography.Text>
      </div>
      <Form.List name={['feasibility', 'experts']}>
        {(fields, { add, remove }) => (
          <>
            <Row gutter={8} style={{ fontWeight: 600, margin: '8px 0' }}>
              <Col span={5}>{t('filings.name')}</Col>
              <Col span={9}>{t('filings.expertUnit')}</Col>
              <Col span={6}>{t('filings.expertTitle')}</Col>
              <Col span={3}>{t('filings.signed')}</Col>
            </Row>
            {fields.map((f) => (
              <Row gutter={8} key={f.key}>
                <Col span={5}>
                  <Form.Item name={[f.name, 'name']}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={9}>
                  <Form.Item name={[f.name, 'unit']}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'titleOrPost']}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name={[f.name, 'signed']} valuePropName="checked">
                    <Checkbox>{t('filings.signedYes')}</Checkbox>
                  </Form.Item>
                </Col>
                <Col span={1}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('filings.remove')} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ signed: false })} style={{ marginBottom: 16 }}>
              {t('filings.addExpert')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name={['feasibility', 'conclusion']} label={t('filings.conclusion')}>
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
    </Card>
  );
}

export function OpinionsFields() {
  const { t } = useTranslation();
  const block = (key: 'declaringUnit' | 'competentDepartment', title: string) => (
    <Card size="small" title={title}>
      <Form.Item name={['opinions', key, 'text']} label={t('filings.opinionText')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['opinions', key, 'signer']} label={t('filings.signer')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <DateField name={['opinions', key, 'date']} label={t('filings.opinionDate')} />
        </Col>
      </Row>
    </Card>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {block('declaringUnit', t('filings.declaringOpinion'))}
      {block('competentDepartment', t('filings.competentOpinion'))}
    </Space>
  );
}
