// Small progressive enhancements for the task page; every page works without them.
(function () {
  'use strict';

  // Show the category only for feedback and the meeting fields only for a meeting.
  function toggleOutcomeFields() {
    var select = document.getElementById('outcome');
    if (!select) { return; }
    var update = function () {
      document.querySelectorAll('[data-show-for]').forEach(function (el) {
        var wanted = el.getAttribute('data-show-for').split(/\s+/);
        el.hidden = wanted.indexOf(select.value) < 0;
      });
    };
    select.addEventListener('change', update);
    update();
  }

  // The case status changes when the processor has applied an outcome: ask until it is final.
  function pollCaseStatus() {
    var box = document.getElementById('case-status');
    if (!box || box.getAttribute('data-final') === 'true') { return; }
    var url = box.getAttribute('data-poll-url');
    var label = document.getElementById('case-status-label');
    var reason = document.getElementById('case-status-reason');
    var hint = document.getElementById('case-status-updating');
    var rounds = 0;
    var timer = setInterval(function () {
      rounds += 1;
      if (rounds > 300) { clearInterval(timer); return; } // ten minutes are enough; a reload starts again
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
        .then(function (response) {
          if (!response.ok || response.redirected) { throw new Error('status ' + response.status); }
          return response.json();
        })
        .then(function (status) {
          if (status.status && label.getAttribute('data-status') !== status.status) {
            label.setAttribute('data-status', status.status);
            label.textContent = status.label;
          }
          reason.textContent = status.reason || '';
          if (status.finalStatus) {
            box.setAttribute('data-final', 'true');
            if (hint) { hint.hidden = true; }
            clearInterval(timer);
          }
        })
        .catch(function () { clearInterval(timer); }); // logged out or gone: stop asking
    }, 2000);
  }

  // WhatsApp: copy the message text to the clipboard.
  function copyButtons() {
    document.querySelectorAll('[data-copy-target]').forEach(function (button) {
      button.addEventListener('click', function () {
        var text = document.getElementById(button.getAttribute('data-copy-target')).textContent;
        var done = function () {
          var original = button.textContent;
          button.textContent = button.getAttribute('data-copied-label') || original;
          setTimeout(function () { button.textContent = original; }, 2000);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done);
        } else {
          var area = document.createElement('textarea');
          area.value = text;
          document.body.appendChild(area);
          area.select();
          document.execCommand('copy');
          document.body.removeChild(area);
          done();
        }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    toggleOutcomeFields();
    pollCaseStatus();
    copyButtons();
  });
}());
