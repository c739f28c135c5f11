/* Chung Tay's service worker (served at /sw.js by cms.core.offline, which puts
   self.OFFLINE = {version, shell, offline} before this file).

   - Pages: from the network first; the copy kept is served only when the network fails.
     A page is kept in the cache of the person it was made for (the owner key the server
     writes into it), and only that person's cache is read: on a shared phone nobody sees
     another's pages. Signing out deletes them.
   - Learner-neutral files (static files, lesson images, H5P files, documents): from the
     cache when kept, refreshed in the background.
   - Answers posted without a network (quiz, lesson finished, "I have read and understood",
     H5P results) are kept in IndexedDB under their idempotency key and sent again later
     (Background Sync, or when a page asks: at load, on focus, when back online). */
'use strict';
importScripts(self.OFFLINE.shell.filter(function (url) { return /offline-db/.test(url); })[0]);

var VERSION = self.OFFLINE.version;
var SHELL = 'shell-' + VERSION;
var ASSETS = 'assets';
var PAGES = 'pages-';
var ASSET_PATHS = /^\/(static|media|documents)\/|^\/h5p\/(files|core|embed)\//;
var NEVER_KEEP = /^\/(en\/)?(accounts|admin|i18n|offline)\/|^\/admin\/|^\/sw\.js/;
var QUEUEABLE_JSON = /^\/(en\/)?h5p\/xapi\/$/;
var LOGOUT = /^\/(en\/)?accounts\/logout\/$/;
var owner = null;

self.addEventListener('install', function (event) {
  var pages = Object.keys(self.OFFLINE.offline).map(function (k) { return self.OFFLINE.offline[k]; });
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll(self.OFFLINE.shell.concat(pages));
  }));
  // The new worker waits until no page uses the old one (see offline.js): an open page is
  // never switched to another worker half-way through.
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf('shell-') === 0 && name !== SHELL;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function currentOwner() {
  if (owner !== null) { return Promise.resolve(owner); }
  return offlineDb.get('meta', 'owner').then(function (row) {
    owner = row ? row.value : 'anon';
    return owner;
  });
}

function setOwner(value) {
  if (!value || value === owner) { return Promise.resolve(); }
  owner = value;
  return offlineDb.put('meta', {key: 'owner', value: value});
}

function ownerOf(html) {
  var found = /data-owner="([0-9a-z]+)"/.exec(html.slice(0, 3000));
  return found ? found[1] : null;
}

function offlinePage(url) {
  var language = /^\/en\//.test(url.pathname) ? 'en' : 'vi';
  return self.OFFLINE.offline[language] || self.OFFLINE.offline.vi;
}

// --- pages ---------------------------------------------------------------------------------
function keepPage(request, response) {
  var type = response.headers.get('Content-Type') || '';
  var control = response.headers.get('Cache-Control') || '';
  if (!response.ok || response.redirected || type.indexOf('text/html') !== 0 ||
      /no-store/.test(control)) {
    return Promise.resolve();
  }
  return response.clone().text().then(function (html) {
    var who = ownerOf(html);
    if (!who) { return; }
    return setOwner(who).then(function () {
      return caches.open(PAGES + who);
    }).then(function (cache) {
      // The page's policy comes along: a kept page (and the saved H5P frame it shows, which
      // inherits it) is no less protected offline than online.
      var headers = {'Content-Type': type};
      var policy = response.headers.get('Content-Security-Policy');
      if (policy) { headers['Content-Security-Policy'] = policy; }
      return cache.put(request.url, new Response(html, {headers: headers}));
    });
  });
}

function cachedPage(url) {
  return currentOwner().then(function (who) {
    return caches.open(PAGES + who).then(function (cache) {
      // The installed app opens its start URL (the home page with ?source=pwa): the home
      // page kept from any visit serves.
      return cache.match(url).then(function (kept) {
        var home = new URL(url);
        if (kept || home.searchParams.get('source') !== 'pwa') { return kept; }
        home.searchParams.delete('source');
        return cache.match(home.href);
      });
    });
  });
}

function servePage(event, url) {
  var request = event.request;
  return fetch(request).then(function (response) {
    if (!NEVER_KEEP.test(url.pathname)) { event.waitUntil(keepPage(request, response)); }
    return response;
  }).catch(function () {
    return cachedPage(request.url).then(function (kept) {
      if (kept) { return kept; }
      return caches.match(offlinePage(url)).then(function (page) {
        return page || Response.error();
      });
    });
  });
}

// --- learner-neutral files -----------------------------------------------------------------
function serveAsset(event) {
  var request = event.request;
  return caches.match(request, {ignoreVary: true}).then(function (kept) {
    var fresh = fetch(request).then(function (response) {
      if (response.ok && response.type !== 'opaque') {
        var copy = response.clone();
        event.waitUntil(caches.open(ASSETS).then(function (cache) { return cache.put(request, copy); }));
      }
      return response;
    });
    if (kept) {
      event.waitUntil(fresh.catch(function () {}));
      return kept;
    }
    return fresh;
  });
}

// --- answers -------------------------------------------------------------------------------
function retryAfter(response) {
  var value = response.headers.get('Retry-After');
  var seconds = parseInt(value, 10);
  if (isNaN(seconds)) {
    var when = Date.parse(value);
    seconds = isNaN(when) ? 30 : Math.max(0, (when - Date.now()) / 1000);
  }
  return Date.now() + seconds * 1000;
}

function idempotencyKey(kind, url, body) {
  if (kind === 'xapi') {
    try {
      var statement = JSON.parse(body).statement || {};
      if (statement.id) { return 'xapi:' + statement.id; }
    } catch (error) { /* not JSON: the server will refuse it */ }
    return 'xapi:' + Date.now() + Math.random();
  }
  var fields = new URLSearchParams(body);
  var token = fields.get('form_token');
  // A quiz attempt's key is its form token with the attempt key of that sending; finishing
  // a lesson or confirming a reading is stored once per learner and page by the server, so
  // the URL is key enough.
  return token ? 'quiz:' + token + ':' + (fields.get('attempt_key') || '') : 'form:' + url;
}

function queue(request, body, kind, notBefore, page) {
  var url = new URL(request.url);
  return currentOwner().then(function (who) {
    var item = {
      id: idempotencyKey(kind, url.pathname, body), kind: kind, url: request.url, page: page,
      body: body, contentType: request.headers.get('Content-Type') || '',
      owner: who, status: 'waiting', notBefore: notBefore || 0, createdAt: Date.now()
    };
    return offlineDb.put('queue', item);
  }).then(function () {
    if (self.registration.sync) {
      return self.registration.sync.register('answers').catch(function () {});
    }
  }).then(function () {
    if (kind === 'xapi') {
      return new Response(JSON.stringify({queued: true}), {
        status: 202, headers: {'Content-Type': 'application/json'}
      });
    }
    return Response.redirect(offlinePage(url) + '?queued=1', 303);
  });
}

function sendOrQueue(event, kind) {
  var request = event.request;
  var copy = request.clone();
  var page = event.request.referrer || request.url;
  return copy.text().then(function (body) {
    return fetch(request).then(function (response) {
      if (response.status === 503 || response.status === 429) {
        return queue(request, body, kind, retryAfter(response), page);
      }
      return response;
    }, function () {
      return queue(request, body, kind, 0, page);
    });
  });
}

function messageIn(html) {
  var found = /class="message message--error">([^<]*)</.exec(html);
  return found ? found[1] : '';
}

function freshToken(item) {
  // A form's CSRF token stops matching when the cookie changes (signing in rotates it):
  // the page the form was on gives a new one, and the answer is sent with it once.
  return fetch(item.page, {credentials: 'same-origin'}).then(function (response) {
    return response.text();
  }).then(function (html) {
    var found = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html);
    if (!found) { return null; }
    var params = new URLSearchParams(item.body);
    params.set('csrfmiddlewaretoken', found[1]);
    return params.toString();
  });
}

function post(item, body) {
  return fetch(item.url, {
    method: 'POST', body: body, credentials: 'same-origin', redirect: 'follow',
    headers: {'Content-Type': item.contentType}
  });
}

function settle(item, response, retried) {
  if (response.status === 503 || response.status === 429) {
    item.notBefore = retryAfter(response);
    return offlineDb.put('queue', item).then(function () { return 'wait'; });
  }
  if (response.status === 403 && item.kind === 'form' && !retried) {
    return freshToken(item).then(function (body) {
      if (!body) { return settle(item, response, true); }
      item.body = body;
      return post(item, body).then(function (again) { return settle(item, again, true); });
    });
  }
  var done = response.ok || response.status === 409;  // 409: this H5P result was stored
  return response.text().then(function (text) {
    item.status = done ? 'sent' : 'refused';
    // A quiz's graded result is the page the server sends it to; otherwise the page itself.
    item.resultUrl = item.id.indexOf('quiz:') === 0 && response.redirected ? response.url : item.page;
    if (done && item.kind === 'xapi') {  // the server's grading, for the lesson to show
      try { item.message = JSON.parse(text).message; } catch (error) { /* 409: no body */ }
    }
    if (!done) {
      var message = '';
      try { message = JSON.parse(text).message || ''; } catch (error) { message = messageIn(text); }
      item.message = message || (response.status === 403 ? 'csrf' : '');
      item.statusCode = response.status;
    }
    delete item.body;  // the answers are on the server now (or refused): not kept here
    return offlineDb.put('queue', item).then(function () { return 'next'; });
  });
}

var replaying = null;
var askedAgain = false;

function replay() {
  // Asked while sending: answers queued since the queue was read go in one more round.
  if (replaying) { askedAgain = true; return replaying; }
  replaying = Promise.all([currentOwner(), offlineDb.all('queue')]).then(function (found) {
    var who = found[0];
    // Only this person's answers, in the order they were made; never someone else's.
    var items = found[1].filter(function (item) {
      return item.status === 'waiting' && item.owner === who;
    }).sort(function (a, b) { return a.createdAt - b.createdAt; });
    var sent = 0;
    function next(index) {
      var item = items[index];
      if (!item || item.notBefore > Date.now()) { return Promise.resolve(); }
      return post(item, item.body).then(function (response) {
        return settle(item, response, false);
      }).then(function (outcome) {
        sent += 1;
        return outcome === 'next' ? next(index + 1) : null;
      });
    }
    return next(0).catch(function () { /* offline again: the rest waits */ }).then(function () {
      return sent;
    });
  }).then(function (sent) {
    replaying = null;
    var told = sent ? self.clients.matchAll().then(function (clients) {
      clients.forEach(function (client) { client.postMessage({type: 'replayed'}); });
    }) : null;
    if (askedAgain) {
      askedAgain = false;
      return Promise.all([told, replay()]);
    }
    return told;
  }, function () { replaying = null; });
  return replaying;
}

function report(client) {
  // What became of this person's answers: sent and refused ones are reported once (then
  // forgotten: the server has them, or the learner was told), waiting ones are counted.
  return Promise.all([currentOwner(), offlineDb.all('queue')]).then(function (found) {
    var mine = found[1].filter(function (item) { return item.owner === found[0]; });
    var told = mine.filter(function (item) { return item.status !== 'waiting'; });
    client.postMessage({
      type: 'status',
      waiting: mine.length - told.length,
      sent: told.filter(function (item) { return item.status === 'sent'; }),
      refused: told.filter(function (item) { return item.status === 'refused'; })
    });
    return Promise.all(told.map(function (item) { return offlineDb.remove('queue', item.id); }));
  });
}

self.addEventListener('sync', function (event) {
  if (event.tag === 'answers') { event.waitUntil(replay()); }
});

// --- signing out ---------------------------------------------------------------------------
function forgetPerson() {
  owner = 'anon';
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PAGES) === 0; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return Promise.all([offlineDb.clear('queue'), offlineDb.clear('saved'),
      offlineDb.put('meta', {key: 'owner', value: 'anon'})]);
  });
}

function signOut(event) {
  // What is still waiting is sent first (while the session is still this person's); then
  // their pages and answers leave the phone.
  return replay().then(function () {
    return fetch(event.request);
  }).then(function (response) {
    return forgetPerson().then(function () { return response; });
  });
}

// --- routing -------------------------------------------------------------------------------
self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === 'POST') {
    if (LOGOUT.test(url.pathname)) {
      event.respondWith(signOut(event));
    } else if (QUEUEABLE_JSON.test(url.pathname)) {
      event.respondWith(sendOrQueue(event, 'xapi'));
    } else if (request.mode === 'navigate' && !NEVER_KEEP.test(url.pathname)) {
      event.respondWith(sendOrQueue(event, 'form'));
    }
    return;
  }
  if (request.method !== 'GET') { return; }
  if (request.mode === 'navigate') {
    event.respondWith(servePage(event, url));
  } else if (ASSET_PATHS.test(url.pathname)) {
    event.respondWith(serveAsset(event));
  }
});

self.addEventListener('message', function (event) {
  var data = event.data || {};
  if (data.type === 'owner') {
    event.waitUntil(setOwner(data.owner).then(replay));
  } else if (data.type === 'flush') {
    event.waitUntil(replay());
  } else if (data.type === 'status' && event.source) {
    event.waitUntil(report(event.source));
  } else if (data.type === 'keep' && typeof data.url === 'string' &&
             new URL(data.url).origin === self.location.origin) {
    // The page open when this worker first took control came before it: keep it too.
    var url = new URL(data.url);
    if (!NEVER_KEEP.test(url.pathname)) {
      event.waitUntil(fetch(url.href, {credentials: 'same-origin'}).then(function (response) {
        return keepPage(new Request(url.href), response);
      }).catch(function () {}));
    }
  } else if (data.type === 'skip-waiting') {
    self.skipWaiting();
  }
});
