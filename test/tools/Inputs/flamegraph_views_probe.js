// Added to a page of tmreport html by its browser test: does with the
// flame graph's controls and the traceback table what a reader would,
// then writes what the page made of each step into it, for --dump-dom to
// show: the rows (y) of each graph's first three frames, root first,
// which graph is shown, and the frame a row of the table zoomed on.  It
// leaves the graph by line shown, upside down and zoomed.
(function () {
  var lines = [];
  function rows(graph) {
    return [0, 1, 2].map(function (i) {
      return document.getElementById(graph + '-' + i)
          .querySelector('rect').getAttribute('y');
    }).join(' ');
  }
  function state(step) {
    lines.push(step + ': line ' + rows('line') + (
        document.getElementById('graph-line').hidden ? ' hidden' : ' shown') +
        '; function ' + rows('function') + (
        document.getElementById('graph-function').hidden ? ' hidden'
                                                          : ' shown'));
  }
  function zoomed(graph, row) {
    row.dispatchEvent(new MouseEvent('click'));
    var frame = document.getElementById(row.dataset[graph]);
    var svg = frame.ownerSVGElement, shown = 0;
    svg.querySelectorAll('g.f').forEach(function (g) {
      if (g.style.display != 'none') shown++;
    });
    lines.push('row zooms the ' + graph + ' graph on ' + frame.id + ', ' +
        frame.querySelector('title').textContent.split('\n')[0] + ', ' +
        frame.querySelector('rect').getAttribute('width') + ' pixels, ' +
        shown + ' frames shown, reset zoom ' +
        svg.querySelector('.reset').style.opacity + ', scrolled ' +
        (window.scrollY > 0));
  }
  var layout = document.getElementById('graph-layout'),
      merge = document.getElementById('graph-merge');
  lines.push('controls ' + (document.getElementById('graph-controls').hidden
                            ? 'hidden' : 'shown'));
  state('flame');
  layout.click();
  state('icicle');
  merge.click();
  state('icicle, by function');
  layout.click();
  state('flame, by function');
  lines.push('pressed: layout ' + layout.getAttribute('aria-pressed') +
             ', merge ' + merge.getAttribute('aria-pressed'));
  var row = document.querySelector('#tracebacks tr[data-line]');
  zoomed('function', row);
  merge.click();
  window.scrollTo(0, 0);
  zoomed('line', row);
  layout.click();
  state('icicle, zoomed');
  // Headless Chromium's --screenshot draws a scrolled page blank.
  window.scrollTo(0, 0);
  var probe = document.createElement('pre');
  probe.id = 'probe';
  probe.textContent = lines.join('\n');
  document.body.appendChild(probe);
})();
