// The emulator page's behaviour: users, sending as a user, polling the timeline, and drawing the bot's messages.
// Every string from the bot or a user goes into the page with textContent, never as HTML.
"use strict";

const api = "/emulator/api";
const state = { users: [], user: null, after: 0, entries: [], photos: {}, polling: null, picking: null };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null) continue;
    if (key === "class") node.className = value;
    else if (key === "testid") node.dataset.testid = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

async function call(method, path, body, contentType) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["content-type"] = contentType || "application/json";
    init.body = contentType ? body : JSON.stringify(body);
  }
  const response = await fetch(api + path, init);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.message || "HTTP " + response.status);
  return data;
}

// ---- users ----

async function loadLanguages() {
  const select = $("new-user-language");
  for (const language of await call("GET", "/languages")) {
    select.append(el("option", { value: language.code, text: language.name + " (" + language.code + ")" }));
  }
  select.value = "en";
}

function drawUsers() {
  const list = $("user-list");
  list.replaceChildren();
  for (const user of state.users) {
    const selected = state.user && state.user.id === user.id;
    list.append(el("li", {}, el("button", {
      type: "button", class: selected ? "selected" : "", testid: "user", "data-user-id": user.id,
      "data-language": user.language, text: user.displayName + " · " + user.language,
      onclick: () => selectUser(user),
    })));
  }
}

async function loadUsers() {
  state.users = await call("GET", "/users");
  drawUsers();
  if (!state.user && state.users.length) selectUser(state.users[0]);
}

function selectUser(user) {
  state.user = user;
  state.after = 0;
  state.entries = [];
  $("timeline").replaceChildren();
  $("chat-title").textContent = user.displayName + " (" + user.language + ")";
  closePicker();
  drawUsers();
  drawQuickReplies();
  poll();
}

$("new-user").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const user = await call("POST", "/users", {
      displayName: $("new-user-name").value, language: $("new-user-language").value,
    });
    $("new-user-name").value = "";
    state.users.push(user);
    selectUser(user);
    showError("");
  } catch (error) {
    showError(error.message);
  }
});

// ---- sending as the user ----

async function send(kind, body, contentType) {
  if (!state.user) return showError("Add a user first.");
  try {
    const sent = await call("POST", "/users/" + encodeURIComponent(state.user.id) + "/" + kind, body, contentType);
    showError("");
    poll();
    return sent;
  } catch (error) {
    showError(error.message);
  }
}

$("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("message-input").value;
  if (!text.trim()) return;
  $("message-input").value = "";
  send("text", { text });
});

$("photo").addEventListener("change", async () => {
  const file = $("photo").files[0];
  $("photo").value = "";
  if (!file) return;
  const sent = await send("image", file, file.type || "image/jpeg");
  const id = sent && sent.events && sent.events[0].message.id;
  if (id) {
    state.photos[id] = URL.createObjectURL(file);
    redraw();
  }
});

$("location-toggle").addEventListener("click", () => { $("location").hidden = !$("location").hidden; });
$("location").addEventListener("submit", (event) => {
  event.preventDefault();
  $("location").hidden = true;
  send("location", {
    title: $("location-title").value, address: $("location-address").value,
    latitude: Number($("location-latitude").value), longitude: Number($("location-longitude").value),
  });
});
$("follow").addEventListener("click", () => send("follow"));
$("unfollow").addEventListener("click", () => send("unfollow"));

// What tapping an action does, as LINE does it. `label` is shown for a quick-reply postback without displayText.
function act(action, fromQuickReply) {
  switch (action.type) {
    case "message":
      return send("text", { text: action.text });
    case "postback":
      return send("postback", {
        data: action.data, displayText: action.displayText || (fromQuickReply ? action.label : undefined),
      });
    case "datetimepicker":
      return openPicker(action);
    case "uri":
      return window.open(action.uri, "_blank", "noopener");
    case "location":
      $("location").hidden = false;
      return $("location-latitude").focus();
    case "camera":
    case "cameraRoll":
      return $("photo").click();
    default:
      return showError("The emulator does not play " + action.type + " actions.");
  }
}

function openPicker(action) {
  const mode = action.mode || "datetime";
  const input = $("picker-input");
  input.type = mode === "datetime" ? "datetime-local" : mode;
  input.dataset.mode = mode;
  for (const key of ["min", "max"]) {
    if (action[key]) input.setAttribute(key, action[key]); else input.removeAttribute(key);
  }
  input.value = action.initial || "";
  state.picking = action;
  $("picker").hidden = false;
  input.focus();
}

function closePicker() {
  state.picking = null;
  $("picker").hidden = true;
}

$("picker-send").addEventListener("click", () => {
  const action = state.picking;
  const input = $("picker-input");
  if (!action || !input.value) return;
  closePicker();
  send("postback", { data: action.data, params: { [input.dataset.mode]: input.value } });
});
$("picker-cancel").addEventListener("click", closePicker);

// ---- the timeline ----

async function poll() {
  const user = state.user;
  if (!user) return;
  try {
    const page = await call("GET", "/users/" + encodeURIComponent(user.id) + "/messages?after=" + state.after);
    if (state.user !== user) return;
    $("typing").hidden = !page.typing;
    for (const entry of page.messages) {
      if (entry.seq <= state.after) continue;
      state.after = entry.seq;
      state.entries.push(entry);
      $("timeline").append(drawEntry(entry));
    }
    if (page.messages.length) {
      drawQuickReplies();
      $("timeline").scrollTop = $("timeline").scrollHeight;
    }
  } catch (error) {
    showError(error.message);
  }
}

function redraw() {
  $("timeline").replaceChildren(...state.entries.map(drawEntry));
}

// Quick replies show under the last message only, as in LINE.
function drawQuickReplies() {
  const box = $("quick-replies");
  box.replaceChildren();
  const last = state.entries[state.entries.length - 1];
  const items = last && last.from === "bot" && last.message.quickReply ? last.message.quickReply.items || [] : [];
  for (const item of items) {
    const action = item.action || {};
    box.append(el("button", {
      type: "button", testid: "quick-reply", "data-action": action.type, text: action.label || action.text || "",
      onclick: () => { box.replaceChildren(); act(action, true); },
    }));
  }
}

function clock(at) {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function drawEntry(entry) {
  const from = entry.message.type === "event" ? "event" : entry.from;
  const body = entry.from === "bot" ? drawBotMessage(entry.message) : drawUserMessage(entry.message);
  return el("div", { class: "row " + from, testid: "message-" + entry.from, "data-seq": entry.seq,
    "data-type": entry.message.type }, body, from === "event" ? null : el("time", { text: clock(entry.at) }));
}

function drawUserMessage(message) {
  switch (message.type) {
    case "image": {
      const url = state.photos[message.messageId];
      return el("div", { class: "bubble" }, url ? el("img", { src: url, alt: "photo" }) : el("span", { text: "📷 Photo" }));
    }
    case "location":
      return drawLocation(message);
    default:
      return el("div", { class: "bubble", text: message.text || "" });
  }
}

function drawLocation(message) {
  return el("div", { class: "bubble", testid: "location" },
    el("div", { class: "title", text: "📍 " + (message.title || "Location") }),
    message.address ? el("div", { text: message.address }) : null,
    el("div", { text: message.latitude + ", " + message.longitude }));
}

function drawBotMessage(message) {
  switch (message.type) {
    case "text":
      return el("div", { class: "bubble", testid: "text", text: message.text || "" });
    case "image":
      return el("div", { class: "bubble" }, el("img", {
        src: safeUrl(message.previewImageUrl || message.originalContentUrl), alt: "image", testid: "image" }));
    case "sticker":
      return el("div", { class: "bubble sticker", testid: "sticker",
        text: "[sticker " + message.packageId + "/" + message.stickerId + "]" });
    case "location":
      return drawLocation(message);
    case "template":
      return drawTemplate(message.template || {}, message.altText);
    case "flex":
      return drawFlexRoot(message.contents || {});
    default:
      return el("div", { class: "bubble", text: "[" + message.type + (message.altText ? ": " + message.altText : "") + "]" });
  }
}

// Only web addresses become images and links.
function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : undefined;
}

function actionButton(action, testid) {
  action = action || {};
  return el("button", { type: "button", testid: testid || "action", "data-action": action.type,
    text: action.label || action.text || action.type || "", onclick: () => act(action, false) });
}

function drawTemplate(template, altText) {
  switch (template.type) {
    case "buttons":
      return drawColumn(template, "buttons");
    case "confirm":
      return el("div", { class: "bubble", testid: "confirm" }, el("div", { text: template.text || "" }),
        el("div", { class: "actions row2" }, ...(template.actions || []).map((a) => actionButton(a))));
    case "carousel":
      return el("div", { class: "carousel", testid: "carousel" },
        ...(template.columns || []).map((column) => drawColumn(column, "column")));
    case "image_carousel":
      return el("div", { class: "carousel", testid: "carousel" }, ...(template.columns || []).map((column) =>
        el("div", { class: "bubble", testid: "column" }, el("img", { src: safeUrl(column.imageUrl), alt: "" }),
          el("div", { class: "actions" }, actionButton(column.action)))));
    default:
      return el("div", { class: "bubble", text: altText || "[template]" });
  }
}

function drawColumn(column, testid) {
  return el("div", { class: "bubble", testid },
    safeUrl(column.thumbnailImageUrl) ? el("img", { src: column.thumbnailImageUrl, alt: "" }) : null,
    column.title ? el("div", { class: "title", text: column.title }) : null,
    el("div", { text: column.text || "" }),
    el("div", { class: "actions" }, ...(column.actions || []).map((a) => actionButton(a))));
}

function drawFlexRoot(contents) {
  if (contents.type === "carousel") {
    return el("div", { class: "carousel", testid: "carousel" }, ...(contents.contents || []).map(drawFlexBubble));
  }
  return drawFlexBubble(contents);
}

function drawFlexBubble(bubble) {
  return el("div", { class: "bubble flex", testid: "flex" },
    ...["header", "hero", "body", "footer"].map((part) => (bubble[part] ? drawFlex(bubble[part]) : null)));
}

// Walks a flex component and its children, drawing each readably.
function drawFlex(node) {
  switch (node.type) {
    case "box":
      return el("div", { class: "flex-box " + (node.layout || "vertical") }, ...(node.contents || []).map(drawFlex));
    case "text": {
      const text = node.contents && node.contents.length
        ? node.contents.map((span) => span.text || "").join("") : node.text || "";
      return el("div", { class: node.weight === "bold" ? "title" : "", text });
    }
    case "button":
      return actionButton(node.action);
    case "image":
      return el("img", { src: safeUrl(node.url), alt: node.altText || "" });
    case "separator":
      return el("hr", { class: "flex-separator" });
    case "icon":
    case "filler":
    case "spacer":
      return null;
    default:
      return el("div", { text: "[" + node.type + "]" });
  }
}

loadLanguages().then(loadUsers).catch((error) => showError(error.message));
state.polling = setInterval(poll, 700);
