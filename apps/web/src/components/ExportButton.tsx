import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * 导出: downloads the list `path` (api-v1, without `/api/v1`) with the same filters as .xlsx — the whole list, not the
 * page on screen (the server answers `format=xlsx` on every list).
 */
export function ExportButton({ path, query = {} }: { path: string; query?: object }) {
  const { t } = useTranslation();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Record<string, unknown>))
    if (v !== undefined && v !== null && v !== '' && k !== 'page' && k !== 'pageSize') params.set(k, String(v));
  params.set('format', 'xlsx');
  return (
    <Button icon={<DownloadOutlined />} href={`/api/v1${path}?${params}`} download data-testid="export-xlsx">
      {t('common.export')}
    </Button>
  );
}
