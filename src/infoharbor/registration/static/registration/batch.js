// Polls the batch's state once a second until it is ready or failed.
(function () {
  const box = document.getElementById("batch");
  function show(state) {
    box.dataset.status = state.status;
    document.getElementById("batch-progress").max = state.total;
    document.getElementById("batch-progress").value = state.done;
    document.getElementById("batch-count").textContent = state.done + " / " + state.total;
    document.getElementById("batch-status").textContent = state.label;
    document.getElementById("batch-error").textContent = state.error;
    const link = document.getElementById("batch-pdf");
    link.href = state.pdf;
    link.hidden = !state.pdf;
  }
  function poll() {
    if (box.dataset.status === "done" || box.dataset.status === "failed") return;
    fetch(box.dataset.poll, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then(show)
      .finally(() => setTimeout(poll, 1000));
  }
  setTimeout(poll, 1000);
})();
