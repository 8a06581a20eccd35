// Added to a page of tmreport html by its browser test: does with the
// flame graph what a reader would (click the frame of pool_grow, then
// "search" and answer "odd_" to the prompt), then writes what the graph's
// own script made of it into the page, for --dump-dom to show.
(function () {
  var frame = null;
  document.querySelectorAll('g.f').forEach(function (g) {
    if (g.querySelector('title').textContent.indexOf('pool_grow ') == 0)
      frame = g;
  });
  var graph = frame.ownerSVGElement;
  frame.dispatchEvent(new MouseEvent('click'));
  window.prompt = function () { return 'odd_'; };
  graph.querySelector('.search').dispatchEvent(new MouseEvent('click'));
  var probe = document.createElement('p');
  probe.id = 'probe';
  probe.textContent = 'zoomed to ' +
      frame.querySelector('rect').getAttribute('width') + ' pixels; ' +
      graph.querySelector('.matched').textContent;
  document.body.appendChild(probe);
})();
