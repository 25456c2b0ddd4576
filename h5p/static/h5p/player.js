/* The player page on the H5P origin, inside the lesson's sandboxed iframe.
 *
 * It has an opaque origin (sandbox without allow-same-origin), so it cannot reach the site's
 * session: it only talks to the lesson page by postMessage, to the site's origin only.
 *   -> {type: 'ready'}                       when loaded (the page answers with 'init')
 *   <- {type: 'init', state}                  the participant's saved state (or null)
 *   -> {type: 'statement', statement}         every xAPI statement the content raises
 *   -> {type: 'state', state}                 the content's current state, when it changes
 *   -> {type: 'resize', height}               the height the content needs
 */
(function () {
  'use strict';
  var CHANNEL = 'mwf-h5p';
  var config = JSON.parse(document.getElementById('h5p-config').textContent);
  var parentOrigin = config.siteOrigin;
  var container = document.getElementById('h5p-container');
  var started = false;
  var lastState = null;
  var lastHeight = 0;

  // A sandboxed document without allow-same-origin has no Web Storage: touching it throws.
  // H5P reads it outside try blocks, so it gets a per-page, in-memory stand-in.
  function memoryStorage() {
    var data = {};
    return {
      getItem: function (key) { return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null; },
      setItem: function (key, value) { data[key] = String(value); },
      removeItem: function (key) { delete data[key]; },
      clear: function () { data = {}; },
      key: function (index) { return Object.keys(data)[index] || null; },
      get length() { return Object.keys(data).length; }
    };
  }
  ['localStorage', 'sessionStorage'].forEach(function (name) {
    try {
      return window[name] && undefined;
    } catch (error) {
      try {
        Object.defineProperty(window, name, {value: memoryStorage(), configurable: true});
      } catch (ignored) {
        // leave it: H5P then reports its own error
      }
    }
  });

  function send(message) {
    if (window.parent === window) {
      return;
    }
    message.channel = CHANNEL;
    window.parent.postMessage(message, parentOrigin);
  }

  function h5pWindow() {
    // In "div" embedding the content runs here; in "iframe" embedding, in the inner frame
    // h5p-standalone creates (same opaque origin, so it is reachable).
    var inner = container.querySelector('iframe.h5p-iframe');
    if (inner && inner.contentWindow && inner.contentWindow.H5P && inner.contentWindow.H5P.instances) {
      return inner.contentWindow;
    }
    return window;
  }

  function checkState() {
    var H5P = h5pWindow().H5P;
    var instance = H5P && H5P.instances && H5P.instances[0];
    if (!instance || typeof instance.getCurrentState !== 'function') {
      return;
    }
    var state;
    try {
      state = instance.getCurrentState();
    } catch (error) {
      return;
    }
    if (state === undefined) {
      return;
    }
    var text = JSON.stringify(state);
    if (text !== lastState) {
      lastState = text;
      send({type: 'state', state: text});
    }
  }

  function reportHeight() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (Math.abs(height - lastHeight) > 2) {
      lastHeight = height;
      send({type: 'resize', height: height});
    }
  }

  function start(state) {
    if (started) {
      return;
    }
    started = true;
    lastState = state || null;
    var options = {
      h5pJsonPath: config.h5pJsonPath,
      frameJs: config.frameJs,
      frameCss: config.frameCss,
      embedType: config.embedType,
      xAPIObjectIRI: config.xAPIObjectIRI,
      id: 'mwf',
      frame: false,
      copyright: false,
      export: false,
      icon: false,
      fullScreen: false,
      // The state is kept locally by H5P and read here; there is no user, so H5P itself
      // never posts it anywhere.
      saveFreq: 5
    };
    if (state) {
      options.contentUserData = [{state: state}];
    }
    new window.H5PStandalone.H5P(container, options).then(function () {
      var H5P = h5pWindow().H5P;
      H5P.externalDispatcher.on('xAPI', function (event) {
        send({type: 'statement', statement: event.data.statement});
        window.setTimeout(checkState, 300);
      });
      window.setInterval(checkState, 5000);
      send({type: 'started'});
      reportHeight();
    }).catch(function (error) {
      window.console.error('H5P player:', error);
      send({type: 'error', message: String(error)});
    });
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== parentOrigin) {
      return;
    }
    var data = event.data;
    if (data && data.channel === CHANNEL && data.type === 'init') {
      start(typeof data.state === 'string' ? data.state : null);
    }
  });

  if (window.ResizeObserver) {
    new window.ResizeObserver(reportHeight).observe(document.body);
  }
  window.setInterval(reportHeight, 1000);
  if (window.parent === window) {
    start(null); // opened on its own (no lesson page): play without saving anything
  } else {
    send({type: 'ready'});
  }
}());
