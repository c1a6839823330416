// Poll a poster batch while it is built; show the download link when it is ready.
(function () {
  const box = document.querySelector("[data-poster-batch]");
  if (!box) return;
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-poster-batch-text]");
  const ready = box.querySelector("[data-poster-batch-ready]");
  const failed = box.querySelector("[data-poster-batch-error]");
  async function poll() {
    const response = await fetch(box.dataset.progressUrl, { headers: { Accept: "application/json" } });
    const batch = await response.json();
    bar.max = batch.total;
    bar.value = batch.done;
    bar.textContent = batch.percent + "%";
    text.textContent = `${batch.status_label} ${batch.done}/${batch.total}`;
    box.dataset.status = batch.status;
    ready.hidden = batch.status !== "ready";
    failed.hidden = batch.status !== "failed";
    box.querySelector("[data-poster-batch-error-text]").textContent = batch.error;
    if (batch.status === "pending" || batch.status === "building") setTimeout(poll, 1000);
  }
  if (box.dataset.status === "pending" || box.dataset.status === "building") poll();
})();
