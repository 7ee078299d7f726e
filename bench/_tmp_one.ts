import { refs } from "./_tmp_calib.ts";
import type { World } from "./_quality_history.ts";
const w: World = JSON.parse(Deno.args[0]!);
console.log(JSON.stringify(refs(w, [1, 2, 3, 4, 5, 6, 7, 8])));
