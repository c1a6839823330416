// 长者模式 (elder mode) persists across pages on this device.
(function () {
  var KEY = "onevisit-elder";
  var root = document.documentElement;
  var toggle = document.querySelector("[data-elder-toggle]");
  function apply(on) {
    root.classList.toggle("elder", on);
    if (toggle) toggle.setAttribute("aria-pressed", on ? "true" : "false");
  }
  try { apply(localStorage.getItem(KEY) === "1"); } catch (e) { apply(false); }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var on = !root.classList.contains("elder");
      apply(on);
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
    });
  }
})();
