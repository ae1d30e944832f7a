import { SCHOOL_FLAGS, SCHOOL_FLAG_LABELS, SCHOOL_TYPES, SCHOOL_TYPE_LABELS, TECHNICAL_SCHOOL, TECHNICAL_SCHOOL_LABEL } from '@onex/shared';
import { Checkbox, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useRegions } from '../../../lib/regions';
import { creditCodeHelp } from '../school-form';

/** The school fields of the register drawer and the edit form; `editable` disables the others. */
export function SchoolFormFields({ provinceCode, editable }: { provinceCode: string | undefined; editable?: readonly string[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const cities = useRegions(provinceCode, Boolean(provinceCode));
  const locked = (f: string) => Boolean(editable && !editable.includes(f));
  const creditCode = Form.useWatch<string | undefined>('creditCode');
  const help = creditCodeHelp(creditCode);

  return (
    <>
      <Form.Item
        name="name"
        label={t('schools.name')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('schools.nameRequired') }]}
      >
        <Input maxLength={100} disabled={locked('name')} data-testid="school-name" />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label={t('schools.creditCode')}
        validateStatus={help ? 'error' : undefined}
        hasFeedback={help === null}
        help={help || undefined}
        normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
        rules={[
          { required: true, message: t('schools.creditCodeRequired') },
          { validator: (_, v: string) => (creditCodeHelp(v) ? Promise.reject(new Error(creditCodeHelp(v) ?? '')) : Promise.resolve()) },
        ]}
      >
        <Input maxLength={18} disabled={locked('creditCode')} style={{ fontFamily: 'monospace' }} data-testid="school-credit-code" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="schoolType" label={t('schools.type')} rules={[{ required: true, message: t('schools.typeRequired') }]}>
            <Select
              disabled={locked('schoolType')}
              options={[
                ...SCHOOL_TYPES.map((s) => ({ value: s, label: pickLabel(SCHOOL_TYPE_LABELS, s, lang) })),
                {
                  value: TECHNICAL_SCHOOL,
                  disabled: true,
                  label: `${lang === 'en-US' ? TECHNICAL_SCHOOL_LABEL.en : TECHNICAL_SCHOOL_LABEL.zh}（${t('schools.technicalNotEligible')}）`,
                },
              ]}
              data-testid="school-type"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="cityCode" label={t('schools.city')} rules={[{ required: true, message: t('schools.cityRequired') }]}>
            <Select
              disabled={locked('cityCode')}
              loading={cities.isFetching}
              showSearch={{ optionFilterProp: 'label' }}
              options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
              data-testid="school-city"
            />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -12 }}>
        {t('schools.technicalNote')}
      </Typography.Paragraph>
      <Form.Item name="flags" label={t('schools.flags')}>
        <Checkbox.Group disabled={locked('flags')} data-testid="school-flags">
          <Row gutter={[8, 8]}>
            {SCHOOL_FLAGS.map((f) => (
              <Col key={f} xs={24} md={12}>
                <Checkbox value={f}>{pickLabel(SCHOOL_FLAG_LABELS, f, lang)}</Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="address" label={t('schools.address')}>
        <Input maxLength={200} disabled={locked('address')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="contactName" label={t('schools.contactName')}>
            <Input maxLength={50} disabled={locked('contactName')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="contactPhone"
            label={t('schools.contactPhone')}
            rules={[{ pattern: /^[0-9+\-() ]{5,30}$/, message: t('schools.phoneRule') }]}
          >
            <Input maxLength={30} disabled={locked('contactPhone')} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
