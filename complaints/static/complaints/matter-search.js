// Suggestions for the complaint form's matter field: live matters fill the input's datalist
// as "title（code）", which the server reads back; without JavaScript the server suggests.
(function () {
  var input = document.querySelector("[data-matter-search]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var url = input.dataset.matterSearch;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2 || /（[^）]*）$/.test(q)) return;
    timer = setTimeout(function () {
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.title + "（" + item.code + "）";
            option.label = item.department;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are optional */ });
    }, 200);
  });
})();
