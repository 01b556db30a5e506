// The part of playwright-core's API the UI scripts and the test host use, declared here so `npm test` type-checks
// test/e2e on a fresh clone without test/e2e/node_modules. run.sh checks the same files against playwright-core's
// own types after setup.sh (tsconfig.installed.json), so a use this file allows but playwright does not is caught.
type Timeout = { timeout?: number };
type Box = { x: number; y: number; width: number; height: number };

export interface Locator {
  first(): Locator;
  nth(index: number): Locator;
  locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
  filter(options: { hasText?: string | RegExp; has?: Locator }): Locator;
  getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
  waitFor(options?: Timeout & { state?: 'attached' | 'detached' | 'visible' | 'hidden' }): Promise<void>;
  click(options?: Timeout & { position?: { x: number; y: number } }): Promise<void>;
  fill(value: string, options?: Timeout): Promise<void>;
  focus(options?: Timeout): Promise<void>;
  hover(options?: Timeout): Promise<void>;
  check(options?: Timeout): Promise<void>;
  uncheck(options?: Timeout): Promise<void>;
  innerText(options?: Timeout): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  count(): Promise<number>;
  boundingBox(options?: Timeout): Promise<Box | null>;
  evaluate<R, Arg = void, E extends SVGElement | HTMLElement = SVGElement | HTMLElement>(
    fn: (el: E, arg: Arg) => R | Promise<R>,
    arg?: Arg,
  ): Promise<R>;
  evaluateAll<R, E extends SVGElement | HTMLElement = SVGElement | HTMLElement>(fn: (els: E[]) => R): Promise<R>;
}

export interface FrameLocator {
  locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
  frameLocator(selector: string): FrameLocator;
}

export interface ConsoleMessage {
  type(): string;
  text(): string;
}

export interface Page {
  goto(
    url: string,
    options?: Timeout & { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit' },
  ): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
  frameLocator(selector: string): FrameLocator;
  keyboard: { press(key: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void> };
  screenshot(options?: { path?: string; clip?: Box; animations?: 'disabled' | 'allow' }): Promise<Buffer>;
  exposeFunction(name: string, fn: (...args: any[]) => unknown): Promise<void>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  viewportSize(): { width: number; height: number } | null;
  on(event: 'console', fn: (message: ConsoleMessage) => void): this;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export const chromium: {
  launchPersistentContext(
    userDataDir: string,
    options: {
      executablePath?: string;
      headless?: boolean;
      viewport?: { width: number; height: number };
      env?: NodeJS.ProcessEnv;
      args?: string[];
    },
  ): Promise<BrowserContext>;
};
