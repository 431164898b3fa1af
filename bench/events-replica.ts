// A second app replica for bench/events: the same rig (serve endpoint + embedded engine, woken on
// commit) in its own process against the benchmark's PostgreSQL database, sharing the run queue
// with the first. Reports each function start to its parent: [event id, wall-clock ms].
import { openDatabase } from "../db";
import { startEventsRig } from "./events-rig";

const url = process.env.BENCH_DATABASE_URL;
const eventName = process.env.BENCH_EVENT;
if (!url || !eventName || !process.send) throw new Error("Started by bench/events.bench.ts only");
const send = (message: unknown) => process.send?.(message);

const handle = await openDatabase({ databaseUrl: url, dataDir: "" });
const rig = await startEventsRig(handle.db, eventName, { listen: handle.listen });
let reported = 0;
const report = setInterval(() => {
  const starts = [...rig.starts].slice(reported);
  reported += starts.length;
  if (starts.length > 0) send({ starts });
}, 20);

process.on("message", async (message) => {
  if (message !== "stop") return;
  clearInterval(report);
  await rig.close();
  send({ starts: [...rig.starts].slice(reported), stopped: true });
  await handle.close();
  process.disconnect();
});
send({ ready: true });
