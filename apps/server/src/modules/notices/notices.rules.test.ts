import { describe, expect, it } from 'vitest';
import { noticeAttachmentType } from '../files/files.rules';
import { forwardStep, noticeVisible, organizationMayPublish, publicityEndsOn, publicityStatus, sanitizeNoticeHtml } from './notices.rules';

describe('R9.1 notice bodies are sanitized on the server', () => {
  it('R9.1 removes scripts (with their text), event handlers and javascript: links', () => {
    const out = sanitizeNoticeHtml(
      '<p onclick="steal()">通知<script>alert(1)</script></p><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">链接</a>' +
        '<svg onload="alert(4)"></svg><iframe src="https://evil.example"></iframe><style>p{}</style>',
    );
    expect(out).not.toMatch(/script|alert|onclick|onerror|onload|javascript:|iframe|<style|svg/i);
    expect(out).toContain('<p>通知</p>');
    expect(out).toContain('链接');
  });
  it('R9.1 keeps headings, lists, tables and http(s) links (opened without the opener)', () => {
    const out = sanitizeNoticeHtml(
      '<h3>一、内容</h3><ul><li>甲</li></ul><table><tr><td colspan="2">表</td></tr></table><a href="https://www.moe.gov.cn">教育部</a>',
    );
    expect(out).toContain('<h3>一、内容</h3>');
    expect(out).toContain('<li>甲</li>');
    expect(out).toContain('<td colspan="2">表</td>');
    expect(out).toContain('href="https://www.moe.gov.cn"');
    expect(out).toContain('rel="noopener noreferrer"');
  });
  it('R9.1 drops style attributes and data: images', () => {
    const out = sanitizeNoticeHtml('<p style="background:url(javascript:x)">a</p><img src="data:image/svg+xml;base64,PHN2Zz4=">');
    expect(out).toBe('<p>a</p><img />');
  });
});

describe('R9.1, issue 14 item 1: what the rich-text editor produces survives the sanitizer', () => {
  // Captured from the web editor (features/notices NOTICE_EDITOR_EXTENSIONS, tiptap) in Chromium: a heading, bold and
  // italic text with a hard break, bullet and numbered lists (one starting at 3), a quote, a rule, underline and strike,
  // a link made from the link box and the trailing empty paragraph the editor keeps.
  const TIPTAP =
    '<h2>一、总体要求</h2><p>请各地市 <strong>高度重视</strong>，<em>认真 &amp; "组织"</em><br>第二行</p>' +
    '<h3>（一）工作安排</h3><ul><li><p>甲</p></li><li><p>乙</p></li></ul><ol><li><p>第一</p></li></ol>' +
    '<ol start="3"><li><p>第三</p></li></ol><blockquote><p>引文</p></blockquote><hr><p><u>下划线</u><s>删除</s></p>' +
    '<p>详见<a target="_blank" rel="noopener noreferrer" href="https://www.moe.gov.cn">教育部网站</a>，' +
    '联系<a target="_blank" rel="noopener noreferrer" href="mailto:1x@gd.edu.cn">1x@gd.edu.cn</a></p><p></p>';

  it('issue 14 item 1: a typical editor body (headings, lists, links, bold) is stored unchanged', () => {
    expect(sanitizeNoticeHtml(TIPTAP)).toBe(TIPTAP);
  });
  it('issue 14 item 1: a script and an onerror slipped into an editor body are removed, the rest kept', () => {
    const out = sanitizeNoticeHtml(
      TIPTAP.replace('<hr>', '<hr><script>alert(1)</script><p><img src="https://x.example/a.png" onerror="alert(2)"></p>'),
    );
    expect(out).not.toMatch(/script|alert|onerror/i);
    expect(out).toBe(TIPTAP.replace('<hr>', '<hr><p><img src="https://x.example/a.png" /></p>'));
  });
  it('issue 14 item 1: a numbered list keeps its start and nothing else; breaks and rules stay HTML, not XHTML', () => {
    expect(sanitizeNoticeHtml('<ol type="a" start="2" onclick="x()"><li>甲</li></ol>')).toBe('<ol start="2"><li>甲</li></ol>');
    expect(sanitizeNoticeHtml('<p>a<br/>b</p><hr/><p>&lt;br /&gt;</p>')).toBe('<p>a<br>b</p><hr><p>&lt;br /&gt;</p>');
  });
});

describe('R9.1 notice attachments are checked by content (PDF, Word, Excel, images)', () => {
  const zip = (entries: string[]) =>
    Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from(entries.join('\0') + ' '.repeat(100), 'latin1'),
      Buffer.from([0x50, 0x4b, 0x05, 0x06]),
      Buffer.alloc(18),
    ]);
  const cfb = (stream: string) =>
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from(stream, 'utf16le')]);
  it('R9.1 names Word and Excel files (OOXML and legacy) and PDFs', () => {
    expect(noticeAttachmentType(zip(['[Content_Types].xml', 'word/document.xml']))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(noticeAttachmentType(zip(['[Content_Types].xml', 'xl/workbook.xml']))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(noticeAttachmentType(cfb('WordDocument'))).toBe('application/msword');
    expect(noticeAttachmentType(cfb('Workbook'))).toBe('application/vnd.ms-excel');
    expect(noticeAttachmentType(Buffer.from('%PDF-1.4\ntrailer\n%%EOF\n', 'latin1'))).toBe('application/pdf');
  });
  it('R9.1 refuses an HTML page, a plain zip, an executable or a renamed file', () => {
    expect(noticeAttachmentType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(noticeAttachmentType(zip(['payload.exe']))).toBeNull();
    expect(noticeAttachmentType(Buffer.from('MZ\x90\x00 executable renamed to .docx', 'latin1'))).toBeNull();
    expect(noticeAttachmentType(cfb('SomethingElse'))).toBeNull();
    expect(noticeAttachmentType(Buffer.alloc(0))).toBeNull();
  });
});

describe('R9.1 who may publish and read; 000 三(二) forwarding steps', () => {
  const base = { userId: 'u', cityCode: null, schoolId: null, orgId: null };
  const gdNotice = {
    level: 'province' as const,
    province_code: '440000',
    org_id: null,
    is_public: false,
    audience_roles: ['municipal_admin' as const],
    audience_province_codes: [],
    created_by: 'gd',
  };
  it('003 函36号 三.5: an organization publishes only 标准解读 and fee notices of its own certificates', () => {
    expect(organizationMayPublish('standard_interpretation', 'org1', 'org1')).toBe(true);
    expect(organizationMayPublish('fee_notice', 'org1', 'org1')).toBe(true);
    expect(organizationMayPublish('fee_notice', 'org2', 'org1')).toBe(false);
    expect(organizationMayPublish('policy', 'org1', 'org1')).toBe(false);
  });
  it('R9.1 an internal notice reaches the roles and region it addresses, and units it was forwarded to', () => {
    expect(noticeVisible({ ...base, role: 'municipal_admin', provinceCode: '440000', cityCode: '440100' }, gdNotice, false)).toBe(true);
    expect(noticeVisible({ ...base, role: 'municipal_admin', provinceCode: '420000', cityCode: '420100' }, gdNotice, false)).toBe(false);
    expect(noticeVisible({ ...base, role: 'school_admin', provinceCode: '440000', schoolId: 's' }, gdNotice, false)).toBe(false);
    expect(noticeVisible({ ...base, role: 'school_admin', provinceCode: '440000', schoolId: 's' }, gdNotice, true)).toBe(true);
    expect(noticeVisible(null, gdNotice, false)).toBe(false);
    expect(noticeVisible(null, { ...gdNotice, is_public: true }, false)).toBe(true);
  });
  it('000 三(二): the province forwards to its cities, a city that received it to its schools', () => {
    expect(forwardStep({ ...base, role: 'province_admin', provinceCode: '440000' }, gdNotice, false)).toBe('cities');
    expect(forwardStep({ ...base, role: 'province_admin', provinceCode: '420000' }, gdNotice, false)).toBeNull();
    expect(forwardStep({ ...base, role: 'municipal_admin', provinceCode: '440000', cityCode: '440100' }, gdNotice, true)).toBe('schools');
    expect(forwardStep({ ...base, role: 'municipal_admin', provinceCode: '440000', cityCode: '440100' }, gdNotice, false)).toBeNull();
    expect(
      forwardStep({ ...base, role: 'province_admin', provinceCode: '440000' }, { level: 'national', province_code: null }, false),
    ).toBeNull();
  });
});

describe('R9.4 公示 closes by itself after its period (001 第九条)', () => {
  it('R9.4 a period of N days ends on the (N-1)th day after it starts, across months and years', () => {
    expect(publicityEndsOn('2026-06-01', 7)).toBe('2026-06-07');
    expect(publicityEndsOn('2026-12-28', 5)).toBe('2027-01-01');
    expect(publicityEndsOn('2028-02-27', 3)).toBe('2028-02-29');
  });
  it('R9.4 scheduled before its first day, open through its last day, closed the day after', () => {
    const p = { startsOn: '2026-06-01', endsOn: '2026-06-07' };
    expect(publicityStatus(p, '2026-05-31')).toBe('scheduled');
    expect(publicityStatus(p, '2026-06-01')).toBe('open');
    expect(publicityStatus(p, '2026-06-07')).toBe('open');
    expect(publicityStatus(p, '2026-06-08')).toBe('closed');
  });
});
