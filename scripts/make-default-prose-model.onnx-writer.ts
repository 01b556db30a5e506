/**
 * Writes ONNX models without a protobuf library: the subset of onnx.proto the default prose model needs (ModelProto,
 * GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto), encoded field by field. Field numbers are the
 * ones in onnx/onnx.proto (IR version 8, opset 17). Output bytes depend only on the inputs (no maps, no timestamps),
 * so the same graph always gives the same file and the same sha256.
 */

/** ONNX TensorProto.DataType values used here. */
export const DT = { FLOAT: 1, INT64: 7, BOOL: 9 } as const;
type AttrValue = number | bigint | number[] | string;

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  /** Integers (use bigint or a whole number), floats (a number with `float: true`), int lists, strings. */
  attrs?: Record<string, AttrValue | { float: number }>;
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  type: typeof DT.FLOAT | typeof DT.INT64;
  data: Float32Array | BigInt64Array;
}

export interface OnnxValueInfo {
  name: string;
  type: number;
  /** A number is a fixed size; a string names a symbolic dimension ("batch", "sequence"). */
  shape: Array<number | string>;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  docString?: string;
  metadata?: Array<[string, string]>;
  producer: string;
  producerVersion: string;
}

class Writer {
  private parts: Uint8Array[] = [];

  varint(v: number | bigint): this {
    let x = BigInt.asUintN(64, BigInt(v));
    const bytes: number[] = [];
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x) b |= 0x80;
      bytes.push(b);
    } while (x);
    this.parts.push(Uint8Array.from(bytes));
    return this;
  }
  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }
  int(field: number, v: number | bigint): this {
    return this.tag(field, 0).varint(v);
  }
  bytes(field: number, b: Uint8Array): this {
    this.tag(field, 2).varint(b.length);
    this.parts.push(b);
    return this;
  }
  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }
  message(field: number, w: Writer): this {
    return this.bytes(field, w.finish());
  }
  float(field: number, f: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, f, true);
    this.tag(field, 5);
    this.parts.push(b);
    return this;
  }
  finish(): Uint8Array {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

function tensor(t: OnnxTensor): Writer {
  const w = new Writer();
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.type).string(8, t.name);
  // raw_data is little-endian, which is what typed arrays hold on every platform Node supports
  w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return w;
}

function attribute(name: string, v: AttrValue | { float: number }): Writer {
  const w = new Writer().string(1, name);
  if (typeof v === 'object' && !Array.isArray(v)) return w.int(20, 1).float(2, v.float); // FLOAT
  if (typeof v === 'string') return w.int(20, 3).string(4, v); // STRING
  if (Array.isArray(v)) {
    w.int(20, 7); // INTS
    for (const x of v) w.int(8, x);
    return w;
  }
  return w.int(20, 2).int(3, v); // INT
}

function node(n: OnnxNode): Writer {
  const w = new Writer();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.op);
  for (const k of Object.keys(n.attrs ?? {}).sort()) w.message(5, attribute(k, n.attrs![k]));
  return w;
}

function valueInfo(v: OnnxValueInfo): Writer {
  const shape = new Writer();
  for (const d of v.shape) shape.message(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().string(2, d));
  const tensorType = new Writer().int(1, v.type).message(2, shape);
  return new Writer().string(1, v.name).message(2, new Writer().message(1, tensorType));
}

/** Serialises a model: IR version 8, default-domain opset 17. */
export function encodeModel(g: OnnxGraph): Uint8Array {
  const graph = new Writer();
  for (const n of g.nodes) graph.message(1, node(n));
  graph.string(2, g.name);
  for (const t of g.initializers) graph.message(5, tensor(t));
  if (g.docString) graph.string(10, g.docString);
  for (const i of g.inputs) graph.message(11, valueInfo(i));
  for (const o of g.outputs) graph.message(12, valueInfo(o));

  const model = new Writer().int(1, 8).string(2, g.producer).string(3, g.producerVersion).int(5, 1);
  model.message(7, graph);
  model.message(8, new Writer().string(1, '').int(2, 17));
  for (const [k, v] of g.metadata ?? []) model.message(14, new Writer().string(1, k).string(2, v));
  return model.finish();
}
