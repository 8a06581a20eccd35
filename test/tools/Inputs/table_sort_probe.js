// Added to a page of tmreport html OLD NEW by its browser test: clicks
// headers of the tables of statistics as a reader would, and writes into
// the page, for --dump-dom to show, the rows' order (their file:line)
// and the headers' aria-sort after each click, and how wide the first
// size histogram's bar is drawn.
(function () {
  var lines = [];
  function click(id, label) {
    var table = document.getElementById(id);
    var header = Array.prototype.filter.call(
        table.tHead.rows[0].cells,
        function (th) { return th.textContent == label; })[0];
    header.querySelector('button').dispatchEvent(new MouseEvent('click'));
  }
  function report(id, what) {
    var table = document.getElementById(id);
    // A traceback's row by the id of its frame, its frames being lines.
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      return tr.dataset.line || tr.cells[tr.cells.length - 1].textContent;
    });
    var sorted = Array.prototype.filter.call(
        table.tHead.rows[0].cells,
        function (th) { return th.hasAttribute('aria-sort'); });
    lines.push(id + ' ' + what + ': ' + rows.join(', ') + ' (' +
               sorted.map(function (th) {
                 return th.textContent + ' ' + th.getAttribute('aria-sort');
               }).join(', ') + ')');
  }
  report('by-line', 'as written');
  click('by-line', 'count');
  report('by-line', 'count');
  click('by-line', 'count');
  report('by-line', 'count again');
  click('by-line', 'file:line');
  report('by-line', 'file:line');
  click('by-line', 'average');
  report('by-line', 'average');
  report('changes', 'as written');
  click('changes', 'change');
  report('changes', 'change');
  click('most-calls', 'size');
  report('most-calls', 'size');
  report('tracebacks', 'as written');
  click('tracebacks', 'count');
  report('tracebacks', 'count');
  var bar = document.querySelector('#sizes-1 td.bar span');
  lines.push('bar: ' + Math.round(bar.getBoundingClientRect().width) +
             ' pixels');
  var probe = document.createElement('pre');
  probe.id = 'table-probe';
  probe.textContent = lines.join('\n');
  document.body.appendChild(probe);
})();
