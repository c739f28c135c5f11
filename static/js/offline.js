/* Registers the service worker (static/js/sw.js, served at /sw.js) and shows what it did
   with answers made offline: the notice under the header ([data-offline-notice], strings
   rendered by the server in the reader's language). Loaded with defer on every page. */
(function () {
  'use strict';
  var worker = navigator.serviceWorker;
  var root = document.documentElement;
  if (!worker || !root.dataset.sw) {
    return;
  }
  var notice = document.querySelector('[data-offline-notice]');

  function tell(message) {
    worker.ready.then(function (registration) {
      if (registration.active) {
        registration.active.postMessage(message);
      }
    });
  }

  if (!worker.controller) {  // the first visit: the page came before the worker
    worker.addEventListener('controllerchange', function () {
      tell({type: 'keep', url: location.href});
    });
  }

  worker.register(root.dataset.sw, {scope: '/'}).then(function (registration) {
    // A new worker found on an earlier page takes over now, between two pages: nothing
    // this page already shows depends on the old one.
    if (registration.waiting && worker.controller) {
      registration.waiting.postMessage({type: 'skip-waiting'});
    }
  });

  function line(text, href, label) {
    var item = document.createElement('p');
    item.textContent = text ? text + ' ' : '';
    if (href) {
      var link = document.createElement('a');
      link.href = href;
      link.textContent = label;
      item.appendChild(link);
    }
    notice.appendChild(item);
  }

  worker.addEventListener('message', function (event) {
    var data = event.data || {};
    if (data.type === 'replayed') {
      tell({type: 'status'});
    } else if (data.type === 'status' && notice) {
      notice.textContent = '';
      var strings = notice.dataset;
      var sent = data.sent || [];
      if (sent.length) {
        line(strings.sent);
      }
      sent.forEach(function (item) {  // a quiz's graded result is worth a look
        if (item.id.indexOf('quiz:') === 0) {
          line('', item.resultUrl, strings.result);
        }
      });
      (data.refused || []).forEach(function (item) {
        line(item.message && item.message !== 'csrf' ? item.message : strings.refused,
             item.page, strings.again);
      });
      if (data.waiting) {
        line(strings.waiting.replace('%(count)s', data.waiting));
      }
      notice.hidden = !notice.firstChild;
    }
  });

  // Each showing of a quiz form is one attempt (cms.learning.services.attempt_key): a second
  // tap sends the same key, the kept copy opened again (or brought back by Back) a new one.
  var attemptKey = document.querySelector('form.quiz input[name="attempt_key"]');
  if (attemptKey) {
    attemptKey.value = '';  // not a value the browser restored from an earlier showing
    window.addEventListener('pageshow', function (event) {
      if (event.persisted) { attemptKey.value = ''; }
    });
    attemptKey.form.addEventListener('submit', function () {
      if (!attemptKey.value) {
        attemptKey.value = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)),
          function (b) { return (b + 256).toString(16).slice(1); }).join('');
      }
    });
  }

  // A quiz kept on the phone may be older than the server's: say so before it is answered.
  var quiz = document.querySelector('[data-quiz-version]');
  function checkQuiz() {
    // Only a copy kept on the phone (rendered more than a minute ago) can be out of date.
    if (!quiz || !navigator.onLine || Date.now() / 1000 - quiz.dataset.rendered < 60) { return; }
    fetch(quiz.dataset.courseFiles, {credentials: 'same-origin'}).then(function (response) {
      return response.ok ? response.json() : {items: []};
    }).then(function (files) {
      files.items.forEach(function (item) {
        if (item.url === location.pathname && item.version !== quiz.dataset.quizVersion) {
          quiz.hidden = false;
        }
      });
    }, function () {});
  }
  checkQuiz();
  window.addEventListener('online', checkQuiz);

  // The owner key tells the worker whose pages it may show, and starts sending what waits.
  if (root.dataset.owner) {
    tell({type: 'owner', owner: root.dataset.owner});
  }
  tell({type: 'flush'});  // the offline page names nobody: it still sends what waits
  tell({type: 'status'});
  window.addEventListener('online', function () { tell({type: 'flush'}); });
  window.addEventListener('focus', function () { tell({type: 'flush'}); });
})();
