import { CERTIFICATE_LEVEL_LABELS, type PublicRecognitionRuleDto } from '@onex/shared';
import { Alert, Card, Empty, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { usePublicList, usePublicSchools } from '../api';
import '../locales';

/** 学分认定清单公示 (issue 18 item 7): each school's published recognition rules, without an account. */
export function PublicRecognitionListsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const schools = usePublicSchools();
  const [schoolId, setSchoolId] = useState<string | undefined>();
  const chosen = schoolId ?? schools.data?.[0]?.id;
  const list = usePublicList(chosen);
  return (
    <Card>
      <Typography.Title level={4}>{t('recognitionLists.title')}</Typography.Title>
      <Alert type="info" showIcon title={t('recognitionLists.intro')} style={{ marginBottom: 16 }} />
      {schools.data && schools.data.length === 0 ? (
        <Empty description={t('recognitionLists.none')} />
      ) : (
        <>
          <Select
            aria-label={t('recognitionLists.school')}
            style={{ minWidth: 320, marginBottom: 16 }}
            placeholder={t('recognitionLists.chooseSchool')}
            loading={schools.isLoading}
            value={chosen}
            onChange={setSchoolId}
            options={(schools.data ?? []).map((s) => ({
              value: s.id,
              label: `${s.name}（${t('recognitionLists.rules', { count: s.ruleCount })}）`,
            }))}
          />
          <Table<PublicRecognitionRuleDto>
            rowKey="id"
            loading={list.isLoading}
            dataSource={list.data?.rules ?? []}
            pagination={false}
            columns={[
              { title: t('recognitionLists.major'), dataIndex: 'major' },
              { title: t('recognitionLists.rule'), key: 'rule', render: (_: unknown, r) => `${r.code} ${r.name}` },
              {
                title: t('recognitionLists.outcomes'),
                key: 'outcomes',
                render: (_: unknown, r) =>
                  r.outcomes.map((o) => `${o.name}（${pickLabel(CERTIFICATE_LEVEL_LABELS, o.level, lang)}）`).join('；'),
              },
              {
                title: t('recognitionLists.courses'),
                key: 'courses',
                render: (_: unknown, r) => r.courses.map((c) => `${c.code} ${c.name}（${c.credits}）`).join('；'),
              },
              {
                title: t('recognitionLists.valid'),
                key: 'valid',
                className: 'col-nowrap',
                render: (_: unknown, r) =>
                  r.validFrom || r.validTo ? `${r.validFrom ?? ''} ~ ${r.validTo ?? ''}` : t('recognitionLists.always'),
              },
              { title: t('recognitionLists.basis'), dataIndex: 'basis', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
