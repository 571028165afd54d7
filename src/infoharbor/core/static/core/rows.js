// "Add a row" for formsets: clones the <template data-rows-template="PREFIX"> (Django's empty
// form, with __prefix__) into its container and counts it in PREFIX-TOTAL_FORMS. The buttons
// come disabled and wake when every deferred script has run (the picker that serves the new row's
// fields among them), so an early click is refused, not lost.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-add-row]").forEach((button) => { button.disabled = false; });
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-add-row]");
  if (!button) return;
  const prefix = button.dataset.addRow;
  const template = document.querySelector(`template[data-rows-template="${prefix}"]`);
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const container = document.querySelector(`[data-rows="${prefix}"]`);
  const index = Number(total.value);
  const row = template.content.cloneNode(true);
  row.querySelectorAll("*").forEach((node) => {
    for (const attribute of ["name", "id", "for"]) {
      const value = node.getAttribute(attribute);
      if (value) node.setAttribute(attribute, value.replaceAll("__prefix__", index));
    }
  });
  container.appendChild(row);
  total.value = index + 1;
  const first = container.lastElementChild && container.lastElementChild.querySelector("input, select, textarea");
  if (first) first.focus();
});
