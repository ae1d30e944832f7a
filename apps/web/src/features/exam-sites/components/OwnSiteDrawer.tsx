import { CERTIFICATE_LEVEL_LABELS, CERTIFICATE_LEVELS, type CertificateLevel } from '@onex/shared';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { type ExamSite, useCatalogTypes, useEditSite, useRegions, useRegisterOwnSite } from '../api';
import '../locales';

interface Values {
  certificateTypeId: string;
  name: string;
  address: string;
  provinceCode: string;
  cityCode: string;
  capacity: number;
  levels: CertificateLevel[];
  openShared: boolean;
}

/**
 * 登记 / 修改自有考核站点 (issue 17 item 8; R5.1): an organization registers a site of its own for one of its
 * certificates (in force at once), or edits one it registered (`site`): name, address, capacity, levels.
 */
export function OwnSiteDrawer({ open, site, onClose }: { open: boolean; site: ExamSite | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useUser();
  const [form] = Form.useForm<Values>();
  const types = useCatalogTypes(me.scope.orgId);
  const provinces = useRegions(undefined, open);
  const provinceCode = Form.useWatch('provinceCode', form);
  const certificateTypeId = Form.useWatch('certificateTypeId', form);
  const cities = useRegions(provinceCode, open && Boolean(provinceCode));
  const register = useRegisterOwnSite();
  const edit = useEditSite();
  const write = site ? edit : register;
  const type = (types.data ?? []).find((x) => x.id === (site?.certificateType.id ?? certificateTypeId));
  const levels = type ? CERTIFICATE_LEVELS.filter((l) => type.levels.some((x) => x.level === l)) : [...CERTIFICATE_LEVELS];

  useEffect(() => {
    if (!open) return;
    if (site)
      form.setFieldsValue({
        name: site.name,
        address: site.address,
        capacity: site.capacity,
        levels: site.levels ?? levels,
        certificateTypeId: site.certificateType.id,
        provinceCode: site.provinceCode,
        cityCode: site.cityCode,
      });
    // Only when the drawer opens on a site: the levels follow the catalog once it has loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, site]);

  const close = () => {
    form.resetFields();
    register.reset();
    edit.reset();
    onClose();
  };

  const submit = (v: Values) => {
    const done = {
      onSuccess: () => {
        void message.success(t(site ? 'siteRegister.editedOk' : 'siteRegister.registeredOk'));
        close();
      },
    };
    if (site)
      edit.mutate({ id: site.id, body: { name: v.name.trim(), address: v.address.trim(), capacity: v.capacity, levels: v.levels } }, done);
    else
      register.mutate(
        {
          certificateTypeId: v.certificateTypeId,
          name: v.name.trim(),
          address: v.address.trim(),
          cityCode: v.cityCode,
          capacity: v.capacity,
          levels: v.levels,
          openShared: Boolean(v.openShared),
        },
        done,
      );
  };

  return (
    <Drawer
      open={open}
      title={t(site ? 'siteRegister.editTitle' : 'siteRegister.registerOwn')}
      size={560}
      onClose={close}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={write.isPending} onClick={() => form.submit()} data-testid="own-site-submit">
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      {!site && <Typography.Paragraph type="secondary">{t('siteRegister.registerOwnIntro')}</Typography.Paragraph>}
      {write.isError && <Alert type="error" showIcon title={errorText(write.error)} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ openShared: false }}>
        <Form.Item
          name="certificateTypeId"
          label={t('exams.certificateType')}
          rules={[{ required: true, message: t('exams.certificateRequired') }]}
        >
          <Select
            disabled={Boolean(site)}
            loading={types.isLoading}
            data-testid="own-site-certificate"
            onChange={() => form.setFieldValue('levels', [])}
            options={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('exams.siteName')}
          rules={[{ required: true, whitespace: true, message: t('exams.siteNameRequired') }]}
        >
          <Input maxLength={100} data-testid="own-site-name" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="provinceCode"
            label={t('siteRegister.province')}
            style={{ width: '50%' }}
            rules={[{ required: true, message: t('siteRegister.provinceRequired') }]}
          >
            <Select
              disabled={Boolean(site)}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={() => form.setFieldValue('cityCode', undefined)}
              options={(provinces.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
              data-testid="own-site-province"
            />
          </Form.Item>
          <Form.Item
            name="cityCode"
            label={t('siteRegister.city')}
            style={{ width: '50%' }}
            rules={[{ required: true, message: t('siteRegister.cityRequired') }]}
          >
            <Select
              disabled={Boolean(site) || !provinceCode}
              showSearch={{ optionFilterProp: 'label' }}
              options={(cities.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
              data-testid="own-site-city"
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="address"
          label={t('exams.siteAddress')}
          rules={[{ required: true, whitespace: true, message: t('exams.siteAddressRequired') }]}
        >
          <Input maxLength={200} data-testid="own-site-address" />
        </Form.Item>
        <Form.Item name="capacity" label={t('exams.capacity')} rules={[{ required: true, message: t('exams.capacityRequired') }]}>
          <InputNumber<number> min={1} max={100000} precision={0} style={{ width: 160 }} data-testid="own-site-capacity" />
        </Form.Item>
        <Form.Item
          name="levels"
          label={t('siteRegister.levels')}
          rules={[{ required: true, type: 'array', min: 1, message: t('siteRegister.levelsRequired') }]}
        >
          <Checkbox.Group options={levels.map((l) => ({ value: l, label: pickLabel(CERTIFICATE_LEVEL_LABELS, l, lang) }))} />
        </Form.Item>
        {!site && (
          <Form.Item name="openShared" label={t('siteRegister.markSharedNow')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
