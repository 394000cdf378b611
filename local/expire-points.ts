/**
 * `npm run expire-points`: runs the expiry job of the running `npm start` now (the database
 * belongs to that process, so the command asks it over HTTP).
 */
const port = Number(process.env.PORT ?? 3000);
const res = await fetch(`http://localhost:${port}/_local/schedules/expirePoints`, { method: 'POST' }).catch((err: Error) => {
  console.error(`No local platform answers on port ${port} (${err.message}). Start it with npm start, or set PORT.`);
  process.exit(1);
});
const result: unknown = await res.json();
console.log(res.ok ? 'Expiry run:' : 'Expiry failed:', result);
process.exit(res.ok ? 0 : 1);
