// Types for the two readers of the `xliff` npm package that the interop tests use (the package ships none).
declare module 'xliff/xliff12ToJs' {
  export default function xliff12ToJs(xml: string): Promise<unknown>
}
declare module 'xliff/xliff2js' {
  export default function xliff2js(xml: string): Promise<unknown>
}
