/*
 * PhongDich guide embed. On any page (a provincial portal, a school site):
 *   <script src="https://phongdich.example.gov.vn/embed.js" data-guide="scan" data-lang="vi"></script>
 * inserts the guide /guide/scan in a frame, right where the script tag is, as wide as its container
 * and as tall as the guide (the guide page reports its height). See docs/embedding.md.
 */
(function () {
  'use strict';
  const script = document.currentScript;
  if (!script || !script.src) return;
  const slug = script.getAttribute('data-guide');
  if (!slug) return;
  const lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'vi';
  const origin = new URL(script.src, document.baseURI).origin;
  const frame = document.createElement('iframe');
  frame.src = origin + '/guide/' + encodeURIComponent(slug) + '?embed=1&lang=' + lang;
  frame.title = script.getAttribute('data-title') || (lang === 'en' ? 'PhongDich guide' : 'Hướng dẫn PhongDich');
  frame.loading = 'lazy';
  frame.referrerPolicy = 'strict-origin-when-cross-origin';
  frame.style.cssText = 'display:block;width:100%;max-width:100%;min-height:320px;height:640px;border:0;';
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    const data = event.data;
    if (!data || data.type !== 'phongdich-guide-height' || typeof data.height !== 'number') return;
    frame.style.height = Math.min(Math.max(Math.ceil(data.height), 200), 20000) + 'px';
  });
})();
