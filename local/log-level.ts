/**
 * Imported first by the local entry points: the shared logger reads POWERTOOLS_LOG_LEVEL when it
 * is constructed (at import) and returns to that level on every warm invocation, so the level
 * must be in the environment before anything imports it. WARN unless the caller set one.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
