import type { Unit } from '../types.js';
import { isObj, type Obj } from '../shared/obj.js';

/** Gemini `functionResponse.response` is an object: its string fields (e.g. `output`, `content`) are the units. */
export function geminiUnits(body: Obj): Unit[] {
  const out: Unit[] = [];
  const contents = body.contents;
  if (!Array.isArray(contents)) return out;
  contents.forEach((c, i) => {
    if (!isObj(c) || !Array.isArray(c.parts)) return;
    c.parts.forEach((p, j) => {
      if (!isObj(p) || !isObj(p.functionResponse)) return;
      const fr = p.functionResponse;
      const toolName = typeof fr.name === 'string' ? fr.name : undefined;
      if (!isObj(fr.response)) return;
      for (const [k, v] of Object.entries(fr.response))
        if (typeof v === 'string')
          out.push({ path: ['contents', i, 'parts', j, 'functionResponse', 'response', k], text: v, toolName });
    });
  });
  return out;
}
