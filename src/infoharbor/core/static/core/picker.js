// Search-as-you-type for person and organization fields (core/pickers.py). Every
// <input data-picker="URL"> asks URL?q=… as the organiser types and lists the matches under it;
// choosing one writes its name into the box and its key into the hidden NAME_key input beside
// it. Typing again forgets the choice, and the server resolves the text alone (as without
// this script). Listeners sit on the document, so rows added later (rows.js) work too.
(() => {
  const DELAY = 200;
  const timers = new WeakMap();

  const keyInput = (input) => input.parentElement.querySelector(`input[name="${input.name}_key"]`);

  const listOf = (input) => {
    let list = input.parentElement.querySelector(".picker__choices");
    if (!list) {
      list = document.createElement("ul");
      list.className = "picker__choices";
      list.setAttribute("role", "listbox");
      list.id = `${input.id}_choices`;
      input.setAttribute("aria-controls", list.id);
      input.parentElement.appendChild(list);
    }
    return list;
  };

  const close = (input) => {
    const list = input.parentElement.querySelector(".picker__choices");
    if (list) list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
  };

  const choose = (input, option) => {
    input.value = option.dataset.label;
    keyInput(input).value = option.dataset.key;
    close(input);
    input.dispatchEvent(new Event("change", { bubbles: true }));
  };

  const show = (input, data) => {
    const list = listOf(input);
    list.replaceChildren();
    for (const result of data.results) {
      const option = document.createElement("li");
      option.setAttribute("role", "option");
      option.dataset.key = result.key;
      option.dataset.label = result.label;
      option.textContent = result.label;
      if (result.hint) {
        const hint = document.createElement("small");
        hint.textContent = ` ${result.hint}`;
        option.appendChild(hint);
      }
      list.appendChild(option);
    }
    if (data.more || data.detail) {
      const note = document.createElement("li");
      note.className = "picker__more";
      note.textContent = data.detail || input.dataset.pickerMore || "…";
      list.appendChild(note);
    }
    input.setAttribute("aria-expanded", list.children.length ? "true" : "false");
  };

  const ask = async (input) => {
    const query = input.value.trim();
    if (!query) {
      close(input);
      return;
    }
    const url = `${input.dataset.picker}?q=${encodeURIComponent(query)}`;
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (input.value.trim() !== query) return; // typed on meanwhile: a newer answer is coming
    show(input, await response.json());
  };

  document.addEventListener("input", (event) => {
    const input = event.target.closest("input[data-picker]");
    if (!input) return;
    keyInput(input).value = "";
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(() => ask(input), DELAY));
  });

  document.addEventListener("click", (event) => {
    const option = event.target.closest(".picker__choices [role=option]");
    if (option) {
      choose(option.closest(".picker").querySelector("input[data-picker]"), option);
      return;
    }
    document.querySelectorAll("input[data-picker]").forEach((input) => {
      if (!input.parentElement.contains(event.target)) close(input);
    });
  });

  document.addEventListener("keydown", (event) => {
    const input = event.target.closest("input[data-picker]");
    if (!input) return;
    const options = [...input.parentElement.querySelectorAll(".picker__choices [role=option]")];
    if (!options.length) return;
    const current = options.findIndex((option) => option.getAttribute("aria-selected") === "true");
    let next = current;
    if (event.key === "ArrowDown") next = Math.min(current + 1, options.length - 1);
    else if (event.key === "ArrowUp") next = Math.max(current - 1, 0);
    else if (event.key === "Enter" && current >= 0) {
      event.preventDefault();
      choose(input, options[current]);
      return;
    } else if (event.key === "Escape") {
      close(input);
      return;
    } else return;
    event.preventDefault();
    options.forEach((option, i) => option.setAttribute("aria-selected", i === next ? "true" : "false"));
  });
})();
