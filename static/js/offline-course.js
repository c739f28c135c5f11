/* "Lưu để học khi không có mạng" on a course page, and the list of what is saved on the
   offline page. The server's list of a course's files (learning:course_offline) gives each
   URL with its size and version; pages go to the cache of the person they were made for,
   learner-neutral files (images, H5P, static files) to the shared one. A course saved
   before is refreshed at the next visit with a network: only the files whose version
   changed are fetched again. */
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.caches || !window.offlineDb) {
    return;
  }
  var root = document.documentElement;

  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
  }

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }

  function owner() {
    if (root.dataset.owner) { return Promise.resolve(root.dataset.owner); }
    return offlineDb.get('meta', 'owner').then(function (row) { return row ? row.value : 'anon'; });
  }

  function cacheFor(item, who) {
    return caches.open(item.page ? 'pages-' + who : 'assets');
  }

  function fetchInto(item, who) {
    return fetch(item.url, {credentials: 'same-origin', cache: 'no-cache'}).then(function (response) {
      // A file the server no longer has (a deleted image) is skipped; a lost network stops.
      if (!response.ok) { return null; }
      return cacheFor(item, who).then(function (cache) { return cache.put(item.url, response); });
    });
  }

  function keep(list, who, onStep) {
    var done = 0;
    var queue = list.slice();
    // Two at a time: a slow network is not flooded, and the progress moves steadily.
    function worker() {
      var item = queue.shift();
      if (!item) { return Promise.resolve(); }
      return fetchInto(item, who).then(function () {
        done += 1;
        onStep(done, list.length);
        return worker();
      });
    }
    return Promise.all([worker(), worker()]);
  }

  function forget(record) {
    // Files another saved course uses too (H5P core, the player) stay for it.
    return offlineDb.all('saved').then(function (records) {
      var used = {};
      records.forEach(function (other) {
        if (other.key !== record.key) {
          other.items.forEach(function (item) { used[item.url] = true; });
        }
      });
      return Promise.all(record.items.filter(function (item) { return !used[item.url]; })
        .map(function (item) {
          return cacheFor(item, record.owner).then(function (cache) { return cache.delete(item.url); });
        }));
    }).then(function () { return offlineDb.remove('saved', record.key); });
  }

  function courseButton(section) {
    var strings = section.dataset;
    var status = section.querySelector('[data-offline-status]');
    var progress = section.querySelector('[data-offline-progress]');
    var keepButton = section.querySelector('[data-offline-keep]');
    var removeButton = section.querySelector('[data-offline-remove]');
    var manifest = null;
    var who = root.dataset.owner || 'anon';
    var key = who + '|' + strings.course;

    function showSaved(record, note) {
      status.textContent = fill(strings.saved, {size: size(record.bytes)}) + (note ? ' ' + note : '');
      keepButton.hidden = true;
      removeButton.hidden = false;
    }

    function save(changedOnly, previous) {
      var items = manifest.items;
      var todo = changedOnly ? items.filter(function (item) {
        return !previous.versions || previous.versions[item.url] !== item.version;
      }) : items;
      keepButton.disabled = true;
      progress.hidden = false;
      progress.max = todo.length || 1;
      return keep(todo, who, function (done, total) {
        progress.value = done;
        status.textContent = fill(strings.saving, {done: done, total: total});
      }).then(function () {
        var versions = {};
        items.forEach(function (item) { versions[item.url] = item.version; });
        var record = {key: key, owner: who, course: strings.course, title: strings.title,
                      url: strings.url, items: items, versions: versions,
                      bytes: manifest.bytes, savedAt: Date.now()};
        return offlineDb.put('saved', record).then(function () {
          progress.hidden = true;
          showSaved(record, changedOnly && todo.length ? strings.updated : '');
        });
      }).catch(function () {
        progress.hidden = true;
        status.textContent = strings.failed;
      }).then(function () { keepButton.disabled = false; });
    }

    keepButton.addEventListener('click', function () { save(false, null); });
    removeButton.addEventListener('click', function () {
      offlineDb.get('saved', key).then(function (record) {
        return record ? forget(record) : null;
      }).then(function () {
        removeButton.hidden = true;
        keepButton.hidden = false;
        status.textContent = fill(strings.size, {size: size(manifest ? manifest.bytes : 0)});
      });
    });

    keepButton.disabled = true;  // until the size is known
    section.hidden = false;
    Promise.all([
      offlineDb.get('saved', key),
      fetch(strings.manifest, {credentials: 'same-origin'}).then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; })
    ]).then(function (found) {
      var record = found[0];
      manifest = found[1];
      if (record) {
        showSaved(record, '');
        if (manifest) { save(true, record); }  // freshness: what changed since it was saved
      } else if (manifest) {
        status.textContent = fill(strings.size, {size: size(manifest.bytes)});
        keepButton.disabled = false;
      } else {
        section.hidden = true;  // no network and nothing saved: nothing to offer
      }
    });
  }

  function savedList(list) {
    var queued = document.querySelector('[data-offline-queued]');
    if (queued && /[?&]queued=1/.test(location.search)) { queued.hidden = false; }
    owner().then(function (who) {
      return offlineDb.all('saved').then(function (records) {
        var mine = records.filter(function (record) { return record.owner === who; });
        if (!mine.length) {
          var empty = document.createElement('li');
          empty.textContent = list.dataset.empty;
          list.appendChild(empty);
        }
        mine.forEach(function (record) {
          var item = document.createElement('li');
          item.className = 'outline__item';
          var link = document.createElement('a');
          link.href = record.url;
          link.textContent = record.title;
          item.appendChild(link);
          record.items.filter(function (entry) { return entry.page && entry.url !== record.url; })
            .forEach(function (entry) {
              var sub = document.createElement('a');
              sub.href = entry.url;
              sub.className = 'offline-list__page';
              sub.textContent = entry.title;
              item.appendChild(sub);
            });
          list.appendChild(item);
        });
      });
    });
  }

  var section = document.querySelector('[data-offline-save]');
  if (section) { courseButton(section); }
  var list = document.querySelector('[data-offline-list]');
  if (list) { savedList(list); }
})();
