import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ContactDto, ContactInput, EvaluationOrgDetailDto } from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../lib/api';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useCertificateTypes } from '../../../lib/catalog';
import { ToBeConfirmedTag } from '../../../components/ToBeConfirmedTag';
import { useCreateContact, useDeleteContact, useOrg, useUpdateContact } from '../api';
import { OrgFormModal } from './OrgFormModal';

type ContactValues = { [K in keyof ContactInput]-?: K extends 'contactName' ? string : string | null };

const CONTACT_FIELDS = ['contactName', 'officePhone', 'mobile', 'fax', 'email', 'address', 'postcode'] as const;

function ContactModal({
  org,
  contact,
  open,
  onClose,
}: {
  org: EvaluationOrgDetailDto;
  contact: ContactDto | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactValues>();
  const create = useCreateContact();
  const update = useUpdateContact();
  const mutation = contact ? update : create;
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const types = useCertificateTypes({ page: 1, pageSize: 200, orgId: org.id });

  return (
    <Modal
      open={open}
      title={contact ? t('orgs.editContact') : t('orgs.addContact')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={620}
    >
      {mutation.isError && <Alert type="error" showIcon title={errorText(mutation.error)} style={{ marginBottom: 16 }} />}
      <Form<ContactValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          contact
            ? {
                certificateTypeId: contact.certificateTypeId,
                contactName: contact.contactName,
                officePhone: contact.officePhone,
                mobile: contact.mobile,
                fax: contact.fax,
                email: contact.email,
                address: contact.address,
                postcode: contact.postcode,
              }
            : { certificateTypeId: null }
        }
        onFinish={(v) => {
          const body: ContactInput = { contactName: v.contactName.trim(), certificateTypeId: v.certificateTypeId ?? null };
          for (const f of CONTACT_FIELDS) {
            if (f === 'contactName') continue;
            const val = v[f];
            body[f] = typeof val === 'string' && val.trim() ? val.trim() : null;
          }
          const done = {
            onSuccess: () => {
              void message.success(t('common.savedOk'));
              onClose();
            },
            onError: (err: unknown) => showFieldErrors(form, err),
          };
          if (contact) update.mutate({ orgId: org.id, id: contact.id, body }, done);
          else create.mutate({ orgId: org.id, body }, done);
        }}
      >
        <Form.Item name="certificateTypeId" label={t('orgs.certificate')} extra={t('orgs.certificateHint')}>
          <Select
            allowClear
            options={[
              { value: null as unknown as string, label: t('orgs.allCertificates') },
              ...(types.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
        </Form.Item>
        <Space wrap size="middle" style={{ display: 'flex' }}>
          <Form.Item
            name="contactName"
            label={t('orgs.contactName')}
            rules={[{ required: true, whitespace: true, message: t('orgs.contactNameRequired') }]}
          >
            <Input maxLength={50} data-testid="contact-name" />
          </Form.Item>
          <Form.Item name="officePhone" label={t('orgs.officePhone')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="mobile" label={t('orgs.mobile')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="fax" label={t('orgs.fax')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="email" label={t('orgs.email')} rules={[{ type: 'email', message: t('orgs.emailRule') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="postcode" label={t('orgs.postcode')} rules={[{ pattern: /^\d{6}$/, message: t('orgs.postcodeRule') }]}>
            <Input maxLength={6} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('orgs.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function OrgDetail({ id, own }: { id: string | undefined; own: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const q = useOrg(id);
  const del = useDeleteContact();
  const [editOpen, setEditOpen] = useState(false);
  const [contact, setContact] = useState<ContactDto | null | 'new'>(null);

  if (!id) return <Result status="404" title={t('orgs.noOrg')} />;
  if (q.isError)
    return q.error instanceof ApiError && q.error.status === 404 ? (
      <Result status="404" title={t('orgs.notFound')} />
    ) : (
      <Alert type="error" showIcon title={errorText(q.error)} />
    );
  const o = q.data;
  if (!o)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const canEdit = o.allowedActions.includes('edit') || o.allowedActions.includes('editProfile');
  const manage = o.allowedActions.includes('manageContacts');

  const columns: TableProps<ContactDto>['columns'] = [
    {
      title: t('orgs.certificate'),
      dataIndex: 'certificateTypeName',
      key: 'cert',
      width: 170,
      render: (v: string | null) => v ?? t('orgs.allCertificates'),
    },
    { title: t('orgs.contactName'), dataIndex: 'contactName', key: 'contactName', width: 100 },
    { title: t('orgs.officePhone'), dataIndex: 'officePhone', key: 'officePhone', width: 130 },
    { title: t('orgs.mobile'), dataIndex: 'mobile', key: 'mobile', width: 130 },
    { title: t('orgs.fax'), dataIndex: 'fax', key: 'fax', width: 130 },
    { title: t('orgs.email'), dataIndex: 'email', key: 'email', width: 180 },
    { title: t('orgs.address'), dataIndex: 'address', key: 'address', width: 260, ellipsis: { showTitle: true } },
    { title: t('orgs.postcode'), dataIndex: 'postcode', key: 'postcode', width: 90 },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, c: ContactDto) => (
              <Space size={4}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setContact(c)} aria-label={t('certTypes.edit')} />
                <Popconfirm
                  title={t('orgs.confirmDeleteContact', { name: c.contactName })}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    del
                      .mutateAsync({ orgId: o.id, id: c.id })
                      .then(() => void message.success(t('orgs.contactDeleted')))
                      .catch((err: unknown) => void message.error(errorText(err)))
                  }
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('orgs.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {!own && (
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/evaluation-orgs')}>
          {t('orgs.backToList')}
        </Button>
      )}
      <Card
        title={
          <Space>
            {o.name}
            <ToBeConfirmedTag show={o.toBeConfirmed} />
          </Space>
        }
        extra={
          canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="org-edit">
              {t('certTypes.edit')}
            </Button>
          ) : null
        }
      >
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'code', label: t('orgs.code'), children: o.code },
            { key: 'shortName', label: t('orgs.shortName'), children: o.shortName || t('common.none') },
            { key: 'address', label: t('orgs.address'), children: o.address || t('common.none') },
            { key: 'postcode', label: t('orgs.postcode'), children: o.postcode || t('common.none') },
            {
              key: 'website',
              label: t('orgs.website'),
              children: o.website ? (
                <a href={o.website} target="_blank" rel="noreferrer">
                  {o.website}
                </a>
              ) : (
                t('common.none')
              ),
            },
            {
              key: 'description',
              label: t('orgs.description'),
              span: 'filled',
              children: <div style={{ whiteSpace: 'pre-wrap' }}>{o.description || t('common.none')}</div>,
            },
          ]}
        />
      </Card>
      <Card
        title={t('orgs.contactsTitle')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setContact('new')} data-testid="add-contact">
              {t('orgs.addContact')}
            </Button>
          ) : null
        }
      >
        <Table<ContactDto>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={o.contacts}
          pagination={false}
          scroll={{ x: 1400 }}
          locale={{ emptyText: t('orgs.noContacts') }}
          data-testid="org-contacts"
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12, marginBottom: 0 }}>
          {t('orgs.contactsNote')}
        </Typography.Paragraph>
      </Card>
      <OrgFormModal open={editOpen} org={o} profileOnly={!o.allowedActions.includes('edit')} onClose={() => setEditOpen(false)} />
      <ContactModal org={o} contact={contact === 'new' ? null : contact} open={contact !== null} onClose={() => setContact(null)} />
    </Space>
  );
}

export function OrgDetailPage() {
  const { id } = useParams();
  return <OrgDetail id={id} own={false} />;
}

export function MyOrganizationPage() {
  const user = useUser();
  return <OrgDetail id={user.scope.orgId} own />;
}
