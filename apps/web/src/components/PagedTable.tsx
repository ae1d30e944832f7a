import { Table, type TableProps } from 'antd';

/** A list's page as a table: the rows and total of `query`, paged by `page` / `onPage` (the caller's state). */
export function PagedTable<T extends object>({
  query,
  page,
  pageSize,
  onPage,
  ...table
}: Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> & {
  query: { isLoading: boolean; data?: { items: T[]; total: number } | undefined };
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  return (
    <Table<T>
      size="middle"
      {...table}
      loading={query.isLoading}
      dataSource={query.data?.items ?? []}
      pagination={{ current: page, pageSize, total: query.data?.total ?? 0, onChange: onPage }}
    />
  );
}
