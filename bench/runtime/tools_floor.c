/* The floor of an idle hook for the runtime benchmark (bench/runtime.sh).
 *
 * A static C program that does only what every reactive idle hook must: start the three hook
 * tools it needs (is-leader, leader-get, config-get; all at once, as libcharm does), read their
 * answers and wait for them. Nothing else: no store, no files, no handlers. An idle hook's time
 * minus this program's is what the runtime itself costs on this machine.
 */
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

int main(void) {
  char* tools[3][4] = {{"is-leader", "--format=json", NULL},
                       {"leader-get", "--format=json", "-", NULL},
                       {"config-get", "--all", "--format=json", NULL}};
  pid_t pids[3];
  int outs[3];
  for (int i = 0; i < 3; ++i) {
    int fds[2];
    if (pipe(fds) != 0) return 2;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    if (posix_spawnp(&pids[i], tools[i][0], &actions, NULL, tools[i], environ) != 0) return 2;
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    outs[i] = fds[0];
  }
  int failed = 0;
  for (int i = 0; i < 3; ++i) {
    char buf[4096];
    while (read(outs[i], buf, sizeof buf) > 0) {
    }
    close(outs[i]);
    int status = 0;
    waitpid(pids[i], &status, 0);
    failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  return failed;
}
