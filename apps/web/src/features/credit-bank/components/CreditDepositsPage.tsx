import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { COURSE_CATEGORIES, COURSE_CATEGORY_LABELS, type CourseCategory, DEPOSIT_IMPORT_COLUMNS, type SchoolCourseDto } from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useSchoolMajors } from '../../../lib/schools';
import { depositsTemplateUrl, useCourses, useDeleteCourse, useImportDeposits, useSaveCourse } from '../api';
import { CODE_PATTERN, formatCredits } from '../credit-helpers';
import { DepositDrawer, XlsxImportModal } from './forms';

/** 课程成果存入 (R7.1): deposit outcomes by form or .xlsx, and keep the school's course catalog. */
export function CreditDepositsPage() {
  const { t } = useTranslation();
  const [depositOpen, setDepositOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const importDeposits = useImportDeposits();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('creditBank.depositsTitle')}</Typography.Title>
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="deposits-import-open">
              {t('creditBank.importDeposits')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDepositOpen(true)} data-testid="deposit-open">
              {t('creditBank.depositTitle')}
            </Button>
          </Space>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('creditBank.depositsIntro')}
        </Typography.Paragraph>
      </Card>
      <CoursesCard />
      <DepositDrawer open={depositOpen} onClose={() => setDepositOpen(false)} />
      <XlsxImportModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        title={t('creditBank.importDeposits')}
        intro={t('creditBank.importDepositsIntro', { columns: DEPOSIT_IMPORT_COLUMNS.join('、') })}
        templateUrl={depositsTemplateUrl}
        mutation={importDeposits}
        successText={(r) =>
          t('creditBank.importDepositsOk', { rows: r.rows, written: r.written, duplicates: r.duplicates, opened: r.accountsOpened })
        }
        testId="deposits-import"
      />
    </Space>
  );
}

interface CourseValues {
  schoolMajorId?: string | null;
  code: string;
  name: string;
  category: CourseCategory;
  credits: number;
  hours: number;
  exemptible: boolean;
}

function CoursesCard() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const me = useUser();
  const majors = useSchoolMajors(me.scope.schoolId ?? '');
  const [majorFilter, setMajorFilter] = useState<string | undefined>();
  const courses = useCourses(majorFilter);
  const save = useSaveCourse();
  const remove = useDeleteCourse();
  const [editing, setEditing] = useState<SchoolCourseDto | 'new' | null>(null);
  const [form] = Form.useForm<CourseValues>();

  const openEditor = (c: SchoolCourseDto | 'new') => {
    setEditing(c);
    form.setFieldsValue(
      c === 'new'
        ? { schoolMajorId: majorFilter ?? null, category: 'professional_core', exemptible: true, credits: 2, hours: 32, code: '', name: '' }
        : {
            schoolMajorId: c.major?.id ?? null,
            code: c.code,
            name: c.name,
            category: c.category,
            credits: c.credits,
            hours: c.hours,
            exemptible: c.exemptible,
          },
    );
  };
  const submit = (v: CourseValues) =>
    save.mutate(
      {
        id: editing && editing !== 'new' ? editing.id : undefined,
        body: { ...v, schoolMajorId: v.schoolMajorId ?? null, code: v.code.trim(), name: v.name.trim() },
      },
      {
        onSuccess: () => {
          void message.success(t('common.savedOk'));
          setEditing(null);
        },
        onError: (err) => {
          if (!showFieldErrors(form, err, { COURSE_CODE_TAKEN: 'code' })) void message.error(errorText(err));
        },
      },
    );

  return (
    <Card
      title={t('creditBank.coursesTitle')}
      extra={
        <Space>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('creditBank.courseMajor')}
            value={majorFilter}
            onChange={setMajorFilter}
            options={(majors.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            data-testid="courses-major"
          />
          <Button icon={<PlusOutlined />} onClick={() => openEditor('new')} data-testid="course-add">
            {t('creditBank.addCourse')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('creditBank.coursesIntro')}</Typography.Paragraph>
      {courses.isError && <Alert type="error" showIcon title={errorText(courses.error)} />}
      <Table<SchoolCourseDto>
        rowKey="id"
        size="small"
        loading={courses.isFetching}
        dataSource={courses.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="courses-table"
        columns={[
          { title: t('creditBank.courseCode'), dataIndex: 'code', key: 'code', width: 100 },
          { title: t('creditBank.courseName'), dataIndex: 'name', key: 'name' },
          { title: t('creditBank.courseMajor'), key: 'major', width: 160, render: (_, c) => c.major?.name ?? t('creditBank.allMajors') },
          {
            title: t('creditBank.category'),
            key: 'category',
            width: 140,
            render: (_, c) => pickLabel(COURSE_CATEGORY_LABELS, c.category, lang),
          },
          { title: t('creditBank.credits'), key: 'credits', width: 70, align: 'right', render: (_, c) => formatCredits(c.credits) },
          { title: t('creditBank.hours'), dataIndex: 'hours', key: 'hours', width: 70, align: 'right' },
          {
            title: t('creditBank.status'),
            key: 'excluded',
            width: 100,
            render: (_, c) => (c.excluded ? <Tag>{t('creditBank.excluded')}</Tag> : null),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_, c) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => openEditor(c)}>
                  {t('creditBank.edit')}
                </Button>
                <Popconfirm
                  title={t('creditBank.deleteConfirm')}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(c.id, { onError: (err) => void message.error(errorText(err)) })}
                >
                  <Button type="link" size="small" danger>
                    {t('creditBank.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('creditBank.addCourse') : t('creditBank.editCourse')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'course-save' } as never}
        destroyOnHidden
        forceRender
      >
        <Form<CourseValues> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="schoolMajorId" label={t('creditBank.courseMajor')}>
            <Select
              allowClear
              placeholder={t('creditBank.allMajors')}
              options={(majors.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            />
          </Form.Item>
          <Space>
            <Form.Item
              name="code"
              label={t('creditBank.courseCode')}
              rules={[
                { required: true, whitespace: true },
                { pattern: CODE_PATTERN, message: t('creditBank.codeFormat') },
              ]}
            >
              <Input maxLength={30} style={{ width: 140 }} data-testid="course-code" />
            </Form.Item>
            <Form.Item name="name" label={t('creditBank.courseName')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} style={{ width: 300 }} data-testid="course-name" />
            </Form.Item>
          </Space>
          <Form.Item name="category" label={t('creditBank.category')} rules={[{ required: true }]}>
            <Select options={COURSE_CATEGORIES.map((k) => ({ value: k, label: pickLabel(COURSE_CATEGORY_LABELS, k, lang) }))} />
          </Form.Item>
          <Space>
            <Form.Item name="credits" label={t('creditBank.credits')} rules={[{ required: true }]}>
              <InputNumber<number> min={0.5} max={30} step={0.5} precision={1} />
            </Form.Item>
            <Form.Item name="hours" label={t('creditBank.hours')} rules={[{ required: true }]}>
              <InputNumber<number> min={0} max={2000} precision={0} />
            </Form.Item>
            <Form.Item name="exemptible" valuePropName="checked" label=" ">
              <Checkbox>{t('creditBank.exemptible')}</Checkbox>
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
