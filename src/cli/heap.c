/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The process heap on transparent huge pages.
 *
 * A run of lgc touches about a megabyte of heap, 4 KB at a time: two
 * hundred page faults for `lgc check`, more for a PDF.  On a virtual
 * machine whose host backs the guest's memory lazily, a fault costs
 * from 1.5 to more than 10 µs, so that the faults can be most of a
 * check.  One fault of a 2 MB huge page costs about as much as a dozen
 * small ones, and serves the whole run.
 *
 * glibc grows its heap with brk from wherever the break is, and the
 * kernel only gives huge pages to ranges aligned on their size.  So the
 * heap is first made to reach the next aligned address: one block from
 * the top of the heap up to it, left untouched (its pages are never
 * backed) and kept for the whole run.  What glibc allocates next starts
 * on the aligned address, in a range marked MADV_HUGEPAGE.  glibc's own
 * tunable (glibc.malloc.hugetlb) does the same, but can only be set from
 * the environment, before the program starts.
 *
 * This is only a placement: when the allocator is not glibc's brk heap
 * (sanitizers, valgrind), or the kernel has no huge pages, nothing is
 * marked and the run is the same, a few page faults dearer. */
#define _DEFAULT_SOURCE

#include "cli/heap.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE) && \
    (defined(__x86_64__) || defined(__i386__))
/* The size of a huge page where pages are 4 KB (PMD size). */
#define HUGE_PAGE	((uintptr_t)2 << 20)

void *
heap_place_on_huge_pages(void)
{
	uintptr_t brk_end, top, aligned, end;
	struct mallinfo2 info;
	void *block;

	brk_end = (uintptr_t)sbrk(0);
	if (brk_end == (uintptr_t)-1)
		return NULL;
	/* keepcost is the size of glibc's top chunk, which ends at the
	 * break when the heap is contiguous. */
	info = mallinfo2();
	if (info.keepcost == 0 || info.keepcost > brk_end)
		return NULL;
	top = brk_end - info.keepcost;
	/* The first aligned address past the top's start with room for a
	 * chunk before it; past the top's end when the top would hold
	 * less than a huge page after it (a heap not yet grown).  In a
	 * batch's worker, the top is what the parent reserved and never
	 * touched: its pages are still to be faulted, in this process. */
	aligned = (top + 6 * sizeof(size_t) + HUGE_PAGE - 1) &
	    ~(HUGE_PAGE - 1);
	if (aligned < brk_end && brk_end - aligned < HUGE_PAGE)
		aligned = (brk_end + HUGE_PAGE) & ~(HUGE_PAGE - 1);
	/* A chunk of glibc has 16 bytes of header before the pointer and
	 * a size 8 bytes more than the request: asking for
	 * ALIGNED - TOP - 24 makes a chunk from TOP to 16 bytes short of
	 * ALIGNED, where the header of the next chunk goes.  Nothing is
	 * then written on the aligned range before it is marked: a page
	 * written there first would make the kernel map the range in
	 * small pages. */
	block = malloc(aligned - top - 3 * sizeof(size_t));
	if (block == NULL)
		return NULL;
	if ((uintptr_t)block != top + 2 * sizeof(size_t))
		return block;	/* not the brk heap: left as it is */
	end = (uintptr_t)sbrk(0) & ~(HUGE_PAGE - 1);
	if (end > aligned)
		(void)madvise((void *)aligned, end - aligned, MADV_HUGEPAGE);
	return block;
}
#else
void *
heap_place_on_huge_pages(void)
{
	return NULL;
}
#endif
