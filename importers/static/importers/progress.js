// Poll a running import and move its progress bar; reload the page once it has finished.
(() => {
  const section = document.querySelector("[data-progress-url]");
  if (!section) return;
  const bar = document.getElementById("import-progress");
  const text = document.getElementById("import-progress-text");
  const poll = async () => {
    try {
      const response = await fetch(section.dataset.progressUrl, { credentials: "same-origin" });
      const state = await response.json();
      if (state.finished) {
        window.location.reload();
        return;
      }
      if (state.total) {
        bar.max = state.total;
        bar.value = state.done;
      }
      text.textContent = `${state.phase} ${state.done}/${state.total}`;
    } catch (error) {
      text.textContent = "…";
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 500);
})();
