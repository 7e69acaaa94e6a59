/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Paths as strings, and where a file already open lies: what confining
 * a template's includes to root folders is built on. */
#ifndef LGC_PATH_H
#define LGC_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* NAME made absolute from BASE (itself absolute) unless it is already,
 * with ".", ".." and repeated "/" folded as written, without asking the
 * file system (so ".." after a symbolic link is not what the kernel
 * would make of it).  Malloc'd. */
char	*path_lexical(const char *base, const char *name);
/* Whether PATH lies strictly inside the folder DIR (both absolute and
 * folded; DIR may end with "/"). */
bool	 path_within(const char *path, const char *dir);
/* Whether PATH is DIR or one of the folders leading to it. */
bool	 path_leads_to(const char *path, const char *dir);
/* Where the file open on FD lies, as the kernel names it
 * (/proc/self/fd): into OUT of SIZE bytes.  False when that cannot be
 * known (no /proc, a file that no path reaches). */
bool	 path_of_fd(int fd, char *out, size_t size);
/* Whether the file open on FD lies inside one of the N folders DIRS
 * (real paths, as realpath gives them); the file's path in REAL (of
 * PATH_MAX bytes, "" when unknown).  The descriptor is what is judged,
 * never a name: a link changed after the open changes nothing. */
bool	 fd_within(int fd, const char *const *dirs, size_t n, char *real);

#endif
