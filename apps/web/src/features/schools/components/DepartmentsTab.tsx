import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { DepartmentDto, SchoolDto } from '@onex/shared';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useCreateDepartment, useDeleteDepartment, useDepartments, useRenameDepartment } from '../api';

function DepartmentModal({
  school,
  dept,
  open,
  onClose,
}: {
  school: SchoolDto;
  dept: DepartmentDto | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateDepartment();
  const rename = useRenameDepartment();
  const m = dept ? rename : create;
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  return (
    <Modal
      open={open}
      title={dept ? t('schools.renameDepartment') : t('schools.addDepartment')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
      destroyOnHidden
    >
      {m.isError && <Alert type="error" showIcon title={errorText(m.error)} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: dept?.name ?? '' }}
        onFinish={({ name }) => {
          const done = {
            onSuccess: () => {
              void message.success(t('common.savedOk'));
              onClose();
            },
            onError: (err: unknown) => showFieldErrors(form, err, { DEPARTMENT_NAME_TAKEN: 'name' }),
          };
          if (dept) rename.mutate({ id: dept.id, name: name.trim() }, done);
          else create.mutate({ schoolId: school.id, name: name.trim() }, done);
        }}
      >
        <Form.Item
          name="name"
          label={t('schools.departmentName')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('schools.departmentNameRule') }]}
        >
          <Input maxLength={100} data-testid="department-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DepartmentsTab({ school }: { school: SchoolDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const depts = useDepartments(school.id);
  const del = useDeleteDepartment();
  const [editing, setEditing] = useState<DepartmentDto | null | 'new'>(null);
  const canAdd = school.allowedActions.includes('manageDepartments');

  const columns: TableProps<DepartmentDto>['columns'] = [
    { title: t('schools.departmentName'), dataIndex: 'name', key: 'name' },
    { title: t('schools.majorCount'), dataIndex: 'majorCount', key: 'majorCount', width: 120 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_, d) => (
        <Space size={4}>
          {d.allowedActions.includes('update') && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}>
              {t('schools.rename')}
            </Button>
          )}
          {d.allowedActions.includes('delete') && (
            <Popconfirm
              title={t('schools.confirmDeleteDepartment', { name: d.name })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                del
                  .mutateAsync(d.id)
                  .then(() => void message.success(t('schools.departmentDeleted')))
                  .catch((err: unknown) => void message.error(errorText(err)))
              }
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('orgs.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      {canAdd && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          style={{ marginBottom: 16 }}
          data-testid="add-department"
        >
          {t('schools.addDepartment')}
        </Button>
      )}
      {depts.isError && <Alert type="error" showIcon title={errorText(depts.error)} style={{ marginBottom: 16 }} />}
      <Table<DepartmentDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={depts.data ?? []}
        loading={depts.isFetching}
        pagination={false}
      />
      <DepartmentModal school={school} dept={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </>
  );
}
