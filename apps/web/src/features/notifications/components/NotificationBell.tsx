import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useMarkRead, useNotifications } from '../api';

/** The header bell: unread count, the latest notifications, mark read / mark all read; a click opens the link. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useNotifications();
  const mark = useMarkRead();
  const items = list.data?.items ?? [];
  const unread = list.data?.unreadCount ?? 0;
  const panel = (
    <div
      className="notification-panel"
      style={{ width: 360, background: '#fff', borderRadius: 8, boxShadow: '0 6px 16px rgba(0,0,0,.12)' }}
    >
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          padding: '8px 12px',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button size="small" type="link" disabled={!unread} onClick={() => mark.mutate('all')} data-testid="notifications-read-all">
          {t('notifications.readAll')}
        </Button>
      </div>
      {items.length ? (
        <List
          size="small"
          style={{ maxHeight: 400, overflow: 'auto' }}
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: n.link ? 'pointer' : undefined, background: n.readAt ? undefined : '#f0f5ff', paddingInline: 12 }}
              onClick={() => {
                if (!n.readAt) mark.mutate(n.id);
                if (n.link) void navigate(n.link);
              }}
              extra={
                !n.readAt ? (
                  <Button
                    size="small"
                    type="link"
                    onClick={(e) => {
                      e.stopPropagation();
                      mark.mutate(n.id);
                    }}
                  >
                    {t('notifications.markRead')}
                  </Button>
                ) : null
              }
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} style={{ padding: 16 }} />
      )}
    </div>
  );
  if (list.isError) return null;
  return (
    <Dropdown popupRender={() => panel} trigger={['click']} placement="bottomRight">
      <Badge count={unread} size="small" offset={[-2, 2]}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('notifications.title')} data-testid="notification-bell" />
      </Badge>
    </Dropdown>
  );
}
