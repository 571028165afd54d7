// A waiting import: start it, then follow its progress until it is done or refused.
(function () {
  const run = document.getElementById("import-run");
  const poll = setInterval(async function () {
    const data = await (await fetch(run.dataset.progress)).json();
    document.getElementById("import-state").textContent = data.label;
    const bar = document.getElementById("import-progress");
    bar.max = data.total || 1; bar.value = data.done;
    if (data.state === "done" || data.state === "refused") { clearInterval(poll); location.reload(); }
  }, 700);
  fetch(run.dataset.start, {method: "POST", headers: {"X-CSRFToken": run.dataset.csrf}});
})();
