// The door page: answers come back as JSON so the camera keeps running between scans.
// The camera uses the browser's own BarcodeDetector; where it is missing, staff type the code.
(function () {
  const form = document.getElementById("scan");
  const code = form.elements["code"];
  const door = form.elements["door"];
  const box = document.getElementById("answer");
  door.value = door.value || localStorage.getItem("infoharbor-door") || "";

  const nobody = { name: "", name_latin: "", category: "", colour: "", organization: "", photo: "" };

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
    box.querySelector(".organization").textContent = who.organization;
    // No photo: hide the image rather than show a broken one or the previous person's face.
    const photo = box.querySelector(".photo");
    photo.hidden = !who.photo;
    if (who.photo) photo.src = who.photo;
    else photo.removeAttribute("src");
  }

  function submit() {
    localStorage.setItem("infoharbor-door", door.value);
    return fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((r) => r.json())
      .then((answer) => {
        if (answer.errors) {
          form.submit();
          return;
        }
        show(answer);
        code.value = "";
        code.focus();
      })
      .catch(() => show({ allowed: false, message: form.dataset.error, participant: null }));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });

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
        code.value = value;
        await submit();
      }
      setTimeout(look, 200);
    }
    look();
  });
})();
