/* The phone's own records for learning offline, in IndexedDB; used by the service worker
   (importScripts) and by the pages (offline.js, offline-course.js).
   - queue: answers made offline, waiting to be sent (key: their idempotency key);
   - saved: courses saved for offline use, per person (key: owner|course id);
   - meta: who is using the phone now (the owner key the server writes into every page). */
(function (scope) {
  'use strict';
  var NAME = 'chungtay-offline';
  var opening = null;

  function open() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var request = indexedDB.open(NAME, 1);
        request.onupgradeneeded = function () {
          var db = request.result;
          db.createObjectStore('queue', {keyPath: 'id'});
          db.createObjectStore('saved', {keyPath: 'key'});
          db.createObjectStore('meta', {keyPath: 'key'});
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { opening = null; reject(request.error); };
      });
    }
    return opening;
  }

  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var result = work(tx.objectStore(store));
        tx.oncomplete = function () { resolve(result && 'result' in result ? result.result : result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  scope.offlineDb = {
    all: function (store) { return run(store, 'readonly', function (s) { return s.getAll(); }); },
    get: function (store, key) { return run(store, 'readonly', function (s) { return s.get(key); }); },
    put: function (store, value) { return run(store, 'readwrite', function (s) { s.put(value); }); },
    remove: function (store, key) { return run(store, 'readwrite', function (s) { s.delete(key); }); },
    clear: function (store) { return run(store, 'readwrite', function (s) { s.clear(); }); }
  };
})(self);
