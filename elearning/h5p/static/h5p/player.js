/* The H5P block on a lesson page. When the block scrolls into view it opens the exercise in
   an iframe sandboxed without allow-same-origin, then relays what the frame says: its height,
   its scored xAPI statements and its saved state, which it posts with the block's signed
   token. The frame never sees the token or the page.
   A course saved on the phone has the exercise's files in the Cache API: then the frame's
   document is the saved one (srcdoc, still sandboxed) and its files are handed to it as Blobs
   (elearning/h5p/offline.py says why the service worker cannot serve this frame). */
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
    }).catch(function () { return {}; });  // no network and no worker: nothing to tell
  }

  // The saved copy: its document, and a Blob of every file it lists; null when any is missing
  // (then the exercise comes from the network, as without a saved course).
  function savedCopy(block) {
    if (!window.caches || !block.dataset.savedSrc) {
      return Promise.resolve(null);
    }
    // ignoreVary: the worker keeps files under the request the page made (Accept-Language).
    return caches.match(block.dataset.savedSrc, {ignoreVary: true}).then(function (response) {
      return response ? response.text() : null;
    }).then(function (html) {
      if (!html) {
        return null;
      }
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var config = JSON.parse(doc.getElementById('h5p-config').textContent);
      var files = {};
      return Promise.all(config.files.map(function (url) {
        var key = new URL(url, location.href).href;
        return caches.match(url, {ignoreVary: true}).then(function (kept) {
          if (!kept) {
            throw new Error('not saved: ' + url);
          }
          return kept.blob();
        }).then(function (blob) { files[key] = blob; });
      })).then(function () {
        return {html: html, files: files, loader: new URL(config.loader, location.href).href};
      });
    }).catch(function () { return null; });
  }

  function open(block) {
    savedCopy(block).then(function (copy) { play(block, copy); });
  }

  function play(block, copy) {
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
    if (copy) {
      iframe.srcdoc = copy.html;
    } else {
      iframe.src = block.dataset.frameSrc;
    }

    window.addEventListener('message', function (event) {
      // Only our own frame; its origin is "null", so check the window, not the origin.
      if (event.source !== iframe.contentWindow) {
        return;
      }
      var data = event.data || {};
      if (data.source !== SOURCE) {
        return;
      }
      if (data.action === 'files' && copy) {
        iframe.contentWindow.postMessage(
          {source: SOURCE, action: 'files', files: copy.files, loader: copy.loader}, '*');
      } else if (data.action === 'ready') {
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

  // A result kept on the phone and sent later: the worker reports the server's grading
  // (its answer to offline.js's status request), shown where "saved" was.
  function showGraded(event) {
    var data = event.data || {};
    var graded = (data.sent || []).filter(function (item) {
      return item.kind === 'xapi' && item.message && item.page === location.href;
    });
    if (!graded.length || data.type !== 'status') {
      return;
    }
    var statuses = document.querySelectorAll('[data-h5p-block] [data-h5p-status]');
    Array.prototype.forEach.call(statuses, function (status) {
      if (status.textContent === status.closest('[data-h5p-block]').dataset.queued) {
        status.textContent = graded[graded.length - 1].message;
      }
    });
  }

  function setup() {
    if (navigator.serviceWorker) {
      navigator.serviceWorker.addEventListener('message', showGraded);
    }
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
