import { describe, expect, it } from 'vitest';
import { editorConfig } from '../../../src/editor/config.js';
import { adminPage } from '../../../src/editor/publish.js';

describe('the editor’s page', () => {
  const editor = editorConfig({ backend: { name: 'proxy', proxyUrl: '/api' }, folder: '', siteUrl: '/' });
  const page = adminPage(
    { editor, stylesheet: '/assets/style.css', title: 'Q&A </title><script>alert(1)</script>', language: 'en" onload="x', icon: '/favicon.svg' },
    { decap: 'decap-cms.0123456789.js', editor: 'editor.0123456789.js' },
  );

  it('loads Decap CMS, then the editor script, from beside itself', () => {
    expect(page).toContain('<script src="decap-cms.0123456789.js"></script>\n<script src="editor.0123456789.js"></script>');
    expect(page).toContain('window.CMS_MANUAL_INIT = true;');
  });

  it('writes the site’s title and language as text', () => {
    expect(page).toContain('<title>Editor · Q&amp;A &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(page).toContain('<html lang="en&quot; onload=&quot;x">');
    expect(page.match(/<script/g)).toHaveLength(4);
  });

  it('carries the configuration as JSON that no value can close', () => {
    const json = /<script type="application\/json" id="answerpress-editor">(.*?)<\/script>/s.exec(page)?.[1] ?? '';
    expect(JSON.parse(json)).toMatchObject({ config: { backend: { name: 'proxy', proxy_url: '/api' } }, stylesheet: '/assets/style.css' });
  });
});
