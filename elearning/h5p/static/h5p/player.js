/* The H5P block on a lesson page. When the block scrolls into view it opens the exercise in
   an iframe sandboxed without allow-same-origin, then relays what the frame says: its height,
   its scored xAPI statements and its saved state, which it posts with the block's signed
   token. The frame never sees the token or the page. */
(function () {
  'use strict';
  var SOURCE = 'chungtay-h5p';

  // keepalive: a save sent as the learner leaves the page still reaches the server (the
  // browser allows 64 KB of such bodies in flight; larger ones go as ordinary requests).
  function post(url, body) {
    var text = JSON.stringify(body);
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: text.length < 60000,
      headers: {'Content-Type': 'application/json'},
      body: text
    }).then(function (response) {
      return response.status === 204 ? {} : response.json().catch(function () { return {}; });
    });
  }

  function open(block) {
    var stage = block.querySelector('[data-h5p-stage]');
    var status = block.querySelector('[data-h5p-status]');
    var saved = block.dataset.state || null;  // a JSON string, passed on as it is
    var iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    // Presentations and videos may go fullscreen (H5P's own button); nothing else is allowed.
    iframe.setAttribute('allow', 'fullscreen');
    iframe.setAttribute('allowfullscreen', '');
    iframe.setAttribute('title', block.dataset.title);
    iframe.setAttribute('scrolling', 'no');
    iframe.className = 'h5p-block__frame';
    iframe.src = block.dataset.frameSrc;

    window.addEventListener('message', function (event) {
      // Only our own frame; its origin is "null", so check the window, not the origin.
      if (event.source !== iframe.contentWindow) {
        return;
      }
      var data = event.data || {};
      if (data.source !== SOURCE) {
        return;
      }
      if (data.action === 'ready') {
        iframe.contentWindow.postMessage({source: SOURCE, action: 'init', state: saved}, '*');
      } else if (data.action === 'height' && typeof data.height === 'number') {
        iframe.style.height = Math.max(120, Math.min(data.height, 5000)) + 'px';
        block.classList.add('h5p-block--ready');
      } else if (data.action === 'xapi' && block.dataset.token) {
        post(block.dataset.xapiUrl,
             {token: block.dataset.token, statement: data.statement, children: data.children})
          .then(function (reply) {
            if (reply.message) {
              status.textContent = reply.message;
            } else if (reply.queued) {  // no network: the service worker keeps it (sw.js)
              status.textContent = block.dataset.queued;
            }
          });
      } else if (data.action === 'state' && typeof data.state === 'string' && block.dataset.token) {
        saved = data.state;
        post(block.dataset.stateUrl, {token: block.dataset.token, state: data.state});
      }
    });
    stage.appendChild(iframe);
  }

  function setup() {
    var blocks = document.querySelectorAll('[data-h5p-block]');
    Array.prototype.forEach.call(blocks, function (block) {
      var note = block.querySelector('[data-h5p-note]');
      note.textContent = note.dataset.loading;
      note.classList.add('h5p-block__note--loading');
    });
    if (!('IntersectionObserver' in window)) {
      Array.prototype.forEach.call(blocks, open);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          open(entry.target);
        }
      });
    }, {rootMargin: '200px 0px'});
    Array.prototype.forEach.call(blocks, function (block) { observer.observe(block); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setup);
  } else {
    setup();
  }
})();
