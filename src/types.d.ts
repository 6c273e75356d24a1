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
declare module '@11ty/eleventy-img' {
  export default function Image(src: string, options?: Record<string, unknown>): Promise<Record<string, { filename: string; width: number; height: number; format: string; url: string }[]>>;
}
