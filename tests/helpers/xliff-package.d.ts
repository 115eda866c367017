// Types for the readers and writers of the `xliff` npm package that the interop tests and bench/formats.ts use (the package ships none).
declare module 'xliff/xliff12ToJs' {
  export default function xliff12ToJs(xml: string): Promise<unknown>
}
declare module 'xliff/xliff2js' {
  export default function xliff2js(xml: string): Promise<unknown>
}
declare module 'xliff/js2xliff' {
  export default function js2xliff(js: unknown): Promise<string>
}
declare module 'xliff/jsToXliff12' {
  export default function jsToXliff12(js: unknown): Promise<string>
}
