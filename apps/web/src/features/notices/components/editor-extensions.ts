import StarterKit from '@tiptap/starter-kit';
import { editorMayLink } from '../editor-links';

/**
 * The notice editor's document model (R9.1): paragraphs, headings 2–4 (the notice's title is above them), bold,
 * italic, underline, strike, bullet and numbered lists, quotes, rules, hard breaks and links. Everything it produces
 * is on the server's allow-list (`sanitizeNoticeHtml`), so a body is stored as typed: links open in a new tab without
 * the opener (the same `rel` the server sets), only http(s) and mailto addresses; no code blocks (their language
 * class would be dropped) and no tables.
 */
export const NOTICE_EDITOR_EXTENSIONS = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    code: false,
    codeBlock: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer', class: null },
      isAllowedUri: (url, ctx) => ctx.defaultValidate(url) && editorMayLink(url),
    },
  }),
];
