/* H5P exercises in a lesson page (the site's origin).
 *
 * Each exercise's sandboxed iframe gets its player URL only when scrolled near the viewport
 * (IntersectionObserver). The player talks back by postMessage; a message is accepted only
 * from one of these iframes' windows (event.source) and from the origin a sandboxed player has
 * ("null", opaque) or the H5P origin. Statements and saved state are then POSTed, with the
 * CSRF token, to the site's endpoints, where the server decides who the learner is.
 */
(function () {
  'use strict';
  if (window.mwfH5PLesson) {
    return; // the script tag repeats with every exercise on the page
  }
  window.mwfH5PLesson = true;
  var CHANNEL = 'mwf-h5p';
  var players = [];

  function csrfToken(player) {
    var input = player.root.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : '';
  }

  function say(player, key) {
    player.status.textContent = player.root.getAttribute('data-msg-' + key) || '';
  }

  function postJSON(player, url, body) {
    return window.fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrfToken(player)},
      body: JSON.stringify(body)
    });
  }

  function answer(player, message) {
    message.channel = CHANNEL;
    // The sandboxed player's origin is opaque, so it cannot be named as the target; the
    // window is the one this page created, and the message holds only the learner's own state.
    player.iframe.contentWindow.postMessage(message, '*');
  }

  function onReady(player) {
    var url = player.root.getAttribute('data-state-url');
    if (!url) {
      answer(player, {type: 'init', state: null});
      return;
    }
    window.fetch(url, {credentials: 'same-origin'}).then(function (response) {
      return response.ok ? response.json() : {state: null};
    }).then(function (data) {
      answer(player, {type: 'init', state: typeof data.state === 'string' ? data.state : null});
    }, function () {
      answer(player, {type: 'init', state: null});
    });
  }

  function onStatement(player, statement) {
    var url = player.root.getAttribute('data-xapi-url');
    if (!url || !statement || typeof statement !== 'object') {
      return;
    }
    // The server sets the learner: the player's made-up actor is not sent.
    delete statement.actor;
    // One at a time, in order: a question's answer arrives before the set's result.
    player.queue = player.queue.then(function () {
      return postJSON(player, url, statement).then(function (response) {
        if (!response.ok) {
          if (response.status >= 500 || response.status === 403 || response.status === 401) {
            say(player, 'error');
          }
          return null;
        }
        return response.json().then(function (data) {
          showBest(player, data);
          if (data.lesson_completed) {
            say(player, 'completed');
            document.dispatchEvent(new CustomEvent('mwf:lesson-completed'));
          } else if (data.passed) {
            say(player, 'passed');
          } else if (data.score !== null && data.score !== undefined) {
            say(player, 'saved');
          }
        });
      }, function () {
        say(player, 'error');
      });
    });
  }

  // The best score under the player, as the page shows it after a reload.
  function showBest(player, data) {
    var line = player.root.querySelector('.h5p-activity__score');
    var template = player.root.getAttribute('data-msg-best');
    if (!line || !template || data.score === null || data.score === undefined) {
      return;
    }
    line.textContent = template.replace('{score}', String(data.score));
  }

  function onState(player, state) {
    var url = player.root.getAttribute('data-state-url');
    if (!url || typeof state !== 'string') {
      return;
    }
    window.clearTimeout(player.stateTimer);
    player.stateTimer = window.setTimeout(function () {
      postJSON(player, url, {state: state}).catch(function () {});
    }, 500);
  }

  window.addEventListener('message', function (event) {
    var player = null;
    for (var i = 0; i < players.length; i++) {
      if (players[i].iframe.contentWindow === event.source) {
        player = players[i];
      }
    }
    if (!player || (event.origin !== 'null' && event.origin !== player.origin)) {
      return;
    }
    var data = event.data;
    if (!data || typeof data !== 'object' || data.channel !== CHANNEL) {
      return;
    }
    if (data.type === 'ready') {
      onReady(player);
    } else if (data.type === 'started') {
      player.status.textContent = '';
    } else if (data.type === 'statement') {
      onStatement(player, data.statement);
    } else if (data.type === 'state') {
      onState(player, data.state);
    } else if (data.type === 'resize' && typeof data.height === 'number') {
      player.iframe.style.height = Math.max(150, Math.min(data.height, 5000)) + 'px';
    }
  });

  function load(player) {
    if (!player.iframe.getAttribute('src')) {
      say(player, 'loading');
      player.iframe.setAttribute('src', player.iframe.getAttribute('data-src'));
    }
  }

  function init() {
    var roots = document.querySelectorAll('[data-h5p-activity]');
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i];
      players.push({
        root: root,
        iframe: root.querySelector('iframe[data-src]'),
        status: root.querySelector('[role="status"]'),
        origin: root.getAttribute('data-h5p-origin'),
        queue: Promise.resolve(),
        stateTimer: null
      });
    }
    if (!('IntersectionObserver' in window)) {
      players.forEach(load);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          players.forEach(function (player) {
            if (player.iframe === entry.target) {
              load(player);
            }
          });
        }
      });
    }, {rootMargin: '200px 0px'});
    players.forEach(function (player) {
      observer.observe(player.iframe);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
