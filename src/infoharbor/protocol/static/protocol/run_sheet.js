// Edits the run sheet in place: moving a signing or changing its minutes posts the form and the
// server answers with the re-timed rows, so every time and the end time update without
// reloading. Without JavaScript the forms post normally and the page reloads.
(function () {
  const box = document.getElementById("run-sheet");
  if (!box) return;
  box.addEventListener("submit", function (event) {
    const form = event.target.closest("form.edit-signing");
    if (!form) return;
    event.preventDefault();
    const data = new FormData(form);
    if (event.submitter && event.submitter.name) data.set(event.submitter.name, event.submitter.value);
    fetch(form.action, { method: "POST", body: data, headers: { "X-Requested-With": "run-sheet" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.statusText);
        return response.text();
      })
      .then(function (html) {
        box.innerHTML = html;
        box.dispatchEvent(new CustomEvent("run-sheet:updated", { bubbles: true }));
      })
      .catch(function () { form.submit(); });
  });
})();
