/* An instant Juju hook tool for the runtime benchmark (bench/runtime.sh).
 *
 * Installed (as hard links) under every hook-tool name. It prints a fixed answer chosen by the
 * name it was run as, so a hook's cost is measured without any agent behind the tools, and
 * appends that name to $BENCH_TOOL_COUNT (one line per call), so the harness can count the
 * tool processes a hook starts. Built with `cc -static -O2`: its own start-up is the cost of
 * one process spawn, which the benchmark uses as its baseline.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char* answer_for(const char* tool) {
  static const struct { const char* tool; const char* answer; } answers[] = {
      {"config-get", "{}\n"},
      {"is-leader", "true\n"},
      {"leader-get", "{}\n"},
      {"relation-ids", "[]\n"},
  };
  for (size_t i = 0; i < sizeof answers / sizeof answers[0]; ++i)
    if (strcmp(tool, answers[i].tool) == 0) return answers[i].answer;
  return "";
}

/* One write with O_APPEND: lines from concurrent tools never interleave. */
static void record_call(const char* tool) {
  const char* path = getenv("BENCH_TOOL_COUNT");
  if (!path || !*path) return;
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  char line[256];
  size_t n = strlen(tool);
  if (n > sizeof line - 2) n = sizeof line - 2;
  memcpy(line, tool, n);
  line[n] = '\n';
  (void)!write(fd, line, n + 1);
  close(fd);
}

int main(int argc, char** argv) {
  (void)argc;
  const char* tool = argv[0] ? argv[0] : "";
  const char* slash = strrchr(tool, '/');
  if (slash) tool = slash + 1;
  record_call(tool);
  const char* answer = answer_for(tool);
  size_t len = strlen(answer);
  if (len) (void)!write(1, answer, len);
  return 0;
}
