#ifndef CPTY_H
#define CPTY_H
#include <spawn.h>
#include <stddef.h>

/// Opens a new pseudo-terminal: returns its master descriptor (close-on-exec, not a controlling
/// terminal) and writes the slave's path into `name`; -1 with errno set on failure.
int cpty_open(char *name, size_t length);

/// POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK (SETSID is a GNU extension).
short cpty_spawn_flags(void);

/// posix_spawn_file_actions_addclosefrom_np: close every descriptor from `from` on in the child.
int cpty_add_close_from(posix_spawn_file_actions_t *actions, int from);

#endif
