/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#ifndef LGC_CLI_HEAP_H
#define LGC_CLI_HEAP_H

/* Makes what the process allocates next start on a huge page, where the
 * system has them (heap.c says why).  Called at the start of main, after
 * mallopt, and by a batch's worker once forked, whose allocations would
 * otherwise copy the parent's pages one by one; returns a block to free
 * at the end, or NULL. */
void	*heap_place_on_huge_pages(void);

#endif
