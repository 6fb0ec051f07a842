// Live refresh for the monitor's pages, without external libraries (the machines may be offline).
// Fragments are rendered by the server (same templates as the first page load); charts are
// drawn as inline SVG from /live/history. Data is written with textContent, never as markup.
(function () {
  'use strict';
  var REFRESH_MS = 5000;
  var SVG = 'http://www.w3.org/2000/svg';

  function get(url, as) {
    return fetch(url, { credentials: 'same-origin', redirect: 'manual',
      headers: { 'Accept': as === 'json' ? 'application/json' : 'text/html' } })
      .then(function (response) {
        // A lapsed session answers with a redirect to the login (the form, or the single sign-on
        // provider on another origin, which a script may not follow): reload to let the operator log in again.
        if (response.type === 'opaqueredirect') { window.location.reload(); throw new Error('login'); }
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return as === 'json' ? response.json() : response.text();
      });
  }

  function liveFragment(elementId, url) {
    setInterval(function () {
      get(url, 'html').then(function (html) {
        var current = document.getElementById(elementId);
        var holder = document.createElement('div');
        holder.innerHTML = html; // server-rendered by Thymeleaf, which escapes every value
        var fresh = holder.querySelector('#' + elementId);
        if (current && fresh) { current.replaceWith(fresh); }
      }).catch(function () { /* keep the last view; the next tick tries again */ });
    }, REFRESH_MS);
  }

  function el(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function format(value, unit) {
    if (unit === 's') { return value < 60 ? value.toFixed(1) + ' s' : Math.round(value / 60) + ' min'; }
    if (unit === '/s') { return (value < 10 ? value.toFixed(2) : value.toFixed(0)) + '/s'; }
    return String(Math.round(value));
  }

  // One small line chart: x is time over the last hour, y from zero to the series' maximum.
  function chart(title, points, index, unit) {
    var box = document.createElement('div');
    box.className = 'chart';
    var heading = document.createElement('div');
    heading.className = 'title';
    heading.textContent = title;
    heading.title = title;
    var now = document.createElement('span');
    now.className = 'now';
    var last = points.length ? points[points.length - 1][index] : 0;
    now.textContent = format(last, unit);
    heading.appendChild(now);
    box.appendChild(heading);

    var width = 300, height = 70, top = 10, bottom = 60;
    var svg = el('svg', { viewBox: '0 0 ' + width + ' ' + height, preserveAspectRatio: 'none' });
    var end = points.length ? points[points.length - 1][0] : Date.now();
    var start = end - 3600 * 1000;
    var max = 0;
    points.forEach(function (p) { max = Math.max(max, p[index]); });
    var scale = max > 0 ? max : 1;
    svg.appendChild(el('line', { x1: 0, y1: bottom, x2: width, y2: bottom, 'class': 'axis' }));
    var coordinates = points.filter(function (p) { return p[0] >= start; }).map(function (p) {
      var x = (p[0] - start) / (end - start || 1) * width;
      var y = bottom - (p[index] / scale) * (bottom - top);
      return x.toFixed(1) + ',' + y.toFixed(1);
    });
    svg.appendChild(el('polyline', { points: coordinates.join(' ') }));
    var label = el('text', { x: 2, y: 9 });
    label.textContent = 'max ' + format(max, unit);
    svg.appendChild(label);
    var ago = el('text', { x: 2, y: 69 });
    ago.textContent = '-60 min';
    svg.appendChild(ago);
    var nowLabel = el('text', { x: width - 20, y: 69 });
    nowLabel.textContent = 'now';
    svg.appendChild(nowLabel);
    box.appendChild(svg);
    return box;
  }

  function fill(containerId, charts, emptyText) {
    var container = document.getElementById(containerId);
    if (!container) { return; }
    container.replaceChildren.apply(container, charts);
    if (!charts.length) {
      var p = document.createElement('p');
      p.className = 'muted';
      p.textContent = emptyText;
      container.appendChild(p);
    }
  }

  function drawHistory(url) {
    get(url, 'json').then(function (history) {
      fill('rate-charts', history.topics.map(function (s) { return chart(s.topic, s.points, 1, '/s'); }),
        'No samples yet.');
      fill('lag-charts', history.lags.map(function (s) { return chart(s.group + ' · ' + s.topic, s.points, 1, ''); }),
        'No consumer group has committed offsets yet.');
      fill('lag-seconds-charts', history.lags.map(function (s) { return chart(s.group + ' · ' + s.topic, s.points, 2, 's'); }),
        'No consumer group has committed offsets yet.');
    }).catch(function () { /* next tick */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var data = document.body.dataset;
    if (data.livePipeline) { liveFragment('pipeline', data.livePipeline); }
    if (data.liveTopics) { liveFragment('topics', data.liveTopics); }
    if (data.liveGroups) { liveFragment('groups', data.liveGroups); }
    if (data.liveCases) { liveFragment('cases', data.liveCases); }
    if (data.history) {
      drawHistory(data.history);
      setInterval(function () { drawHistory(data.history); }, REFRESH_MS);
    }
  });
})();
