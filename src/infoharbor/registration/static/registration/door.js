// The door page: answers come back as JSON so the camera keeps running between scans.
// The camera uses the browser's own BarcodeDetector; where it is missing, staff type the code.
//
// When the venue's network drops, the page answers by itself, from the admission list it keeps
// in IndexedDB for its door (badge digests, never codes), and queues each scan with its own id
// and time; when the network is back it sends the queue and shows the scans the server flagged.
// A service worker (door-sw.js) keeps the page, its files and the photos, so it opens offline.
// Both need a secure context (HTTPS, or 127.0.0.1 / localhost); elsewhere the page works online.
(function () {
  const form = document.getElementById("scan");
  const code = form.elements["code"];
  const door = form.elements["door"];
  const session = form.elements["session"];
  const scanId = form.elements["scan_id"];
  const box = document.getElementById("answer");
  const statusLine = document.getElementById("door-status");
  const flagged = document.getElementById("flagged");
  const csrf = form.elements["csrfmiddlewaretoken"].value;
  const secure = window.isSecureContext && "indexedDB" in window && "crypto" in window && crypto.subtle;
  // The door's name is typed once: the phone remembers it, also for a page opened offline.
  door.value = door.value || localStorage.getItem("infoharbor-door") || "";
  door.addEventListener("input", () => localStorage.setItem("infoharbor-door", door.value));

  const nobody = { name: "", name_latin: "", category: "", colour: "", organization: "", photo: "" };

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, (all, name) => (name in values ? values[name] : all));
  }

  function show(answer) {
    const who = answer.participant || nobody;
    box.hidden = false;
    box.className = "answer " + (answer.allowed ? "yes" : "no");
    box.querySelector(".verdict").textContent = answer.allowed ? form.dataset.yes : form.dataset.no;
    box.querySelector(".message").textContent = answer.message;
    box.querySelector(".name").textContent = who.name;
    box.querySelector(".name-latin").textContent = who.name_latin;
    box.querySelector(".category").textContent = who.category;
    box.querySelector(".category").style.setProperty("--colour", who.colour || "#6b7280");
    box.querySelector(".organization").textContent = who.organization || "";
    box.querySelector(".offline-note").hidden = !answer.offline;
    // No photo: hide the image rather than show a broken one or the previous person's face.
    const photo = box.querySelector(".photo");
    photo.hidden = !who.photo;
    if (who.photo) photo.src = who.photo;
    else photo.removeAttribute("src");
  }

  // --- what the phone keeps: admission lists and the queue (IndexedDB) -----------------------

  let database = null;
  function kept(name, mode, act) {
    database =
      database ||
      new Promise((resolve, reject) => {
        const opening = indexedDB.open("infoharbor-door", 1);
        opening.onupgradeneeded = () => {
          opening.result.createObjectStore("lists", { keyPath: "key" });
          opening.result.createObjectStore("queue", { keyPath: "scan_id" });
        };
        opening.onsuccess = () => resolve(opening.result);
        opening.onerror = () => reject(opening.error);
      });
    return database.then(
      (db) =>
        new Promise((resolve, reject) => {
          const transaction = db.transaction(name, mode);
          const request = act(transaction.objectStore(name));
          transaction.oncomplete = () => resolve(request ? request.result : undefined);
          transaction.onerror = () => reject(transaction.error);
        })
    );
  }

  const listKey = (sessionSlug) => window.location.pathname + "|" + sessionSlug;

  // The forum's day in its own time zone, as the server names it (YYYY-MM-DD).
  function forumDay(timeZone) {
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    return parts.format(new Date());
  }

  // A QR code holds "<badge code>:<signature>"; staff may type the badge code alone.
  function badgeCode(value) {
    const colon = value.lastIndexOf(":");
    return colon < 0 ? value : value.slice(0, colon);
  }

  async function digest(salt, value) {
    const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(salt + badgeCode(value)));
    return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function currentList() {
    const list = await kept("lists", "readonly", (store) => store.get(listKey(session.value)));
    return list && list.day === forumDay(list.timezone) ? list : null;
  }

  async function loadList() {
    const sessionSlug = session.value;
    const address = form.dataset.admissions + "?session=" + encodeURIComponent(sessionSlug);
    const response = await fetch(address, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) return;
    const list = await response.json();
    const people = {};
    for (const person of list.people) people[person.digest] = person;
    await kept("lists", "readwrite", (store) =>
      store.put({
        key: listKey(sessionSlug),
        day: list.day,
        timezone: list.timezone,
        updated: list.generated_time,
        salt: list.salt,
        people,
        size: list.people.length,
        inside: list.inside,
        messages: list.messages,
      })
    );
    keep(list.people.map((person) => person.photo).filter(Boolean));
    await showStatus();
  }

  // Someone let in online is inside for the list too, should the network drop next.
  async function remember(value, answer) {
    if (!answer.allowed) return;
    const list = await currentList();
    if (!list) return;
    const badge = await digest(list.salt, value);
    if (!list.inside.includes(badge)) {
      list.inside.push(badge);
      await kept("lists", "readwrite", (store) => store.put(list));
    }
  }

  async function answerOffline(scan) {
    const list = await currentList();
    if (!list) return { allowed: false, message: form.dataset.noList, participant: null, offline: false };
    const badge = await digest(list.salt, scan.code);
    const person = list.people[badge];
    let reason = person ? person.reason : "unknown_code";
    if (!reason && list.inside.includes(badge)) reason = "already_inside";
    if (!reason) {
      list.inside.push(badge);
      await kept("lists", "readwrite", (store) => store.put(list));
    }
    await kept("queue", "readwrite", (store) => store.put({ ...scan, allowed: !reason, reason }));
    return {
      allowed: !reason,
      message: list.messages[reason],
      participant: person && person.name !== undefined ? person : null,
      offline: true,
    };
  }

  // --- sending the queue ----------------------------------------------------------------------

  function flag(result) {
    const who = result.participant || nobody;
    const item = document.createElement("li");
    // Times and counts as the server writes them on every page, not in the browser's own form.
    item.textContent = `${result.scanned_time} · ${who.name} ${who.name_latin} · ${who.category}${form.dataset.labelSuffix}${result.message}`;
    flagged.querySelector("ul").append(item);
    flagged.hidden = false;
  }

  let sending = null;
  function send() {
    sending = sending || sendQueue().finally(() => (sending = null));
    return sending;
  }

  async function sendQueue() {
    if (!secure) return;
    const queued = await kept("queue", "readonly", (store) => store.getAll());
    while (queued.length) {
      const part = queued.splice(0, 200);
      const response = await fetch(form.dataset.sync, {
        method: "POST",
        body: JSON.stringify({ scans: part }),
        headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRFToken": csrf },
        credentials: "same-origin",
      });
      if (!response.ok) {
        const body = await response.json().catch(() => ({ errors: {} }));
        const errors = Object.entries(body.errors || {}).map(([field, messages]) => `${field}${form.dataset.labelSuffix}${messages.join(" ")}`);
        await showStatus(fill(statusLine.dataset.refused, { errors: errors.join("; ") }));
        return;
      }
      const { results } = await response.json();
      results.filter((result) => result.flagged).forEach(flag);
      await kept("queue", "readwrite", (store) => part.forEach((scan) => store.delete(scan.scan_id)));
    }
    await showStatus();
  }

  async function showStatus(problem) {
    if (!secure) return;
    const list = await currentList();
    const waiting = await kept("queue", "readonly", (store) => store.count());
    const parts = [];
    if (!navigator.onLine) parts.push(statusLine.dataset.offline);
    else if (list) {
      parts.push(fill(statusLine.dataset.ready, { count: String(list.size), time: list.updated }));
    }
    if (waiting) parts.push(fill(statusLine.dataset.queued, { count: String(waiting) }));
    if (problem) parts.push(problem);
    statusLine.textContent = parts.join(" ");
    statusLine.classList.toggle("offline", !navigator.onLine);
  }

  // --- a scan ---------------------------------------------------------------------------------

  async function check(scan, data) {
    let response = null;
    if (navigator.onLine || !secure) {
      // Scans queued earlier go first: the server applies scans in the order they were made.
      await send().catch(() => undefined);
      response = await fetch(form.action || window.location.href, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      }).catch(() => null);
    }
    if (response === null) {
      show(secure ? await answerOffline(scan) : { allowed: false, message: form.dataset.error, participant: null });
      await showStatus();
    } else {
      const answer = await response.json().catch(() => ({ errors: {} }));
      if (answer.errors) {
        if (response.status === 400) {
          // The page itself then says what is wrong with the form as it was sent.
          code.value = scan.code;
          scanId.value = scan.scan_id;
          form.submit();
        } else show({ allowed: false, message: form.dataset.error, participant: null });
        return;
      }
      show(answer);
      if (secure) await remember(scan.code, answer);
    }
  }

  // A hand scanner types the next badge while the last is still being answered: each scan is
  // taken from the form when made (the field empty again at once) and answered in turn, so the
  // answer shown is the last badge's and the server gets the scans in the order they were made.
  let answering = Promise.resolve();
  function scanned(value) {
    const scan = {
      scan_id: secure ? crypto.randomUUID() : "",
      code: value.trim(),
      door: door.value,
      session: session.value,
      scanned_at: new Date().toISOString(),
    };
    const data = new FormData(form);
    data.set("code", scan.code);
    data.set("scan_id", scan.scan_id);
    code.value = "";
    code.focus();
    answering = answering.then(() => check(scan, data)).catch(() => undefined);
    return answering;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    scanned(code.value);
  });

  // --- keeping the page for offline use -------------------------------------------------------

  function keep(addresses) {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ keep: addresses }));
  }

  if (secure) {
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(form.dataset.worker, { scope: form.dataset.scope }).catch(() => undefined);
      const files = Array.from(document.querySelectorAll("script[src], link[rel=stylesheet]"), (el) => el.src || el.href);
      keep([window.location.pathname, ...files]);
    }
    const refresh = () => {
      if (!navigator.onLine) return showStatus();
      return send()
        .then(loadList)
        .catch(() => showStatus());
    };
    session.addEventListener("change", refresh);
    window.addEventListener("online", refresh);
    window.addEventListener("offline", () => showStatus());
    setInterval(refresh, 120000);
    refresh();
  }

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  const button = document.getElementById("camera");
  const video = document.getElementById("viewfinder");
  button.hidden = false;
  button.addEventListener("click", async () => {
    const detector = new BarcodeDetector({ formats: ["qr_code"] });
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    video.hidden = false;
    await video.play();
    let last = "";
    let lastAt = 0;
    async function look() {
      const found = await detector.detect(video).catch(() => []);
      const value = found.length ? found[0].rawValue : "";
      // The same badge stays in view for a while: check it once, not on every frame.
      if (value && (value !== last || Date.now() - lastAt > 3000)) {
        last = value;
        lastAt = Date.now();
        await scanned(value);
      }
      setTimeout(look, 200);
    }
    look();
  });
})();
