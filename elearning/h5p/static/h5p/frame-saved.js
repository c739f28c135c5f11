/* Runs first in an H5P frame played from the phone's saved copy (elearning/h5p/offline.py):
   window.h5pFiles maps each file's URL to a Blob the lesson page read from its cache. Every
   URL the player asks for (fetch, XHR, the src/href of scripts, styles, images and media,
   url() in style sheets) becomes a blob: URL made here, in the frame's own opaque origin;
   then the usual frame.css, h5p-standalone and frame.js start, as in the network frame. */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('h5p-config').textContent);
  var files = window.h5pFiles;
  var local = {};  // file URL -> blob: URL

  function key(url) {
    try {
      var parsed = new URL(url, document.baseURI);
      return parsed.origin + parsed.pathname;
    } catch (error) {
      return null;
    }
  }

  function localUrl(url) {
    var found = typeof url === 'string' && key(url);
    return found && local[found] ? local[found] : url;
  }

  // Style sheets name their fonts and images relative to themselves.
  function rewriteStyles(name, blob) {
    return blob.text().then(function (css) {
      css = css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, function (all, quote, ref) {
        var found = local[key(new URL(ref, name).href)];
        return found ? 'url("' + found + '")' : all;
      });
      return new Blob([css], {type: 'text/css'});
    });
  }

  var names = Object.keys(files);
  names.forEach(function (name) {
    if (!/\.css$/.test(name)) {
      local[key(name)] = URL.createObjectURL(files[name]);
    }
  });
  var styles = names.filter(function (name) { return /\.css$/.test(name); });

  function patchProperty(proto, property) {
    var real = Object.getOwnPropertyDescriptor(proto, property);
    Object.defineProperty(proto, property, {
      configurable: true,
      enumerable: real.enumerable,
      get: real.get,
      set: function (value) { real.set.call(this, localUrl(value)); }
    });
  }

  function patch() {
    patchProperty(HTMLScriptElement.prototype, 'src');
    patchProperty(HTMLLinkElement.prototype, 'href');
    patchProperty(HTMLImageElement.prototype, 'src');
    patchProperty(HTMLMediaElement.prototype, 'src');
    patchProperty(HTMLSourceElement.prototype, 'src');
    var setAttribute = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function (name, value) {
      if (/^(src|href)$/i.test(name) && !(this instanceof HTMLAnchorElement)) {
        value = localUrl(value);
      }
      return setAttribute.call(this, name, value);
    };
    var fetchOnline = window.fetch;
    window.fetch = function (input, init) {
      var url = typeof input === 'string' ? input : input && input.url;
      var found = url && key(url);
      if (found && files[found]) {
        return Promise.resolve(new Response(files[found]));
      }
      return fetchOnline.call(window, input, init);
    };
    var openXhr = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url) {
      var args = Array.prototype.slice.call(arguments);
      args[1] = localUrl(url);
      return openXhr.apply(this, args);
    };
    // Markup written as HTML text (innerHTML) does not pass the setters above.
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        var nodes = change.type === 'attributes' ? [change.target] : change.addedNodes;
        Array.prototype.forEach.call(nodes, function (node) {
          if (node.nodeType !== 1) { return; }
          var all = [node].concat(Array.prototype.slice.call(node.querySelectorAll('[src]')));
          all.forEach(function (element) {
            var src = element.getAttribute('src');
            if (src && localUrl(src) !== src) { element.setAttribute('src', src); }
          });
        });
      });
    }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                           attributeFilter: ['src']});
  }

  function load(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.onload = resolve;
      script.onerror = reject;
      script.src = url;  // through the patched setter
      document.body.appendChild(script);
    });
  }

  Promise.all(styles.map(function (name) {
    return rewriteStyles(name, files[name]).then(function (blob) {
      local[key(name)] = URL.createObjectURL(blob);
    });
  })).then(function () {
    patch();
    config.styles.forEach(function (url) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = url;
      document.head.appendChild(link);
    });
    return config.scripts.reduce(function (done, url) {
      return done.then(function () { return load(url); });
    }, Promise.resolve());
  }).catch(function () {
    document.getElementById('h5p-error').hidden = false;
  });
})();
