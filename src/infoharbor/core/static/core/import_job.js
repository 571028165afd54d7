// Polls the job's state until it is over, then shows the finished page (errors and all).
(function () {
  const box = document.getElementById("import-job");
  function poll() {
    fetch(box.dataset.poll, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then(function (state) {
        if (state.over) { location.reload(); return; }
        document.getElementById("import-status").textContent = state.label;
        document.getElementById("import-count").textContent = state.done + " / " + state.total;
        const bar = document.getElementById("import-progress");
        bar.max = state.total || 1; bar.value = state.done;
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
