#ifndef CMALLOC_H
#define CMALLOC_H

/// glibc's allocator controls, which Swift's Glibc module leaves out (they live in <malloc.h>).

/// Fixes the size from which blocks are mapped on their own (mallopt M_MMAP_THRESHOLD); 1 on success.
int cmalloc_set_mmap_threshold(int bytes);

/// Whether glibc mapped the block at `pointer` (from malloc) on its own: 1 yes, 0 no, -1 unknown.
int cmalloc_is_mapped(void *pointer);

#endif
