declare module '@11ty/eleventy-plugin-rss' {
  export function dateToRfc3339(date: Date): string;
  export function convertHtmlToAbsoluteUrls(html: string, base: string, options?: Record<string, unknown>): Promise<string>;
}
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    disableLogger(): void;
    toJSON(): Promise<unknown>;
  }
}
