// The weekly chart of the reports page, drawn with Chart.js (the desk's WebJar) from the page's own
// weekly table, so the chart and the table always show the same numbers.
(function () {
  'use strict';

  function draw() {
    var canvas = document.getElementById('weekly-chart');
    if (!canvas || typeof Chart === 'undefined') {
      return;
    }
    var rows = Array.prototype.slice.call(document.querySelectorAll('#weekly tbody tr'));
    var labels = rows.map(function (row) { return row.querySelector('th').textContent.trim(); });
    var cases = rows.map(function (row) { return Number(row.dataset.cases); });
    var percent = function (value) { return value === '' ? null : Math.round(Number(value) * 1000) / 10; };
    var winBack = rows.map(function (row) { return percent(row.dataset.winBackRate); });
    var feedback = rows.map(function (row) { return percent(row.dataset.feedbackRate); });
    new Chart(canvas, {
      data: {
        labels: labels,
        datasets: [
          { type: 'bar', label: canvas.dataset.labelCases, data: cases, yAxisID: 'cases',
            backgroundColor: 'rgba(31, 78, 121, 0.35)' },
          { type: 'line', label: canvas.dataset.labelWinBack + ' (%)', data: winBack, yAxisID: 'rate',
            borderColor: '#1b7f3b', backgroundColor: '#1b7f3b', spanGaps: true },
          { type: 'line', label: canvas.dataset.labelFeedback + ' (%)', data: feedback, yAxisID: 'rate',
            borderColor: '#b8610a', backgroundColor: '#b8610a', spanGaps: true }
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          cases: { type: 'linear', position: 'left', beginAtZero: true, ticks: { precision: 0 } },
          rate: { type: 'linear', position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } }
        }
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
