import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A table cell of two lines: the main one, and below it in small grey what else tells the row apart (none when empty). */
export function TwoLines({ main, sub }: { main: ReactNode; sub?: ReactNode }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{main}</span>
      {sub && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      )}
    </Space>
  );
}
