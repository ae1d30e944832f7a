import { DownloadOutlined } from '@ant-design/icons';
import type { ExportJobDto } from '@onex/shared';
import { App, Button, Progress } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError, api, saveBlob } from '../lib/api';
import { dispositionFileName } from '../lib/content-disposition';
import { useErrorText } from '../lib/useErrorText';

/** How often a long export's progress is asked for. */
const POLL_MS = 1000;

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return new ApiError({ code: body?.error?.code ?? 'HTTP_ERROR', message: body?.error?.message ?? '', status: res.status });
}

/**
 * 导出: downloads the list `path` (api-v1, without `/api/v1`) with the same filters as .xlsx — the whole list, not the
 * page on screen (the server answers `format=xlsx` on every list). A long list answers 202 with an export job: the
 * button then shows its progress in a notification, polling the job, and downloads the file when it is written.
 */
export function ExportButton({ path, query = {} }: { path: string; query?: object }) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Record<string, unknown>))
    if (v !== undefined && v !== null && v !== '' && k !== 'page' && k !== 'pageSize') params.set(k, String(v));
  params.set('format', 'xlsx');
  const href = `${API_BASE}${path}?${params}`;
  const fileName = `${path.split('/').filter(Boolean).pop() ?? 'export'}.xlsx`;

  async function followJob(first: ExportJobDto) {
    const key = `export-${first.id}`;
    const show = (job: ExportJobDto) =>
      notification.info({
        key,
        message: t('common.exportPreparing'),
        description: (
          <>
            <Progress percent={job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0} size="small" />
            {t('common.exportProgress', { done: job.done, total: job.total })}
          </>
        ),
        duration: 0,
      });
    let job = first;
    show(job);
    try {
      while (job.status === 'queued' || job.status === 'running') {
        await new Promise((r) => setTimeout(r, POLL_MS));
        job = await api.get<ExportJobDto>(`/exports/${job.id}`);
        show(job);
      }
    } catch (err) {
      notification.destroy(key); // the error is shown by the caller; no progress left spinning
      throw err;
    }
    if (job.status !== 'succeeded' || !job.downloadUrl) {
      notification.error({ key, message: t('common.exportFailed'), description: job.message, duration: 0 });
      return;
    }
    await download(`${API_BASE}/exports/${job.id}/file`);
    notification.success({ key, message: t('common.exportDone'), duration: 4 });
  }

  /** Fetches a file and hands it to the browser under the name the server gives; an error answer throws ApiError. */
  async function download(url: string) {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw await errorOf(res);
    saveBlob(await res.blob(), dispositionFileName(res.headers.get('content-disposition'), fileName));
  }

  async function run() {
    setBusy(true);
    try {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (res.status === 202) {
        setBusy(false);
        await followJob((await res.json()) as ExportJobDto);
      } else if (res.ok) saveBlob(await res.blob(), dispositionFileName(res.headers.get('content-disposition'), fileName));
      else throw await errorOf(res);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid="export-xlsx">
      {t('common.export')}
    </Button>
  );
}
