#include "cmalloc.h"
#include <stdlib.h> /* features.h: __GLIBC__ */

#if defined(__GLIBC__)
#include <malloc.h>

int cmalloc_set_mmap_threshold(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }

/* glibc keeps a chunk's size just before the block, with bit 0x2 (IS_MMAPPED) set for a chunk it mapped on
   its own: the same in every glibc since 2.0 (malloc/malloc.c, "chunk_is_mmapped"). */
int cmalloc_is_mapped(void *pointer) {
    if (pointer == 0) return -1;
    size_t header = ((size_t *)pointer)[-1];
    return (header & 0x2) != 0;
}
#else
int cmalloc_set_mmap_threshold(int bytes) { (void)bytes; return 0; }

int cmalloc_is_mapped(void *pointer) { (void)pointer; return -1; }
#endif
