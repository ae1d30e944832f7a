import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('result.notFoundTitle')}
      subTitle={t('result.notFoundDesc')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('result.backHome')}
        </Button>
      }
    />
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('result.forbiddenTitle')}
      subTitle={t('result.forbiddenDesc')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('result.backHome')}
        </Button>
      }
    />
  );
}
