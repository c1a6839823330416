// Autocomplete for the search box: titles from /search/suggest/ fill the input's datalist,
// which the browser shows as native, accessible suggestions (also for pinyin like "yyzz").
(function () {
  var input = document.querySelector("[data-suggest-url]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var last = "";
  function fill(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.title;
      option.label = item.department;
      list.appendChild(option);
    });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (!q || q === last) return;
    timer = setTimeout(function () {
      last = q;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) fill(data.suggestions); })
        .catch(function () { /* suggestions are optional */ });
    }, 150);
  });
})();
