import { Skeleton } from 'antd';
import { Suspense, lazy } from 'react';
import type { RichTextEditorProps } from './RichTextEditor';

const RichTextEditor = lazy(() => import('./RichTextEditor'));

/**
 * The notice body editor, fetched when the publish form opens (its editor library is a chunk of its own). A component
 * of its own so an antd Form.Item hands `value`/`onChange` to the editor and not to the Suspense boundary.
 */
export function LazyRichTextEditor(props: RichTextEditorProps) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <RichTextEditor {...props} />
    </Suspense>
  );
}
