/* tmreport: picks the sub-command and runs it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tmreport.h"
#include "untraced.h"

static const command commands[] = {
    {"top", COMMAND_TOP, "DUMP", 1, 1,
     "the biggest statistics, as Snapshot.statistics()", run_top},
    {"diff", COMMAND_DIFF, "OLD NEW", 2, 2,
     "what changed from OLD to NEW, as Snapshot.compare_to()", run_diff},
    {"sizes", COMMAND_SIZES, "DUMP", 1, 1,
     "the sizes of the biggest lines' live blocks, as a histogram", run_sizes},
    {"info", COMMAND_INFO, "DUMP", 1, 1,
     "format version, program, pid, time, blocks, size, sites", run_info},
    {"folded", COMMAND_FOLDED, "DUMP", 1, 1,
     "folded stacks for flamegraph.pl, inferno, speedscope", run_folded},
    {"flamegraph", COMMAND_FLAMEGRAPH, "[OLD] DUMP -o FILE.svg", 1, 2,
     "a flame graph of live memory, or of its change, as one SVG file",
     run_flamegraph},
    {"pprof", COMMAND_PPROF, "DUMP -o FILE.pb.gz", 1, 1,
     "live memory as a gzipped profile.proto for pprof, Pyroscope, Parca",
     run_pprof},
    {"speedscope", COMMAND_SPEEDSCOPE, "DUMP -o FILE.json", 1, 1,
     "live memory in speedscope's file format, in bytes and in blocks",
     run_speedscope},
    {"timeline", COMMAND_TIMELINE, "DUMP -o FILE.svg", 1, 1,
     "traced memory over time, with its peak, as one self-contained SVG file",
     run_timeline},
    {"html", COMMAND_HTML, "[OLD] DUMP -o FILE.html", 1, 2,
     "one self-contained HTML page: totals, tables, flame graph, timeline, diff",
     run_html},
};
#define NCOMMAND (sizeof commands / sizeof commands[0])

static void print_help(void) {
  printf("usage: tmreport COMMAND [options] DUMP...\n\n"
         "Reports on snapshot dumps written by tm_snapshot_dump() or "
         "TRACEMALLOC_DUMP.\n\ncommands:\n");
  for (size_t i = 0; i < NCOMMAND; i++)
    printf("  %-10s %s\n", commands[i].name, commands[i].summary);
  printf("\n'tmreport COMMAND --help' lists the options of a command.\n"
         "Exit status: 0 on success, 2 on any error.\n");
}

int main(int argc, char **argv) {
  tm_tool_run_untraced(argv);
  if (argc < 2)
    return report_error("no command (try 'tmreport --help')");
  const char *name = argv[1];
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
      strcmp(name, "help") == 0) {
    print_help();
    return TMREPORT_EXIT_OK;
  }
  if (strcmp(name, "--version") == 0) {
    printf("tmreport (tracemalloc for C) %s\n", TM_VERSION);
    return TMREPORT_EXIT_OK;
  }
  const command *cmd = NULL;
  for (size_t i = 0; i < NCOMMAND && !cmd; i++)
    if (strcmp(name, commands[i].name) == 0)
      cmd = &commands[i];
  if (!cmd)
    return report_error("unknown %s '%s' (try 'tmreport --help')",
                        name[0] == '-' ? "option" : "command", name);

  report_options options;
  int status = TMREPORT_EXIT_ERROR;
  if (parse_options(cmd, argc - 2, argv + 2, &options)) {
    if (options.help) {
      print_command_help(cmd);
      status = TMREPORT_EXIT_OK;
    } else {
      status = cmd->run(&options);
    }
  }
  free_options(&options);
  /* A report cut short (a full disk) must not look like a success. */
  if (fflush(stdout) != 0 || ferror(stdout))
    status = report_error("cannot write the report: %s", strerror(errno));
  return status;
}
