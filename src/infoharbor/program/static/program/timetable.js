// The timetable's move dialog. Each session's "Move" link (a page of its own without this
// script) opens its form in a <dialog>; every change of day, time or room asks the server for a
// dry run of the program's checks and shows the conflicts in place, before anything is saved.
(() => {
  const dialog = document.querySelector("[data-move-dialog]");
  if (!dialog) return;

  const fragment = async (url) => {
    const response = await fetch(url, { credentials: "same-origin" });
    const holder = document.createElement("template");
    holder.innerHTML = await response.text();
    return holder.content;
  };

  const withFragment = (href, params) => {
    const url = new URL(href, window.location.href);
    url.search = new URLSearchParams({ ...params, fragment: "1" }).toString();
    return url;
  };

  const open = async (link) => {
    const content = await fragment(withFragment(link.href, {}));
    const close = document.createElement("button");
    close.type = "button";
    close.className = "secondary move-dialog__close";
    close.textContent = dialog.dataset.closeLabel;
    close.addEventListener("click", () => dialog.close());
    dialog.replaceChildren(close, content);
    dialog.showModal();
  };

  const check = async (form) => {
    const data = new FormData(form);
    const params = { day: data.get("day"), start: data.get("start"), room: data.get("room") };
    const content = await fragment(withFragment(form.action, params));
    const problems = content.querySelector("[data-move-problems]");
    form.querySelector("[data-move-problems]").replaceWith(problems);
  };

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-move]");
    if (!link) return;
    event.preventDefault();
    open(link);
  });

  dialog.addEventListener("change", (event) => {
    const form = event.target.closest("[data-move-form]");
    if (form) check(form);
  });
})();
