// A stand-in for @types/node (not installable here: no npm registry), declaring only what
// index.d.ts and usage.ts use. Users of the binding have the real @types/node.
interface Buffer extends Uint8Array {
  toString(encoding?: 'hex' | 'utf8' | 'base64'): string;
}
declare const Buffer: {
  from(data: string, encoding?: 'hex' | 'utf8' | 'base64'): Buffer;
  alloc(size: number): Buffer;
};
declare function require(id: string): unknown;
declare const console: { log(...values: unknown[]): void };
