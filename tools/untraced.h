/*
 * The tools link the runtime (for the API's own formatters and loader),
 * which reads TRACEMALLOC* when it starts and acts on them at exit: with
 * TRACEMALLOC_DUMP exported to trace some other program, `tmreport top
 * that.dump` would overwrite that.dump with a snapshot of itself.
 */
#ifndef TM_TOOLS_UNTRACED_H
#define TM_TOOLS_UNTRACED_H

/* Runs the program again without those variables, before anything
 * happens; returns when none was set (or without /proc, having stopped
 * tracing). */
void tm_tool_run_untraced(char **argv);

#endif /* TM_TOOLS_UNTRACED_H */
