import {
  BoldOutlined,
  ClearOutlined,
  DisconnectOutlined,
  ItalicOutlined,
  LinkOutlined,
  MinusOutlined,
  OrderedListOutlined,
  RedoOutlined,
  StrikethroughOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { Button, Divider, Input, Select, Space, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeLink } from '../editor-links';
import { NOTICE_EDITOR_EXTENSIONS } from './editor-extensions';
import './rich-text-editor.css';
import '../locales';

export interface RichTextEditorProps {
  /** The body as HTML (what the server stores after sanitizing it). */
  value?: string;
  onChange?: (html: string) => void;
}

type Level = 2 | 3 | 4;

/**
 * The rich-text editor of a notice body (R9.1), a controlled input for an antd Form.Item: it reports the HTML, or ''
 * when the document is empty (so `required` works). The toolbar is in the page's language (加粗、斜体、标题、列表、链接、
 * 撤销…). Loaded on demand (`LazyRichTextEditor`), so neither the entry chunk nor the notice list carries it.
 */
export default function RichTextEditor({ value, onChange }: RichTextEditorProps) {
  const editor = useEditor({
    extensions: NOTICE_EDITOR_EXTENSIONS,
    content: value ?? '',
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes: { 'data-testid': 'notice-editor-content', 'aria-multiline': 'true', role: 'textbox' } },
    onUpdate: ({ editor: e }) => onChange?.(e.isEmpty ? '' : e.getHTML()),
  });
  return (
    <div className="rich-text-editor" data-testid="notice-editor">
      <Toolbar editor={editor} />
      <EditorContent editor={editor} className="rich-text-editor__content" />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const [linking, setLinking] = useState<string | null>(null);
  const [linkError, setLinkError] = useState(false);
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      level: (([2, 3, 4] as const).find((l) => e.isActive('heading', { level: l })) ?? 0) as Level | 0,
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const tool = (key: string, icon: ReactNode, active: boolean, run: () => void, disabled = false) => (
    <Tooltip title={t(`notices.editor.${key}`)} key={key}>
      <Button
        size="small"
        type={active ? 'primary' : 'text'}
        icon={icon}
        aria-label={t(`notices.editor.${key}`)}
        aria-pressed={active}
        disabled={disabled}
        onMouseDown={(e) => e.preventDefault()}
        onClick={run}
      />
    </Tooltip>
  );
  const applyLink = () => {
    if (linking === null) return;
    if (!linking.trim()) {
      chain().extendMarkRange('link').unsetLink().run();
      setLinking(null);
      return;
    }
    const href = normalizeLink(linking);
    if (!href) {
      setLinkError(true);
      return;
    }
    if (editor.state.selection.empty && !editor.isActive('link'))
      chain()
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
    else chain().extendMarkRange('link').setLink({ href }).run();
    setLinking(null);
  };
  return (
    <div className="rich-text-editor__toolbar" role="toolbar" aria-label={t('notices.editor.toolbar')}>
      <Space size={2} wrap>
        {tool('undo', <UndoOutlined />, false, () => chain().undo().run(), !s.canUndo)}
        {tool('redo', <RedoOutlined />, false, () => chain().redo().run(), !s.canRedo)}
        <Divider orientation="vertical" />
        <Select<Level | 0>
          size="small"
          aria-label={t('notices.editor.heading')}
          data-testid="notice-editor-heading"
          value={s.level}
          style={{ width: 110 }}
          popupMatchSelectWidth={false}
          onChange={(l) => (l === 0 ? chain().setParagraph().run() : chain().setHeading({ level: l }).run())}
          options={[
            { value: 0, label: t('notices.editor.paragraph') },
            { value: 2, label: t('notices.editor.h2') },
            { value: 3, label: t('notices.editor.h3') },
            { value: 4, label: t('notices.editor.h4') },
          ]}
        />
        {tool('bold', <BoldOutlined />, s.bold, () => chain().toggleBold().run())}
        {tool('italic', <ItalicOutlined />, s.italic, () => chain().toggleItalic().run())}
        {tool('underline', <UnderlineOutlined />, s.underline, () => chain().toggleUnderline().run())}
        {tool('strike', <StrikethroughOutlined />, s.strike, () => chain().toggleStrike().run())}
        <Divider orientation="vertical" />
        {tool('bulletList', <UnorderedListOutlined />, s.bulletList, () => chain().toggleBulletList().run())}
        {tool('orderedList', <OrderedListOutlined />, s.orderedList, () => chain().toggleOrderedList().run())}
        <Tooltip title={t('notices.editor.blockquote')}>
          <Button
            size="small"
            type={s.blockquote ? 'primary' : 'text'}
            aria-label={t('notices.editor.blockquote')}
            aria-pressed={s.blockquote}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => chain().toggleBlockquote().run()}
          >
            “ ”
          </Button>
        </Tooltip>
        {tool('horizontalRule', <MinusOutlined />, false, () => chain().setHorizontalRule().run())}
        <Divider orientation="vertical" />
        {tool('link', <LinkOutlined />, s.link, () => {
          setLinkError(false);
          setLinking((editor.getAttributes('link').href as string | undefined) ?? '');
        })}
        {tool('unlink', <DisconnectOutlined />, false, () => chain().extendMarkRange('link').unsetLink().run(), !s.link)}
        {tool('clear', <ClearOutlined />, false, () => chain().unsetAllMarks().clearNodes().run())}
      </Space>
      {linking !== null && (
        <div className="rich-text-editor__link">
          <Space.Compact style={{ width: '100%', maxWidth: 520 }}>
            <Input
              autoFocus
              size="small"
              aria-label={t('notices.editor.linkAddress')}
              placeholder="https://"
              value={linking}
              status={linkError ? 'error' : undefined}
              onChange={(e) => {
                setLinkError(false);
                setLinking(e.target.value);
              }}
              onPressEnter={(e) => {
                e.preventDefault();
                applyLink();
              }}
            />
            <Button size="small" type="primary" onClick={applyLink}>
              {t('notices.editor.linkApply')}
            </Button>
            <Button size="small" onClick={() => setLinking(null)}>
              {t('notices.editor.linkCancel')}
            </Button>
          </Space.Compact>
          {linkError && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
              {t('notices.editor.linkInvalid')}
            </Typography.Text>
          )}
        </div>
      )}
    </div>
  );
}
