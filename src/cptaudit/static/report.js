(function () {
  'use strict';
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* index page: sort by any column, filter by name and by "has contradictions" */
  var table = document.getElementById('articles');
  if (table) {
    var body = table.tBodies[0];
    var rows = all('tr', body);
    var headers = all('th[data-key]', table);
    var filter = document.getElementById('filter');
    var hasWrong = document.getElementById('has-wrong');
    var shown = document.getElementById('shown');
    var noMatch = document.getElementById('no-match');
    var byName = function (a, b) {
      var x = a.getAttribute('data-key'), y = b.getAttribute('data-key');
      return x < y ? -1 : x > y ? 1 : 0;
    };
    headers.forEach(function (th) {
      th.querySelector('button').addEventListener('click', function () {
        var key = 'data-' + th.getAttribute('data-key');
        var numeric = th.getAttribute('data-type') === 'number';
        var now = th.getAttribute('aria-sort');
        var dir = now === 'ascending' ? 'descending' : now === 'descending' ? 'ascending'
          : (numeric ? 'descending' : 'ascending');
        var sign = dir === 'ascending' ? 1 : -1;
        headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', dir);
        rows.sort(function (a, b) {
          var x = a.getAttribute(key), y = b.getAttribute(key);
          var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
          return c ? sign * c : byName(a, b);
        });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
      });
    });
    var apply = function () {
      var words = filter.value.trim().toLowerCase();
      var onlyWrong = hasWrong.checked;
      var count = 0;
      rows.forEach(function (row) {
        var hide = (words && row.getAttribute('data-key').indexOf(words) < 0)
          || (onlyWrong && row.getAttribute('data-contradicted') === '0');
        row.hidden = hide;
        if (!hide) { count += 1; }
      });
      shown.textContent = count === rows.length ? rows.length + ' articles'
        : 'Showing ' + count + ' of ' + rows.length + ' articles';
      noMatch.hidden = count > 0;
    };
    filter.addEventListener('input', apply);
    hasWrong.addEventListener('change', apply);
  }

  /* article page: show only wrong claims, jump from problem to problem */
  var doc = document.getElementById('doc');
  if (doc) {
    var only = document.getElementById('only-wrong');
    var status = document.getElementById('problem-status');
    var current = -1;
    var targets = function () {
      return all('.jump.problem', doc).filter(function (el) { return el.getClientRects().length > 0; });
    };
    var go = function (step) {
      var list = targets();
      if (!list.length) { status.textContent = 'No problems to jump to'; return; }
      all('.current', doc).forEach(function (el) { el.classList.remove('current'); });
      current = ((current + step) % list.length + list.length) % list.length;
      var el = list[current];
      el.classList.add('current');
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
      status.textContent = 'Problem ' + (current + 1) + ' of ' + list.length;
    };
    only.addEventListener('change', function () {
      document.body.classList.toggle('only-wrong', only.checked);
      current = -1;
    });
    document.getElementById('next-problem').addEventListener('click', function () { go(1); });
    document.getElementById('prev-problem').addEventListener('click', function () { go(current < 0 ? 0 : -1); });
    document.addEventListener('keydown', function (event) {
      var tag = event.target && event.target.tagName;
      if (event.altKey || event.ctrlKey || event.metaKey || tag === 'INPUT' || tag === 'TEXTAREA') { return; }
      if (event.key === 'n' || event.key === 'j') { go(1); }
      if (event.key === 'p' || event.key === 'k') { go(current < 0 ? 0 : -1); }
    });
  }
}());
