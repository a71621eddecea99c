// The portal page: lists the templates, renders the parameter form from the Backstage parameter schema (honouring
// the ui:* hints), validates with the server as the user types (so the rules are the engine's own), previews a dry
// run, and creates the repo as a task whose log streams in live. Plain browser modules; no build step.

const $ = (id) => document.getElementById(id);

/** Makes an element with attributes and children; text is always set as text, never parsed as markup. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json = null;
  try { json = await response.json(); } catch { json = null; }
  return { ok: response.ok, status: response.status, json };
}

const errorText = (result) => result.status === 401
  ? "you are not signed in (your session may have ended); reload the page to sign in again"
  : result.json?.error?.message ?? `the server answered ${result.status}`;

const state = {
  template: null,   // { ref, name, title, ... } from /api/kafka-templates/templates
  entity: null,     // the template entity, posted back to dry-run
  fields: new Map(),// parameter name -> { schema, control, error, secret }
  touched: new Set(),
  validation: 0,    // sequence number, so a slow answer never overwrites a newer one
  timer: 0,
  events: null,
};

// ---- templates -------------------------------------------------------------------------------------------------

async function loadTemplates() {
  const result = await call("GET", "/api/kafka-templates/templates");
  const status = $("templates-status");
  if (!result.ok) {
    status.textContent = `Cannot list the templates: ${errorText(result)}`;
    return;
  }
  const items = result.json.items;
  status.textContent = items.length === 1 ? "1 template" : `${items.length} templates`;
  const list = $("template-list");
  list.replaceChildren(...items.map((t) => {
    const button = el("button", { type: "button", class: "primary", "aria-describedby": `template-${t.name}-title` }, `Use ${t.title}`);
    button.addEventListener("click", () => chooseTemplate(t));
    return el("li", { class: "card" },
      el("h3", { id: `template-${t.name}-title`, text: t.title }),
      el("p", { text: t.description }),
      el("p", { text: `${t.name} ${t.version} · owner ${t.owner}` }),
      el("ul", { class: "tags", "aria-label": "Tags" }, ...t.tags.map((tag) => el("li", { text: tag }))),
      button);
  }));
  for (const broken of result.json.unavailable) {
    list.append(el("li", { class: "card" }, el("h3", { text: `${broken.folder} (unavailable)` }),
      el("p", { text: broken.problems.join("; ") })));
  }
}

async function chooseTemplate(template) {
  const [namespace, name] = template.ref.split(":")[1].split("/");
  const [schema, entity] = await Promise.all([
    call("GET", `/api/scaffolder/v2/templates/${encodeURIComponent(namespace)}/template/${encodeURIComponent(name)}/parameter-schema`),
    call("GET", `/api/catalog/entities/by-name/template/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`),
  ]);
  if (!schema.ok || !entity.ok) {
    $("templates-status").textContent = `Cannot open ${template.title}: ${errorText(schema.ok ? entity : schema)}`;
    return;
  }
  state.template = template;
  state.entity = entity.json;
  state.touched.clear();
  renderForm(schema.json);
  $("preview-section").hidden = true;
  $("run-section").hidden = true;
  $("form-section").hidden = false;
  const autofocus = document.querySelector("#pages [autofocus]") ?? document.querySelector("#pages input, #pages select");
  (autofocus ?? $("form-heading")).focus();
}

// ---- the form --------------------------------------------------------------------------------------------------

function renderForm(schema) {
  $("form-heading").textContent = schema.title;
  $("form-description").textContent = schema.description ?? "";
  state.fields.clear();
  const pages = schema.steps.map((step, index) => {
    const fieldset = el("fieldset", {}, el("legend", { text: step.title }));
    if (step.description) fieldset.append(el("p", { class: "page-description", text: step.description }));
    const required = new Set(step.schema.required ?? []);
    for (const [name, property] of Object.entries(step.schema.properties ?? {})) {
      fieldset.append(renderField(name, property, required.has(name), index));
    }
    return fieldset;
  });
  $("pages").replaceChildren(...pages);
  $("form-status").textContent = "";
}

const isSecret = (p) => p["ui:field"] === "Secret" || p["ui:widget"] === "password" || p["ui:options"]?.widget === "password";

function renderField(name, property, required, page) {
  const id = `field-${name}`;
  const helpIds = [];
  const help = [];
  if (property.description) { helpIds.push(`${id}-help`); help.push(el("p", { class: "help", id: `${id}-help`, text: property.description })); }
  if (property["ui:help"]) { helpIds.push(`${id}-uihelp`); help.push(el("p", { class: "help", id: `${id}-uihelp`, text: property["ui:help"] })); }
  if (property["ui:field"] === "OwnerPicker") {
    helpIds.push(`${id}-owner`);
    help.push(el("p", { class: "help", id: `${id}-owner`, text: "Type the owning group's name, as the Backstage catalog spells it." }));
  }
  const error = el("p", { class: "error", id: `${id}-error` });
  const describedBy = [...helpIds, `${id}-error`].join(" ");
  const common = { id, name, "aria-describedby": describedBy, required, autofocus: property["ui:autofocus"] === true, "data-page": page };
  const secret = isSecret(property);
  let control;
  if (Array.isArray(property.enum)) {
    const labels = property.enumNames ?? property.enum;
    control = el("select", common, ...property.enum.map((value, i) =>
      el("option", { value: String(value), selected: property.default === value, text: String(labels[i] ?? value) })));
  } else if (property.type === "boolean") {
    control = el("input", { ...common, type: "checkbox", checked: property.default === true });
  } else if (property.type === "integer" || property.type === "number") {
    control = el("input", { ...common, type: "number", inputmode: "numeric", min: property.minimum, max: property.maximum,
      step: property.type === "integer" ? 1 : "any", value: property.default });
  } else {
    control = el("input", { ...common, type: secret ? "password" : "text", autocomplete: secret ? "new-password" : "off",
      spellcheck: "false", value: property.default ?? "" });
  }
  const onEdit = () => { state.touched.add(name); scheduleValidation(); };
  control.addEventListener("input", onEdit);
  control.addEventListener("change", onEdit);
  state.fields.set(name, { property, control, error, secret });

  const label = el("label", { for: id }, property.title ?? name);
  if (required) label.append(el("span", { class: "required", "aria-hidden": "true", text: "*" }));
  if (property.type === "boolean") return el("div", { class: "field checkbox" }, control, label, ...help, error);
  return el("div", { class: "field" }, label, control, ...help, error);
}

/** The form's answers: secrets apart, as Backstage sends them, so the server keeps them in memory only. */
function answers() {
  const values = {};
  const secrets = {};
  for (const [name, { property, control, secret }] of state.fields) {
    let value;
    if (property.type === "boolean") value = control.checked;
    else if (property.type === "integer" || property.type === "number") {
      if (control.value.trim() === "") continue; // empty: the template's default applies
      value = Number(control.value);
    } else value = control.value;
    if (secret) { if (value !== "") secrets[name] = value; } else values[name] = value;
  }
  return { values, secrets };
}

function scheduleValidation() {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => validate(false), 200);
}

/** Asks the server for every violation; shows those of touched fields (or all, before a preview or a create). */
async function validate(all) {
  const sequence = ++state.validation;
  const { values, secrets } = answers();
  const result = await call("POST", "/api/kafka-templates/validate-parameters", { templateRef: state.template.ref, values, secrets });
  if (sequence !== state.validation) return null;
  if (!result.ok) {
    setStatus($("form-status"), `Cannot check the values: ${errorText(result)}`, "bad");
    return null;
  }
  if (all) for (const name of state.fields.keys()) state.touched.add(name);
  showViolations(result.json.violations);
  return result.json.violations;
}

function showViolations(violations) {
  const byField = new Map();
  const other = [];
  for (const v of violations) {
    const name = v.parameter.replace(/^secrets\./, "").split("/")[0];
    if (state.fields.has(name)) { if (!byField.has(name)) byField.set(name, v.message); } else other.push(`${v.parameter} ${v.message}`);
  }
  let shown = 0;
  for (const [name, { control, error }] of state.fields) {
    const message = state.touched.has(name) ? byField.get(name) : undefined;
    error.textContent = message ? `${control.labels[0]?.firstChild?.textContent ?? name} ${message}` : "";
    control.setAttribute("aria-invalid", message ? "true" : "false");
    if (message) shown++;
  }
  const status = $("form-status");
  if (other.length > 0) setStatus(status, other.join("; "), "bad");
  else if (shown > 0) setStatus(status, shown === 1 ? "1 field needs attention." : `${shown} fields need attention.`, "bad");
  else setStatus(status, "", "");
}

function setStatus(node, text, kind) {
  node.textContent = text;
  node.classList.toggle("bad", kind === "bad");
  node.classList.toggle("good", kind === "good");
}

/** Validates everything; on a problem, focuses the first field that has one and returns false. */
async function readyToSubmit() {
  clearTimeout(state.timer);
  const violations = await validate(true);
  if (violations === null) return false;
  if (violations.length === 0) return true;
  const first = [...state.fields.values()].find((f) => f.control.getAttribute("aria-invalid") === "true");
  first?.control.focus();
  return false;
}

// ---- preview ---------------------------------------------------------------------------------------------------

async function preview() {
  if (!(await readyToSubmit())) return;
  const button = $("preview");
  button.disabled = true;
  setStatus($("form-status"), "Rendering a preview…", "");
  try {
    const { values, secrets } = answers();
    const result = await call("POST", "/api/scaffolder/v2/dry-run", { template: state.entity, values, secrets, directoryContents: [] });
    if (!result.ok) {
      if (result.json?.errors) showViolations(result.json.errors.map((e) => ({ parameter: e.parameter ?? e.property, message: e.message })));
      setStatus($("form-status"), `The preview failed: ${errorText(result)}`, "bad");
      return;
    }
    setStatus($("form-status"), "", "");
    renderPreview(result.json);
  } finally {
    button.disabled = false;
  }
}

const decoder = new TextDecoder("utf-8");

function decode(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return bytes.includes(0) ? `(binary file, ${bytes.length} bytes)` : decoder.decode(bytes);
}

function renderPreview(dryRun) {
  const files = dryRun.directoryContents;
  const section = $("preview-section");
  section.hidden = false;
  $("preview-summary").textContent = `${files.length} files would be created.`;
  $("file-tree").replaceChildren(...treeNodes(buildTree(files)));
  $("file-title").textContent = "Choose a file to see its content";
  $("file-content").textContent = "";

  // null: the template makes no Kafka deployment repo, so there is nothing for the checks to judge.
  const report = dryRun.diagnostics;
  const table = $("diagnostics");
  if (!report || report.error) {
    $("diagnostics-summary").textContent = report
      ? `The file checks could not run: ${report.error}`
      : "The file checks judge Kafka deployment repos; this template makes something else.";
    table.hidden = true;
    $("skipped").replaceChildren();
  } else {
    const s = report.summary;
    $("diagnostics-summary").textContent = report.passed && s.warnings === 0
      ? "No problems found by the file checks."
      : `${s.errors} errors, ${s.warnings} warnings, ${s.notes} notes.`;
    table.hidden = report.diagnostics.length === 0;
    table.tBodies[0].replaceChildren(...report.diagnostics.map((d) => el("tr", {},
      el("td", { class: `sev-${d.severity}`, text: d.severity }),
      el("td", { text: d.code }),
      el("td", { text: `${d.file}:${d.line}:${d.column}` }),
      el("td", { text: d.message }))));
    $("skipped").replaceChildren(...report.skipped.map((k) => el("li", { text: `Not checked in the preview: ${k.check} (${k.reason}); creating the repo runs them.` })));
  }
  $("preview-log").replaceChildren(...dryRun.log.map((entry) => logLine(entry.body)));
  $("preview-heading").focus();
}

function buildTree(files) {
  const root = { folders: new Map(), files: [] };
  for (const file of files) {
    const parts = file.path.split("/");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (!node.folders.has(part)) node.folders.set(part, { folders: new Map(), files: [] });
      node = node.folders.get(part);
    }
    node.files.push({ name: parts[parts.length - 1], file });
  }
  return root;
}

function treeNodes(node) {
  const items = [];
  for (const [name, folder] of [...node.folders].sort(([a], [b]) => a.localeCompare(b))) {
    items.push(el("li", {}, el("details", { open: true }, el("summary", { text: `${name}/` }), el("ul", {}, ...treeNodes(folder)))));
  }
  for (const { name, file } of node.files.sort((a, b) => a.name.localeCompare(b.name))) {
    const button = el("button", { type: "button", "data-path": file.path, text: name });
    button.addEventListener("click", () => showFile(file, button));
    items.push(el("li", {}, button, file.executable ? el("span", { class: "badge", text: "executable" }) : null));
  }
  return items;
}

function showFile(file, button) {
  for (const other of document.querySelectorAll("#file-tree button[aria-current]")) other.removeAttribute("aria-current");
  button.setAttribute("aria-current", "true");
  $("file-title").textContent = file.executable ? `${file.path} (executable)` : file.path;
  $("file-content").textContent = decode(file.base64Content);
}

// ---- create ----------------------------------------------------------------------------------------------------

function logLine(body) {
  const line = el("li", { class: body.status ?? "" });
  if (body.stepId) line.append(el("span", { class: "step", text: `[${body.stepId}] ` }));
  line.append(body.message);
  if (body.status) line.append(el("span", { class: "badge", text: body.status }));
  return line;
}

async function create(event) {
  event.preventDefault();
  if (!(await readyToSubmit())) return;
  const button = $("create");
  button.disabled = true;
  try {
    const { values, secrets } = answers();
    const result = await call("POST", "/api/scaffolder/v2/tasks", { templateRef: state.template.ref, values, secrets });
    if (result.status !== 201) {
      setStatus($("form-status"), `The task was not created: ${errorText(result)}`, "bad");
      return;
    }
    watch(result.json.id);
  } finally {
    button.disabled = false;
  }
}

function watch(taskId) {
  state.events?.close();
  const section = $("run-section");
  section.hidden = false;
  $("run-log").replaceChildren();
  $("run-output").replaceChildren();
  const download = $("download");
  download.hidden = true;
  const cancel = $("cancel");
  cancel.hidden = false;
  cancel.onclick = async () => {
    cancel.disabled = true;
    await call("POST", `/api/scaffolder/v2/tasks/${taskId}/cancel`);
  };
  cancel.disabled = false;
  setStatus($("run-status"), `Task ${taskId} is running…`, "");
  $("run-heading").focus();

  const events = new EventSource(`/api/scaffolder/v2/tasks/${taskId}/eventstream`);
  state.events = events;
  const add = (message) => {
    const event = JSON.parse(message.data);
    const log = $("run-log");
    log.append(logLine(event.body));
    log.scrollTop = log.scrollHeight;
  };
  events.addEventListener("log", add);
  events.addEventListener("cancelled", add);
  events.addEventListener("completion", async (message) => {
    events.close();
    cancel.hidden = true;
    const body = JSON.parse(message.data).body;
    const task = await call("GET", `/api/scaffolder/v2/tasks/${taskId}`);
    const status = task.ok ? task.json.status : "unknown";
    if (status === "completed") {
      setStatus($("run-status"), "The repo is ready.", "good");
      download.href = `/api/scaffolder/v2/tasks/${taskId}/download`;
      download.setAttribute("download", "");
      download.hidden = false;
      for (const text of body.output?.text ?? []) $("run-output").append(el("li", { text: `${text.title}: ${text.content}` }));
      // The repository and catalog entity a publishing template links to; the zip has its own button.
      for (const link of body.output?.links ?? []) {
        if (link.icon === "download") continue;
        if (typeof link.url === "string" && /^https?:\/\//i.test(link.url)) {
          $("run-output").append(el("li", { class: "output-link" }, `${link.title ?? "Link"}: `, el("a", { href: link.url, rel: "noopener noreferrer", text: link.url })));
        } else if (typeof link.entityRef === "string" && link.entityRef) {
          $("run-output").append(el("li", { class: "output-link", text: `${link.title ?? "Catalog entity"}: ${link.entityRef}` }));
        }
      }
      download.focus();
    } else {
      setStatus($("run-status"), `The task ${status}${body.error ? `: ${body.error.message}` : "."}`, "bad");
    }
  });
  events.onerror = () => {
    // EventSource reconnects by itself (with the last event id); say so only if it gave up.
    if (events.readyState === EventSource.CLOSED) setStatus($("run-status"), "Lost the connection to the task's log.", "bad");
  };
}

$("preview").addEventListener("click", preview);
$("parameters").addEventListener("submit", create);
// With sign-in on, the page says who the portal takes the person for, and offers to sign out.
async function showIdentity() {
  const result = await call("GET", "/api/kafka-templates/me");
  const user = result.ok ? result.json.userEntityRef : null;
  if (!user) return;
  $("signed-in-as").textContent = `Signed in as ${user}`;
  $("identity").hidden = false;
}

showIdentity();
loadTemplates();
