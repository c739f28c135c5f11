/* Runs inside the sandboxed H5P frame (opaque origin). Starts h5p-standalone, then tells the
   page around it (by postMessage only) its height, its scored xAPI statements and its state.
   The page answers "init" with the learner's saved state. */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('h5p-config').textContent);

  // An opaque origin has no storage: reading window.localStorage throws, which stops H5P
  // core (its offline queue and clipboard use it). Give it a memory-only stand-in.
  try {
    void window.localStorage;
  } catch (error) {
    var items = {};
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      value: {
        getItem: function (key) { return Object.prototype.hasOwnProperty.call(items, key) ? items[key] : null; },
        setItem: function (key, value) { items[key] = String(value); },
        removeItem: function (key) { delete items[key]; },
        clear: function () { items = {}; },
        key: function (index) { return Object.keys(items)[index] || null; },
        get length() { return Object.keys(items).length; }
      }
    });
  }
  var SOURCE = 'chungtay-h5p';
  var started = false;
  var lastState = null;

  function send(message) {
    message.source = SOURCE;
    window.parent.postMessage(message, config.parentOrigin);
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  function reportHeight() {
    send({action: 'height', height: Math.ceil(document.documentElement.scrollHeight)});
  }

  function currentState() {
    var instance = window.H5P && H5P.instances && H5P.instances[0];
    if (!instance || typeof instance.getCurrentState !== 'function') {
      return null;
    }
    try {
      var state = instance.getCurrentState();
      return state === undefined ? null : JSON.stringify(state);
    } catch (error) {
      return null;
    }
  }

  function saveState() {
    var state = currentState();
    if (state !== null && state !== lastState) {
      lastState = state;
      send({action: 'state', state: state});
    }
  }

  // A container's own result comes with its questions' answers (H5P's getXAPIData
  // contract), so the server can re-grade it even when the learner pressed Finish without
  // checking each question.
  function children(statement) {
    var instance = window.H5P && H5P.instances && H5P.instances[0];
    if (!instance || typeof instance.getXAPIData !== 'function' ||
        statement.object.id.indexOf('subContentId=') !== -1) {
      return undefined;
    }
    // Only what the server reads, so that a long presentation's answers fit in one request.
    function slim(items) {
      return (items || []).map(function (item) {
        var s = item.statement || {};
        var object = s.object || {};
        return {
          statement: {
            object: {id: object.id, definition: {extensions: (object.definition || {}).extensions}},
            result: {response: (s.result || {}).response}
          },
          children: slim(item.children)
        };
      });
    }
    try {
      return JSON.parse(JSON.stringify(slim(instance.getXAPIData().children)));
    } catch (error) {
      return undefined;
    }
  }

  var VIEWED = /\/verbs\/(completed|experienced)$/;
  var viewedSent = false;

  // What the learner typed or chose is saved within a second or so, before any Check.
  var saveSoon = null;
  function scheduleSave() {
    clearTimeout(saveSoon);
    saveSoon = setTimeout(saveState, 800);
  }

  function onXAPI(event) {
    var statement = event.data && event.data.statement;
    if (!statement || !statement.object || !statement.verb) {
      return;
    }
    scheduleSave();
    var whole = statement.object.id === config.objectIri;
    var scored = statement.result && statement.result.score;
    if (!scored) {
      // Content without a score: its first "completed"/"experienced" marks the lesson visited.
      if (whole && !viewedSent && VIEWED.test(statement.verb.id || '')) {
        viewedSent = true;
        send({action: 'xapi', statement: {verb: statement.verb, object: {id: statement.object.id}}});
      }
      return;
    }
    statement.id = uuid();
    send({action: 'xapi', statement: JSON.parse(JSON.stringify(statement)),
          children: children(statement)});
    saveState();
  }

  function start(state) {
    if (started) {
      return;
    }
    started = true;
    lastState = state || null;
    var options = {
      id: config.contentId,
      title: config.title,
      h5pJsonPath: config.h5pJsonPath,
      contentJsonPath: config.contentJsonPath,
      librariesPath: config.librariesPath,
      frameJs: config.frameJs,
      frameCss: config.frameCss,
      embedType: 'div',
      frame: false,
      icon: false,
      copyright: false,
      export: false,
      fullScreen: true,
      xAPIObjectIRI: config.objectIri,
      saveFreq: 30
    };
    if (state) {
      options.contentUserData = [{state: state}];
    }
    // Images and media get crossorigin="anonymous": the package files are served with
    // Access-Control-Allow-Origin, so canvases drawn from them (Agamotto, ImageHotspots)
    // stay readable from this opaque-origin frame. h5p-standalone keeps what is set here.
    window.H5PIntegration = {crossorigin: 'anonymous'};
    new H5PStandalone.H5P(document.getElementById('h5p-container'), options).then(function () {
      H5P.externalDispatcher.on('xAPI', onXAPI);
      reportHeight();
      // Typing and choosing do not always make an xAPI event: look every few seconds.
      setInterval(saveState, 3000);
      document.addEventListener('input', scheduleSave, true);
      document.addEventListener('change', scheduleSave, true);
      document.addEventListener('click', scheduleSave, true);
    }).catch(function () {
      document.getElementById('h5p-error').hidden = false;
      reportHeight();
    });
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== config.parentOrigin) {
      return;
    }
    var data = event.data || {};
    if (data.source === SOURCE && data.action === 'init') {
      start(typeof data.state === 'string' ? data.state : null);
    }
  });
  window.addEventListener('pagehide', saveState);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      saveState();
    }
  });
  if (window.ResizeObserver) {
    new ResizeObserver(reportHeight).observe(document.body);
  } else {
    setInterval(reportHeight, 1000);
  }
  send({action: 'ready'});
  // The page normally answers at once; without an answer, play without saved state.
  setTimeout(function () { start(null); }, 3000);
})();
