import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** The 查询 / 重置 / 刷新 buttons at the end of a list's filter form (the form submits on 查询). */
export function FilterActions({ onReset, onRefresh }: { onReset: () => void; onRefresh: () => void }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
        {t('common.search')}
      </Button>
      <Button onClick={onReset}>{t('common.reset')}</Button>
      <Tooltip title={t('common.refresh')}>
        <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
      </Tooltip>
    </Space>
  );
}
