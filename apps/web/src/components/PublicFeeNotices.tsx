import type { FeeNoticeDto, Page } from '@onex/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { FeeNoticesTable } from './FeeNoticesTable';

/** A certificate's fee notices in force or scheduled, for everyone, without an account (issue 17 item 6). */
export function PublicFeeNotices({ certificateTypeId }: { certificateTypeId: string }) {
  const { t } = useTranslation();
  const notices = useQuery({
    queryKey: ['fee-notices', 'public', certificateTypeId],
    queryFn: ({ signal }) => api.get<Page<FeeNoticeDto>>('/public/fee-notices', { certificateTypeId, page: 1, pageSize: 50 }, signal),
  });
  const shown = (notices.data?.items ?? []).filter((n) => n.state !== 'superseded');
  return (
    <Card title={t('feeNoticeTable.publicTitle')} data-testid="public-fee-notices">
      {!notices.isLoading && shown.length === 0 ? (
        <Empty description={t('feeNoticeTable.publicNone')} />
      ) : (
        <FeeNoticesTable notices={shown} loading={notices.isLoading} showCertificate={false} showOrganization />
      )}
    </Card>
  );
}
