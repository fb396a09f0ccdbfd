// The web chat: a thin client of the HTTP API (no framework, no build step, nothing from a CDN).
//
// Safety rule of this file: text that comes from documents or users is only ever put into the page
// with textContent / createTextNode (never innerHTML), so a report containing "<script>" shows the
// characters and runs nothing. The page's own markup comes from <template>s in index.html.

// ---------------------------------------------------------------------------------------------
// Texts the page shows (server-side texts come from the API; these are the page's own labels).
const TEXT = {
  searching: "Đang tìm…",
  network: "Không kết nối được tới máy chủ. Kiểm tra mạng rồi thử lại.",
  interrupted: "Kết nối bị gián đoạn trước khi câu trả lời hoàn tất.",
  badStream: "Máy chủ gửi dữ liệu không đọc được.",
  httpError: (status) => `Máy chủ báo lỗi (mã ${status}).`,
  citationMissing: "Trích dẫn này chưa sẵn sàng.",
  uploading: (percent) => `Đang tải lên… ${percent}%`,
  processing: "Đang đọc tệp (tách đoạn, bảng, trang)…",
  readingPages: (done, total) => `Đang nhận dạng chữ trang quét (OCR): ${done}/${total} trang`,
  embedding: (done, total) => `Đang lập chỉ mục: ${done}/${total} đoạn và câu`,
  writing: "Đang ghi vào kho…",
  seconds: (count) => `${count} giây`,
  minutes: (count) => `${count} phút`,
  left: (time) => `còn khoảng ${time}`,
  ocrBadge: "OCR",
  ocrTitle: (pages) => `${pages} trang được đọc bằng nhận dạng chữ (OCR) từ ảnh quét`,
  uploaded: (title, chunks) => `Đã nạp “${title}” (${chunks} đoạn).`,
  updated: (title, chunks) => `Đã cập nhật “${title}” (${chunks} đoạn).`,
  unchanged: (title) => `“${title}” đã có, nội dung không đổi.`,
  confirmDelete: (title) => `Xóa báo cáo “${title}”?\nMọi đoạn của báo cáo sẽ bị xóa khỏi kho.`,
  deleteLabel: (title) => `Xóa báo cáo ${title}`,
  deleted: (title) => `Đã xóa “${title}”.`,
  documentsFailed: (message) => `Không tải được danh sách báo cáo: ${message}`,
  deleteFailed: (message) => `Không xóa được báo cáo: ${message}`,
  chunks: (count) => `${count} đoạn`,
  thanks: "Cảm ơn bạn đã góp ý!",
  feedbackFailed: (message) => `Chưa gửi được đánh giá: ${message}`,
  citeLabel: (n) => `Xem trích dẫn ${n}`,
  noPeriod: "—",
  sourcePage: (source, page) => `${source}, trang ${page}`,
  understood: (question) => `Hiểu câu hỏi là: “${question}”`,
  generated: "Câu trả lời do AI viết từ các đoạn trích; số liệu và trích dẫn đã được đối chiếu với báo cáo.",
  replaced: "Câu trả lời do AI viết chưa khớp với báo cáo nên được thay bằng các câu trích nguyên văn.",
  keyNeeded: "Máy chủ yêu cầu khóa API. Hãy nhập khóa được cấp cho bạn.",
  keyChecking: "Đang kiểm tra khóa…",
  roleReader: "Quyền đọc",
  roleAdmin: "Quyền quản trị",
  indicatorTitle: (indicator) => `Số liệu “${indicator}” qua các báo cáo`,
  indicatorChart: (indicator, kind) => `Biểu đồ ${kind.toLowerCase()} của “${indicator}” qua các kỳ`,
  indicatorFailed: (message) => `Không tải được bảng số liệu: ${message}`,
  csvColumns: ["Chỉ tiêu", "Kỳ", "Loại", "Giá trị", "Đơn vị", "Số liệu", "Báo cáo", "Tệp", "Mục", "Câu trích"],
  kinds: { result: "Kết quả", target: "Mục tiêu, kế hoạch", change: "Tăng, giảm", share: "So với kế hoạch", base: "Số liệu so sánh" },
};

// ---------------------------------------------------------------------------------------------
// API: every request the page makes goes through here, and `headers()` adds the API key to each
// (uploads included). A 401 anywhere asks the user for a key (see `session`).

class ApiError extends Error {
  constructor(message, { status = 0, retryable = false } = {}) {
    super(message);
    this.status = status;
    this.retryable = retryable;
  }
}

const api = {
  headers(extra = {}) {
    const key = session.key();
    return key ? { ...extra, Authorization: `Bearer ${key}` } : { ...extra };
  },

  async request(method, path, body) {
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: this.headers(body === undefined ? {} : { "Content-Type": "application/json" }),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(TEXT.network, { retryable: true });
    }
    if (!response.ok) throw await this.error(response);
    return response.status === 204 ? null : response.json();
  },

  // The API's errors are JSON with a Vietnamese `detail`; anything else gets a generic message.
  async error(response) {
    let message = TEXT.httpError(response.status);
    try {
      const body = await response.json();
      if (body && typeof body.detail === "string") message = body.detail;
    } catch {
      /* not JSON: keep the generic message */
    }
    if (response.status === 401) session.askForKey(message);
    return new ApiError(message, { status: response.status, retryable: response.status >= 500 || response.status === 429 });
  },

  whoami: () => api.request("GET", "/v1/whoami"),
  examples: () => api.request("GET", "/v1/examples"),
  documents: () => api.request("GET", "/v1/documents"),
  deleteDocument: (docId) => api.request("DELETE", `/v1/documents/${encodeURIComponent(docId)}`),
  feedback: (record) => api.request("POST", "/v1/feedback", record),
  indicators: (query) => api.request("GET", `/v1/indicators?q=${encodeURIComponent(query)}`),

  // POST /v1/ask/stream, read as Server-Sent Events; `onEvent(type, data)` for each event.
  // `conversationId` (from an earlier answer) lets the server read the question as a follow-up.
  async askStream(question, conversationId, onEvent) {
    let response;
    const body = conversationId ? { question, conversation_id: conversationId } : { question };
    try {
      response = await fetch("/v1/ask/stream", {
        method: "POST",
        headers: this.headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
        body: JSON.stringify(body),
      });
    } catch {
      throw new ApiError(TEXT.network, { retryable: true });
    }
    if (!response.ok) throw await this.error(response);
    try {
      await readServerSentEvents(response.body, onEvent);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(TEXT.interrupted, { retryable: true });
    }
  },

  // XMLHttpRequest rather than fetch: only it reports upload progress. The server's answer is the
  // stream of `/v1/documents/stream`: `progress` events while it reads and embeds, then `done` (the
  // ingest report) or `error`; XHR's download progress hands over the stream as it grows.
  upload(file, onUpload, onWork) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", "/v1/documents/stream");
      for (const [name, value] of Object.entries(this.headers({ Accept: "text/event-stream" }))) {
        request.setRequestHeader(name, value);
      }
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) onUpload(event.loaded / event.total);
      });
      request.upload.addEventListener("load", () => onUpload(1));
      let read = 0;
      let buffer = "";
      let outcome = null;
      const consume = () => {
        if (request.status < 200 || request.status >= 300) return;
        buffer += request.responseText.slice(read).replace(/\r\n?/g, "\n");
        read = request.responseText.length;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event;
          try {
            event = parseEventBlock(block);
          } catch (error) {
            outcome = { error };
            continue;
          }
          if (!event) continue;
          if (event.type === "progress") onWork(event.data);
          else if (event.type === "done") outcome = { report: event.data };
          else if (event.type === "error") outcome = { error: new ApiError(event.data.message, { status: event.data.status }) };
        }
      };
      request.addEventListener("progress", consume);
      request.addEventListener("load", () => {
        if (request.status >= 200 && request.status < 300) {
          consume();
          if (outcome && outcome.report) return resolve(outcome.report);
          return reject(outcome ? outcome.error : new ApiError(TEXT.interrupted, { retryable: true }));
        }
        let body = null;
        try {
          body = JSON.parse(request.responseText);
        } catch {
          body = null;
        }
        const message = body && typeof body.detail === "string" ? body.detail : TEXT.httpError(request.status);
        if (request.status === 401) session.askForKey(message);
        reject(new ApiError(message, { status: request.status }));
      });
      request.addEventListener("error", () => reject(new ApiError(TEXT.network, { retryable: true })));
      const form = new FormData();
      form.append("file", file, file.name);
      request.send(form);
    });
  },
};

// The SSE wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html): blocks
// separated by a blank line, `event:` and `data:` fields, `:` comments (keep-alive pings).
// EventSource cannot POST, so the few lines of parsing live here.
async function readServerSentEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseEventBlock(block);
      if (event) onEvent(event.type, event.data);
    }
  }
}

function parseEventBlock(block) {
  let type = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") type = value;
    else if (field === "data") data.push(value);
  }
  if (!data.length) return null;
  try {
    return { type, data: JSON.parse(data.join("\n")) };
  } catch {
    throw new ApiError(TEXT.badStream, { retryable: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Safe rendering helpers: they only create elements and text nodes.

const $ = (selector, root = document) => root.querySelector(selector);

function fromTemplate(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}

// A figure: a number with thousands/decimal separators, a percentage, or a number with a unit.
// Bare years ("năm 2023") and lone digits ("6 tháng") are not figures.
const FIGURE = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*(?:\s?%|\s(?:nghìn|ngàn|triệu|tỷ)(?:\s(?:đồng|USD))?)?(?![\p{L}\p{N}])/gu;

function isFigure(match) {
  if (/%|\s/.test(match)) return true;
  if (/[.,]/.test(match)) return true;
  return match.length >= 2 && !/^(?:19|20)\d\d$/.test(match);
}

// Appends `text` to `parent`, figures wrapped in `tag` (e.g. <mark>), everything as text nodes.
function appendWithFigures(parent, text, tag) {
  let last = 0;
  for (const match of text.matchAll(FIGURE)) {
    if (!isFigure(match[0])) continue;
    if (match.index > last) parent.append(document.createTextNode(text.slice(last, match.index)));
    const figure = document.createElement(tag);
    figure.className = "figure";
    figure.textContent = match[0];
    parent.append(figure);
    last = match.index + match[0].length;
  }
  if (last < text.length) parent.append(document.createTextNode(text.slice(last)));
}

// ---------------------------------------------------------------------------------------------
// The citation dialog.

const citationDialog = {
  open(citation) {
    const dialog = $("#citation-dialog");
    $("#citation-number").textContent = `[${citation.n}]`;
    $("#citation-title").textContent = citation.title || citation.source;
    $("#citation-period").textContent = citation.period || TEXT.noPeriod;
    $("#citation-section").textContent = citation.section || TEXT.noPeriod;
    $("#citation-source").textContent = citation.page ? TEXT.sourcePage(citation.source, citation.page) : citation.source;
    $("#citation-ocr").hidden = !citation.ocr;
    const quote = $("#citation-quote");
    quote.replaceChildren();
    appendWithFigures(quote, citation.quote, "mark");
    if (!dialog.open) dialog.showModal();
  },
  init() {
    const dialog = $("#citation-dialog");
    $("#citation-close").addEventListener("click", () => dialog.close());
    // A click on the backdrop (outside the dialog's box) closes it too.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
  },
};

// ---------------------------------------------------------------------------------------------
// One answer in the conversation: it follows the stream's events and renders them.

class AnswerView {
  constructor(question) {
    this.question = question;
    this.element = fromTemplate("assistant-template");
    this.answerElement = $(".answer", this.element);
    this.citationList = $(".citations", this.element);
    $(".retry", this.element).addEventListener("click", () => this.onRetry?.());
    for (const thumb of this.element.querySelectorAll(".thumb")) {
      thumb.addEventListener("click", () => this.sendFeedback(thumb.dataset.rating));
    }
    this.answerElement.addEventListener("click", (event) => {
      const reference = event.target.closest(".cite-ref");
      if (reference) this.openCitation(Number(reference.dataset.n));
    });
    this.reset();
  }

  reset() {
    this.text = "";
    this.citations = new Map();
    this.answer = null;
    this.replaced = false;
    this.setState("searching");
    this.status(TEXT.searching);
    this.answerElement.replaceChildren();
    this.citationList.replaceChildren();
    this.citationList.hidden = true;
    this.line(".understood", "");
    this.line(".answer-note", "");
    $(".indicator-place", this.element).replaceChildren();
    $(".failure", this.element).hidden = true;
    $(".feedback", this.element).hidden = true;
  }

  setState(state) {
    this.element.dataset.state = state;
  }

  status(message) {
    $(".status-text", this.element).textContent = message;
  }

  // A quiet line of the answer (".understood", ".answer-note"); hidden when empty.
  line(selector, text) {
    const element = $(selector, this.element);
    element.textContent = text;
    element.hidden = !text;
  }

  append(piece) {
    this.setState("streaming");
    this.text += piece;
    this.renderText();
  }

  // The server withdrew what streamed so far (a generated answer that did not match the reports):
  // the answer is now `text`, and the citations that follow are its own.
  replace(text) {
    this.setState("streaming");
    this.replaced = true;
    this.text = text;
    this.citations = new Map();
    this.citationList.replaceChildren();
    this.citationList.hidden = true;
    this.renderText();
    this.line(".answer-note", TEXT.replaced);
  }

  setCitations(citations) {
    this.citations = new Map(citations.map((citation) => [citation.n, citation]));
    this.citationList.replaceChildren();
    for (const citation of citations) {
      const item = fromTemplate("citation-template");
      $(".cite-chip", item).textContent = `[${citation.n}]`;
      $(".citation-title", item).textContent = citation.title || citation.source;
      $(".citation-where", item).textContent = [citation.period, citation.section, citation.page && `trang ${citation.page}`, citation.ocr && "OCR"]
        .filter(Boolean)
        .join(" · ");
      $(".citation-open", item).addEventListener("click", () => this.openCitation(citation.n));
      this.citationList.append(item);
    }
    this.citationList.hidden = citations.length === 0;
    this.renderText();
  }

  // The answer text with each "[n]" as a button that opens citation n; figures in bold.
  renderText() {
    const parts = this.text.split(/\[(\d+)\]/);
    this.answerElement.replaceChildren();
    parts.forEach((part, index) => {
      if (index % 2 === 0) {
        appendWithFigures(this.answerElement, part, "strong");
        return;
      }
      const n = Number(part);
      const reference = document.createElement("button");
      reference.type = "button";
      reference.className = "cite-ref";
      reference.dataset.n = String(n);
      reference.textContent = `[${n}]`;
      reference.setAttribute("aria-label", TEXT.citeLabel(n));
      reference.disabled = !this.citations.has(n);
      this.answerElement.append(reference);
    });
  }

  openCitation(n) {
    const citation = this.citations.get(n);
    if (citation) citationDialog.open(citation);
    else this.status(TEXT.citationMissing);
  }

  done(answer) {
    this.answer = answer;
    // The final answer is authoritative: it replaces whatever the deltas built.
    this.text = answer.answer;
    this.setCitations(answer.citations || []);
    this.setState(answer.answered ? "done" : "declined");
    const standalone = answer.standalone_question || "";
    this.line(".understood", standalone && standalone !== this.question.trim() ? TEXT.understood(standalone) : "");
    if (answer.mode === "generative") this.line(".answer-note", TEXT.generated);
    else if (!this.replaced) this.line(".answer-note", "");
    const feedback = $(".feedback", this.element);
    feedback.hidden = false;
    for (const thumb of feedback.querySelectorAll(".thumb")) {
      thumb.disabled = false;
      thumb.setAttribute("aria-pressed", "false");
    }
    $(".feedback-status", feedback).textContent = "";
    if (answer.answered && answer.indicator) this.showIndicator(answer.indicator);
  }

  // Under an answer about a figure: the indicator's figures across every report (GET /v1/indicators).
  async showIndicator(indicator) {
    const place = $(".indicator-place", this.element);
    place.replaceChildren();
    try {
      const table = await api.indicators(indicator);
      if (table.rows.length > 0) place.append(indicatorPanel(table));
    } catch (error) {
      const note = document.createElement("p");
      note.className = "error-text";
      note.textContent = TEXT.indicatorFailed(error.message);
      place.append(note);
    }
  }

  fail(message, retryable) {
    this.setState("error");
    $(".failure-text", this.element).textContent = message;
    $(".retry", this.element).hidden = !retryable;
    $(".failure", this.element).hidden = false;
  }

  async sendFeedback(rating) {
    if (!this.answer) return;
    const thumbs = this.element.querySelectorAll(".thumb");
    const status = $(".feedback-status", this.element);
    for (const thumb of thumbs) thumb.disabled = true;
    try {
      await api.feedback({
        rating,
        question: this.question,
        answer: this.answer.answer,
        citations: this.answer.citations,
        mode: this.answer.mode,
      });
      for (const thumb of thumbs) thumb.setAttribute("aria-pressed", String(thumb.dataset.rating === rating));
      status.textContent = TEXT.thanks;
      status.classList.remove("error-text");
    } catch (error) {
      for (const thumb of thumbs) thumb.disabled = false;
      status.textContent = TEXT.feedbackFailed(error.message);
      status.classList.add("error-text");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The indicator table under an answer about a figure: one row per figure a report states (latest
// period first, as the API sends them), a line chart when one kind has three or more periods, and
// the rows as a CSV file. Everything from the reports goes in as text (textContent), the chart too.

const SVG = "http://www.w3.org/2000/svg";

function svgElement(name, attributes = {}) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

// "27.477" → 27477, "77,1" → 77.1: the reports write thousands with "." and decimals with ",".
function figureNumber(value) {
  const number = Number(String(value).replace(/\./g, "").replace(",", "."));
  return Number.isFinite(number) ? number : null;
}

function indicatorPanel(table) {
  const panel = fromTemplate("indicator-template");
  $(".indicator-title", panel).textContent = TEXT.indicatorTitle(table.indicator);
  const body = $("tbody", panel);
  for (const row of table.rows) {
    const line = document.createElement("tr");
    const cells = [row.period || TEXT.noPeriod, TEXT.kinds[row.kind] || row.kind, row.figure, row.title || row.source];
    for (const text of cells) {
      const cell = document.createElement("td");
      cell.textContent = text;
      line.append(cell);
    }
    line.title = row.quote;
    line.children[2].className = "figure";
    body.append(line);
  }
  const series = chartSeries(table.rows);
  if (series) {
    const chart = $(".indicator-chart", panel);
    drawChart(chart, series);
    chart.setAttribute("aria-label", TEXT.indicatorChart(table.indicator, TEXT.kinds[series.kind] || series.kind));
    chart.removeAttribute("hidden"); // an SVG element has no `hidden` property, only the attribute
  }
  const link = $(".indicator-csv", panel);
  link.href = URL.createObjectURL(new Blob(["\ufeff" + indicatorCsv(table)], { type: "text/csv;charset=utf-8" }));
  link.download = `chi-tieu-${slug(table.indicator)}.csv`;
  return panel;
}

// The points of the most-stated kind with one unit: one per period, oldest first; null under three.
function chartSeries(rows) {
  const groups = new Map();
  for (const row of rows) {
    const value = figureNumber(row.value);
    if (!row.period || value === null) continue;
    const key = `${row.kind}\u0000${row.unit}`;
    if (!groups.has(key)) groups.set(key, { kind: row.kind, unit: row.unit, points: new Map() });
    const points = groups.get(key).points;
    if (!points.has(row.period)) points.set(row.period, { label: row.period, value, figure: row.figure });
  }
  // Results before targets before the rest when as many periods are stated of each.
  const order = ["result", "target", "share", "change", "base"];
  const rank = (group) => [group.points.size, -order.indexOf(group.kind)];
  let best = null;
  for (const group of groups.values()) {
    if (group.points.size < 3) continue;
    const [size, kind] = rank(group);
    if (!best || size > rank(best)[0] || (size === rank(best)[0] && kind > rank(best)[1])) best = group;
  }
  if (!best) return null;
  return { kind: best.kind, unit: best.unit, points: [...best.points.values()].reverse() };
}

function drawChart(svg, series) {
  const width = 480;
  const height = 200;
  const pad = { left: 16, right: 16, top: 28, bottom: 40 };
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const values = series.points.map((point) => point.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const spread = high - low || Math.abs(high) || 1;
  const x = (index) => pad.left + ((width - pad.left - pad.right) * index) / (series.points.length - 1);
  const y = (value) => pad.top + (height - pad.top - pad.bottom) * (1 - (value - low) / spread);
  svg.append(svgElement("line", { class: "axis", x1: pad.left, x2: width - pad.right, y1: height - pad.bottom, y2: height - pad.bottom }));
  const path = series.points.map((point, index) => `${index ? "L" : "M"}${x(index).toFixed(1)},${y(point.value).toFixed(1)}`);
  svg.append(svgElement("path", { class: "line", d: path.join(" ") }));
  series.points.forEach((point, index) => {
    const dot = svgElement("circle", { class: "point", cx: x(index).toFixed(1), cy: y(point.value).toFixed(1), r: 4 });
    const tip = svgElement("title");
    tip.textContent = `${point.label}: ${point.figure}`;
    dot.append(tip);
    const anchor = index === 0 ? "start" : index === series.points.length - 1 ? "end" : "middle";
    const value = svgElement("text", { class: "value", x: x(index).toFixed(1), y: (y(point.value) - 10).toFixed(1), "text-anchor": anchor });
    value.textContent = point.figure;
    const label = svgElement("text", { class: "label", x: x(index).toFixed(1), y: height - pad.bottom + 18, "text-anchor": anchor });
    label.textContent = point.label;
    svg.append(dot, value, label);
  });
}

// RFC 4180 CSV; a cell a spreadsheet would run as a formula ("=…", "+…", "@…") is written as text.
function indicatorCsv(table) {
  const cell = (value) => {
    let text = String(value ?? "");
    if (/^[=+@\t\r]/.test(text) || /^-[^\d]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [TEXT.csvColumns.map(cell).join(",")];
  for (const row of table.rows) {
    const kind = TEXT.kinds[row.kind] || row.kind;
    const values = [row.indicator, row.period, kind, row.value, row.unit, row.figure, row.title, row.source, row.section, row.quote];
    lines.push(values.map(cell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

function slug(text) {
  const plain = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  return plain.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "so-lieu";
}

// ---------------------------------------------------------------------------------------------
// The conversation.

const chat = {
  busy: false,
  // Counts runs; a run that has been overtaken (by the next question or a retry) leaves the form alone.
  runs: 0,
  // One conversation per page session: set by the first answer, sent with every later question,
  // so "Còn năm 2021 thì sao?" is read against what was asked before. A reload starts afresh.
  conversationId: null,

  init() {
    const form = $("#ask-form");
    const input = $("#question");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    input.addEventListener("input", () => this.autosize());
  },

  autosize() {
    const input = $("#question");
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 180)}px`;
  },

  submit() {
    const input = $("#question");
    const question = input.value.trim();
    if (!question || this.busy) return;
    input.value = "";
    this.autosize();
    this.ask(question);
  },

  setBusy(busy) {
    this.busy = busy;
    $("#send").disabled = busy;
    for (const button of document.querySelectorAll(".example")) button.disabled = busy;
  },

  ask(question) {
    $("#welcome").classList.add("compact");
    const conversation = $("#conversation");
    const asked = fromTemplate("user-template");
    $(".question-text", asked).textContent = question;
    const view = new AnswerView(question);
    view.onRetry = () => this.run(view);
    conversation.append(asked, view.element);
    this.run(view);
  },

  async run(view) {
    if (this.busy) return;
    this.setBusy(true);
    // The answer is finished when its "done" (or "error") event arrives, a moment before the
    // stream closes: the next question is accepted from then on, and only the run still current
    // releases the form when its stream ends.
    const run = ++this.runs;
    const release = () => {
      if (this.runs === run) this.setBusy(false);
    };
    view.reset();
    this.scroll();
    let finished = false;
    try {
      await api.askStream(view.question, this.conversationId, (type, data) => {
        if (type === "status") view.status(data.message);
        else if (type === "citations") view.setCitations(data.citations);
        else if (type === "delta") view.append(data.text);
        else if (type === "replace") view.replace(data.text);
        else if (type === "done") {
          if (data.conversation_id) this.conversationId = data.conversation_id;
          view.done(data);
          finished = true;
          release();
        } else if (type === "error") {
          view.fail(data.message, true);
          finished = true;
          release();
        }
        this.scroll();
      });
      if (!finished) view.fail(TEXT.interrupted, true);
    } catch (error) {
      view.fail(error.message, error.retryable);
    } finally {
      release();
      this.scroll();
    }
  },

  scroll() {
    const conversation = $("#conversation");
    conversation.scrollTop = conversation.scrollHeight;
  },

  async loadExamples() {
    const list = $("#examples");
    let questions = [];
    try {
      questions = await api.examples();
    } catch {
      /* examples are a convenience: without them the page works the same */
    }
    list.replaceChildren();
    for (const question of questions) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "example";
      button.textContent = question;
      button.addEventListener("click", () => {
        if (!this.busy) this.ask(question);
      });
      item.append(button);
      list.append(item);
    }
    $(".examples-label").hidden = questions.length === 0;
  },
};

// ---------------------------------------------------------------------------------------------
// The side panel: ingested reports, upload and delete.

const library = {
  init() {
    const toggle = $("#library-toggle");
    toggle.addEventListener("click", () => this.setOpen(!document.body.classList.contains("library-open")));
    $("#library-close").addEventListener("click", () => this.setOpen(false));
    $("#backdrop").addEventListener("click", () => this.setOpen(false));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && document.body.classList.contains("library-open")) this.setOpen(false);
    });

    $("#file-input").addEventListener("change", (event) => {
      this.uploadAll([...event.target.files]);
      event.target.value = "";
    });
    const zone = $("#dropzone");
    for (const name of ["dragenter", "dragover"]) {
      zone.addEventListener(name, (event) => {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    }
    for (const name of ["dragleave", "dragend"]) zone.addEventListener(name, () => zone.classList.remove("dragging"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("dragging");
      this.uploadAll([...(event.dataTransfer?.files || [])]);
    });
    // A file dropped next to the zone must not make the browser navigate away from the chat.
    window.addEventListener("dragover", (event) => event.preventDefault());
    window.addEventListener("drop", (event) => event.preventDefault());
  },

  setOpen(open) {
    document.body.classList.toggle("library-open", open);
    $("#library-toggle").setAttribute("aria-expanded", String(open));
    $("#backdrop").hidden = !open;
  },

  async refresh() {
    const error = $("#documents-error");
    let documents;
    try {
      documents = await api.documents();
    } catch (failure) {
      error.textContent = TEXT.documentsFailed(failure.message);
      error.hidden = false;
      return;
    }
    error.hidden = true;
    const list = $("#documents");
    list.replaceChildren(...documents.map((document_) => this.item(document_)));
    $("#documents-empty").hidden = documents.length > 0;
    $("#document-count").textContent = String(documents.length);
  },

  item(info) {
    const item = fromTemplate("document-template");
    item.dataset.docId = info.doc_id;
    const title = info.title || info.source;
    $(".document-title", item).textContent = title;
    $(".document-title", item).title = info.source;
    $(".document-period", item).textContent = info.period || TEXT.noPeriod;
    $(".document-chunks", item).textContent = TEXT.chunks(info.chunks);
    $(".draft-badge", item).hidden = !info.draft;
    const ocr = $(".ocr-badge", item);
    ocr.hidden = !info.ocr_pages;
    if (info.ocr_pages) ocr.title = TEXT.ocrTitle(info.ocr_pages);
    const remove = $(".delete", item);
    remove.setAttribute("aria-label", TEXT.deleteLabel(title));
    remove.title = TEXT.deleteLabel(title);
    remove.addEventListener("click", () => this.remove(info, remove));
    return item;
  },

  async remove(info, button) {
    const title = info.title || info.source;
    if (!window.confirm(TEXT.confirmDelete(title))) return;
    button.disabled = true;
    const error = $("#documents-error");
    try {
      await api.deleteDocument(info.doc_id);
      error.hidden = true;
      this.showUpload(title, TEXT.deleted(title), "done", null);
    } catch (failure) {
      button.disabled = false;
      error.textContent = TEXT.deleteFailed(failure.message);
      error.hidden = false;
    }
    await this.refresh();
  },

  showUpload(name, message, state, progress, notes = []) {
    const box = $("#upload");
    box.hidden = false;
    box.dataset.state = state;
    $("#upload-name").textContent = name;
    $("#upload-status").textContent = message;
    const bar = $("#upload-progress");
    bar.hidden = progress === null && state !== "processing";
    if (progress !== null) bar.value = progress;
    else if (state === "processing") bar.removeAttribute("value"); // indeterminate: working, amount unknown
    const list = $("#upload-notes");
    list.replaceChildren(
      ...notes.map((note) => {
        const item = document.createElement("li");
        item.textContent = note;
        return item;
      }),
    );
    list.hidden = notes.length === 0;
  },

  async uploadAll(files) {
    for (const file of files) await this.upload(file);
  },

  async upload(file) {
    this.showUpload(file.name, TEXT.uploading(0), "uploading", 0);
    try {
      const report = await api.upload(
        file,
        (fraction) => {
          const percent = Math.round(fraction * 100);
          if (fraction >= 1) this.showUpload(file.name, TEXT.processing, "processing", null);
          else this.showUpload(file.name, TEXT.uploading(percent), "uploading", percent);
        },
        (state) => this.showWork(file.name, state),
      );
      const title = report.title || report.source;
      const message = { added: TEXT.uploaded, updated: TEXT.updated, unchanged: TEXT.unchanged }[report.status] || TEXT.uploaded;
      this.showUpload(file.name, message(title, report.chunks), "done", 100, report.notes || []);
    } catch (error) {
      this.showUpload(file.name, error.message, "error", null);
    }
    await this.refresh();
  },

  // The server's progress while it works on the file: the page being read by OCR, then the texts
  // embedded out of their total, with the time left.
  showWork(name, state) {
    if (state.stage === "read") {
      const message = state.pages_total ? TEXT.readingPages(state.pages_done, state.pages_total) : TEXT.processing;
      const percent = state.pages_total ? Math.round((100 * state.pages_done) / state.pages_total) : null;
      this.showUpload(name, withEta(message, state), "processing", percent);
    } else if (state.stage === "embed" && state.texts_total) {
      const percent = Math.round((100 * state.texts_done) / state.texts_total);
      this.showUpload(name, withEta(TEXT.embedding(state.texts_done, state.texts_total), state), "processing", percent);
    } else if (state.stage === "write") {
      this.showUpload(name, TEXT.writing, "processing", 100);
    }
  },
};

function withEta(message, state) {
  if (state.eta_s === null || state.eta_s === undefined || state.eta_s < 1) return message;
  const seconds = Math.round(state.eta_s);
  const left = seconds < 60 ? TEXT.seconds(seconds) : TEXT.minutes(Math.round(seconds / 60));
  return `${message} · ${TEXT.left(left)}`;
}

// ---------------------------------------------------------------------------------------------
// The session: the API key (kept in sessionStorage: this tab only, gone when it closes; never in
// localStorage or the address) and what it may do. The server decides; the page only hides the
// controls a key cannot use (upload, delete for a reader key).

const KEY_STORAGE = "assistant.apiKey";

const session = {
  role: null,

  key() {
    try {
      return sessionStorage.getItem(KEY_STORAGE) || "";
    } catch {
      return "";
    }
  },

  setKey(key) {
    try {
      if (key) sessionStorage.setItem(KEY_STORAGE, key);
      else sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      /* storage refused (private mode): the key lives as long as the page */
    }
  },

  init() {
    const form = $("#key-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.tryKey($("#api-key").value.trim());
    });
    $("#key-button").addEventListener("click", () => this.askForKey(TEXT.keyNeeded, { cancellable: true }));
    $("#key-cancel").addEventListener("click", () => $("#key-dialog").close());
    // Without a key the page cannot work: the dialog is closed only by a key that works.
    $("#key-dialog").addEventListener("cancel", (event) => {
      if (!this.role) event.preventDefault();
    });
  },

  // Asks the server what this key (or no key) may do; a 401 opens the key dialog (via api.error).
  async start() {
    try {
      this.apply(await api.whoami());
    } catch {
      return;
    }
    chat.loadExamples();
    library.refresh();
  },

  apply(access) {
    this.role = access.role;
    document.body.dataset.role = access.role;
    const badge = $("#key-button");
    badge.hidden = !access.keys_required;
    $("#key-role").textContent = access.role === "admin" ? TEXT.roleAdmin : TEXT.roleReader;
  },

  askForKey(message, { cancellable = false } = {}) {
    const dialog = $("#key-dialog");
    $("#key-message").textContent = message;
    $("#key-cancel").hidden = !cancellable || !this.role;
    if (!dialog.open) {
      $("#api-key").value = "";
      dialog.showModal();
    }
    $("#api-key").focus();
  },

  async tryKey(key) {
    if (!key) return;
    const previous = this.key();
    this.setKey(key);
    $("#key-message").textContent = TEXT.keyChecking;
    try {
      this.apply(await api.whoami());
    } catch (error) {
      // A refused key is forgotten (the one before stays); the server's reason is already shown
      // for a 401 (api.error asked for a key again), any other failure is shown here.
      this.setKey(previous);
      if (error.status !== 401) $("#key-message").textContent = error.message;
      return;
    }
    $("#key-dialog").close();
    chat.loadExamples();
    library.refresh();
    $("#question").focus();
  },
};

citationDialog.init();
chat.init();
library.init();
session.init();
session.start();
$("#question").focus();
