/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "base/path.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"

char *
path_lexical(const char *base, const char *name)
{
	struct buf out;
	const char *p, *end;
	size_t len, cut;
	int pass;

	buf_init(&out);
	/* Two passes over one walk: BASE's components, then NAME's. */
	for (pass = name[0] == '/' ? 1 : 0; pass < 2; pass++) {
		for (p = pass == 0 ? base : name; *p != '\0'; p = end) {
			while (*p == '/')
				p++;
			for (end = p; *end != '\0' && *end != '/'; end++)
				continue;
			len = (size_t)(end - p);
			if (len == 0 || (len == 1 && p[0] == '.'))
				continue;
			if (len == 2 && p[0] == '.' && p[1] == '.') {
				/* "/.." is "/", as for the kernel. */
				for (cut = out.len; cut > 0 &&
				    out.data[cut - 1] != '/'; cut--)
					continue;
				out.len = cut > 0 ? cut - 1 : 0;
				if (out.data != NULL)
					out.data[out.len] = '\0';
				continue;
			}
			buf_putc(&out, '/');
			buf_put(&out, p, len);
		}
	}
	if (out.len == 0)
		buf_putc(&out, '/');
	return buf_detach(&out);
}

/* DIR's length without a final "/" ("/" itself: 0). */
static size_t
dir_length(const char *dir)
{
	size_t n = strlen(dir);

	while (n > 0 && dir[n - 1] == '/')
		n--;
	return n;
}

bool
path_within(const char *path, const char *dir)
{
	size_t n = dir_length(dir);

	return strncmp(path, dir, n) == 0 && path[n] == '/' &&
	    path[n + 1] != '\0';
}

bool
path_leads_to(const char *path, const char *dir)
{
	size_t n = dir_length(path);

	return strncmp(dir, path, n) == 0 && (dir[n] == '\0' || dir[n] == '/');
}

bool
path_of_fd(int fd, char *out, size_t size)
{
	char link[64];
	ssize_t len;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	len = readlink(link, out, size);
	/* Cut short, or not a path: "(unreachable)/…" outside the
	 * process's root, "pipe:[…]" for what no folder holds. */
	if (len <= 0 || (size_t)len >= size || out[0] != '/') {
		if (size > 0)
			out[0] = '\0';
		return false;
	}
	out[len] = '\0';
	return true;
}

/*
 * Why /proc/self/fd: the link names the very file the descriptor holds,
 * as the kernel found it when it opened it (its dentry), whatever
 * happened to the names since.  The other ways re-walk names, and so
 * reopen the race they close: comparing fstat's device and inode with a
 * realpath'd name follows that name again (a folder swapped for a link
 * between realpath and stat makes the two agree on the wrong file), and
 * walking from a root's descriptor with openat and O_NOFOLLOW means
 * following every permitted link by hand.  A file deleted since reads
 * "PATH (deleted)": still where it was, which the prefix test judges
 * rightly.  Without /proc nothing can be known and the answer is no.
 */
bool
fd_within(int fd, const char *const *dirs, size_t n, char *real)
{
	size_t i;

	if (!path_of_fd(fd, real, PATH_MAX))
		return false;
	for (i = 0; i < n; i++)
		if (path_within(real, dirs[i]))
			return true;
	return false;
}
