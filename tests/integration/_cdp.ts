/**
 * A headless Chromium driven over the Chrome DevTools Protocol, for tests
 * that must act on a live page (click "run all", wait for a kernel) rather
 * than dump a static one (`_browser.ts`'s `browse`). Every request the page
 * makes is recorded, so a test can assert that nothing left the machine.
 */
import { join } from "@std/path";
import { chromium } from "./_browser.ts";

/** One request the page made, as Chromium reported it. */
export interface PageRequest {
  /** The URL requested. */
  url: string;
  /** Whether it failed (DNS, refused, blocked). */
  failed: boolean;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** A Chromium process with one page, and a DevTools connection to that page. */
export class LivePage {
  /** Requests the page made, in order (data: and blob: URLs left out). */
  readonly requests: PageRequest[] = [];
  /** Console errors and uncaught exceptions of the page. */
  readonly errors: string[] = [];
  #process: Deno.ChildProcess;
  #socket: WebSocket;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #requestIds = new Map<string, PageRequest>();

  private constructor(process: Deno.ChildProcess, socket: WebSocket) {
    this.#process = process;
    this.#socket = socket;
    socket.onmessage = (event) => this.#receive(JSON.parse(String(event.data)));
    socket.onclose = () => {
      for (const p of this.#pending.values()) p.reject(new Error("DevTools connection closed"));
      this.#pending.clear();
    };
  }

  /**
   * Starts headless Chromium (profile in `profile`) and connects to its page.
   * Host names other than 127.0.0.1 do not resolve (`--host-resolver-rules`),
   * so a page that reaches for a CDN fails visibly instead of depending on
   * whether the machine happens to be online.
   */
  static async launch(profile: string): Promise<LivePage> {
    if (!chromium) throw new Error("Cannot start Chromium: none is installed");
    const process = new Deno.Command(chromium, {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--remote-debugging-port=0",
        "--remote-allow-origins=*",
        "--window-size=1280,1600",
        `--user-data-dir=${profile}`,
        "about:blank",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    try {
      // Chromium writes the port it chose, then the browser's path, into the profile.
      let port = "";
      for (let i = 0; i < 300 && !port; i++) {
        try {
          port = (await Deno.readTextFile(join(profile, "DevToolsActivePort"))).split("\n")[0];
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      if (!port) throw new Error("Chromium did not open its DevTools port within 30 s");
      const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json() as {
        type: string;
        webSocketDebuggerUrl: string;
      }[];
      const target = targets.find((t) => t.type === "page");
      if (!target) throw new Error("Chromium has no page to drive");
      const socket = new WebSocket(target.webSocketDebuggerUrl);
      await new Promise<void>((resolve, reject) => {
        socket.onopen = () => resolve();
        socket.onerror = () => reject(new Error("Cannot connect to Chromium's DevTools"));
      });
      const page = new LivePage(process, socket);
      await page.send("Network.enable");
      await page.send("Runtime.enable");
      await page.send("Page.enable");
      return page;
    } catch (e) {
      try {
        process.kill("SIGKILL");
      } catch { /* gone */ }
      await process.status;
      throw e;
    }
  }

  #receive(msg: {
    id?: number;
    result?: unknown;
    error?: { message: string };
    method?: string;
    params?: Record<string, unknown>;
  }): void {
    if (msg.id !== undefined) {
      const p = this.#pending.get(msg.id);
      this.#pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(`DevTools: ${msg.error.message}`));
      else p?.resolve(msg.result);
      return;
    }
    const params = msg.params ?? {};
    if (msg.method === "Network.requestWillBeSent") {
      const url = String((params.request as { url: string }).url);
      if (url.startsWith("data:") || url.startsWith("blob:")) return;
      const request = { url, failed: false };
      this.requests.push(request);
      this.#requestIds.set(String(params.requestId), request);
    } else if (msg.method === "Network.loadingFailed") {
      const request = this.#requestIds.get(String(params.requestId));
      if (request) request.failed = true;
    } else if (msg.method === "Runtime.exceptionThrown") {
      const details = params.exceptionDetails as {
        text: string;
        exception?: { description?: string };
      };
      this.errors.push(details.exception?.description ?? details.text);
    } else if (msg.method === "Runtime.consoleAPICalled" && params.type === "error") {
      const args = params.args as { value?: unknown; description?: string }[];
      this.errors.push(args.map((a) => a.value ?? a.description).join(" "));
    }
  }

  /** Sends a DevTools command and returns its result. */
  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Opens `url` in the page. */
  async navigate(url: string): Promise<void> {
    await this.send("Page.navigate", { url });
  }

  /**
   * Evaluates `expression` in the page (awaiting a promise it returns) and
   * returns its value as JSON. A thrown error fails with its description.
   */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    }) as {
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (r.exceptionDetails) {
      throw new Error(
        `In the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`,
      );
    }
    return r.result.value as T;
  }

  /**
   * Evaluates `expression` every `interval` ms until it returns something
   * truthy, and returns that; fails after `timeout` ms naming `what`.
   */
  async waitFor<T>(
    expression: string,
    what: string,
    options: { timeout?: number; interval?: number } = {},
  ): Promise<T> {
    const deadline = Date.now() + (options.timeout ?? 60_000);
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        const value = await this.evaluate<T>(expression);
        if (value) return value;
      } catch (e) {
        last = e; // the page may be navigating
      }
      await new Promise((r) => setTimeout(r, options.interval ?? 200));
    }
    throw new Error(
      `Timed out after ${options.timeout ?? 60_000} ms waiting for ${what}${
        last ? ` (last error: ${(last as Error).message})` : ""
      }`,
    );
  }

  /** Ends Chromium. */
  async close(): Promise<void> {
    try {
      this.#socket.close();
    } catch { /* already closed */ }
    try {
      this.#process.kill("SIGKILL");
    } catch { /* gone */ }
    await this.#process.status;
  }
}
