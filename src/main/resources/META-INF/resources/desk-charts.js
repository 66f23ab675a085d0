/*
 * The figures page (/beheer/cijfers): draws a chart above each table marked data-chart, from the
 * numbers in that table. The table stays the page's content for everyone; the chart is an addition
 * for sighted readers (aria-hidden), so the page is complete without JavaScript. No inline script
 * or style: the CSP allows script from Meldpunt itself only, and Chart.js needs no eval.
 */
(function () {
    'use strict';

    // Okabe–Ito: eight colours that stay apart for the common kinds of colour blindness; then grey and
    // Paul Tol's wine, so the ten categories never share a colour (the table beside each chart is the
    // data itself).
    var COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000',
        '#888888', '#882255'];

    function text(cell) {
        return cell.textContent.trim();
    }

    function canvasBefore(table, kind) {
        var holder = document.createElement('div');
        holder.className = 'chart chart-' + kind;
        var canvas = document.createElement('canvas');
        canvas.setAttribute('aria-hidden', 'true');
        holder.appendChild(canvas);
        var region = table.closest('.table-scroll') || table;
        region.parentNode.insertBefore(holder, region);
        return canvas;
    }

    function stacked(table) {
        var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
        var columns = [];
        headers.forEach(function (cell, index) {
            if (cell.hasAttribute('data-series')) {
                columns.push({ label: text(cell), index: index });
            }
        });
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        var datasets = columns.map(function (column, i) {
            return {
                label: column.label,
                backgroundColor: COLOURS[i % COLOURS.length],
                data: rows.map(function (row) {
                    return Number(row.cells[column.index].getAttribute('data-value'));
                })
            };
        });
        new Chart(canvasBefore(table, 'stacked'), {
            type: 'bar',
            data: {
                labels: rows.map(function (row) { return row.cells[0].getAttribute('data-label') || text(row.cells[0]); }),
                datasets: datasets
            },
            options: {
                animation: false,
                maintainAspectRatio: false,
                scales: {
                    x: { stacked: true },
                    y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
                },
                plugins: { legend: { position: 'bottom' } }
            }
        });
    }

    function percent(table) {
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        var values = rows.map(function (row) {
            var cell = row.querySelector('[data-percent]');
            return cell ? Number(cell.getAttribute('data-percent')) : null;
        });
        new Chart(canvasBefore(table, 'percent'), {
            type: 'bar',
            data: {
                labels: rows.map(function (row) { return text(row.cells[0]); }),
                datasets: [{ label: 'Op tijd (%)', backgroundColor: COLOURS[2], data: values }]
            },
            options: {
                indexAxis: 'y',
                animation: false,
                maintainAspectRatio: false,
                scales: { x: { min: 0, max: 100, ticks: { callback: function (v) { return v + '%'; } } } },
                plugins: { legend: { display: false } }
            }
        });
    }

    function draw() {
        if (typeof Chart === 'undefined') {
            return; // the tables say it all
        }
        Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
        Chart.defaults.color = '#0b0c0c';
        document.querySelectorAll('table[data-chart]').forEach(function (table) {
            if (table.getAttribute('data-chart') === 'stacked') {
                stacked(table);
            } else if (table.getAttribute('data-chart') === 'percent') {
                percent(table);
            }
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', draw);
    } else {
        draw();
    }
}());
