import { RightOutlined } from '@ant-design/icons';
import { TODO_LABELS } from '@onex/shared';
import { Badge, Card, Empty, List, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLang } from '../../../lib/i18n';
import { useMyTodos } from '../api';
import '../locales';

/** 待办 (issue 21 #1): each kind of waiting work of the role with its count and the page that lists it; waiting ones first. */
export function Todos() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const todos = useMyTodos();
  const items = [...(todos.data?.items ?? [])].sort((a, b) => Number(b.count > 0) - Number(a.count > 0));
  if (!todos.isLoading && items.length === 0) return null; // a role without waiting work of any kind
  const waiting = items.filter((i) => i.count > 0).length;
  return (
    <Card title={t('todos.title')} data-testid="home-todos">
      {todos.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : waiting === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todos.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items.filter((i) => i.count > 0)}
          renderItem={(i) => {
            const label = TODO_LABELS[i.kind][lang === 'en-US' ? 'en' : 'zh'];
            const body = (
              <Space>
                <Badge count={i.count} overflowCount={999} color={i.kind === 'rectifications_overdue' ? 'red' : 'blue'} />
                <span>{label}</span>
              </Space>
            );
            return (
              <List.Item
                data-testid={`todo-${i.kind}`}
                extra={
                  i.link ? (
                    <Link to={i.link} data-testid={`todo-link-${i.kind}`}>
                      {t('todos.open')} <RightOutlined />
                    </Link>
                  ) : (
                    <Typography.Text type="secondary">{t('todos.noPage')}</Typography.Text>
                  )
                }
              >
                {body}
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
