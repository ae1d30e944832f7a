import { describe, expect, it } from 'vitest';
import { editorMayLink, normalizeLink } from './editor-links';

describe('R9.1, issue 14 item 1: the notice editor links only what the server keeps', () => {
  it('issue 14 item 1: completes a bare address or e-mail and keeps http(s) and mailto as typed', () => {
    expect(normalizeLink(' www.moe.gov.cn ')).toBe('https://www.moe.gov.cn');
    expect(normalizeLink('gdjyt.gd.gov.cn/zwgk/')).toBe('https://gdjyt.gd.gov.cn/zwgk/');
    expect(normalizeLink('localhost:8080/a')).toBe('https://localhost:8080/a');
    expect(normalizeLink('1x@gd.edu.cn')).toBe('mailto:1x@gd.edu.cn');
    expect(normalizeLink('http://www.moe.gov.cn')).toBe('http://www.moe.gov.cn');
    expect(normalizeLink('MAILTO:a@b.cn')).toBe('MAILTO:a@b.cn');
  });
  it('issue 14 item 1: refuses javascript:, data: and other schemes, and an empty box', () => {
    expect(normalizeLink('javascript:alert(1)')).toBeNull();
    expect(normalizeLink('JavaScript:alert(1)')).toBeNull();
    expect(normalizeLink('data:text/html,<script>')).toBeNull();
    expect(normalizeLink('ftp://x.cn/a')).toBeNull();
    expect(normalizeLink('   ')).toBeNull();
    expect(editorMayLink('https://a.cn')).toBe(true);
    expect(editorMayLink('www.a.cn')).toBe(true);
    expect(editorMayLink('javascript:alert(1)')).toBe(false);
    expect(editorMayLink('tel:123')).toBe(false);
  });
});
